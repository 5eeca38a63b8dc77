import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL408',
    name: 'hardcoded-region',
    severity: 'information',
    description: 'The region in service_name is a literal while the module has a region source (var.region, data.aws_region, a provider region).',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
