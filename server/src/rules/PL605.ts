import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL605',
    name: 'service-acceptance-unset',
    severity: 'error',
    description: 'acceptance_required is absent: it is a required argument.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
