import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL405',
    name: 'interface-single-az',
    severity: 'information',
    description: 'An Interface endpoint has exactly one subnet (known count): no high availability, and consumers in other AZs pay cross-AZ transfer.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: false,
  },
  check() {
    // Not written yet.
  },
};
