import { eol, indentUnit, insertAfterBlock, insertAttribute } from '../fixes/edits';
import type { ModuleInstance, ResourceInstance, SourceFile } from '../model/types';
import { ORG_PLACEHOLDER } from '../fixes/policy-edit';
import { defineRule, type CheckContext, type Fix } from './types';
import { argument, fileOf, headerRange, sameInstance } from '../query/wiring';
import { endpointTarget } from '../query/endpoint-type';
import { calledAsChild, instancesOfSameBlock, opaqueCallsPassing, sameModule, treeModules } from '../query/endpoints';
import { endpointPolicy, usesPolicyDocuments } from '../query/policy/read';

function freeName(module: ModuleInstance, prefix: string, base: string): string {
  let name = base;
  for (let i = 2; module.index.has(`${prefix}${name}`); i++) name = `${base}_${i}`;
  return name;
}

function skeletonJson(u: string, action: string): string {
  return [
    'jsonencode({',
    `${u}Version = "2012-10-17"`,
    `${u}Statement = [`,
    `${u}${u}{`,
    `${u}${u}${u}Sid       = "AllowOrganization"`,
    `${u}${u}${u}Effect    = "Allow"`,
    `${u}${u}${u}Principal = "*"`,
    `${u}${u}${u}Action    = "${action}"`,
    `${u}${u}${u}Resource  = "*"`,
    `${u}${u}${u}Condition = {`,
    `${u}${u}${u}${u}StringEquals = {`,
    `${u}${u}${u}${u}${u}"aws:PrincipalOrgID" = "${ORG_PLACEHOLDER}"`,
    `${u}${u}${u}${u}}`,
    `${u}${u}${u}}`,
    `${u}${u}}`,
    `${u}]`,
    '})',
  ].join('\n');
}

function skeletonData(u: string, name: string, action: string): string {
  return [
    `data "aws_iam_policy_document" "${name}" {`,
    `${u}statement {`,
    `${u}${u}sid       = "AllowOrganization"`,
    `${u}${u}effect    = "Allow"`,
    `${u}${u}actions   = ["${action}"]`,
    `${u}${u}resources = ["*"]`,
    '',
    `${u}${u}principals {`,
    `${u}${u}${u}type        = "*"`,
    `${u}${u}${u}identifiers = ["*"]`,
    `${u}${u}}`,
    '',
    `${u}${u}condition {`,
    `${u}${u}${u}test     = "StringEquals"`,
    `${u}${u}${u}variable = "aws:PrincipalOrgID"`,
    `${u}${u}${u}values   = ["${ORG_PLACEHOLDER}"]`,
    `${u}${u}}`,
    `${u}}`,
    '}',
  ].join('\n');
}

/** The fix: a `policy` argument in `holder`, the endpoint or the `aws_vpc_endpoint_policy` that leaves it out. */
function fixFor(holder: ResourceInstance, file: SourceFile, action: string): Fix {
  const u = indentUnit(file);
  const usesData = usesPolicyDocuments(holder.module);
  const title = 'Add an endpoint policy limited to your organization';
  if (!usesData) {
    return { title, edits: insertAttribute(file, holder.block, 'policy', skeletonJson(u, action)), isPreferred: true };
  }
  const base = holder.type === 'aws_vpc_endpoint' ? `${holder.name}_endpoint_policy` : `${holder.name}_policy`;
  const name = freeName(holder.module, 'data.aws_iam_policy_document.', base);
  return {
    title,
    edits: [
      ...insertAttribute(file, holder.block, 'policy', `data.aws_iam_policy_document.${name}.json`),
      insertAfterBlock(file, holder.block, skeletonData(u, name, action).replace(/\n/g, eol(file))),
    ],
    isPreferred: true,
  };
}

/**
 * The policy's actions: the service's own (`s3:*`) when the block the fix edits is the endpoint
 * of one service only, else every action. A block stands for several endpoints when it has
 * `count` or `for_each`, and when its module is called more than once (each call may give
 * another service: a policy for one would deny the others).
 */
function fixAction(ep: ResourceInstance, ctx: CheckContext): string {
  const prefixes = new Set<string>();
  for (const r of instancesOfSameBlock(ep, ctx.workspace)) {
    if (r.key !== undefined || !r.expanded) return '*';
    const target = endpointTarget(r);
    if (target.services.length !== 1) return '*';
    const info = ctx.catalog.get(target.services[0]);
    if (!info || info.iamPrefixes.length !== 1) return '*';
    prefixes.add(info.iamPrefixes[0]);
  }
  return prefixes.size === 1 ? `${[...prefixes][0]}:*` : '*';
}

/**
 * Some endpoint the block stands for (another `for_each` key, another call of its module) is
 * for a service that takes no endpoint policy (`ssmmessages` beside `ssm`): a policy written
 * into the block would reach it too, and is not offered.
 */
function blockServesNoPolicyService(ep: ResourceInstance, ctx: CheckContext): boolean {
  return instancesOfSameBlock(ep, ctx.workspace).some((r) => endpointTarget(r).services.some((s) => ctx.catalog.get(s)?.policy === false));
}

/**
 * An aws_vpc_endpoint_policy in another module of the tree (given the endpoint's id), or a
 * module the model cannot read that is given the endpoint, may set its policy: true. One that
 * is for this endpoint and sets no policy (the default then applies) is returned.
 */
function policyElsewhere(ep: ResourceInstance): boolean | ResourceInstance {
  for (const m of treeModules(ep.module)) {
    if (sameModule(m, ep.module)) continue;
    for (const p of m.resources('aws_vpc_endpoint_policy')) {
      const target = m.resolve(p.attr('vpc_endpoint_id'));
      if (!target) return true;
      if (sameInstance(target, ep)) return p.expanded && argument(p, 'policy') === undefined ? p : true;
    }
  }
  return opaqueCallsPassing(ep.module, 'aws_vpc_endpoint');
}

export const rule = defineRule({
  meta: {
    id: 'PL301',
    name: 'endpoint-policy-missing',
    severity: 'warning',
    description:
      'A Gateway or Interface endpoint for an AWS service that supports endpoint policies has no policy, so the default full-access policy applies.',
    why: 'Without a policy, AWS attaches the default one: any principal, any action, any resource. Credentials from any AWS account can then move data through your endpoint, a path for exfiltration that network controls do not see. A policy scoped to your organization closes it.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_policy'],
    fixable: true,
  },
  subject: 'endpoint',
  // A folder that another root calls as a child is checked through that call.
  when: (m, ctx) => !calledAsChild(m, ctx.workspace),
  check(ep, ctx) {
    const target = endpointTarget(ep);
    const type = target.type;
    if (type !== 'Gateway' && type !== 'Interface') return;
    // The services (of every instance, for a block over names known in part) that take a policy.
    const svcs = target.services.filter((s) => ctx.catalog.get(s)?.policy);
    if (svcs.length === 0) return;
    const policy = endpointPolicy(ep);
    if (policy.present !== false) return;
    const elsewhere = policyElsewhere(ep);
    if (elsewhere === true) return;
    const sep = policy.resource ?? (elsewhere || undefined);
    if (sep) {
      // An aws_vpc_endpoint_policy without a policy: the default applies. The fix writes one
      // there; a block over several endpoints (count, for_each, a module called more than once)
      // gets every action.
      const file = fileOf(sep, sep.module);
      const action = sep.key === undefined && instancesOfSameBlock(sep, ctx.workspace).length === 1 ? fixAction(ep, ctx) : '*';
      return [
        {
          message: `${sep.address} sets no policy on ${ep.address} (${svcs.join(', ')}): the default policy lets any principal do anything through it.`,
          uri: sep.uri,
          range: headerRange(sep),
          related: [{ uri: ep.uri, range: headerRange(ep), message: `${ep.address} (${svcs.join(', ')}) keeps the default policy` }],
          fixes: file && !sep.attrNode('policy') ? [fixFor(sep, file, action)] : undefined,
        },
      ];
    }
    const file = fileOf(ep, ep.module);
    const action = fixAction(ep, ctx);
    return [
      {
        message: `${ep.address} (${svcs.join(', ')}) has no endpoint policy: the default policy lets any principal do anything through it.`,
        uri: ep.uri,
        range: headerRange(ep),
        // `policy = null` (often per instance, from a map) is left to the author.
        fixes: file && !ep.attrNode('policy') && !blockServesNoPolicyService(ep, ctx) ? [fixFor(ep, file, action)] : undefined,
      },
    ];
  },
});
