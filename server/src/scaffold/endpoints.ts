// "Add interface endpoints…" and "Add gateway endpoint": new aws_vpc_endpoint resources in the
// module's own style, or new names in its existing `for_each` list.

import * as path from 'node:path';
import type { Block } from '../hcl/ast';
import { hclString, setAttribute } from '../fixes/edits';
import type { ModuleInstance } from '../model/types';
import { catalog } from '../query/catalog';
import type { ServiceInfo } from '../query/catalog-types';
import { freeResourceName, resourceNameFor } from '../fixes/new-endpoint';
import type { TextEdit } from '../rules/types';
import { BUNDLES } from './bundles';
import { discover, dnsHostnamesOff, dnsSupportOff, type Discovery } from './discover';
import { block, Changes, type Item, type ScaffoldResult, type Section } from './render';

export class ScaffoldError extends Error {}

export interface EndpointOptions {
  services?: string[];
  /** A bundle id from BUNDLES (`ecr`, `ssm`, `eks`, `ecs`). */
  bundle?: string;
  /** The VPC to use (`aws_vpc.main`, `module.vpc`) when the module has several. */
  vpc?: string;
  /** Write endpoint policies; default: when the module's endpoints already have them. */
  policy?: boolean;
}

export const ORG_PLACEHOLDER = 'o-xxxxxxxxxx';

/** `"com.amazonaws.${var.region}.ecr.api"` with the module's region expression. */
export function serviceNameExpr(d: Discovery, info: ServiceInfo): string {
  const prefix = info.prefix ?? 'com.amazonaws';
  if (info.global) return hclString(`${prefix}.${info.name}`);
  return `"${prefix}.\${${d.region.expr}}.${info.name}"`;
}

/** Adds what the region expression needs (a `data "aws_region"` block), once. */
export function ensureRegion(d: Discovery, ch: Changes, done: { region?: boolean }): void {
  if (!d.region.addBlock || done.region) return;
  done.region = true;
  ch.append(d.endpointFile, d.region.addBlock);
  ch.note(`Region: ${d.region.from}.`);
}

function vpcBlock(d: Discovery): { block: Block; file: string } | undefined {
  const v = d.vpc;
  if (!v) return undefined;
  if (v.resource) return { block: v.resource.entry.block, file: v.resource.uri };
  if (v.call) return { block: v.call.block, file: v.call.uri };
  return undefined;
}

/** Private DNS needs DNS hostnames and support in the VPC (PL101): turn them on when off. */
export function ensureVpcDns(d: Discovery, ch: Changes): void {
  if (d.vpc?.data) {
    ch.note(`${d.vpc.address} is read, not managed here: private DNS needs its DNS hostnames and DNS support on.`);
    return;
  }
  const vb = vpcBlock(d);
  const file = vb && d.file(vb.file);
  if (!vb || !file) return;
  const edits: TextEdit[] = [];
  const turned: string[] = [];
  if (dnsSupportOff(d)) {
    edits.push(...setAttribute(file, vb.block, 'enable_dns_support', 'true'));
    turned.push('enable_dns_support');
  }
  if (dnsHostnamesOff(d)) {
    // Support is only ever replaced (off means written false), so the two edits never meet.
    edits.push(...setAttribute(file, vb.block, 'enable_dns_hostnames', 'true'));
    turned.push('enable_dns_hostnames');
  }
  if (!edits.length) return;
  ch.edit(...edits);
  ch.note(`Set ${turned.join(' and ')} = true on ${d.vpc!.address}: private DNS needs ${turned.length > 1 ? 'them' : 'it'} (PL101).`);
}

/** The endpoint security group: the module's own, else a new one allowing 443 from the VPC. */
export function ensureSecurityGroup(d: Discovery, ch: Changes, taken: Set<string>): string {
  if (d.securityGroupExpr) {
    ch.note(`Security group: reusing ${d.securityGroupAddress ?? d.securityGroupExpr}, the module's endpoint group.`);
    return d.securityGroupExpr;
  }
  const name = freeResourceName(d.module, 'aws_security_group', 'vpc_endpoints', taken);
  const u = d.indent;
  const vpc = d.vpc!;
  ch.append(
    d.endpointFile,
    block(
      `resource "aws_security_group" "${name}"`,
      [
        [
          ['name_prefix', hclString('vpc-endpoints-')],
          ['description', hclString('HTTPS from the VPC to its interface endpoints')],
          ['vpc_id', vpc.idExpr],
        ],
        [
          {
            block: 'ingress',
            body: [
              [
                ['description', hclString('HTTPS from the VPC')],
                ['from_port', '443'],
                ['to_port', '443'],
                ['protocol', hclString('tcp')],
                ['cidr_blocks', `[${vpc.cidrExpr}]`],
              ],
            ],
          },
        ],
        [['tags', d.tags.render('vpc-endpoints', u)]],
      ],
      u,
    ),
  );
  const expr = `[aws_security_group.${name}.id]`;
  d.securityGroupExpr = expr;
  d.securityGroupAddress = `aws_security_group.${name}`;
  ch.note(`Security group: new aws_security_group.${name} allowing HTTPS (443) from the VPC's CIDR.`);
  return expr;
}

/** A least-privilege skeleton: any action, but only for principals of the organization. */
export function policySkeleton(d: Discovery): string {
  const u = d.indent;
  const org = d.orgId ?? ORG_PLACEHOLDER;
  return [
    'jsonencode({',
    `${u}Version = "2012-10-17"`,
    `${u}Statement = [{`,
    `${u}${u}Effect    = "Allow"`,
    `${u}${u}Principal = "*"`,
    `${u}${u}Action    = "*"`,
    `${u}${u}Resource  = "*"`,
    `${u}${u}Condition = {`,
    `${u}${u}${u}StringEquals = { "aws:PrincipalOrgID" = "${org}" }`,
    `${u}${u}}`,
    `${u}}]`,
    '})',
  ].join('\n');
}

function resolveServices(opts: EndpointOptions): ServiceInfo[] {
  const names = [...(opts.services ?? [])];
  if (opts.bundle) {
    const b = BUNDLES.find((x) => x.id === opts.bundle);
    if (!b) throw new ScaffoldError(`Unknown bundle "${opts.bundle}". Known: ${BUNDLES.map((x) => x.id).join(', ')}.`);
    names.push(...b.services);
  }
  if (!names.length) throw new ScaffoldError('No service chosen.');
  const out: ServiceInfo[] = [];
  for (const n of names) {
    const info = catalog.get(n);
    if (!info) throw new ScaffoldError(`"${n}" is not in the service catalog (nearest: ${catalog.nearest(n).join(', ')}).`);
    if (!out.includes(info)) out.push(info);
  }
  return out;
}

function wantsPolicy(d: Discovery, opts: { policy?: boolean }, ch: Changes): boolean {
  const want = opts.policy ?? d.writesPolicies;
  ch.note(
    want
      ? `Endpoint policies: scoped by aws:PrincipalOrgID = ${d.orgId ?? `${ORG_PLACEHOLDER} (replace with your organization id)`}${opts.policy === undefined ? ", as the module's endpoints have policies" : ''}.`
      : "Endpoint policies: none written, as the module's endpoints have none (PL301 will point at them).",
  );
  return want;
}

interface Ctx {
  d: Discovery;
  ch: Changes;
  taken: Set<string>;
  done: { region?: boolean };
  policy: boolean;
}

function interfaceBlock(c: Ctx, info: ServiceInfo, sg: string): string {
  const { d } = c;
  const name = freeResourceName(d.module, 'aws_vpc_endpoint', resourceNameFor(info.name), c.taken);
  const main: Item[] = [
    ['vpc_id', d.vpc!.idExpr],
    ['service_name', serviceNameExpr(d, info)],
    ['vpc_endpoint_type', hclString('Interface')],
  ];
  if (d.subnetsExpr) main.push(['subnet_ids', d.subnetsExpr]);
  main.push(['security_group_ids', sg]);
  if (info.privateDns) main.push(['private_dns_enabled', 'true']);
  const sections: Section[] = [main];
  if (c.policy && info.policy) sections.push([['policy', policySkeleton(d)]]);
  sections.push([['tags', d.tags.render(`${info.name.replace(/\./g, '-')}-endpoint`, d.indent)]]);
  return block(`resource "aws_vpc_endpoint" "${name}"`, sections, d.indent);
}

function gatewayBlock(c: Ctx, info: ServiceInfo): string {
  const { d } = c;
  const name = freeResourceName(d.module, 'aws_vpc_endpoint', resourceNameFor(info.name), c.taken);
  const sections: Section[] = [
    [
      ['vpc_id', d.vpc!.idExpr],
      ['service_name', serviceNameExpr(d, info)],
      ['vpc_endpoint_type', hclString('Gateway')],
      ['route_table_ids', d.routeTablesExpr!],
    ],
  ];
  if (c.policy && info.policy) sections.push([['policy', policySkeleton(d)]]);
  sections.push([['tags', d.tags.render(`${info.name.replace(/\./g, '-')}-gateway-endpoint`, d.indent)]]);
  return block(`resource "aws_vpc_endpoint" "${name}"`, sections, d.indent);
}

/** New names in the module's `for_each` list, in the list's own layout. */
function extendList(d: Discovery, names: string[]): TextEdit {
  const fe = d.forEach!;
  const f = fe.file;
  const list = fe.list;
  const quoted = names.map(hclString);
  const closeAt = list.range.end.offset - 1; // the `]`
  if (!list.items.length) {
    return { uri: f.path, range: { start: list.range.start, end: list.range.end }, newText: `[${quoted.join(', ')}]` };
  }
  const last = list.items[list.items.length - 1];
  const multiLine = last.range.end.line !== list.range.start.line;
  const between = f.text.slice(last.range.end.offset, closeAt);
  const trailingComma = between.trimStart().startsWith(',');
  const at = trailingComma ? last.range.end.offset + between.indexOf(',') + 1 : last.range.end.offset;
  const pos = { ...last.range.end, offset: at, character: last.range.end.character + (at - last.range.end.offset) };
  let text: string;
  if (multiLine) {
    const lineStart = f.ast.lineStarts[last.range.start.line];
    const indent = f.text.slice(lineStart, last.range.start.offset).match(/^\s*/)![0];
    const nl = f.text.includes('\r\n') ? '\r\n' : '\n';
    text = trailingComma ? quoted.map((q) => `${nl}${indent}${q},`).join('') : quoted.map((q) => `,${nl}${indent}${q}`).join('');
  } else {
    text = trailingComma ? quoted.map((q) => ` ${q},`).join('') : quoted.map((q) => `, ${q}`).join('');
  }
  return { uri: f.path, range: { start: pos, end: pos }, newText: text };
}

function requireVpc(d: Discovery): void {
  if (!d.vpc) throw new ScaffoldError(`No VPC found in ${d.module.dir}: add an aws_vpc or a VPC module call first.`);
}

export function addInterfaceEndpoints(module: ModuleInstance, opts: EndpointOptions): ScaffoldResult {
  const d = discover(module, { vpc: opts.vpc });
  requireVpc(d);
  const infos = resolveServices(opts);
  const ch = new Changes(d.file, d.eol);
  const c: Ctx = { d, ch, taken: new Set(), done: {}, policy: false };
  const skipped: string[] = [];
  const gateways: ServiceInfo[] = [];
  const interfaces: ServiceInfo[] = [];
  for (const info of infos) {
    // S3 and DynamoDB go through a free Gateway endpoint; one that exists already serves.
    const asGateway = info.gateway;
    const key = `${info.name}/${asGateway ? 'Gateway' : 'Interface'}`;
    const inList = !asGateway && d.forEach?.services.includes(info.name);
    if (d.existing.has(key) || inList) skipped.push(info.name);
    else if (asGateway) gateways.push(info);
    else interfaces.push(info);
  }
  if (!gateways.length && !interfaces.length) {
    return {
      edits: [],
      createFiles: [],
      summary: `Nothing to add: ${skipped.join(', ')} already ${skipped.length === 1 ? 'has an endpoint' : 'have endpoints'} in ${d.vpc!.address}.`,
    };
  }
  c.policy = wantsPolicy(d, opts, ch);
  const added: string[] = [];
  const forEachNames = d.forEach ? interfaces.filter((i) => !i.global && (i.prefix ?? 'com.amazonaws') === 'com.amazonaws') : [];
  if (forEachNames.length) {
    ch.edit(
      extendList(
        d,
        forEachNames.map((i) => i.name),
      ),
    );
    added.push(
      `${forEachNames.map((i) => i.name).join(', ')} (added to local.${d.forEach!.localName}, the list ${d.forEach!.endpoint.entry.address} iterates over)`,
    );
  }
  const blocks = interfaces.filter((i) => !forEachNames.includes(i));
  if (blocks.length) {
    ensureRegion(d, ch, c.done);
    const sg = ensureSecurityGroup(d, ch, c.taken);
    for (const info of blocks) ch.append(d.endpointFile, interfaceBlock(c, info, sg));
    added.push(`Interface endpoints ${blocks.map((i) => i.name).join(', ')}`);
    if (!d.subnetsExpr) ch.note('No subnets found for the VPC: set subnet_ids on the new endpoints.');
    else ch.note(`Subnets: ${d.subnetsExpr}.`);
  }
  for (const info of gateways) {
    ensureRegion(d, ch, c.done);
    ch.append(d.endpointFile, gatewayBlock(c, info));
    added.push(`Gateway endpoint ${info.name} with route tables ${d.routeTablesExpr}`);
  }
  if (interfaces.some((i) => i.privateDns)) ensureVpcDns(d, ch);
  if (skipped.length) ch.note(`Already present, skipped: ${skipped.join(', ')}.`);
  if (d.region.addBlock === undefined) ch.note(`Region: ${d.region.expr} (${d.region.from}).`);
  ch.note(`Tags: ${d.tags.describe}. File: ${path.basename(d.endpointFile)}${d.file(d.endpointFile) ? '' : ' (new)'}.`);
  return ch.result(`Added to ${d.vpc!.address}: ${added.join('; ')}.`);
}

export interface GatewayOptions {
  service: 's3' | 'dynamodb';
  vpc?: string;
  policy?: boolean;
}

export function addGatewayEndpoint(module: ModuleInstance, opts: GatewayOptions): ScaffoldResult {
  if (opts.service !== 's3' && opts.service !== 'dynamodb')
    throw new ScaffoldError(`Gateway endpoints exist for s3 and dynamodb only, not "${String(opts.service)}".`);
  const d = discover(module, { vpc: opts.vpc });
  requireVpc(d);
  if (d.existing.has(`${opts.service}/Gateway`)) {
    return { edits: [], createFiles: [], summary: `${d.vpc!.address} already has a Gateway endpoint for ${opts.service}.` };
  }
  const ch = new Changes(d.file, d.eol);
  const c: Ctx = { d, ch, taken: new Set(), done: {}, policy: wantsPolicy(d, opts, ch) };
  ensureRegion(d, ch, c.done);
  ch.append(d.endpointFile, gatewayBlock(c, catalog.get(opts.service)!));
  ch.note(`Route tables: ${d.routeTablesExpr}. File: ${path.basename(d.endpointFile)}${d.file(d.endpointFile) ? '' : ' (new)'}.`);
  return ch.result(`Added a Gateway endpoint for ${opts.service} to ${d.vpc!.address}.`);
}
