import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL401',
    name: 'endpoint-type-missing',
    severity: 'error',
    description: 'vpc_endpoint_type is absent and the service is not s3/dynamodb: the default is Gateway, and the apply fails.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
