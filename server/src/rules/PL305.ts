import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL305',
    name: 'endpoint-policy-unsupported',
    severity: 'error',
    description: 'A policy on a GatewayLoadBalancer endpoint, which does not support endpoint policies.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
