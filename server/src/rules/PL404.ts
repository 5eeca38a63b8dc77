import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL404',
    name: 'argument-invalid-for-type',
    severity: 'error',
    description: 'subnet_ids, security_group_ids, private_dns_enabled or dns_options on a Gateway endpoint; route_table_ids on an Interface endpoint; on a GatewayLoadBalancer endpoint, security_group_ids, private_dns_enabled, or more than one subnet (such an endpoint lives in exactly one Availability Zone).',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
