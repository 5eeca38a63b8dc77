import { endpointServiceOf, endpointTarget } from './endpoint-type';
import { attributeIn } from './describe';
// Security groups of the endpoints clients connect to (Interface, Resource and ServiceNetwork
// endpoints) and of VPC Lattice resource gateways, for PL201..PL204: which groups, what they let
// in and out (counting rule resources anywhere in the module tree), the ports the endpoint
// serves, and the VPC CIDR a fix can write.

import { query } from '../incremental/memo';
import type { Block, Node } from '../hcl/ast';
import { forEachChild } from '../hcl/walk';
import { editTarget } from '../model/overrides';
import type { ModuleInstance, NestedBlock, ResourceInstance, SourceFile } from '../model/types';
import { num, str, type Value } from '../model/value';
import { attributeOf } from '../model/blocks';
import { rootOf } from './modules';
import { bodyIndent, eol, hclString, rangeOf } from '../fixes/edits';
import type { Fix, TextEdit } from '../fixes/types';
import {
  allowsTcpPort,
  ruleGroup,
  argument,
  awsService,
  fileOf,
  ingressOf,
  pointingAt,
  refExpr,
  securityGroupsOf,
  serviceOf,
  vpcOf,
  writtenInRootVariable,
  type Ingress,
  type IngressSet,
} from './wiring';
import { collectRefs, networkEndpoints, opaqueCallsReferencing, resourcesIn, sameModule, treeOf } from './dns';
import { portRangesOf, resourceConfigurationOf, type PortRange } from './lattice';

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
  // A group the root module outputs may get rules from the configurations that read it (an
  // `aws_vpc_security_group_ingress_rule` on `data.terraform_remote_state.x.outputs.sg_id`).
  if (exportedByRoot(rootOf(sg.module)).has(sg.identity)) complete = false;
  return { rules: set.rules, complete };
}

/** The resource instances the root module's outputs name (by identity). */
const exportedByRoot = query((root: ModuleInstance): Set<string> => {
  const out = new Set<string>();
  for (const [address, entries] of root.index) {
    if (!address.startsWith('output.')) continue;
    const value = attributeOf(entries[0].block.body, 'value')?.value;
    if (value) collectRefs(root.evaluate(value), out);
  }
  return out;
});

function ignoresIngress(sg: ResourceInstance): boolean {
  return ignores(sg, /\b(ingress|all)\b/);
}

/** `lifecycle { ignore_changes = [...] }` names what `pattern` matches: rules are managed elsewhere. */
function ignores(sg: ResourceInstance, pattern: RegExp): boolean {
  for (const item of sg.block.body.items) {
    if (item.type !== 'Block' || item.blockType.name !== 'lifecycle') continue;
    const ic = attributeIn(item, 'ignore_changes');
    if (!ic?.value) continue;
    const file = fileOf(sg, sg.module, ic);
    const text = file ? file.text.slice(ic.value.range.start.offset, ic.value.range.end.offset) : '';
    if (pattern.test(text)) return true;
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

/**
 * The TCP ports the endpoint's service listens on (`servicePorts` over the endpoint's module
 * tree), for an Interface endpoint; undefined for the other types (see `endpointPortRanges`).
 */
export const endpointPorts: (ep: ResourceInstance) => number[] | undefined = query((ep: ResourceInstance) =>
  endpointTarget(ep).type === 'Interface' ? servicePorts(ep, treeOf(ep.module)) : undefined,
);

/**
 * The TCP port ranges clients reach through the endpoint: the service's ports for an Interface
 * endpoint; the `port_ranges` of the resource configuration of the workspace a Resource
 * endpoint connects to. undefined when not known, and for a ServiceNetwork endpoint, whose
 * ports are those of whatever services and resources the network holds (often associated by
 * other accounts, out of view).
 */
export const endpointPortRanges: (ep: ResourceInstance) => PortRange[] | undefined = query(endpointPortRangesNow);

function endpointPortRangesNow(ep: ResourceInstance): PortRange[] | undefined {
  const type = endpointTarget(ep).type;
  if (type === 'Interface') return endpointPorts(ep)?.map((p) => ({ from: p, to: p }));
  if (type === 'Resource') {
    const rc = resourceConfigurationOf(ep);
    return rc ? portRangesOf(rc) : undefined;
  }
  return undefined;
}

/** `443` or `8000-8080` (`portRangesText` in lattice.ts writes a list for messages). */
export function rangeText(r: PortRange): string {
  return r.from === r.to ? String(r.from) : `${r.from}-${r.to}`;
}

export interface GroupUsers {
  sg: ResourceInstance;
  /** The module's Interface, Resource and ServiceNetwork endpoints that use the group, in the module's order. */
  eps: ResourceInstance[];
}

/**
 * The security groups the module's Interface, Resource and ServiceNetwork endpoints use
 * (`knownGroups`), each with those endpoints, by group instance: in the order the endpoints
 * first use them.
 */
export const groupUsers = query((m: ModuleInstance): Map<string, GroupUsers> => {
  const bySg = new Map<string, GroupUsers>();
  for (const ep of networkEndpoints(m)) {
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
 * network endpoints, with all their users: a finding about a group's rules is made once, by
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

/**
 * The first block of the group's module other than an endpoint, the group itself and its rule
 * resources that names the group (`aws_security_group.web` in a load balancer's
 * `security_groups`, an instance's, a module call's, an output's): something besides endpoints
 * may rely on its rules. Undefined when none does.
 */
export function groupUsedBeyondEndpoints(sg: ResourceInstance): string | undefined {
  for (const entries of sg.module.index.values()) {
    const e = entries[0];
    // An output hands the group to callers or other configurations, whose uses are not followed.
    const user = e.kind === 'output' || e.kind === 'module' || (e.kind === 'resource' && !GROUP_OWN.has(e.type));
    if (user && e.address !== sg.entry.address && namesGroup(e.block, sg.name)) return e.address;
  }
  return undefined;
}

/** What names a group for the group itself (its endpoints and rule resources), not as another user. */
const GROUP_OWN = new Set([
  'aws_vpc_endpoint',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
]);

/**
 * A fix that edits the group's rules for its endpoints: preferred, unless something else uses
 * the group (`groupUsedBeyondEndpoints`). It is then offered, not applied by `--fix`, and its
 * title names that user.
 */
export function groupRuleFix(sg: ResourceInstance, title: string, edits: TextEdit[]): Fix {
  const other = groupUsedBeyondEndpoints(sg);
  return other
    ? { title: `${title} (${sg.address} is also used by ${other})`, edits, isPreferred: false }
    : { title, edits, isPreferred: true };
}

/** Some expression in `node` reads `aws_security_group.<name>` (or `resource.aws_security_group.<name>`). */
function namesGroup(node: Node, name: string): boolean {
  let found = false;
  const visit = (n: Node) => {
    if (found) return;
    if (n.type === 'GetAttr' && n.name.name === name) {
      const o = n.object;
      if (
        (o.type === 'Variable' && o.name === 'aws_security_group') ||
        (o.type === 'GetAttr' && o.name.name === 'aws_security_group' && o.object.type === 'Variable' && o.object.name === 'resource')
      ) {
        found = true;
        return;
      }
    }
    forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** Is `rule` letting in TCP `port`? */
export function portAllowed(rules: readonly Ingress[], port: number): boolean | undefined {
  let unknown = false;
  for (const r of rules) {
    const ok = allowsTcpPort(r, port);
    if (ok) return true;
    if (ok === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

/** What a permission needs to be judged against a port range: protocol and ports. */
export type PortRule = Pick<Ingress, 'protocol' | 'from' | 'to'>;

/**
 * A TCP or UDP permission on port 0 alone (`protocol = "tcp"`, `from_port = to_port = 0`, a
 * common slip for "all traffic", which takes protocol -1): the provider creates it as written
 * and it lets nothing reach a listener, since listeners use ports 1 to 65535.
 */
export function admitsNoPort(r: PortRule): boolean {
  const p = r.protocol;
  if (p !== 'tcp' && p !== '6' && p !== 'udp' && p !== '17') return false;
  return r.from !== undefined && r.to !== undefined && r.to < 1;
}

/**
 * Does some rule let TCP through on some port of `range`? A range that no rule touches is
 * closed: every connection on it times out. A range admitted only in part counts as open: a
 * resource configuration often offers more ports than one consumer needs, and a rule that
 * names only the ones used is a deliberate narrowing, not a mistake. undefined when a rule
 * cannot be read and no other decides it.
 */
export function rangeAllowed(rules: readonly PortRule[], range: PortRange): boolean | undefined {
  let unknown = false;
  for (const r of rules) {
    const ok = touchesTcp(r, range);
    if (ok) return true;
    if (ok === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

function touchesTcp(r: PortRule, range: PortRange): boolean | undefined {
  if (r.protocol === undefined) return undefined;
  if (r.protocol === '-1' || r.protocol === 'all') return true;
  if (r.protocol !== 'tcp' && r.protocol !== '6') return false;
  if (r.from === undefined || r.to === undefined) return undefined;
  return r.from <= range.to && range.from <= r.to;
}

// ---------------------------------------------------------------------------------------------
// Egress, for the security groups of a resource gateway

/** One egress permission of a security group, from whichever resource style wrote it. */
export interface Egress {
  style: 'inline' | 'aws_security_group_rule' | 'aws_vpc_security_group_egress_rule';
  /** `tcp`, `-1`, `6`, ... lower-cased; undefined when unknown. */
  protocol: string | undefined;
  from: number | undefined;
  to: number | undefined;
  /** The block or resource that carries it. */
  source: NestedBlock;
  uri: string;
}

export interface EgressSet {
  rules: Egress[];
  /** False when some egress might exist that cannot be seen. */
  complete: boolean;
}

interface EgressResources {
  /** By the instance key of the group they name. */
  groups: Map<string, { sgRules: ResourceInstance[]; egressRules: ResourceInstance[] }>;
  /** Some rule resource names a group that cannot be resolved (it might be any group). */
  unresolved: boolean;
}

// Every group asks for the rule resources that name it: one pass per module and run.
const egressResourcesByGroup = query((m: ModuleInstance): EgressResources => {
  const out: EgressResources = { groups: new Map(), unresolved: false };
  const add = (r: ResourceInstance, kind: 'sgRules' | 'egressRules') => {
    const target = ruleGroup(m, r);
    if (!target) {
      out.unresolved = true;
      return;
    }
    const k = target.identity;
    let g = out.groups.get(k);
    if (!g) out.groups.set(k, (g = { sgRules: [], egressRules: [] }));
    g[kind].push(r);
  };
  for (const r of m.resources('aws_security_group_rule')) add(r, 'sgRules');
  for (const r of m.resources('aws_vpc_security_group_egress_rule')) add(r, 'egressRules');
  return out;
});

/**
 * Egress of a group: inline `egress` blocks and the rule resources of the module tree. A group
 * that Terraform creates starts with no egress at all: the provider removes the allow-all rule
 * AWS adds to a new group in a VPC, so a group written without egress lets nothing out.
 * Incomplete when something may add rules out of sight.
 */
export function egressIn(sg: ResourceInstance, tree: readonly ModuleInstance[]): EgressSet {
  const modules = tree.some((m) => sameModule(m, sg.module)) ? tree : [sg.module, ...tree];
  const rules: Egress[] = [];
  let complete = true;
  // `dynamic "egress"`, `egress = [...]` (attributes as blocks) and ignore_changes hide rules.
  if (sg.block.body.items.some((it) => it.type === 'Block' && it.blockType.name === 'dynamic' && it.labels[0]?.value === 'egress')) {
    complete = false;
  }
  if (sg.attrNode('egress') !== undefined || ignores(sg, /\b(egress|all)\b/)) complete = false;
  if (opaqueCallsReferencing(tree, sg).length > 0) complete = false;
  for (const b of sg.blocks('egress')) {
    rules.push({
      style: 'inline',
      protocol: str(b.attr('protocol'))?.toLowerCase(),
      from: num(b.attr('from_port')),
      to: num(b.attr('to_port')),
      source: b,
      uri: b.uri,
    });
  }
  const key = sg.identity;
  for (const m of modules) {
    const byGroup = egressResourcesByGroup(m);
    if (byGroup.unresolved) complete = false;
    const own = byGroup.groups.get(key);
    if (!own) continue;
    for (const r of own.sgRules) {
      const type = str(r.attr('type'));
      if (type === undefined) complete = false;
      if (type !== 'egress') continue;
      if (!r.expanded) complete = false;
      rules.push({
        style: 'aws_security_group_rule',
        protocol: str(r.attr('protocol'))?.toLowerCase(),
        from: num(r.attr('from_port')),
        to: num(r.attr('to_port')),
        source: r,
        uri: r.uri,
      });
    }
    for (const r of own.egressRules) {
      // An unknown count or for_each adds an unknown number of them: they might open the port.
      if (!r.expanded) complete = false;
      const proto = r.attr('ip_protocol');
      rules.push({
        style: 'aws_vpc_security_group_egress_rule',
        protocol: (str(proto) ?? (num(proto) !== undefined ? String(num(proto)) : undefined))?.toLowerCase(),
        from: num(r.attr('from_port')),
        to: num(r.attr('to_port')),
        source: r,
        uri: r.uri,
      });
    }
  }
  return { rules, complete };
}

/** The style the group's egress is written in: the most common among its rules, else inline. */
export function egressStyle(rules: readonly Egress[], sg: ResourceInstance): Egress['style'] {
  const mine = rules.filter((r) => r.style === 'inline' || sameModule((r.source as ResourceInstance).module, sg.module));
  const count = new Map<Egress['style'], number>();
  for (const r of mine) count.set(r.style, (count.get(r.style) ?? 0) + 1);
  let best: Egress['style'] = 'inline';
  let n = 0;
  for (const [k, v] of count) if (v > n) [best, n] = [k, v];
  if (n === 0 && sg.module.resources('aws_vpc_security_group_egress_rule').length > 0) return 'aws_vpc_security_group_egress_rule';
  return best;
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
  // From another module, the CIDR is written out as text: not when it is a root variable's
  // default, which whoever runs the configuration may set to another range.
  const written = (v: Value | undefined): string | undefined => {
    const known = str(v);
    return known && !writtenInRootVariable(v!, m) ? hclString(known) : undefined;
  };
  for (const vpc of candidates) {
    if (ipv6) {
      if (!vpcHasIpv6(vpc)) continue;
      if (sameModule(vpc.module, m)) return refExpr(vpc, 'ipv6_cidr_block');
      const text = written(vpc.attr('ipv6_cidr_block'));
      if (text) return text;
      continue;
    }
    if (sameModule(vpc.module, m) && vpc.attr('cidr_block') !== undefined) return refExpr(vpc, 'cidr_block');
    const text = written(vpc.attr('cidr_block'));
    if (text) return text;
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
  const lines = text.replace(/\r?\n/g, '\n').trimEnd().split('\n');
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

// ---------------------------------------------------------------------------------------------
// Resource gateways

/**
 * The security groups of a resource gateway, when all are `aws_security_group` blocks of the
 * workspace; undefined when `security_group_ids` is not written (AWS then picks) or not known.
 */
export function gatewayGroups(gw: ResourceInstance): ResourceInstance[] | undefined {
  const v = argument(gw, 'security_group_ids');
  if (v === undefined || v.kind !== 'list' || v.items.length === 0) return undefined;
  const out: ResourceInstance[] = [];
  for (const item of v.items) {
    const r = gw.module.resolve(item);
    if (!isManagedGroup(r)) return undefined;
    out.push(r);
  }
  return out;
}
