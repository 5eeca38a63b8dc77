import { endpointServiceOf } from './endpoint-type';
import { attributeIn } from './describe';
// Security groups of Interface endpoints, for PL201..PL204: which groups, what they let in
// (counting rule resources anywhere in the module tree), the ports the endpoint serves, and
// the VPC CIDR a fix can write.

import { query } from '../incremental/memo';
import type { Block } from '../hcl/ast';
import { editTarget } from '../model/overrides';
import type { ModuleInstance, ResourceInstance, SourceFile } from '../model/types';
import { num, str } from '../model/value';
import { bodyIndent, eol, hclString, rangeOf } from '../fixes/edits';
import type { TextEdit } from '../fixes/types';
import {
  argument,
  awsService,
  fileOf,
  ingressOf,
  pointingAt,
  refExpr,
  securityGroupsOf,
  serviceOf,
  vpcOf,
  type Ingress,
  type IngressSet,
} from './wiring';
import { interfaceEndpoints, opaqueCallsReferencing, resourcesIn, sameModule, treeOf } from './dns';

/** The security groups of an endpoint that resolve to `aws_security_group` blocks (others are skipped). */
export const knownGroups: (ep: ResourceInstance) => ResourceInstance[] = query(knownGroupsNow);

function knownGroupsNow(ep: ResourceInstance): ResourceInstance[] {
  const out: ResourceInstance[] = [];
  const v = ep.attr('security_group_ids');
  if (v?.kind === 'list') {
    for (const item of v.items) {
      const r = ep.module.resolve(item);
      if (isManagedGroup(r)) out.push(r);
    }
  }
  const all = securityGroupsOf(ep).items ?? [];
  for (const r of all) if (isManagedGroup(r) && !out.some((o) => o.address === r.address && sameModule(o.module, r.module))) out.push(r);
  return out;
}

/** An `aws_security_group` written in the workspace (not a data source). */
export function isManagedGroup(r: ResourceInstance | undefined): r is ResourceInstance {
  return !!r && r.type === 'aws_security_group' && r.mode === 'managed';
}

/** The module's `aws_security_group` instances; with `vpc`, those whose `vpc_id` leads to it. In the module's order. */
export function securityGroupsIn(module: ModuleInstance, vpc?: ResourceInstance): ResourceInstance[] {
  return vpc ? pointingAt(module, 'aws_security_group', 'vpc_id', vpc) : module.resources('aws_security_group');
}

/** Ingress of a group with the rule resources of the whole tree; incomplete when something hides some. */
export function ingressIn(sg: ResourceInstance, tree: readonly ModuleInstance[]): IngressSet {
  const set = ingressOf(sg, tree.some((m) => sameModule(m, sg.module)) ? tree : [sg.module, ...tree]);
  let complete = set.complete;
  // `ingress = [...]` (attributes as blocks) is not read, and a module we cannot see may add rules.
  if (sg.attrNode('ingress') !== undefined) complete = false;
  if (opaqueCallsReferencing(tree, sg).length > 0) complete = false;
  // `ignore_changes = [ingress]` says the rules are managed somewhere else.
  if (ignoresIngress(sg)) complete = false;
  return { rules: set.rules, complete };
}

function ignoresIngress(sg: ResourceInstance): boolean {
  for (const item of sg.block.body.items) {
    if (item.type !== 'Block' || item.blockType.name !== 'lifecycle') continue;
    const ic = attributeIn(item, 'ignore_changes');
    if (!ic?.value) continue;
    const file = fileOf(sg, sg.module, ic);
    const text = file ? file.text.slice(ic.value.range.start.offset, ic.value.range.end.offset) : '';
    if (/\b(ingress|all)\b/.test(text)) return true;
  }
  return false;
}

/**
 * The TCP ports the endpoint's service listens on: 443 for AWS services; for an endpoint service
 * defined in the workspace, the ports of its NLBs' TCP/TLS listeners. undefined when unknown.
 */
export function servicePorts(ep: ResourceInstance, tree: readonly ModuleInstance[]): number[] | undefined {
  if (awsService(ep) !== undefined) return [443];
  const svc = endpointServiceOf(ep);
  if (!svc) {
    const s = serviceOf(ep);
    return s.kind === 'aws' ? [443] : undefined;
  }
  const arns = svc.attr('network_load_balancer_arns');
  if (arns?.kind !== 'list' || arns.items.length === 0) return undefined;
  const lbs: ResourceInstance[] = [];
  for (const a of arns.items) {
    const lb = svc.module.resolve(a);
    if (!lb || lb.mode !== 'managed' || (lb.type !== 'aws_lb' && lb.type !== 'aws_alb')) return undefined;
    lbs.push(lb);
  }
  const ports = new Set<number>();
  for (const l of [...resourcesIn(tree, 'aws_lb_listener'), ...resourcesIn(tree, 'aws_alb_listener')]) {
    const lb = l.module.resolve(l.attr('load_balancer_arn'));
    if (!lb) return undefined; // might be one of ours
    if (!lbs.some((x) => x.address === lb.address && sameModule(x.module, lb.module))) continue;
    const proto = str(l.attr('protocol'))?.toUpperCase();
    if (proto === undefined) return undefined;
    if (proto === 'UDP') continue;
    const port = num(l.attr('port'));
    if (port === undefined) return undefined;
    ports.add(port);
  }
  return ports.size ? [...ports].sort((a, b) => a - b) : undefined;
}

/** The TCP ports the endpoint's service listens on (`servicePorts` over the endpoint's module tree). */
export const endpointPorts: (ep: ResourceInstance) => number[] | undefined = query((ep: ResourceInstance) =>
  servicePorts(ep, treeOf(ep.module)),
);

export interface GroupUsers {
  sg: ResourceInstance;
  /** The module's Interface endpoints that use the group, in the module's order. */
  eps: ResourceInstance[];
}

/**
 * The security groups the module's Interface endpoints use (`knownGroups`), each with those
 * endpoints, by group instance: in the order the endpoints first use them.
 */
export const groupUsers = query((m: ModuleInstance): Map<string, GroupUsers> => {
  const bySg = new Map<string, GroupUsers>();
  for (const ep of interfaceEndpoints(m)) {
    for (const sg of knownGroups(ep)) {
      const k = groupKey(sg);
      const e = bySg.get(k) ?? { sg, eps: [] };
      e.eps.push(ep);
      bySg.set(k, e);
    }
  }
  return bySg;
});

/** What `groupUsers` is keyed by. */
export function groupKey(sg: ResourceInstance): string {
  return `${sg.module.dir}|${sg.module.path}|${sg.address}`;
}

/**
 * The groups of `ep` (by `knownGroups`) of which it is the first user among its module's
 * Interface endpoints, with all their users: a finding about a group's rules is made once, by
 * its first endpoint, and names the others.
 */
export function groupsFirstUsedBy(ep: ResourceInstance, m: ModuleInstance = ep.module): GroupUsers[] {
  const users = groupUsers(m);
  const out: GroupUsers[] = [];
  const seen = new Set<string>();
  for (const sg of knownGroups(ep)) {
    const k = groupKey(sg);
    if (seen.has(k)) continue;
    seen.add(k);
    const u = users.get(k);
    if (u && u.eps[0] === ep) out.push(u);
  }
  return out;
}

/** Is `rule` letting in TCP `port`? */
export function portAllowed(rules: readonly Ingress[], port: number): boolean | undefined {
  let unknown = false;
  for (const r of rules) {
    const ok = allowsTcp(r, port);
    if (ok) return true;
    if (ok === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

function allowsTcp(r: Ingress, port: number): boolean | undefined {
  if (r.protocol === undefined) return undefined;
  if (r.protocol === '-1' || r.protocol === 'all') return true;
  if (r.protocol !== 'tcp' && r.protocol !== '6') return false;
  if (r.from === undefined || r.to === undefined) return undefined;
  return r.from <= port && port <= r.to;
}

/**
 * The CIDR of the VPC a group (or its endpoint) is in, as HCL for a block written in module `m`:
 * a reference to the `aws_vpc` when it is in that module, else its known CIDR text.
 */
export function vpcCidrExpr(
  m: ModuleInstance,
  sg: ResourceInstance | undefined,
  ep: ResourceInstance | undefined,
  ipv6 = false,
): string | undefined {
  const candidates: ResourceInstance[] = [];
  if (sg) {
    const v = sg.module.resolve(sg.attr('vpc_id'));
    if (v?.type === 'aws_vpc' && v.mode === 'managed') candidates.push(v);
  }
  if (ep) {
    const v = vpcOf(ep);
    if (v) candidates.push(v);
  }
  for (const vpc of candidates) {
    if (ipv6) {
      if (!vpcHasIpv6(vpc)) continue;
      if (sameModule(vpc.module, m)) return refExpr(vpc, 'ipv6_cidr_block');
      const known = str(vpc.attr('ipv6_cidr_block'));
      if (known) return hclString(known);
      continue;
    }
    if (sameModule(vpc.module, m) && vpc.attr('cidr_block') !== undefined) return refExpr(vpc, 'cidr_block');
    const known = str(vpc.attr('cidr_block'));
    if (known) return hclString(known);
  }
  return undefined;
}

function vpcHasIpv6(vpc: ResourceInstance): boolean {
  const gen = argument(vpc, 'assign_generated_ipv6_cidr_block');
  return (
    (gen?.kind === 'bool' && gen.value) ||
    argument(vpc, 'ipv6_cidr_block') !== undefined ||
    argument(vpc, 'ipv6_ipam_pool_id') !== undefined
  );
}

/** The style the group's ingress is written in: the most common among its rules, else inline. */
export function ingressStyle(rules: readonly Ingress[], sg: ResourceInstance): Ingress['style'] {
  const mine = rules.filter((r) => r.style === 'inline' || sameModule((r.source as ResourceInstance).module, sg.module));
  const count = new Map<Ingress['style'], number>();
  for (const r of mine) count.set(r.style, (count.get(r.style) ?? 0) + 1);
  let best: Ingress['style'] = 'inline';
  let n = 0;
  for (const [k, v] of count) if (v > n) [best, n] = [k, v];
  if (n === 0 && sg.module.resources('aws_vpc_security_group_ingress_rule').length > 0) return 'aws_vpc_security_group_ingress_rule';
  return best;
}

/**
 * Inserts a nested block at the end of a block's body (after its last item), indented as the
 * body is: `ingress { ... }` into a security group.
 */
export function insertNestedBlock(file: SourceFile, block: Block, text: string): TextEdit | undefined {
  // Into the block whose blocks of that type count: an override's, when it gives them.
  ({ file, node: block } = editTarget(file, block, /^\s*([\w-]+)/.exec(text)?.[1]));
  const close = block.closeBrace;
  if (!close || !block.openBrace || close.start.line === block.openBrace.start.line) return undefined;
  const nl = eol(file);
  const indent = bodyIndent(file, block);
  const lines = text.replace(/\r?\n/g, '\n').replace(/\s+$/, '').split('\n');
  const body = lines.map((l) => (l === '' ? '' : indent + l)).join(nl);
  const items = block.body.items;
  const last = items[items.length - 1];
  if (!last) {
    const at = close.start;
    const lineStart = file.ast.lineStarts[at.line];
    const before = file.text.slice(lineStart, at.offset);
    if (before.trim() === '') {
      return { uri: file.path, range: rangeOf(file, lineStart, lineStart), newText: body + nl };
    }
    return undefined;
  }
  const endLine = last.range.end.line;
  const next = file.ast.lineStarts[endLine + 1];
  if (next === undefined || next > close.start.offset) return undefined;
  // After the last item's line, with a blank line before the new block.
  const at = lineEndOffset(file, endLine);
  return { uri: file.path, range: rangeOf(file, at, at), newText: nl + nl + body };
}

function lineEndOffset(file: SourceFile, line: number): number {
  const next = file.ast.lineStarts[line + 1];
  if (next === undefined) return file.text.length;
  let e = next - 1;
  if (e > 0 && file.text[e - 1] === '\r') e--;
  return e;
}

/** A `content` block of a `dynamic` (edits there would change every generated block). */
export function isGenerated(r: Ingress): boolean {
  return r.source.block.blockType.name === 'content';
}
