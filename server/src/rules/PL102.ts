import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL102',
    name: 'interface-private-dns-off',
    severity: 'warning',
    description: 'An Interface endpoint for an **AWS service** has private DNS off (absent = off) and nothing else gives the service name a private answer: no aws_vpc_endpoint_private_dns, no Route 53 record aliasing this endpoint\'s dns_entry.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
