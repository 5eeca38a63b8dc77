import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL203',
    name: 'endpoint-sg-open-to-world',
    severity: 'warning',
    description: 'A security group on an endpoint allows ingress from 0.0.0.0/0 or ::/0: the endpoint answers anything that can route to the subnet (peered VPCs, VPN, Direct Connect).',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
