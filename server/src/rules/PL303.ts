import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL303',
    name: 'endpoint-policy-invalid',
    severity: 'error',
    description: 'The policy is not a valid policy document: invalid JSON in a heredoc or string (point at the exact character inside it), no Statement, an Effect other than Allow/Deny, a Version other than 2012-10-17/2008-10-17, a statement with neither Action nor NotAction.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: false,
  },
  check() {
    // Not written yet.
  },
};
