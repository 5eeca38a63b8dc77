import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL702',
    name: 'vpc-without-flow-logs',
    severity: 'hint',
    description: 'A VPC in the module has endpoints and no aws_flow_log for it.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: false,
  },
  check() {
    // Not written yet.
  },
};
