import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL407',
    name: 'invalid-service-name',
    severity: 'error',
    description: 'Error: service_name does not have a valid form.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
