import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL403',
    name: 'gateway-without-route-tables',
    severity: 'warning',
    description: 'A Gateway endpoint has no route_table_ids and no route-table association: no traffic uses it.',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
