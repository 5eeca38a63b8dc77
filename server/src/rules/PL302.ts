import type { ResourceInstance } from '../model/types';
import { addOrgCondition } from '../fixes/policy-edit';
import type { ServiceCatalog } from '../query/catalog-types';
import { prop, scalarString, statementsOf, stringsOf, type Loc, type PNode } from '../query/policy/document';
import { readEndpointPolicy } from '../query/policy/read';
import { conditionFences, conditionRestricts } from '../query/policy/perimeter';
import { endpointTarget } from '../query/endpoint-type';
import { defineRule, type Report } from './types';
import { awsService } from '../query/wiring';
import { calledAsChild } from '../query/endpoints';
import { nameAddresses } from '../query/instance-names';

/** Principal "*", {AWS = "*"} or {AWS = ["*"]}; undefined when unknown. */
function everyPrincipal(p: PNode | undefined): boolean | undefined {
  if (!p || p.kind === 'unknown') return undefined;
  if (p.kind === 'scalar') return p.value === '*';
  if (p.kind !== 'object') return false;
  const aws = prop(p, 'AWS');
  if (!aws) return false;
  const ids = stringsOf(aws.value);
  return ids === undefined ? undefined : ids.includes('*');
}

/** The full-access action in a statement's Action, if any: `*` or `<prefix>:*` of the endpoint's service. */
function fullAction(actions: string[], prefixes: string[]): string | undefined {
  return actions.find((a) => a === '*' || prefixes.some((p) => a.toLowerCase() === `${p.toLowerCase()}:*`));
}

export const rule = defineRule({
  meta: {
    id: 'PL302',
    name: 'endpoint-policy-unrestricted',
    severity: 'warning',
    description:
      'An endpoint policy statement allows every principal every action on every resource, with no Condition that limits principals.',
    why: 'Such a statement is the default endpoint policy written out: anyone whose traffic reaches the endpoint can use it with any credentials, including credentials of other AWS accounts, which makes the endpoint a path for data to leave. A Condition on aws:PrincipalOrgID (or the account, VPC or endpoint) keeps it to your own principals.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_policy', 'aws_iam_policy_document'],
    fixable: true,
  },
  // A policy shared by several endpoints (a for_each block, a local) is reported once, naming
  // them all: a finding is about a statement, which any endpoint of the module may share.
  subject: 'module',
  // A folder that another root calls as a child is checked through that call.
  when: (m, ctx) => !calledAsChild(m, ctx.workspace),
  check(m, ctx) {
    const found = new Map<string, { report: Omit<Report, 'message'>; addresses: string[]; what: string; action: string }>();
    for (const ep of m.resources('aws_vpc_endpoint')) {
      for (const item of openStatements(ctx.catalog, ep)) {
        // Keyed by the statement's place.
        const r = item.report.range;
        const key = `${item.report.uri}|${r.start.offset}|${r.end.offset}|${item.action}`;
        const entry = found.get(key);
        if (entry) entry.addresses.push(display(ep));
        else found.set(key, { addresses: [display(ep)], what: item.what, action: item.action, report: item.report });
      }
    }
    return [...found.values()].map(({ report, addresses, what, action }) => {
      // Instances of one block are named as the engine names merged findings: the block once.
      const named = nameAddresses(addresses);
      const message =
        `${what} allows any principal (Principal "*") every action (Action "${action}") on every resource, with no Condition ` +
        `on the principal's organization, account or network: ${named.text} ${named.count > 1 ? 'are' : 'is'} open to any AWS credentials.`;
      return { ...report, message };
    });
  },
});

interface Open {
  what: string;
  action: string;
  report: Omit<Report, 'message'>;
}

/** The statements of one endpoint's policy that open it to everyone. */
function openStatements(catalog: ServiceCatalog, ep: ResourceInstance): Open[] {
  const out: Open[] = [];
  // Endpoint policies belong to Interface and Gateway endpoints (EC2 CreateVpcEndpoint,
  // PolicyDocument); a Resource or ServiceNetwork endpoint's policy is not the door it opens.
  const target = endpointTarget(ep);
  if (target.type === 'Resource' || target.type === 'ServiceNetwork') return out;
  // Where AWS applies no endpoint policy, the document is not what lets principals in: an
  // endpoint service that is not an AWS service, an AWS service that takes no policy
  // (`ssmmessages`). AWS allows full access to those endpoints, whatever the document says
  // (PrivateLink Guide, "Control access to VPC endpoints using endpoint policies").
  if (target.name.kind === 'endpoint-service' || target.endpointService) return out;
  if (target.services.length > 0 && target.services.every((s) => catalog.get(s)?.policy === false)) return out;
  const p = readEndpointPolicy(ep);
  if (!p) return out;
  const statements = statementsOf(p.doc);
  if (!statements) return out;
  const svc = awsService(ep);
  const prefixes = svc ? (catalog.get(svc)?.iamPrefixes ?? []) : [];
  // A Deny for everyone on everything outside a perimeter (`StringNotEquals aws:PrincipalOrgID`)
  // wins over any Allow: the policy is then a perimeter, whatever its Allow says.
  if (statements.some((s) => fencingDeny(s, prefixes) !== false)) return out;
  statements.forEach((s, i) => {
    if (s.kind !== 'object' || scalarString(prop(s, 'Effect')?.value) !== 'Allow') return;
    if (everyPrincipal(prop(s, 'Principal')?.value) !== true) return;
    const actions = stringsOf(prop(s, 'Action')?.value);
    const resources = stringsOf(prop(s, 'Resource')?.value);
    const action = actions && fullAction(actions, prefixes);
    if (!action || !resources?.includes('*')) return;
    if (conditionRestricts(prop(s, 'Condition')?.value) !== false) return;
    const loc: Loc = s.loc ?? p.loc;
    const edits = addOrgCondition(p, s, ep.module);
    const related =
      loc.uri !== ep.uri || !(loc.range.start.offset >= p.attr.range.start.offset && loc.range.end.offset <= p.attr.range.end.offset)
        ? [{ uri: p.holder.uri, range: p.attr.range, message: `The policy of ${display(ep)}` }]
        : undefined;
    out.push({
      what: statements.length > 1 ? `Statement ${i + 1}` : 'The statement',
      action,
      report: {
        uri: loc.uri,
        range: loc.range,
        related,
        fixes: edits ? [{ title: 'Limit the statement to your organization (aws:PrincipalOrgID)', edits, isPreferred: true }] : undefined,
      },
    });
  });
  return out;
}

/**
 * A Deny statement for every principal, every action and every resource whose Condition fences
 * requests outside a perimeter; undefined when it might be one.
 */
function fencingDeny(s: PNode, prefixes: string[]): boolean | undefined {
  if (s.kind !== 'object' || scalarString(prop(s, 'Effect')?.value) !== 'Deny') return false;
  const everyone = everyPrincipal(prop(s, 'Principal')?.value);
  const actions = stringsOf(prop(s, 'Action')?.value);
  const resources = stringsOf(prop(s, 'Resource')?.value);
  if (everyone === false || (actions && !fullAction(actions, prefixes)) || (resources && !resources.includes('*'))) return false;
  const fences = conditionFences(prop(s, 'Condition')?.value);
  if (fences === false) return false;
  return everyone === true && actions && resources && fences === true ? true : undefined;
}

function display(ep: ResourceInstance): string {
  return ep.address;
}
