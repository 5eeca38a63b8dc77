import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL201',
    name: 'interface-endpoint-no-security-group',
    severity: 'warning',
    description: 'An Interface endpoint has no security_group_ids and no security-group association: AWS attaches the VPC\'s default security group, whose rules are rarely meant for it.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
