import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL402',
    name: 'gateway-unsupported-service',
    severity: 'error',
    description: 'vpc_endpoint_type = "Gateway" for a service other than s3/dynamodb.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
