import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL301',
    name: 'endpoint-policy-missing',
    severity: 'warning',
    description: 'A Gateway or Interface endpoint for an AWS service that supports endpoint policies has no policy and no aws_vpc_endpoint_policy: the default policy allows full access to every principal and resource, an exfiltration path.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
