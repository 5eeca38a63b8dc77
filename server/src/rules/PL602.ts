import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL602',
    name: 'service-auto-accept',
    severity: 'information',
    description: 'acceptance_required = false.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
