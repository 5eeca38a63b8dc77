// VPC flow logs: which VPCs of a module tree an aws_flow_log records.

import type { ModuleInstance, ResourceInstance } from '../model/types';
import { query } from '../incremental/memo';
import { rootOf, treeModules } from './endpoints';
import { argument } from './wiring';

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
const flowLogsOf = query((root: ModuleInstance): FlowLogs => {
  const out: FlowLogs = { covered: new Set(), maybe: new Set(), anyMaybe: false };
  for (const m of treeModules(root)) {
    for (const fl of m.resources('aws_flow_log')) {
      const v = argument(fl, 'vpc_id');
      if (v !== undefined) {
        const target = m.resolve(v);
        if (!target) out.anyMaybe = true;
        else out.covered.add(target.identity);
        continue;
      }
      // Subnet and network-interface flow logs also see endpoint traffic: count them when they may be in this VPC.
      const subnet = argument(fl, 'subnet_id');
      if (subnet !== undefined) {
        const s = m.resolve(subnet);
        const sv = s ? s.module.resolve(s.attr('vpc_id')) : undefined;
        if (!sv) out.anyMaybe = true;
        else out.maybe.add(sv.identity);
        continue;
      }
      if (argument(fl, 'eni_id') !== undefined) out.anyMaybe = true;
    }
  }
  return out;
});

/** Does some aws_flow_log of the VPC's module tree cover the VPC? undefined when a flow log's target cannot be resolved. */
export function hasFlowLog(vpc: ResourceInstance): boolean | undefined {
  const logs = flowLogsOf(rootOf(vpc.module));
  const key = vpc.identity;
  if (logs.covered.has(key)) return true;
  return logs.anyMaybe || logs.maybe.has(key) ? undefined : false;
}
