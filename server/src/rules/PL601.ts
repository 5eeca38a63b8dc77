import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL601',
    name: 'service-open-to-everyone',
    severity: 'error',
    description: 'allowed_principals (or an aws_vpc_endpoint_service_allowed_principal) contains "*".',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
