import { locOf, prop, statementsOf, type Loc, type PNode, type PolicyDoc } from '../query/policy/document';
import { readPolicyAttr } from '../query/policy/read';
import { defineRule } from './types';
import { calledAsChild } from '../query/endpoints';

const VERSIONS = ['2012-10-17', '2008-10-17'];

interface Problem {
  message: string;
  loc: Loc;
}

/** What makes a policy document invalid, known parts only. */
function problems(p: PolicyDoc): Problem[] {
  if (p.syntaxErrors.length) {
    const e = p.syntaxErrors[0];
    return [{ message: `The endpoint policy is not valid JSON: ${e.message}.`, loc: e.loc }];
  }
  const doc = p.doc;
  const out: Problem[] = [];
  if (doc.kind === 'unknown') return out;
  if (doc.kind !== 'object') return [{ message: 'The endpoint policy is not a JSON object.', loc: locOf(doc, p.loc) }];

  const version = prop(doc, 'Version');
  if (version && version.value.kind === 'scalar' && !VERSIONS.includes(String(version.value.value))) {
    out.push({
      message: `Policy Version ${JSON.stringify(version.value.value)} is not a policy language version: use "2012-10-17" (or the older "2008-10-17").`,
      loc: locOf(version, p.loc),
    });
  }
  const statement = prop(doc, 'Statement');
  if (!statement && !loosely(doc, 'Statement')) {
    out.push({ message: 'The endpoint policy has no Statement: AWS rejects it.', loc: locOf(doc, p.loc) });
    return out;
  }
  if (!statement) return out;
  const list = statementsOf(doc);
  if (!list) {
    if (statement.value.kind !== 'unknown')
      out.push({ message: 'Statement must be an object or a list of objects.', loc: locOf(statement, p.loc) });
    return out;
  }
  list.forEach((s, i) => out.push(...statementProblems(s, i, list.length, locOf(statement, p.loc))));
  return out;
}

function statementProblems(s: PNode, i: number, n: number, fallback: Loc): Problem[] {
  const name = n > 1 ? `Statement ${i + 1}` : 'The statement';
  const where = locOf(s, fallback);
  if (s.kind === 'unknown') return [];
  if (s.kind !== 'object') return [{ message: `${name} is not an object.`, loc: where }];
  const out: Problem[] = [];
  const effect = prop(s, 'Effect');
  if (!effect && !loosely(s, 'Effect')) out.push({ message: `${name} has no Effect (Allow or Deny).`, loc: where });
  else if (effect && effect.value.kind === 'scalar' && effect.value.value !== 'Allow' && effect.value.value !== 'Deny') {
    out.push({
      message: `${name} has Effect ${JSON.stringify(effect.value.value)}: it must be "Allow" or "Deny" (case matters).`,
      loc: locOf(effect, where),
    });
  }
  if (!loosely(s, 'Action') && !loosely(s, 'NotAction')) {
    out.push({ message: `${name} has neither Action nor NotAction.`, loc: where });
  }
  // The PrivateLink guide: "An endpoint policy ... must contain a Principal element."
  if (!loosely(s, 'Principal') && !loosely(s, 'NotPrincipal')) {
    out.push({ message: `${name} has no Principal: endpoint policies must name one (use "*" and a Condition to scope it).`, loc: where });
  }
  return out;
}

/**
 * Is the element there, in any case? The IAM documentation only says that values such as
 * Effect are case-sensitive; an element written in another case is not called missing.
 */
function loosely(n: PNode, key: string): boolean {
  if (n.kind !== 'object') return false;
  const k = key.toLowerCase();
  return [...n.props.keys()].some((x) => x.toLowerCase() === k);
}

export const rule = defineRule({
  meta: {
    id: 'PL303',
    name: 'endpoint-policy-invalid',
    severity: 'error',
    description:
      'The endpoint policy is not a valid policy document: broken JSON, no Statement, a wrong Effect or Version, or a statement without Action or Principal.',
    why: 'AWS rejects an invalid endpoint policy when the endpoint is created or updated, so the apply fails after the plan looked fine. A heredoc or string of JSON is opaque to Terraform: a missing comma only shows up at apply time.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_policy', 'aws_iam_policy_document'],
    fixable: false,
  },
  subject: 'policyHolder',
  // A folder that another root calls as a child is checked through that call.
  when: (m, ctx) => !calledAsChild(m, ctx.workspace),
  check(r) {
    const p = readPolicyAttr(r);
    if (!p) return;
    return problems(p).map((pr) => {
      const related =
        pr.loc.uri !== p.holder.uri || !within(pr.loc, p.attr.range)
          ? [{ uri: p.holder.uri, range: p.attr.range, message: `Used as the policy of ${p.holder.address}` }]
          : undefined;
      return { message: pr.message, uri: pr.loc.uri, range: pr.loc.range, related };
    });
  },
});

function within(loc: Loc, r: { start: { offset: number }; end: { offset: number } }): boolean {
  return loc.range.start.offset >= r.start.offset && loc.range.end.offset <= r.end.offset;
}
