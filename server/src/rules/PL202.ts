import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL202',
    name: 'endpoint-sg-blocks-service-port',
    severity: 'error',
    description: 'All security groups on an Interface endpoint are known, and none allows inbound TCP on the service port: 443 for AWS services; for a custom service defined in the workspace, its NLB listener port(s).',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
