import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL104',
    name: 'duplicate-private-dns',
    severity: 'error',
    description: 'Two Interface endpoints in the same VPC for the same service both have private DNS on: the second fails with a conflicting DNS domain.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
