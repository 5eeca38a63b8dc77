import { statementsOf, type Loc } from '../query/policy/document';
import { readPolicyAttr } from '../query/policy/read';
import { calledAsChild } from '../query/endpoints';
import { judgesAccounts, judgesOrganizations, untrustedGrants, type UntrustedGrant } from '../query/team-policy';
import { defineRule, type Report } from './types';

export const rule = defineRule({
  meta: {
    id: 'PL306',
    name: 'policy-principal-not-trusted',
    severity: 'warning',
    description:
      'An endpoint policy allows an AWS account or organization that .privatelink.json does not list in trustedAccounts or trustedOrganizations.',
    why: 'An endpoint policy is the perimeter of everything reached through the endpoint. A statement that lets in the principals or the resources of an account or organization the team does not trust opens a path for data to leave: credentials from outside can be used from inside the network, or data can be written to buckets and tables someone else owns.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_policy', 'aws_iam_policy_document'],
    fixable: false,
  },
  subject: 'policyHolder',
  // Nothing to judge by without trusted accounts or organizations; a folder that another root
  // calls as a child is checked through that call.
  when: (m, ctx) => (judgesAccounts(ctx.policy) || judgesOrganizations(ctx.policy)) && !calledAsChild(m, ctx.workspace),
  check(holder, ctx) {
    const p = readPolicyAttr(holder);
    const statements = p && statementsOf(p.doc);
    if (!p || !statements) return;
    const out: Report[] = [];
    statements.forEach((s, i) => {
      const name = statements.length > 1 ? `Statement ${i + 1}` : 'The statement';
      for (const g of untrustedGrants(s, ctx.policy)) {
        const loc: Loc = g.node.loc ?? s.loc ?? p.loc;
        const inAttr =
          loc.uri === p.holder.uri &&
          loc.range.start.offset >= p.attr.range.start.offset &&
          loc.range.end.offset <= p.attr.range.end.offset;
        out.push({
          message: `${name} of the policy of ${p.holder.address} ${what(g)}, which .privatelink.json does not trust (${g.kind === 'account' ? 'trustedAccounts' : 'trustedOrganizations'}).`,
          uri: loc.uri,
          range: loc.range,
          related: inAttr ? undefined : [{ uri: p.holder.uri, range: p.attr.range, message: `Used as the policy of ${p.holder.address}` }],
        });
      }
    });
    return out;
  },
});

/** What the statement lets in, and through which element. */
function what(g: UntrustedGrant): string {
  const who = `${g.kind} ${g.id}`;
  if (g.via === 'Principal')
    return g.value === g.id ? `grants account ${g.id} (Principal)` : `grants account ${g.id} (Principal "${g.value}")`;
  switch (g.role) {
    case 'principal':
      return `lets in principals of ${who} (${g.via})`;
    case 'resource':
      return `allows access to resources of ${who} (${g.via})`;
    case 'source':
      return `allows requests made on behalf of ${who} (${g.via})`;
  }
}
