import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL105',
    name: 'private-dns-set-twice',
    severity: 'warning',
    description: 'private_dns_enabled is set on an endpoint that an aws_vpc_endpoint_private_dns also manages: persistent diffs.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
