// How PrivateLink resources are wired together, read from the evaluated model: an endpoint's
// type, service, VPC, security groups, subnets, route tables, private DNS and policy, with the
// stand-alone association resources counted as inline settings. Everything is three-valued:
// `undefined` means "not known", and rules stay silent on it.

import type { Attribute, Block, Range } from '../hcl/ast';
import type { ModuleInstance, NestedBlock, ResourceInstance, SourceFile } from '../model/types';
import { uriOfNode } from '../model/overrides';
import { bool, num, str, type NullValue, type Value } from '../model/value';
import type { ServiceName } from './service-name';
import { endpointTarget } from './endpoint-type';
import { rootOf } from './modules';
import { query } from '../incremental/memo';

/** Every endpoint type the provider accepts (its `vpc_endpoint_type` values). */
export type EndpointType = 'Gateway' | 'Interface' | 'GatewayLoadBalancer' | 'Resource' | 'ServiceNetwork';

export function sameInstance(a: ResourceInstance | undefined, b: ResourceInstance | undefined): boolean {
  return !!a && !!b && a.identity === b.identity;
}

/**
 * The range of a block's type and labels: where a finding about a missing attribute points.
 * Given a resource or nested block of the model, it reads only the header (which an edit of
 * the block's arguments leaves alone), not the whole block.
 */
export function headerRange(of: Block | NestedBlock): Range {
  const block = 'blockType' in of ? of : of.header();
  const last = block.labels.length ? block.labels[block.labels.length - 1].range : block.blockType.range;
  return { start: block.blockType.range.start, end: last.end };
}

/** Where a finding about `name` on this block points: the attribute, else the header. */
export function attrOrHeader(res: NestedBlock, name: string): Range {
  return res.attrNode(name)?.range ?? headerRange(res);
}

/** The attribute's value range, else the header. */
export function valueOrHeader(res: NestedBlock, name: string): Range {
  const a = res.attrNode(name);
  return a?.value?.range ?? a?.range ?? headerRange(res);
}

/** The endpoint's type as meant (the provider default when not written): endpointTarget's answer. */
export function endpointType(ep: ResourceInstance): EndpointType | undefined {
  return endpointTarget(ep).type;
}

/** The service the endpoint is for: endpointTarget's answer. */
export function serviceOf(ep: ResourceInstance): ServiceName {
  return endpointTarget(ep).name;
}

/** The AWS service part (`ecr.dkr`) when the name is an AWS service name and that part is known. */
export function awsService(ep: ResourceInstance): string | undefined {
  return endpointTarget(ep).service;
}

/** Resources of `type` (in the endpoint's module) whose `attr` points at `target`. */
export function pointingAt(module: ModuleInstance, type: string, attr: string, target: ResourceInstance): ResourceInstance[] {
  return pointers(module, typeAttrKey(type, attr)).byTarget.get(target.identity) ?? [];
}

/** True when some resource of `type` has an `attr` that cannot be resolved (it might point at anything). */
export function someUnresolved(module: ModuleInstance, type: string, attr: string): boolean {
  return pointers(module, typeAttrKey(type, attr)).unresolved;
}

/** `type` and `attr` as one key; the rules ask about a few fixed pairs, each made once. */
function typeAttrKey(type: string, attr: string): string {
  let byAttr = typeAttrKeys.get(type);
  if (!byAttr) typeAttrKeys.set(type, (byAttr = new Map<string, string>()));
  let k = byAttr.get(attr);
  if (k === undefined) byAttr.set(attr, (k = `${type}\u0000${attr}`));
  return k;
}

const typeAttrKeys = new Map<string, Map<string, string>>();

// Every endpoint asks which resources of a type point at it: one pass over them per module
// answers all the endpoints, instead of one pass per endpoint.
const pointers = query((module: ModuleInstance, typeAttr: string) => {
  const [type, attr] = typeAttr.split('\u0000');
  const byTarget = new Map<string, ResourceInstance[]>();
  let unresolved = false;
  for (const r of module.resources(type)) {
    const v = r.attr(attr);
    const t = v === undefined ? undefined : module.resolve(v);
    if (!t) {
      unresolved = true;
      continue;
    }
    const k = t.identity;
    const list = byTarget.get(k);
    if (list) list.push(r);
    else byTarget.set(k, [r]);
  }
  return { byTarget, unresolved };
});

export function vpcOf(ep: ResourceInstance): ResourceInstance | undefined {
  const v = ep.module.resolve(ep.attr('vpc_id'));
  // A data source reads an existing VPC: its settings are not in view.
  return v && v.type === 'aws_vpc' && v.mode === 'managed' ? v : undefined;
}

/** Known list of resolved targets; undefined when the list or any item is unknown. */
export function resolveList(module: ModuleInstance, v: Value | undefined): ResourceInstance[] | undefined {
  if (!v || v.kind !== 'list') return undefined;
  const out: ResourceInstance[] = [];
  for (const item of v.items) {
    const r = module.resolve(item);
    if (!r) return undefined;
    out.push(r);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Arguments as Terraform reads them

/**
 * An argument as Terraform reads it. This is where rules and queries ask whether an argument
 * is set and what it holds:
 * - undefined: not written, or null (`= null`, a variable whose default is null, `try(x, null)`
 *   in a module): unset, so the provider's default applies, which the caller supplies;
 * - an unknown value: the null is an input left to callers (`nullFromInput`), or so is an
 *   empty list, the default of a root module's variable (`default = []`): not known;
 * - otherwise its evaluated value, known or not.
 * A resource instance knows its module; a nested block needs its resource's `module`.
 */
export function argument(res: NestedBlock, name: string, module?: ModuleInstance): Value | undefined {
  const v = res.attr(name);
  if (v === undefined) return v;
  if (v.kind === 'list' && v.items.length === 0) {
    const m = module ?? moduleOf(res);
    return m && writtenInRootVariable(v, m) ? { kind: 'unknown', origin: v.origin } : v;
  }
  if (v.kind !== 'null') return v;
  return nullIsInput(v, module ?? moduleOf(res)) ? { kind: 'unknown', origin: v.origin } : undefined;
}

/**
 * The argument is null because a variable of a module analysed as a root defaults to null
 * (directly, `= var.x`, or through locals and object attributes): an input left to the
 * module's callers (a reusable module analysed alone), not a decision to leave it out. A
 * null written anywhere else (in the block, a `try(x, null)`, a caller's argument, a
 * variable of a called module that its caller does not set, a tfvars file) is unset.
 */
export function nullFromInput(res: NestedBlock, name: string, module?: ModuleInstance): boolean {
  const v = res.attr(name);
  return !!v && v.kind === 'null' && nullIsInput(v, module ?? moduleOf(res));
}

function moduleOf(res: NestedBlock): ModuleInstance | undefined {
  return 'module' in res ? (res as ResourceInstance).module : undefined;
}

function nullIsInput(v: NullValue, m: ModuleInstance | undefined): boolean {
  // Without its module, a nested block's null cannot be placed: not known.
  if (!m) return true;
  return writtenInRootVariable(v, m);
}

/**
 * The value is written in a `variable` block of the root module above `m` (its default): an
 * input whoever runs the configuration may give another value.
 */
export function writtenInRootVariable(v: Value, m: ModuleInstance): boolean {
  const o = v.origin;
  if (!o) return false;
  for (const span of rootVariableSpans(rootOf(m))) {
    if (span.uri === o.uri && span.start <= o.range.start.offset && o.range.end.offset <= span.end) return true;
  }
  return false;
}

// Where a root module's `variable` blocks are written: listed once per root and run.
const rootVariableSpans = query((root: ModuleInstance): { uri: string; start: number; end: number }[] => {
  const out: { uri: string; start: number; end: number }[] = [];
  const index = root.index;
  for (const address of index.keys()) {
    if (!address.startsWith('var.')) continue;
    for (const e of index.get(address) ?? []) {
      // With the variable blocks of override files merged into it (model/overrides.ts).
      if (e.kind === 'variable')
        for (const d of [e, ...(e.overrides ?? [])])
          out.push({ uri: d.uri, start: d.block.range.start.offset, end: d.block.range.end.offset });
    }
  }
  return out;
});

/** Length of a list attribute when known. */
export function knownLength(v: Value | undefined): number | undefined {
  return v && v.kind === 'list' ? v.items.length : undefined;
}

export interface Setting<T> {
  /** undefined: unknown. */
  value: T | undefined;
  /** The attribute on the endpoint, when set there. */
  attr?: Attribute;
  /** The stand-alone resource that sets it, when one does. */
  resource?: ResourceInstance;
}

/** Private DNS: `private_dns_enabled` or an `aws_vpc_endpoint_private_dns` (default false). */
export const privateDns: (ep: ResourceInstance) => Setting<boolean> = query(privateDnsNow);

function privateDnsNow(ep: ResourceInstance): Setting<boolean> {
  const sep = pointingAt(ep.module, 'aws_vpc_endpoint_private_dns', 'vpc_endpoint_id', ep)[0];
  if (sep) {
    // With an unknown count or for_each, the stand-alone resource may not exist: not known.
    const value = sep.expanded ? bool(argument(sep, 'private_dns_enabled')) : undefined;
    return { value, resource: sep, attr: ep.attrNode('private_dns_enabled') };
  }
  // Not written or null: the provider's default, off.
  const v = argument(ep, 'private_dns_enabled');
  if (v === undefined) {
    if (someUnresolved(ep.module, 'aws_vpc_endpoint_private_dns', 'vpc_endpoint_id')) return { value: undefined };
    return { value: false, attr: ep.attrNode('private_dns_enabled') };
  }
  return { value: bool(v), attr: ep.attrNode('private_dns_enabled') };
}

export interface Targets {
  /** Undefined when not all are known. */
  items: ResourceInstance[] | undefined;
  /** Set at all, or might be (attribute, input left to callers, or association). */
  present: boolean;
}

function listWithAssociations(ep: ResourceInstance, attr: string, assocType: string, assocAttr: string): Targets {
  const v = argument(ep, attr);
  const assocs = pointingAt(ep.module, assocType, 'vpc_endpoint_id', ep);
  const unresolvedAssoc = someUnresolved(ep.module, assocType, 'vpc_endpoint_id');
  let items: ResourceInstance[] | undefined = v === undefined ? [] : resolveList(ep.module, v);
  for (const a of assocs) {
    // An unknown count or for_each adds an unknown number of them.
    const t = a.expanded ? ep.module.resolve(a.attr(assocAttr)) : undefined;
    if (!t || !items) items = undefined;
    else items.push(t);
  }
  if (unresolvedAssoc) items = undefined;
  const emptyList = v !== undefined && v.kind === 'list' && v.items.length === 0;
  return { items, present: (v !== undefined && !emptyList) || assocs.length > 0 || unresolvedAssoc };
}

// Asked of every endpoint by several rules on every run: remembered while the endpoint and its
// associations are unchanged.
export const securityGroupsOf: (ep: ResourceInstance) => Targets = query((ep) =>
  listWithAssociations(ep, 'security_group_ids', 'aws_vpc_endpoint_security_group_association', 'security_group_id'),
);

export const routeTablesOf: (ep: ResourceInstance) => Targets = query((ep) =>
  listWithAssociations(ep, 'route_table_ids', 'aws_vpc_endpoint_route_table_association', 'route_table_id'),
);

export const subnetsOf: (ep: ResourceInstance) => Targets = query((ep) =>
  listWithAssociations(ep, 'subnet_ids', 'aws_vpc_endpoint_subnet_association', 'subnet_id'),
);

/**
 * Number of subnets when known (list length plus associations); does not need the subnets
 * resolved. An association with an unknown count or for_each adds an unknown number.
 */
export function subnetCount(ep: ResourceInstance): number | undefined {
  const v = argument(ep, 'subnet_ids');
  const n = v === undefined ? 0 : knownLength(v);
  if (n === undefined) return undefined;
  // A list inside the list (`["${var.subnet_ids}"]`, Terraform 0.11's way to splice one in) is
  // not one subnet: Terraform 0.12 and later reject it, and 0.11 spliced it.
  if (v?.kind === 'list' && v.items.some((i) => i.kind === 'list' || i.kind === 'map')) return undefined;
  if (someUnresolved(ep.module, 'aws_vpc_endpoint_subnet_association', 'vpc_endpoint_id')) return undefined;
  const assocs = pointingAt(ep.module, 'aws_vpc_endpoint_subnet_association', 'vpc_endpoint_id', ep);
  if (assocs.some((a) => !a.expanded)) return undefined;
  return n + assocs.length;
}

export interface Policy {
  /** Absent: no policy anywhere (and nothing unresolved that could set one). */
  present: boolean | undefined;
  value: Value | undefined;
  attr?: Attribute;
  /** The `aws_vpc_endpoint_policy` that sets it, when one does. */
  resource?: ResourceInstance;
}

/**
 * The endpoint's policy: its `policy` argument or an `aws_vpc_endpoint_policy`. A null policy
 * is no policy (`try(each.value.policy, null)`), on either: the stand-alone resource's
 * `policy` is optional too, and without it the endpoint keeps the default, full access (the
 * provider's documentation of `aws_vpc_endpoint_policy`). Such a resource is then named as
 * `resource`, with `present` false.
 */
export function policyOf(ep: ResourceInstance): Policy {
  const sep = pointingAt(ep.module, 'aws_vpc_endpoint_policy', 'vpc_endpoint_id', ep)[0];
  if (sep) {
    // With an unknown count or for_each, it may not exist.
    if (!sep.expanded) return { present: undefined, value: undefined };
    const attr = sep.attrNode('policy');
    const value = argument(sep, 'policy');
    return { present: value !== undefined, value, attr, resource: sep };
  }
  const v = argument(ep, 'policy');
  if (v !== undefined) return { present: true, value: v, attr: ep.attrNode('policy') };
  if (someUnresolved(ep.module, 'aws_vpc_endpoint_policy', 'vpc_endpoint_id')) return { present: undefined, value: undefined };
  return { present: false, value: undefined };
}

/** One ingress permission of a security group, from whichever resource style wrote it. */
export interface Ingress {
  style: 'inline' | 'aws_security_group_rule' | 'aws_vpc_security_group_ingress_rule';
  /** `tcp`, `-1`, `6`, ... lower-cased; undefined when unknown. */
  protocol: string | undefined;
  from: number | undefined;
  to: number | undefined;
  /** IPv4 and IPv6 CIDRs when known; undefined when unknown. */
  cidrs: string[] | undefined;
  /** Other sources (security groups, prefix lists, self) are present. */
  otherSources: boolean;
  /** The block or resource that carries it. */
  source: NestedBlock;
  uri: string;
  range: Range;
}

export interface IngressSet {
  rules: Ingress[];
  /** False when some ingress might exist that cannot be seen (dynamic blocks, unresolved rule resources). */
  complete: boolean;
}

/** Arguments (`argument`: null is absent) holding CIDRs, as one list; undefined when unknown. */
function cidrList(...vals: (Value | undefined)[]): string[] | undefined {
  const out: string[] = [];
  for (const v of vals) {
    if (v === undefined) continue;
    if (v.kind === 'string') {
      out.push(v.value);
      continue;
    }
    if (v.kind !== 'list') return undefined;
    for (const i of v.items) {
      if (i.kind !== 'string') return undefined;
      out.push(i.value);
    }
  }
  return out;
}

/** Some of the arguments (`argument`: null is absent) names a source, or might. */
function hasAny(...vals: (Value | undefined)[]): boolean {
  return vals.some((v) => v !== undefined && !(v.kind === 'list' && v.items.length === 0) && !(v.kind === 'bool' && !v.value));
}

interface RuleResources {
  /** By the instance key of the group they name: aws_security_group_rule and aws_vpc_security_group_ingress_rule resources, in order. */
  groups: Map<string, { sgRules: ResourceInstance[]; ingressRules: ResourceInstance[] }>;
  /** Some rule resource names a group that cannot be resolved (it might be any group). */
  unresolved: boolean;
  /**
   * Groups of the module (`aws_security_group.name`) that a rule resource names with an
   * instance key not known (`aws_security_group.app[each.key].id`): it adds to one of that
   * block's instances, and to no other group.
   */
  unresolvedIn: Set<string>;
}

/**
 * The group block of the module a rule resource's `security_group_id` is written against
 * (`aws_security_group.app[...].id`, `aws_security_group.app.id`): its address, else undefined.
 */
function writtenGroupBlock(m: ModuleInstance, r: ResourceInstance): string | undefined {
  let e = r.attrNode('security_group_id')?.value;
  if (e?.type !== 'GetAttr' || e.name.name !== 'id') return undefined;
  e = e.object;
  while (e.type === 'Index' || e.type === 'LegacyIndex') e = e.object;
  if (e.type !== 'GetAttr' || e.object.type !== 'Variable' || e.object.name !== 'aws_security_group') return undefined;
  const address = `aws_security_group.${e.name.name}`;
  return m.index.has(address) ? address : undefined;
}

// Every security group asks for the rule resources that name it: one pass over them per module
// and run answers all groups, instead of one pass per group.
/**
 * The group a rule resource adds to (`security_group_id`), when the workspace manages it.
 * Undefined when it cannot be told: not resolved, or read from a data source (a
 * `data.aws_security_group` or another configuration's `terraform_remote_state` output may name
 * a group managed here, the endpoint's own among them).
 */
export function ruleGroup(m: ModuleInstance, r: ResourceInstance): ResourceInstance | undefined {
  const target = m.resolve(r.attr('security_group_id'));
  return target?.mode === 'managed' ? target : undefined;
}

const ruleResourcesByGroup = query((m: ModuleInstance): RuleResources => {
  const out: RuleResources = { groups: new Map(), unresolved: false, unresolvedIn: new Set() };
  const group = (target: ResourceInstance) => {
    const k = target.identity;
    let g = out.groups.get(k);
    if (!g) out.groups.set(k, (g = { sgRules: [], ingressRules: [] }));
    return g;
  };
  const notResolved = (r: ResourceInstance) => {
    const block = writtenGroupBlock(m, r);
    if (block) out.unresolvedIn.add(block);
    else out.unresolved = true;
  };
  for (const r of m.resources('aws_security_group_rule')) {
    const target = ruleGroup(m, r);
    if (target) group(target).sgRules.push(r);
    // An egress rule adds no ingress, whichever group it is for.
    else if (str(r.attr('type')) !== 'egress') notResolved(r);
  }
  for (const r of m.resources('aws_vpc_security_group_ingress_rule')) {
    const target = ruleGroup(m, r);
    if (target) group(target).ingressRules.push(r);
    else notResolved(r);
  }
  return out;
});

/**
 * Ingress of a security group: inline blocks and the rule resources of `modules` (the group's
 * own module unless the caller passes more, e.g. the whole module tree).
 */
export function ingressOf(sg: ResourceInstance, modules: readonly ModuleInstance[] = [sg.module]): IngressSet {
  const rules: Ingress[] = [];
  let complete = true;
  if (sg.block.body.items.some((it) => it.type === 'Block' && it.blockType.name === 'dynamic' && it.labels[0]?.value === 'ingress')) {
    complete = false;
  }
  for (const b of sg.blocks('ingress')) {
    rules.push({
      style: 'inline',
      protocol: str(b.attr('protocol'))?.toLowerCase(),
      from: num(b.attr('from_port')),
      to: num(b.attr('to_port')),
      cidrs: cidrList(argument(b, 'cidr_blocks', sg.module), argument(b, 'ipv6_cidr_blocks', sg.module)),
      otherSources: hasAny(
        argument(b, 'security_groups', sg.module),
        argument(b, 'self', sg.module),
        argument(b, 'prefix_list_ids', sg.module),
      ),
      source: b,
      uri: b.uri,
      range: b.block.range,
    });
  }
  const key = sg.identity;
  for (const m of modules) {
    const byGroup = ruleResourcesByGroup(m);
    if (byGroup.unresolved || (sg.module === m && byGroup.unresolvedIn.has(`${sg.type}.${sg.name}`))) complete = false;
    const own = byGroup.groups.get(key);
    if (!own) continue;
    for (const r of own.sgRules) {
      const type = str(r.attr('type'));
      if (type === undefined) complete = false;
      if (type !== 'ingress') continue;
      rules.push({
        style: 'aws_security_group_rule',
        protocol: str(r.attr('protocol'))?.toLowerCase(),
        from: num(r.attr('from_port')),
        to: num(r.attr('to_port')),
        cidrs: cidrList(argument(r, 'cidr_blocks'), argument(r, 'ipv6_cidr_blocks')),
        otherSources: hasAny(argument(r, 'source_security_group_id'), argument(r, 'self'), argument(r, 'prefix_list_ids')),
        source: r,
        uri: r.uri,
        range: r.block.range,
      });
    }
    for (const r of own.ingressRules) {
      const proto = r.attr('ip_protocol');
      rules.push({
        style: 'aws_vpc_security_group_ingress_rule',
        protocol: (str(proto) ?? (num(proto) !== undefined ? String(num(proto)) : undefined))?.toLowerCase(),
        from: num(r.attr('from_port')),
        to: num(r.attr('to_port')),
        cidrs: cidrList(argument(r, 'cidr_ipv4'), argument(r, 'cidr_ipv6')),
        otherSources: hasAny(argument(r, 'referenced_security_group_id'), argument(r, 'prefix_list_id')),
        source: r,
        uri: r.uri,
        range: r.block.range,
      });
    }
  }
  return { rules, complete };
}

export function isAllProtocols(p: string | undefined): boolean {
  return p === '-1' || p === 'all';
}

/** Does this ingress allow inbound TCP on `port`? undefined when it cannot be told. */
export function allowsTcpPort(rule: Ingress, port: number): boolean | undefined {
  if (rule.protocol === undefined) return undefined;
  if (isAllProtocols(rule.protocol)) return true;
  if (rule.protocol !== 'tcp' && rule.protocol !== '6') return false;
  if (rule.from === undefined || rule.to === undefined) return undefined;
  return rule.from <= port && port <= rule.to;
}

/** The VPC's known CIDR block, for messages and fixes. */
export function vpcCidr(vpc: ResourceInstance | undefined): string | undefined {
  return vpc ? str(vpc.attr('cidr_block')) : undefined;
}

/** `aws_vpc.main.cidr_block` (with the instance key) as HCL, for fixes that reference the VPC. */
export function refExpr(res: ResourceInstance, attr: string): string {
  const base = `${res.type}.${res.name}`;
  if (res.key === undefined) return `${base}.${attr}`;
  const key = typeof res.key === 'number' ? String(res.key) : JSON.stringify(res.key);
  return `${base}[${key}].${attr}`;
}

/**
 * The source file a block was written in; given one of its arguments or nested blocks, the file
 * that one was written in: an override file's when an override replaced it (model/overrides.ts).
 * Text sliced from a node, or positions worked out from it, are that file's.
 */
export function fileOf(res: NestedBlock, module: ModuleInstance, node?: { range: Range }): SourceFile | undefined {
  const uri = node ? uriOfNode(node, res.uri) : res.uri;
  return module.files.find((f) => f.path === uri || f.uri === uri);
}

/** Message name of an instance: its address, with the module path. */
export function display(res: ResourceInstance): string {
  return res.address;
}
