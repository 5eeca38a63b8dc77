import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL701',
    name: 'endpoint-untagged',
    severity: 'hint',
    description: 'An endpoint has no tags (and the provider has no default_tags): its cost cannot be attributed.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
