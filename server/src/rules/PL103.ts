import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL103',
    name: 'private-dns-on-custom-service',
    severity: 'error',
    description: 'private DNS is on for a com.amazonaws.vpce.…vpce-svc-… service.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
