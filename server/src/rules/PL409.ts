import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL409',
    name: 'region-mismatch',
    severity: 'error',
    description: 'The region in service_name is known and differs from the known region of the endpoint\'s provider, and service_region is not set to it.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
