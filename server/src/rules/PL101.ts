import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL101',
    name: 'private-dns-needs-vpc-dns',
    severity: 'error',
    description: 'An Interface endpoint has private DNS on (private_dns_enabled = true or an aws_vpc_endpoint_private_dns) and its VPC (resolved from vpc_id) has enable_dns_hostnames false (the default!) or enable_dns_support false.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
