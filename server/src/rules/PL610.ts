import type { ResourceInstance } from '../model/types';
import { str, type Value } from '../query/values';
import { allowedPrincipalResources } from '../query/endpoint-services';
import { accountOfPrincipal, judgesAccounts, untrustedAccount, type TeamPolicy } from '../query/team-policy';
import { argument, headerRange } from '../query/wiring';
import { defineRule, type Related, type Report } from './types';

export const rule = defineRule({
  meta: {
    id: 'PL610',
    name: 'principal-not-trusted',
    severity: 'warning',
    description: 'An endpoint service allows a principal of an AWS account that .privatelink.json does not list in trustedAccounts.',
    why: 'allowed_principals decides which accounts may create endpoints to the service and reach the load balancer behind it. The team lists the accounts it trusts; a principal of any other account (a typo in an id, a test account left in, a vendor no longer in contract) can connect, and with acceptance_required = false it is connected at once.',
    resources: ['aws_vpc_endpoint_service', 'aws_vpc_endpoint_service_allowed_principal'],
    fixable: false,
  },
  subject: 'endpointService',
  // Principals are ARNs of accounts, users and roles: only the account list can judge them.
  when: (_m, ctx) => judgesAccounts(ctx.policy),
  check(svc, ctx) {
    const out: Report[] = [];
    const list = argument(svc, 'allowed_principals');
    const attr = svc.attrNode('allowed_principals');
    if (list?.kind === 'list' && attr) {
      for (const item of list.items) {
        const r = judge(item, ctx.policy, svc.address);
        if (!r) continue;
        // At the value where it is written in the block, else at the argument with a pointer to it.
        const inBlock = item.origin && item.origin.uri === svc.uri;
        const related: Related[] | undefined =
          item.origin && !inBlock
            ? [{ uri: item.origin.uri, range: item.origin.range, message: 'The principal is written here' }]
            : undefined;
        out.push({ message: r, uri: svc.uri, range: inBlock ? item.origin!.range : attr.range, related });
      }
    }
    for (const ap of allowedPrincipalResources(svc)) out.push(...fromResource(ap, svc, ctx.policy));
    return out;
  },
});

/** The message for a principal outside the trusted accounts; undefined when trusted, `*`, or unknown. */
function judge(v: Value | undefined, policy: TeamPolicy, where: string): string | undefined {
  const principal = str(v);
  // "*" is PL601's: every account, not one outside the list.
  const account = principal === undefined ? undefined : accountOfPrincipal(principal);
  if (!principal || !account || !untrustedAccount(policy, account)) return undefined;
  return `${where} allows the principal "${principal}" of account ${account}, which .privatelink.json does not trust (trustedAccounts): it can connect to the endpoint service.`;
}

function fromResource(ap: ResourceInstance, svc: ResourceInstance, policy: TeamPolicy): Report[] {
  const message = judge(argument(ap, 'principal_arn'), policy, `${ap.address} (for ${svc.address})`);
  if (!message) return [];
  const attr = ap.attrNode('principal_arn');
  return [
    {
      message,
      uri: ap.uri,
      range: attr?.range ?? headerRange(ap),
      related: [{ uri: svc.uri, range: headerRange(svc), message: `The endpoint service ${svc.address}` }],
    },
  ];
}
