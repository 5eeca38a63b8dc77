// What a module already has that new PrivateLink resources should reuse: its VPC, private
// subnets, route tables, endpoint security group, region expression, `for_each` endpoint
// list, the file that holds endpoints, indentation and tags style. Read before writing, so
// the scaffolding looks like the module's own code.

import * as path from 'node:path';
import type { Attribute, Block, Expression, TupleExpr } from '../hcl/ast';
import { eol, indentUnit } from '../fixes/edits';
import type { BlockEntry, ModuleInstance, ResourceInstance, SourceFile } from '../model/types';
import { str } from '../model/value';
import { mentionsInstance } from '../query/policy/read';
import { exprText, routeTablesExpr } from '../fixes/new-endpoint';
import { literalListLocal, portableArgumentText, writtenArgument, writtenPerInstance } from '../query/describe';
import { vpcDnsOff } from '../query/dns';
import { endpoints, endpointTarget } from '../query/endpoint-type';
import { moduleRegionExpression, type RegionExpression } from '../query/region';
import { securityGroupsIn } from '../query/security-groups';
import { looksPrivate, subnetLookups, subnetsIn, vpcCallDnsInput, vpcLookups, vpcModuleCalls, vpcsOf } from '../query/vpcs';
import { allowsTcpPort, endpointType, ingressOf, policyOf, sameInstance, securityGroupsOf, vpcOf } from '../query/wiring';

export interface VpcRef {
  /** `aws_vpc.main` or `module.vpc`. */
  address: string;
  /** HCL of its id: `aws_vpc.main.id`, `module.vpc.vpc_id`. */
  idExpr: string;
  /** HCL of its IPv4 CIDR. */
  cidrExpr: string;
  resource?: ResourceInstance;
  /** The module call, for a VPC made by a module. */
  call?: BlockEntry;
  /** The data source, for an existing VPC. */
  data?: ResourceInstance;
}

export interface ForEachList {
  /** The endpoint resource iterating over the list. */
  endpoint: ResourceInstance;
  localName: string;
  /** The literal list in `locals`. */
  list: TupleExpr;
  file: SourceFile;
  services: string[];
}

export interface TagsStyle {
  /** How a new resource's tags are written, given its Name. */
  render(name: string, indent: string): string;
  describe: string;
}

export interface Discovery {
  module: ModuleInstance;
  vpcs: VpcRef[];
  vpc: VpcRef | undefined;
  subnetsExpr: string | undefined;
  routeTablesExpr: string | undefined;
  /** `aws_security_group.endpoints.id` when one is found. */
  securityGroupExpr: string | undefined;
  securityGroupAddress: string | undefined;
  region: RegionExpression;
  forEach: ForEachList | undefined;
  /** Where new endpoints go: an existing file, or a path to create. */
  endpointFile: string;
  indent: string;
  /** Line ending of the module's files. */
  eol: string;
  tags: TagsStyle;
  /** Existing endpoints of the chosen VPC set a policy. */
  writesPolicies: boolean;
  /** An organization id already used in an endpoint policy's aws:PrincipalOrgID. */
  orgId: string | undefined;
  /** `service/type` of endpoints already in the VPC (`ecr.api/Interface`). */
  existing: Set<string>;
  /** File of a block, by path. */
  file: (p: string) => SourceFile | undefined;
}

function attr(block: Block, name: string): Attribute | undefined {
  return block.body.items.find((i): i is Attribute => i.type === 'Attribute' && i.name.name === name);
}

function metaArg(block: Block): 'count' | 'for_each' | undefined {
  if (attr(block, 'count')) return 'count';
  if (attr(block, 'for_each')) return 'for_each';
  return undefined;
}

/** `aws_subnet.x.id`, `aws_subnet.x[*].id`, `values(aws_subnet.x)[*].id` as the block counts. */
function allIds(block: Block, base: string, field = 'id'): string {
  const m = metaArg(block);
  if (m === 'count') return `${base}[*].${field}`;
  if (m === 'for_each') return `values(${base})[*].${field}`;
  return `${base}.${field}`;
}

/** A subnet block of a VPC the user can pick, with the HCL of all its ids. */
export interface SubnetChoice {
  /** `aws_subnet.private`. */
  address: string;
  /** `aws_subnet.private[*].id`. */
  idsExpr: string;
}

/** The `aws_subnet` blocks of the VPC (its private-looking ones first), one entry per block. */
export function subnetChoices(module: ModuleInstance, vpc: VpcRef | undefined): SubnetChoice[] {
  if (!vpc?.resource) return [];
  const subnets = subnetsIn(module, vpc.resource);
  const ordered = [...subnets.filter(looksPrivate), ...subnets.filter((s) => !looksPrivate(s))];
  const out: SubnetChoice[] = [];
  for (const s of ordered) {
    const address = `aws_subnet.${s.name}`;
    if (out.some((c) => c.address === address)) continue;
    out.push({ address, idsExpr: allIds(s.entry.block, address) });
  }
  return out;
}

/** A list expression joining single references and splats. */
export function joinLists(parts: string[]): string | undefined {
  if (!parts.length) return undefined;
  const single = (p: string) => !p.includes('[*]');
  if (parts.every(single)) return `[${parts.join(', ')}]`;
  if (parts.length === 1) return parts[0];
  return `concat(${parts.map((p) => (single(p) ? `[${p}]` : p)).join(', ')})`;
}

function findVpcs(module: ModuleInstance): VpcRef[] {
  const out: VpcRef[] = [];
  const seen = new Set<string>();
  for (const r of vpcsOf(module)) {
    const base = `aws_vpc.${r.name}`;
    if (seen.has(base)) continue;
    seen.add(base);
    const counted = metaArg(r.entry.block);
    // A counted VPC is referenced through its first instance.
    const ref =
      counted === 'count' ? `${base}[0]` : counted === 'for_each' && r.key !== undefined ? `${base}[${JSON.stringify(r.key)}]` : base;
    out.push({ address: base, idExpr: `${ref}.id`, cidrExpr: `${ref}.cidr_block`, resource: r });
  }
  // An existing VPC read by a data source: its settings are not the module's to change.
  for (const r of vpcLookups(module)) {
    const base = `data.aws_vpc.${r.name}`;
    if (seen.has(base) || r.key !== undefined) continue;
    seen.add(base);
    out.push({ address: base, idExpr: `${base}.id`, cidrExpr: `${base}.cidr_block`, data: r });
  }
  // The community VPC module and look-alikes name their outputs vpc_id / vpc_cidr_block.
  for (const call of vpcModuleCalls(module)) {
    const address = call.address;
    out.push({ address, idExpr: `${address}.vpc_id`, cidrExpr: `${address}.vpc_cidr_block`, call });
  }
  return out;
}

function endpointsOf(module: ModuleInstance, vpc: VpcRef | undefined): ResourceInstance[] {
  return endpoints(module).filter((ep) => {
    if (!vpc) return true;
    if (vpc.resource) return sameInstance(vpcOf(ep), vpc.resource);
    return writtenArgument(ep, 'vpc_id')?.text === vpc.idExpr;
  });
}

function subnetsFor(module: ModuleInstance, vpc: VpcRef): string | undefined {
  if (vpc.call) return `${vpc.address}.private_subnets`;
  if (vpc.data) {
    // data "aws_subnets" lists ids (filtered by the VPC, usually); prefer a private one.
    const lists = subnetLookups(module);
    const pick = lists.find((d) => /private/i.test(d.name)) ?? lists[0];
    return pick ? `data.aws_subnets.${pick.name}.ids` : undefined;
  }
  const subnets = vpc.resource ? subnetsIn(module, vpc.resource) : [];
  const priv = subnets.filter(looksPrivate);
  const use = priv.length ? priv : subnets;
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const s of use) {
    const base = `aws_subnet.${s.name}`;
    if (seen.has(base)) continue;
    seen.add(base);
    parts.push(allIds(s.entry.block, base));
  }
  return joinLists(parts);
}

function routeTablesFor(module: ModuleInstance, vpc: VpcRef): string | undefined {
  if (vpc.call) return `${vpc.address}.private_route_table_ids`;
  const own = vpc.resource ? routeTablesExpr(module, vpc.resource) : undefined;
  return own ?? `[${vpc.address}.main_route_table_id]`;
}

function securityGroupFor(module: ModuleInstance, vpc: VpcRef | undefined, eps: ResourceInstance[]): ResourceInstance | undefined {
  for (const ep of eps) {
    if (endpointType(ep) !== 'Interface') continue;
    const sg = securityGroupsOf(ep).items?.find((g) => g.type === 'aws_security_group' && g.mode === 'managed' && g.module === module);
    if (sg) return sg;
  }
  const candidates = securityGroupsIn(module, vpc?.resource).filter((sg) => {
    if (sg.key !== undefined) return false;
    const ing = ingressOf(sg);
    const ok = ing.rules.some((r) => allowsTcpPort(r, 443) === true && !!r.cidrs?.length);
    const open = ing.rules.some((r) => r.cidrs?.some((c) => c === '0.0.0.0/0' || c === '::/0'));
    return ok && !open;
  });
  return candidates.find((c) => /endpoint|vpce/i.test(c.name)) ?? candidates[0];
}

/** The endpoint's policy allows named actions (`ecr:BatchGetImage`) rather than `*`; unknown counts as specific. */
function serviceSpecificPolicy(ep: ResourceInstance): boolean {
  const p = policyOf(ep);
  if (p.present === false) return false;
  const text = str(p.value);
  if (text === undefined) return true;
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    return statements.some((st) => {
      const a = (st as { Action?: unknown; NotAction?: unknown } | undefined)?.Action;
      const list = Array.isArray(a) ? a : [a];
      return list.some((x) => x !== '*');
    });
  } catch {
    return true;
  }
}

function forEachList(module: ModuleInstance, eps: ResourceInstance[]): ForEachList | undefined {
  for (const ep of eps) {
    const fe = attr(ep.entry.block, 'for_each')?.value;
    if (!fe || endpointType(ep) !== 'Interface') continue;
    // toset(local.x) or local.x
    let inner: Expression = fe;
    if (inner.type === 'FunctionCall' && inner.name.name === 'toset' && inner.args.length === 1) inner = inner.args[0];
    if (inner.type !== 'GetAttr' || inner.object.type !== 'Variable' || inner.object.name !== 'local') continue;
    const local = literalListLocal(module, inner.name.name);
    if (!local) continue;
    const { list, file } = local;
    const services: string[] = [];
    for (const v of local.values) {
      if (v === undefined) return undefined;
      services.push(v);
    }
    // The list must hold service names: the endpoint names them with each.key/each.value.
    if (!writtenPerInstance(ep, 'service_name')) continue;
    // A policy naming one service's actions would do nothing for the others (PL304).
    if (serviceSpecificPolicy(ep)) continue;
    return { endpoint: ep, localName: inner.name.name, list, file, services };
  }
  return undefined;
}

const ENDPOINT_FILES = ['endpoints.tf', 'vpc-endpoints.tf', 'vpc_endpoints.tf'];

function endpointFileOf(module: ModuleInstance, eps: ResourceInstance[]): string {
  const counts = new Map<string, number>();
  for (const ep of eps) counts.set(ep.uri, (counts.get(ep.uri) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  if (best) return best[0];
  const files = module.files.filter((f) => f.path.endsWith('.tf'));
  for (const name of ENDPOINT_FILES) {
    const f = files.find((x) => path.basename(x.path) === name);
    if (f) return f.path;
  }
  // A one-file module stays one file.
  if (files.length === 1) return files[0].path;
  return path.join(module.dir, 'endpoints.tf');
}

function tagsStyle(module: ModuleInstance, eps: ResourceInstance[]): TagsStyle {
  // Endpoints first, then every resource and module call, in file order.
  const holders: { block: Block; uri: string }[] = eps.map((e) => ({ block: e.entry.block, uri: e.uri }));
  for (const entries of module.index.values()) {
    for (const e of entries) if (e.kind === 'resource' || e.kind === 'module') holders.push({ block: e.block, uri: e.uri });
  }
  for (const h of holders) {
    const t = attr(h.block, 'tags')?.value;
    const file = module.files.find((f) => f.path === h.uri);
    if (!t || !file || mentionsInstance(t)) continue;
    let base: Expression | undefined;
    if (t.type === 'GetAttr' && t.object.type === 'Variable' && (t.object.name === 'local' || t.object.name === 'var')) base = t;
    else if (t.type === 'FunctionCall' && t.name.name === 'merge' && t.args[0]?.type === 'GetAttr') base = t.args[0];
    if (!base) continue;
    const text = exprText(file, base)!;
    return { describe: `merge(${text}, { Name = ... })`, render: (name, u) => `merge(${text}, {\n${u}Name = "${name}"\n})` };
  }
  return { describe: '{ Name = ... }', render: (name, u) => `{\n${u}Name = "${name}"\n}` };
}

function orgIdOf(eps: ResourceInstance[]): string | undefined {
  for (const ep of eps) {
    const v = str(policyOf(ep).value);
    const m = v?.match(/"aws:PrincipalOrgID"\s*:\s*"(o-[a-z0-9]+)"/);
    if (m) return m[1];
  }
  return undefined;
}

function existingServices(eps: ResourceInstance[]): Set<string> {
  const out = new Set<string>();
  for (const ep of eps) {
    const { services, type } = endpointTarget(ep);
    if (type) for (const s of services) out.add(`${s}/${type}`);
  }
  return out;
}

export interface DiscoverOptions {
  /** Address of the VPC to use when the module has several (`aws_vpc.main`, `module.vpc`). */
  vpc?: string;
}

export function discover(module: ModuleInstance, opts: DiscoverOptions = {}): Discovery {
  const vpcs = findVpcs(module);
  const withEndpoints = vpcs.find((v) => endpointsOf(module, v).length > 0);
  const vpc = vpcs.find((v) => v.address === opts.vpc) ?? withEndpoints ?? vpcs[0];
  const eps = endpointsOf(module, vpc);
  const sg = securityGroupFor(module, vpc, eps);
  const firstFile = module.files.find((f) => f.path.endsWith('.tf'));
  const region = moduleRegionExpression(module) ?? {
    expr: 'data.aws_region.current.name',
    from: 'a new data "aws_region" "current"',
    addBlock: 'data "aws_region" "current" {}',
  };
  const interfaceEp =
    eps.find((e) => endpointType(e) === 'Interface' && e.key === undefined) ?? eps.find((e) => endpointType(e) === 'Interface');
  // Expressions the existing endpoint writes, when they do not depend on its instance.
  const reuse = (name: string) => (interfaceEp ? portableArgumentText(interfaceEp, name) : undefined);
  return {
    module,
    vpcs,
    vpc,
    subnetsExpr: reuse('subnet_ids') ?? (vpc ? subnetsFor(module, vpc) : undefined),
    routeTablesExpr: vpc ? routeTablesFor(module, vpc) : undefined,
    securityGroupExpr: reuse('security_group_ids') ?? (sg ? `[aws_security_group.${sg.name}.id]` : undefined),
    securityGroupAddress: sg ? `aws_security_group.${sg.name}` : undefined,
    region,
    forEach: forEachList(module, eps),
    endpointFile: endpointFileOf(module, eps),
    indent: firstFile ? indentUnit(firstFile) : '  ',
    eol: firstFile ? eol(firstFile) : '\n',
    tags: tagsStyle(module, eps),
    writesPolicies: eps.some((e) => policyOf(e).present === true),
    orgId: orgIdOf(eps),
    existing: existingServices(eps),
    file: (p) => module.files.find((f) => f.path === p),
  };
}

/** Is DNS hostnames support known to be off on the VPC (the provider's default is off)? */
export function dnsHostnamesOff(d: Discovery): boolean {
  const v = d.vpc;
  if (!v) return false;
  // Absent (or null) is off; an expression the model cannot evaluate is the user's to decide.
  if (v.resource) return vpcDnsOff(v.resource)?.off.includes('enable_dns_hostnames') ?? false;
  return !!v.call && vpcCallDnsInput(d.module, v.call, 'enable_dns_hostnames') === false;
}

export function dnsSupportOff(d: Discovery): boolean {
  const v = d.vpc;
  if (!v) return false;
  if (v.resource) return vpcDnsOff(v.resource)?.off.includes('enable_dns_support') ?? false;
  return !!v.call && vpcCallDnsInput(d.module, v.call, 'enable_dns_support') === false;
}
