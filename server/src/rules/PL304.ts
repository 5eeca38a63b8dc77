import { prop, statementsOf, stringsOf, type Loc } from '../query/policy/document';
import { readEndpointPolicy } from '../query/policy/read';
import type { ResourceInstance } from '../model/types';
import type { ServiceCatalog } from '../query/catalog-types';
import { defineRule, type Report } from './types';
import { awsService } from '../query/wiring';
import { calledAsChild } from '../query/endpoints';

/** Does an IAM action (`s3:GetObject`, `s3:*`, `*`, `s3*:Get*`) belong to one of the prefixes? undefined when unreadable. */
function actionBelongs(action: string, prefixes: string[]): boolean | undefined {
  if (action === '*') return true;
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = action.slice(0, colon).toLowerCase();
  if (/[*?]/.test(prefix)) return prefixes.some((p) => wildcardMatches(prefix, p.toLowerCase()));
  return prefixes.some((p) => p.toLowerCase() === prefix);
}

/**
 * IAM's wildcards (`*` any run, `?` one character) over the whole of `s`, going back only to
 * the last `*` (at worst the product of the two lengths): a regular expression made of the
 * pattern would backtrack through every `*` on `*?*?*?…` from a policy.
 */
function wildcardMatches(pattern: string, s: string): boolean {
  let p = 0;
  let i = 0;
  // The last `*` seen, and where in `s` its run would end if the rest fails from here.
  let star = -1;
  let resume = 0;
  while (i < s.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === s[i])) {
      p++;
      i++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = i;
    } else if (star >= 0) {
      p = star + 1;
      i = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

export const rule = defineRule({
  meta: {
    id: 'PL304',
    name: 'endpoint-policy-wrong-service',
    severity: 'warning',
    description: "An endpoint policy statement whose actions all belong to other services than the endpoint's: it has no effect.",
    why: 'An endpoint only carries requests for its own service, so a statement about another service never matches anything. It usually means the policy was copied from another endpoint, and the access it was meant to grant or deny is not there.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_policy', 'aws_iam_policy_document'],
    fixable: false,
  },
  // A policy shared by several endpoints of one service (a for_each block, a local) is reported
  // once: a finding is about a statement, which any endpoint of the module may share.
  subject: 'module',
  // A folder that another root calls as a child is checked through that call.
  when: (m, ctx) => !calledAsChild(m, ctx.workspace),
  check(m, ctx) {
    const seen = new Set<string>();
    const out: Report[] = [];
    for (const ep of m.resources('aws_vpc_endpoint')) {
      for (const { svc, report } of foreignStatements(ctx.catalog, ep)) {
        const key = `${report.uri}|${report.range.start.offset}|${svc}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(report);
      }
    }
    return out;
  },
});

/** The statements of an endpoint's policy that only name other services' actions. */
function foreignStatements(catalog: ServiceCatalog, ep: ResourceInstance): { svc: string; report: Report }[] {
  const out: { svc: string; report: Report }[] = [];
  const svc = awsService(ep);
  const info = svc ? catalog.get(svc) : undefined;
  if (!svc || !info || !info.iamPrefixes.length) return out;
  const p = readEndpointPolicy(ep);
  const statements = p && statementsOf(p.doc);
  if (!p || !statements) return out;
  statements.forEach((s, i) => {
    const action = prop(s, 'Action');
    const list = stringsOf(action?.value);
    if (!action || !list || list.length === 0) return;
    const also = info.alsoActions?.map((a) => a.toLowerCase());
    const belongs = list.map((a) => (also?.includes(a.toLowerCase()) ? true : actionBelongs(a, info.iamPrefixes)));
    if (belongs.some((b) => b !== false)) return;
    const loc: Loc = action.loc ?? s.loc ?? p.loc;
    const others = [...new Set(list.map((a) => a.slice(0, a.indexOf(':')).toLowerCase()))].join(', ');
    const name = statements.length > 1 ? `Statement ${i + 1}` : 'The statement';
    out.push({
      svc,
      report: {
        message: `${name} only names ${others} actions, but ${ep.address} is an endpoint for ${svc} (${info.iamPrefixes.map((x) => `${x}:`).join(', ')}): the statement does nothing.`,
        uri: loc.uri,
        range: loc.range,
        related: loc.uri !== ep.uri ? [{ uri: p.holder.uri, range: p.attr.range, message: `The policy of ${ep.address}` }] : undefined,
      },
    });
  });
  return out;
}
