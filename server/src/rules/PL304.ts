import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL304',
    name: 'endpoint-policy-wrong-service',
    severity: 'warning',
    description: 'A statement\'s actions all belong to another service than the endpoint\'s (dynamodb:* on an S3 endpoint): it does nothing.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: false,
  },
  check() {
    // Not written yet.
  },
};
