import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL603',
    name: 'service-load-balancer',
    severity: 'error',
    description: 'Neither network_load_balancer_arns nor gateway_load_balancer_arns: error.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: false,
  },
  check() {
    // Not written yet.
  },
};
