import type { ModuleInstance, ResourceInstance } from '../model/types';
import { calledAsChild, opaqueVpcCalls, rootOf, treeEndpoints, treeModules, type EndpointFacts } from './lib/endpoints';
import { perRun } from './lib/index-cache';
import type { Rule } from './types';
import { headerRange, instanceKey } from './wiring';

interface FlowLogs {
  /** VPCs (by instance key) a flow log names in vpc_id. */
  covered: Set<string>;
  /** VPCs that a subnet flow log may be in. */
  maybe: Set<string>;
  /** A flow log whose VPC cannot be told (unresolved target, unknown subnet VPC, a network interface). */
  anyMaybe: boolean;
}

// Every VPC asks about the flow logs of the tree: they are gone through once per tree and run,
// not once per VPC (which made the rule quadratic in a module holding many networks).
const flowLogsOf = perRun((root: ModuleInstance): FlowLogs => {
  const out: FlowLogs = { covered: new Set(), maybe: new Set(), anyMaybe: false };
  for (const m of treeModules(root)) {
    for (const fl of m.resources('aws_flow_log')) {
      const v = fl.attr('vpc_id');
      if (v !== undefined && v.kind !== 'null') {
        const target = m.resolve(v);
        if (!target) out.anyMaybe = true;
        else out.covered.add(instanceKey(target));
        continue;
      }
      // Subnet and network-interface flow logs also see endpoint traffic: count them when they may be in this VPC.
      const subnet = fl.attr('subnet_id');
      if (subnet !== undefined && subnet.kind !== 'null') {
        const s = m.resolve(subnet);
        const sv = s ? s.module.resolve(s.attr('vpc_id')) : undefined;
        if (!sv) out.anyMaybe = true;
        else out.maybe.add(instanceKey(sv));
        continue;
      }
      const eni = fl.attr('eni_id');
      if (eni !== undefined && eni.kind !== 'null') out.anyMaybe = true;
    }
  }
  return out;
});

/** Does some aws_flow_log cover the VPC? undefined when a flow log's target cannot be resolved. */
function hasFlowLog(vpc: ResourceInstance): boolean | undefined {
  const logs = flowLogsOf(rootOf(vpc.module));
  const key = instanceKey(vpc);
  if (logs.covered.has(key)) return true;
  return logs.anyMaybe || logs.maybe.has(key) ? undefined : false;
}

export const rule: Rule = {
  meta: {
    id: 'PL702',
    name: 'vpc-without-flow-logs',
    severity: 'hint',
    description: 'A VPC that has endpoints has no aws_flow_log.',
    why: 'Endpoints move traffic off the public path, where it is no longer seen by NAT gateway metrics or proxies. VPC flow logs are then the record of which hosts talk to which endpoints, which is what an investigation or a cost question needs.',
    resources: ['aws_vpc', 'aws_flow_log', 'aws_vpc_endpoint'],
    fixable: false,
  },
  check(ctx) {
    if (calledAsChild(ctx.module, ctx.workspace)) return;
    const vpcs = ctx.module.resources('aws_vpc');
    if (!vpcs.length) return;
    // The endpoints by VPC, in order: one pass, not one per VPC.
    const byVpc = new Map<string, EndpointFacts[]>();
    for (const f of treeEndpoints(ctx.module)) {
      if (f.vpc === undefined) continue;
      const k = instanceKey(f.vpc);
      const l = byVpc.get(k);
      if (l) l.push(f);
      else byVpc.set(k, [f]);
    }
    for (const vpc of vpcs) {
      const inside = byVpc.get(instanceKey(vpc)) ?? [];
      if (!inside.length) continue;
      if (hasFlowLog(vpc) !== false) continue;
      if (opaqueVpcCalls(ctx.module)) return;
      const first = inside[0].ep;
      ctx.report({
        message: `${vpc.address} has ${inside.length} VPC endpoint${inside.length > 1 ? 's' : ''} and no aws_flow_log: traffic to them is not recorded anywhere.`,
        uri: vpc.uri,
        range: headerRange(vpc),
        related: [{ uri: first.uri, range: headerRange(first), message: `${first.address} is in this VPC` }],
      });
    }
  },
};
