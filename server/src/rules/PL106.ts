import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL106',
    name: 'inbound-resolver-needs-gateway',
    severity: 'error',
    description: 'An S3 or DynamoDB Interface endpoint sets dns_options { private_dns_only_for_inbound_resolver_endpoint = true } with private DNS on, and the VPC has no Gateway endpoint for that service: the option sends the VPC\'s own traffic to the Gateway endpoint, so AWS requires one.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
