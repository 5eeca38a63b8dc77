import type { ResourceInstance } from '../model/types';
import { calledAsChild, isIn, opaqueVpcCalls, treeEndpoints, treeModules } from './lib/endpoints';
import type { Rule } from './types';
import { headerRange, sameInstance } from './wiring';

/** Does some aws_flow_log cover the VPC? undefined when a flow log's target cannot be resolved. */
function hasFlowLog(vpc: ResourceInstance): boolean | undefined {
  let unsure = false;
  for (const m of treeModules(vpc.module)) {
    for (const fl of m.resources('aws_flow_log')) {
      const v = fl.attr('vpc_id');
      if (v !== undefined && v.kind !== 'null') {
        const target = m.resolve(v);
        if (!target) unsure = true;
        else if (sameInstance(target, vpc)) return true;
        continue;
      }
      // Subnet and network-interface flow logs also see endpoint traffic: count them when they may be in this VPC.
      const subnet = fl.attr('subnet_id');
      if (subnet !== undefined && subnet.kind !== 'null') {
        const s = m.resolve(subnet);
        const sv = s ? s.module.resolve(s.attr('vpc_id')) : undefined;
        if (!sv || sameInstance(sv, vpc)) unsure = true;
        continue;
      }
      const eni = fl.attr('eni_id');
      if (eni !== undefined && eni.kind !== 'null') unsure = true;
    }
  }
  return unsure ? undefined : false;
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
    const endpoints = treeEndpoints(ctx.module);
    for (const vpc of vpcs) {
      const inside = endpoints.filter((f) => isIn(f, vpc));
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
