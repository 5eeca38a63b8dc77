import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    id: 'PL302',
    name: 'endpoint-policy-unrestricted',
    severity: 'warning',
    description: 'A policy statement Effect = Allow with Principal "*" (or {AWS = "*"}) and Action "*" or "<service>:*" and Resource "*", without a Condition on a principal-restricting key (aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceVpc, aws:SourceVpce, aws:SourceAccount, aws:ResourceAccount, aws:ResourceOrgID).',
    why: '',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  check() {
    // Not written yet.
  },
};
