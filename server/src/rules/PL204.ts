import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL204',
    name: 'endpoint-sg-all-ports',
    severity: 'information',
    description: 'A security group on an endpoint allows ingress on all ports or protocol -1.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
