import { calledAsChild, endpointsInVpc, opaqueVpcCalls } from '../query/endpoints';
import { hasFlowLog } from '../query/flow-logs';
import { defineRule } from './types';
import { headerRange } from '../query/wiring';

export const rule = defineRule({
  meta: {
    id: 'PL702',
    name: 'vpc-without-flow-logs',
    severity: 'hint',
    description: 'A VPC that has endpoints has no aws_flow_log.',
    why: 'Endpoints move traffic off the public path, where it is no longer seen by NAT gateway metrics or proxies. VPC flow logs are then the record of which hosts talk to which endpoints, which is what an investigation or a cost question needs.',
    resources: ['aws_vpc', 'aws_flow_log', 'aws_vpc_endpoint'],
    fixable: false,
  },
  subject: 'vpc',
  // A folder that another root calls as a child is checked through that call.
  when: (m, ctx) => !calledAsChild(m, ctx.workspace),
  check(vpc) {
    const inside = endpointsInVpc(vpc.module, vpc);
    if (!inside.length) return;
    if (hasFlowLog(vpc) !== false) return;
    if (opaqueVpcCalls(vpc.module)) return;
    const first = inside[0].ep;
    return [
      {
        message: `${vpc.address} has ${inside.length} VPC endpoint${inside.length > 1 ? 's' : ''} and no aws_flow_log: traffic to them is not recorded anywhere.`,
        uri: vpc.uri,
        range: headerRange(vpc),
        related: [{ uri: first.uri, range: headerRange(first), message: `${first.address} is in this VPC` }],
      },
    ];
  },
});
