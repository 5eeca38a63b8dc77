import type { Attribute, Block } from '../hcl/ast';
import type { ModuleInstance, ResourceInstance, SourceFile } from '../model/types';
import { hclString, rangeOf, removeItem, replaceValue } from '../fixes/edits';
import { interfaceEndpointCostText } from '../query/cost';
import { endpointTarget } from '../query/endpoint-type';
import { routeTablesValue } from '../fixes/route-tables';
import { defineRule, type Fix, type TextEdit } from './types';
import { moduleCalls } from '../query/dns';
import { fileOf, headerRange, pointingAt, sameInstance, someUnresolved, subnetCount, vpcOf } from '../query/wiring';

const TITLES: Record<string, string> = { s3: 'S3', dynamodb: 'DynamoDB' };

/** Every module instance whose endpoints could sit in the VPC: these modules and their children; undefined if a child is not loaded. */
function modulesToSearch(roots: ModuleInstance[]): ModuleInstance[] | undefined {
  const out: ModuleInstance[] = [];
  const seen = new Set<string>();
  const visit = (m: ModuleInstance, depth: number): boolean => {
    const key = `${m.dir}\u0000${m.path}`;
    if (seen.has(key) || depth > 10) return true;
    seen.add(key);
    out.push(m);
    const children = m.children();
    for (const call of moduleCalls(m)) {
      // A module whose source is not on disk (a registry module) might create the Gateway endpoint.
      if (!children.has(call.name)) return false;
    }
    for (const list of children.values()) for (const c of list) if (!visit(c, depth + 1)) return false;
    return true;
  };
  for (const r of roots) if (!visit(r, 0)) return undefined;
  return out;
}

/** true: a Gateway endpoint for `service` exists in the VPC; false: surely none; undefined: cannot tell. */
function hasGateway(ep: ResourceInstance, vpc: ResourceInstance, service: string): boolean | undefined {
  const modules = modulesToSearch([ep.module, vpc.module]);
  if (!modules) return undefined;
  let unsure = false;
  for (const m of modules) {
    for (const other of m.resources('aws_vpc_endpoint')) {
      if (sameInstance(other, ep)) continue;
      const { declared, name, instances } = endpointTarget(other);
      const t = declared.type;
      if (name.kind === 'endpoint-service' || name.kind === 'invalid') continue;
      // A block for several services (names known in part) that are all others.
      if (instances && !instances.some((n) => n.kind === 'aws' && n.service === service)) continue;
      if (name.kind === 'aws' && name.service !== null && name.service !== service) continue;
      if (t !== undefined && t !== 'Gateway') continue;
      const otherVpc = vpcOf(other);
      if (otherVpc && !sameInstance(otherVpc, vpc)) continue;
      if (otherVpc && t === 'Gateway' && name.kind === 'aws' && name.service === service) return true;
      unsure = true;
    }
  }
  return unsure ? undefined : false;
}

/** Removes an item; a trailing nested block also takes the blank line that separated it. */
function removeLeavingNoGap(
  file: SourceFile,
  item: Attribute | Block,
  items: (Attribute | Block)[],
  removed: (Attribute | Block)[],
): TextEdit {
  const edit = removeItem(file, item);
  const last = items.slice(items.indexOf(item) + 1).every((i) => removed.includes(i));
  const starts = file.ast.lineStarts;
  const line = item.range.start.line;
  if (!last || line === 0 || edit.range.start.offset !== starts[line]) return edit;
  const prevText = file.text.slice(starts[line - 1], starts[line]);
  if (prevText.trim() !== '') return edit;
  return { ...edit, range: { start: rangeOf(file, starts[line - 1], starts[line - 1]).start, end: edit.range.end } };
}

function isSingleLine(i: Attribute | Block): i is Attribute {
  return i.type === 'Attribute' && i.range.start.line === i.range.end.line;
}

/**
 * Edits converting an Interface endpoint into a Gateway endpoint: type, route tables in place of
 * subnets, Interface-only arguments removed, `=` re-aligned the way `terraform fmt` would.
 */
function convertEdits(ep: ResourceInstance, file: SourceFile): { edits: TextEdit[]; describe: string } | undefined {
  const type = ep.attrNode('vpc_endpoint_type');
  const subnets = ep.attrNode('subnet_ids');
  if (!type || !subnets || !isSingleLine(subnets)) return undefined;
  const literal = type.value?.type === 'Template' && type.value.parts.length === 1 && type.value.parts[0].type === 'TemplateLiteral';
  if (!literal) return undefined;
  const removeNames = new Set(['security_group_ids', 'private_dns_enabled']);
  const removeBlocks = new Set(['dns_options', 'subnet_configuration']);
  const items = ep.block.body.items;
  const removed = items.filter(
    (i) =>
      (i.type === 'Attribute' && removeNames.has(i.name.name)) ||
      (i.type === 'Block' && removeBlocks.has(i.blockType.name)) ||
      (i.type === 'Block' && i.blockType.name === 'dynamic' && removeBlocks.has(i.labels[0]?.value ?? '')),
  );
  const rt = routeTablesValue(ep);
  const edits: TextEdit[] = [
    ...removed.map((i) => removeLeavingNoGap(file, i, items, removed)),
    replaceValue(file, type, hclString('Gateway')),
    ...rt.extraEdits,
  ];

  // Alignment groups after the change: consecutive one-line attributes, removed lines skipped.
  const removedLines = new Set<number>();
  for (const r of removed) for (let l = r.range.start.line; l <= r.range.end.line; l++) removedLines.add(l);
  const remaining = items.filter((i) => !removed.includes(i));
  const nameOf = (a: Attribute) => (a === subnets ? 'route_table_ids' : a.name.name);
  const groups: Attribute[][] = [];
  let prev: Attribute | Block | undefined;
  for (const it of remaining) {
    if (!isSingleLine(it)) {
      prev = it;
      continue;
    }
    let adjacent = prev !== undefined && isSingleLine(prev);
    if (adjacent && prev) for (let l = prev.range.end.line + 1; l < it.range.start.line; l++) if (!removedLines.has(l)) adjacent = false;
    if (adjacent) groups[groups.length - 1].push(it);
    else groups.push([it]);
    prev = it;
  }
  for (const g of groups) {
    const width = Math.max(...g.map((a) => nameOf(a).length));
    for (const a of g) {
      const pad = ' '.repeat(width - nameOf(a).length + 1);
      if (a === subnets) {
        edits.push({
          uri: file.path,
          range: rangeOf(file, a.name.range.start.offset, a.range.end.offset),
          newText: `route_table_ids${pad}= ${rt.text}`,
        });
      } else if (file.text.slice(a.name.range.end.offset, a.equals.start.offset) !== pad) {
        edits.push({ uri: file.path, range: { start: a.name.range.end, end: a.equals.start }, newText: pad });
      }
    }
  }
  return { edits, describe: rt.describe };
}

export const rule = defineRule({
  meta: {
    id: 'PL406',
    name: 'interface-for-gateway-service',
    severity: 'information',
    description: 'An Interface endpoint for S3 or DynamoDB in a VPC that has no (free) Gateway endpoint for the service.',
    why:
      'S3 and DynamoDB offer Gateway endpoints at no charge. An Interface endpoint costs about USD 7.30 per ' +
      'Availability Zone per month plus USD 0.01 per GB processed; it is worth it only for clients that ' +
      'cannot use the Gateway endpoint (on premises, other Regions, peered VPCs).',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  subject: 'interfaceEndpoint',
  check(ep) {
    // Only a type that evaluates to Interface (the subjects also hold types read from an endpoint service).
    const { declared, name } = endpointTarget(ep);
    if (declared.type !== 'Interface') return;
    if (name.kind !== 'aws' || name.fips || name.service === null || !TITLES[name.service]) return;
    const service = name.service;
    const serviceRegion = ep.attr('service_region');
    if (serviceRegion !== undefined && serviceRegion.kind !== 'null') return; // cross-region: a Gateway cannot serve it
    const vpc = vpcOf(ep);
    if (!vpc) return;
    if (hasGateway(ep, vpc, service) !== false) return;
    const n = subnetCount(ep);
    const title = TITLES[service];
    const file = fileOf(ep, ep.module);
    // Interface-only settings made by stand-alone resources would outlive the conversion: no fix then.
    const standalone = [
      'aws_vpc_endpoint_subnet_association',
      'aws_vpc_endpoint_security_group_association',
      'aws_vpc_endpoint_private_dns',
    ].some((t) => pointingAt(ep.module, t, 'vpc_endpoint_id', ep).length > 0 || someUnresolved(ep.module, t, 'vpc_endpoint_id'));
    // Its edits are worked out in one file: not for a block an override file merges into.
    const conv = file && !standalone && !ep.entry.overrides ? convertEdits(ep, file) : undefined;
    const fixes: Fix[] = conv
      ? [{ title: `Convert to a Gateway endpoint (route tables: ${conv.describe})`, edits: conv.edits, isPreferred: false }]
      : [];
    return [
      {
        message:
          `${ep.address} is an Interface endpoint for ${title} in ${vpc.address}, which has no ${title} Gateway endpoint. ` +
          `It costs ${interfaceEndpointCostText(n)} (estimate); a Gateway endpoint is free. ` +
          'Keep the Interface endpoint only for on-premises, peered or cross-region clients.',
        uri: ep.uri,
        range: ep.attrNode('vpc_endpoint_type')?.range ?? headerRange(ep),
        related: [{ uri: vpc.uri, range: headerRange(vpc), message: `${vpc.address} has no ${title} Gateway endpoint` }],
        fixes,
      },
    ];
  },
});
