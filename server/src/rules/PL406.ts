import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL406',
    name: 'interface-for-gateway-service',
    severity: 'information',
    description: 'An Interface endpoint for s3 or dynamodb in a VPC that has no Gateway endpoint for it: a Gateway endpoint is free (keep the Interface one only for on-premises or cross-region access).',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
