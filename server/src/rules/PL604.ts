import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL604',
    name: 'service-no-principals',
    severity: 'information',
    description: 'No allowed principals at all: only the owning account can connect.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: false,
  },
  check() {
    // Not written yet.
  },
};
