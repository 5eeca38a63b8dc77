// Completion inside `aws_vpc_endpoint` blocks: service names from the catalog written with
// the module's own region expression, `vpc_endpoint_type` values, the arguments that apply to
// the endpoint's type (a Resource endpoint's `resource_configuration_arn`, a ServiceNetwork
// endpoint's `service_network_arn`), and in `dns_options` its arguments and their values.

import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type Range as LspRange,
} from 'vscode-languageserver/node';
import type { Attribute, Block } from '../hcl/ast';
import { offsetToPosition } from '../hcl/positions';
import { isJsonConfigFile } from '../model/paths';
import type { ModuleInstance, SourceFile } from '../model/types';
import { catalog } from '../query/catalog';
import { serviceNameRegion } from '../query/region';
import { endpointType, type EndpointType } from '../query/wiring';
import { offsetAt } from '../lsp/convert';
import { instancesOf, moduleOf } from '../lsp/model-query';
import { safe } from '../lsp/safe';
import type { Session } from '../lsp/session';
import { cursorAt, resourceType } from '../lsp/syntax';

export function registerCompletion(session: Session): void {
  session.connection.onCompletion(safe(session.connection, 'completion', null, (params: CompletionParams) => completion(session, params)));
}

/** In the order offered: the common types first. */
const TYPES: EndpointType[] = ['Interface', 'Gateway', 'GatewayLoadBalancer', 'Resource', 'ServiceNetwork'];
/** The types that name their target with `service_name`. */
const SERVICE_TYPES: EndpointType[] = ['Interface', 'Gateway', 'GatewayLoadBalancer'];
/** The types with network interfaces in the VPC's subnets, security groups and private DNS. */
const NETWORK_TYPES: EndpointType[] = ['Interface', 'Resource', 'ServiceNetwork'];

/** Arguments of aws_vpc_endpoint and the types they apply to. */
const ARGUMENTS: { name: string; types: EndpointType[]; block?: boolean; doc: string }[] = [
  { name: 'vpc_id', types: TYPES, doc: 'The VPC the endpoint lives in.' },
  { name: 'service_name', types: SERVICE_TYPES, doc: 'The service, e.g. com.amazonaws.<region>.s3.' },
  {
    name: 'resource_configuration_arn',
    types: ['Resource'],
    doc: 'The VPC Lattice resource configuration the endpoint connects to (aws_vpclattice_resource_configuration.<name>.arn).',
  },
  {
    name: 'service_network_arn',
    types: ['ServiceNetwork'],
    doc: 'The VPC Lattice service network the endpoint connects to (aws_vpclattice_service_network.<name>.arn).',
  },
  {
    name: 'vpc_endpoint_type',
    types: TYPES,
    doc: 'Gateway (the default), Interface, GatewayLoadBalancer, Resource or ServiceNetwork.',
  },
  { name: 'auto_accept', types: SERVICE_TYPES, doc: 'Accept the connection when the service is in the same account.' },
  { name: 'policy', types: ['Interface', 'Gateway'], doc: 'The endpoint policy (JSON).' },
  { name: 'tags', types: TYPES, doc: 'Tags, e.g. for cost attribution.' },
  { name: 'service_region', types: ['Interface'], doc: 'The region of a cross-region service.' },
  {
    name: 'subnet_ids',
    types: ['Interface', 'GatewayLoadBalancer', 'Resource', 'ServiceNetwork'],
    doc: 'One subnet per Availability Zone (GatewayLoadBalancer: exactly one).',
  },
  { name: 'security_group_ids', types: NETWORK_TYPES, doc: 'Security groups of the endpoint network interfaces.' },
  {
    name: 'private_dns_enabled',
    types: NETWORK_TYPES,
    doc: "Answer the service's (or the resource's custom domain) name with the endpoint's private addresses.",
  },
  {
    name: 'ip_address_type',
    types: ['Interface', 'GatewayLoadBalancer', 'Resource', 'ServiceNetwork'],
    doc: 'ipv4, dualstack or ipv6.',
  },
  { name: 'route_table_ids', types: ['Gateway'], doc: "Route tables that send the service's traffic to the endpoint." },
  {
    name: 'dns_options',
    types: NETWORK_TYPES,
    block: true,
    doc: 'dns_record_ip_type; private_dns_only_for_inbound_resolver_endpoint (Interface); private_dns_preference, private_dns_specified_domains (Resource, ServiceNetwork).',
  },
  { name: 'subnet_configuration', types: ['Interface'], block: true, doc: 'Fixed IP addresses per subnet.' },
];

/** Arguments of the `dns_options` block and the types they apply to (the EC2 API's DnsOptionsSpecification). */
const DNS_OPTIONS: { name: string; types: EndpointType[]; doc: string }[] = [
  { name: 'dns_record_ip_type', types: NETWORK_TYPES, doc: 'The DNS records created: ipv4, dualstack, ipv6 or service-defined.' },
  {
    name: 'private_dns_only_for_inbound_resolver_endpoint',
    types: ['Interface'],
    doc: 'Private DNS only for inbound Resolver endpoints; the VPC itself uses the Gateway endpoint (S3, DynamoDB).',
  },
  {
    name: 'private_dns_preference',
    types: ['Resource', 'ServiceNetwork'],
    doc: 'Which custom domain names get a private hosted zone: ALL_DOMAINS, VERIFIED_DOMAINS_ONLY, VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS or SPECIFIED_DOMAINS_ONLY. Needs private DNS on.',
  },
  {
    name: 'private_dns_specified_domains',
    types: ['Resource', 'ServiceNetwork'],
    doc: 'The domain names for VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS or SPECIFIED_DOMAINS_ONLY.',
  },
];

const PRIVATE_DNS_PREFERENCES = [
  'VERIFIED_DOMAINS_ONLY',
  'ALL_DOMAINS',
  'VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS',
  'SPECIFIED_DOMAINS_ONLY',
];
const DNS_RECORD_IP_TYPES = ['ipv4', 'dualstack', 'ipv6', 'service-defined'];

export function completion(session: Session, params: CompletionParams): CompletionList | null {
  const p = session.pathOf(params.textDocument.uri);
  const file = p ? session.file(p) : undefined;
  // Items are native syntax text: none in a file in JSON syntax.
  if (!p || !file || file.readError || isJsonConfigFile(p)) return null;
  const offset = offsetAt(file, params.position.line, params.position.character);
  const cur = cursorAt(file.ast, offset);
  if (!cur.top || resourceType(cur.top) !== 'aws_vpc_endpoint') return null;
  if (cur.block && cur.block !== cur.top) return dnsOptions(session, p, file, cur.top, cur.block, cur.attribute, offset);
  const block = cur.top;
  // Inside the braces only.
  if (!block.openBrace || offset < block.openBrace.end.offset || (block.closeBrace && offset > block.closeBrace.start.offset)) return null;
  const module = moduleOf(session, p);
  const attr = cur.attribute;
  if (attr && offset > attr.name.range.end.offset) {
    if (offset < attr.equals.end.offset) return null;
    if (attr.name.name === 'service_name') return list(serviceNames(file, attr, offset, serviceNameRegion(module)));
    if (attr.name.name === 'vpc_endpoint_type') return list(valueItems(file, attr, offset, TYPES, 'Endpoint type'));
    return null;
  }
  return list(argumentItems(file, block, attr, offset, typeOf(module, file, block)));
}

/** Inside the endpoint's own `dns_options` block: its arguments for the endpoint's type, and their values. */
function dnsOptions(
  session: Session,
  p: string,
  file: SourceFile,
  top: Block,
  block: Block,
  attr: Attribute | undefined,
  offset: number,
): CompletionList | null {
  if (block.blockType.name !== 'dns_options' || !top.body.items.includes(block)) return null;
  if (!block.openBrace || offset < block.openBrace.end.offset || (block.closeBrace && offset > block.closeBrace.start.offset)) return null;
  if (attr && offset > attr.name.range.end.offset) {
    if (offset < attr.equals.end.offset) return null;
    if (attr.name.name === 'private_dns_preference')
      return list(valueItems(file, attr, offset, PRIVATE_DNS_PREFERENCES, 'Private DNS preference'));
    if (attr.name.name === 'dns_record_ip_type') return list(valueItems(file, attr, offset, DNS_RECORD_IP_TYPES, 'DNS record IP type'));
    return null;
  }
  const type = typeOf(moduleOf(session, p), file, top);
  return list(argumentItems(file, block, attr, offset, type, DNS_OPTIONS));
}

function list(items: CompletionItem[]): CompletionList {
  return { isIncomplete: false, items };
}

function lspRange(file: SourceFile, start: number, end: number): LspRange {
  const s = offsetToPosition(file.ast.lineStarts, start);
  const e = offsetToPosition(file.ast.lineStarts, end);
  return { start: { line: s.line, character: s.character }, end: { line: e.line, character: e.character } };
}

/**
 * Where a string value's content is, for replacing it whole: inside the quotes when the
 * cursor is in a string, else the whole (missing or bare) value, quotes to be written.
 */
function valueSpan(file: SourceFile, attr: Attribute, offset: number): { start: number; end: number; quote: boolean } {
  const v = attr.value;
  if (v && v.type === 'Template' && file.text[v.range.start.offset] === '"' && offset > v.range.start.offset) {
    const closed = v.range.end.offset - 1 > v.range.start.offset && file.text[v.range.end.offset - 1] === '"';
    return { start: v.range.start.offset + 1, end: closed ? v.range.end.offset - 1 : Math.max(offset, v.range.end.offset), quote: false };
  }
  if (v) return { start: v.range.start.offset, end: Math.max(offset, v.range.end.offset), quote: true };
  return { start: offset, end: offset, quote: true };
}

function valueItems(file: SourceFile, attr: Attribute, offset: number, values: string[], detail: string): CompletionItem[] {
  const span = valueSpan(file, attr, offset);
  const range = lspRange(file, span.start, span.end);
  return values.map((v, i) => ({
    label: v,
    kind: CompletionItemKind.EnumMember,
    detail,
    sortText: String(i).padStart(3, '0'),
    filterText: span.quote ? `"${v}"` : v,
    textEdit: { range, newText: span.quote ? `"${v}"` : v },
    insertTextFormat: InsertTextFormat.PlainText,
  }));
}

function serviceNames(file: SourceFile, attr: Attribute, offset: number, region: string): CompletionItem[] {
  const span = valueSpan(file, attr, offset);
  const range = lspRange(file, span.start, span.end);
  return catalog.services.map((s) => {
    const name = `com.amazonaws.${region}.${s.name}`;
    const text = span.quote ? `"${name}"` : name;
    return {
      label: name,
      kind: CompletionItemKind.Value,
      detail: s.title,
      documentation: `${s.gateway ? 'Gateway and Interface' : 'Interface'} endpoint; policies ${s.policy ? 'supported' : 'not supported'}.`,
      filterText: text,
      textEdit: { range, newText: text },
      insertTextFormat: InsertTextFormat.PlainText,
    };
  });
}

/** The chosen type; undefined (offer everything) while none is written or it is not known. */
function typeOf(module: ModuleInstance | undefined, file: SourceFile, block: Block): EndpointType | undefined {
  const a = block.body.items.find((it): it is Attribute => it.type === 'Attribute' && it.name.name === 'vpc_endpoint_type');
  if (!a) return undefined;
  const inst = module ? instancesOf(module, file, block)[0] : undefined;
  if (inst) return endpointType(inst);
  const lit =
    a.value?.type === 'Template' && a.value.parts.length === 1 && a.value.parts[0].type === 'TemplateLiteral'
      ? a.value.parts[0].value
      : undefined;
  return TYPES.find((t) => t === lit);
}

function argumentItems(
  file: SourceFile,
  block: Block,
  attr: Attribute | undefined,
  offset: number,
  type: EndpointType | undefined,
  args: readonly { name: string; types: EndpointType[]; block?: boolean; doc: string }[] = ARGUMENTS,
): CompletionItem[] {
  const present = new Set(
    block.body.items.filter((it) => it !== attr).map((it) => (it.type === 'Attribute' ? it.name.name : it.blockType.name)),
  );
  // Replace the word being typed (a half-written attribute name) when there is one.
  let start = offset;
  while (start > 0 && /[A-Za-z0-9_-]/.test(file.text[start - 1])) start--;
  const range = lspRange(file, start, offset);
  return args
    .filter((a) => !present.has(a.name) && (type === undefined || a.types.includes(type)))
    .map((a, i) => ({
      label: a.name,
      kind: a.block ? CompletionItemKind.Module : CompletionItemKind.Property,
      detail: type ? `${type} endpoint` : 'any endpoint type',
      documentation: a.doc,
      sortText: String(i).padStart(3, '0'),
      textEdit: { range, newText: a.block ? `${a.name} {\n  $0\n}` : `${a.name} = $0` },
      insertTextFormat: InsertTextFormat.Snippet,
    }));
}
