// Completion inside `aws_vpc_endpoint` blocks: service names from the catalog written with
// the module's own region expression, `vpc_endpoint_type` values, and the arguments that
// apply to the endpoint's type.

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

const TYPES: EndpointType[] = ['Interface', 'Gateway', 'GatewayLoadBalancer'];

/** Arguments of aws_vpc_endpoint and the types they apply to. */
const ARGUMENTS: { name: string; types: EndpointType[]; block?: boolean; doc: string }[] = [
  { name: 'vpc_id', types: TYPES, doc: 'The VPC the endpoint lives in.' },
  { name: 'service_name', types: TYPES, doc: 'The service, e.g. com.amazonaws.<region>.s3.' },
  { name: 'vpc_endpoint_type', types: TYPES, doc: 'Gateway (the default), Interface or GatewayLoadBalancer.' },
  { name: 'auto_accept', types: TYPES, doc: 'Accept the connection when the service is in the same account.' },
  { name: 'policy', types: ['Interface', 'Gateway'], doc: 'The endpoint policy (JSON).' },
  { name: 'tags', types: TYPES, doc: 'Tags, e.g. for cost attribution.' },
  { name: 'service_region', types: ['Interface'], doc: 'The region of a cross-region service.' },
  {
    name: 'subnet_ids',
    types: ['Interface', 'GatewayLoadBalancer'],
    doc: 'One subnet per Availability Zone (GatewayLoadBalancer: exactly one).',
  },
  { name: 'security_group_ids', types: ['Interface'], doc: 'Security groups of the endpoint network interfaces.' },
  { name: 'private_dns_enabled', types: ['Interface'], doc: "Answer the service's public name with the endpoint's private addresses." },
  { name: 'ip_address_type', types: ['Interface', 'GatewayLoadBalancer'], doc: 'ipv4, dualstack or ipv6.' },
  { name: 'route_table_ids', types: ['Gateway'], doc: "Route tables that send the service's traffic to the endpoint." },
  { name: 'dns_options', types: ['Interface'], block: true, doc: 'dns_record_ip_type, private_dns_only_for_inbound_resolver_endpoint.' },
  { name: 'subnet_configuration', types: ['Interface'], block: true, doc: 'Fixed IP addresses per subnet.' },
];

export function completion(session: Session, params: CompletionParams): CompletionList | null {
  const p = session.pathOf(params.textDocument.uri);
  const file = p ? session.file(p) : undefined;
  // Items are native syntax text: none in a file in JSON syntax.
  if (!p || !file || file.readError || isJsonConfigFile(p)) return null;
  const offset = offsetAt(file, params.position.line, params.position.character);
  const cur = cursorAt(file.ast, offset);
  if (!cur.top || cur.block !== cur.top || resourceType(cur.top) !== 'aws_vpc_endpoint') return null;
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
): CompletionItem[] {
  const present = new Set(
    block.body.items.filter((it) => it !== attr).map((it) => (it.type === 'Attribute' ? it.name.name : it.blockType.name)),
  );
  // Replace the word being typed (a half-written attribute name) when there is one.
  let start = offset;
  while (start > 0 && /[A-Za-z0-9_-]/.test(file.text[start - 1])) start--;
  const range = lspRange(file, start, offset);
  return ARGUMENTS.filter((a) => !present.has(a.name) && (type === undefined || a.types.includes(type))).map((a, i) => ({
    label: a.name,
    kind: a.block ? CompletionItemKind.Module : CompletionItemKind.Property,
    detail: type ? `${type} endpoint` : 'any endpoint type',
    documentation: a.doc,
    sortText: String(i).padStart(3, '0'),
    textEdit: { range, newText: a.block ? `${a.name} {\n  $0\n}` : `${a.name} = $0` },
    insertTextFormat: InsertTextFormat.Snippet,
  }));
}
