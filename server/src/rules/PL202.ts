import type { ModuleInstance, ResourceInstance } from '../model/types';
import { hclString, indentUnit, insertAfterBlock, renderBlock, type BlockBody } from '../fixes/edits';
import { attrOrHeader, fileOf, headerRange, refExpr, securityGroupsOf, type Ingress } from '../query/wiring';
import { fileByUri, freeName, networkEndpoints, resourcesIn, sameModule, treeOf } from '../query/dns';
import { endpointTarget } from '../query/endpoint-type';
import {
  egressIn,
  egressStyle,
  endpointPortRanges,
  gatewayGroups,
  ingressIn,
  ingressStyle,
  isManagedGroup,
  insertNestedBlock,
  rangeAllowed,
  rangeText,
  vpcCidrExpr,
  type Egress,
} from '../query/security-groups';
import {
  portRangesOf,
  portRangesText,
  resourceConfigurationOf,
  RESOURCE_CONFIGURATION,
  resourceDefinitionOf,
  resourceGatewayOf,
  resourceGateways,
  type PortRange,
} from '../query/lattice';
import { defineRule, type Fix, type Report, type TextEdit } from './types';

export const rule = defineRule({
  meta: {
    id: 'PL202',
    name: 'endpoint-sg-blocks-service-port',
    severity: 'error',
    description:
      "No security group on an endpoint lets in TCP on the service's ports, or no security group of a resource gateway lets the resource's ports out.",
    why:
      'An Interface, Resource or ServiceNetwork endpoint is a set of network interfaces, and its security ' +
      "groups decide who may connect. AWS services listen on 443; an endpoint service on its load balancer's " +
      "listener ports; a resource on its resource configuration's port ranges. On the provider side, a resource " +
      "gateway's security groups decide what it may open towards the resource. When no group lets that port " +
      'through, every connection times out, which looks like a DNS or routing problem and is slow to diagnose.',
    resources: [
      'aws_vpc_endpoint',
      'aws_security_group',
      'aws_security_group_rule',
      'aws_vpc_security_group_ingress_rule',
      'aws_vpc_security_group_egress_rule',
      'aws_vpclattice_resource_gateway',
      'aws_vpclattice_resource_configuration',
    ],
    fixable: true,
  },
  // Two sides of one path: the endpoints of the module (the consumer's groups, ingress) and its
  // resource gateways (the provider's groups, egress towards the resource). The provider side is
  // often a workspace of its own with no endpoint in view, so the gateways are checked from the
  // module rather than through an endpoint.
  subject: 'module',
  check(m) {
    const out: Report[] = [];
    for (const ep of networkEndpoints(m)) out.push(...(checkEndpoint(ep) ?? []));
    for (const gw of resourceGateways(m)) out.push(...(checkGateway(gw) ?? []));
    return out;
  },
});

function checkEndpoint(ep: ResourceInstance): Report[] | undefined {
  const sgs = securityGroupsOf(ep).items;
  if (!sgs || sgs.length === 0 || !sgs.every(isManagedGroup)) return;
  const ranges = endpointPortRanges(ep);
  if (!ranges) return;
  const tree = treeOf(ep.module);
  const sets = sgs.map((g) => ingressIn(g, tree));
  if (sets.some((s) => !s.complete)) return;
  const rules = sets.flatMap((s) => s.rules);
  const blocked = ranges.filter((r) => rangeAllowed(rules, r) === false);
  if (blocked.length === 0) return;

  const portText = portRangesText(blocked);
  const names = sgs.map((g) => g.address).join(', ');
  const rc = endpointTarget(ep).type === 'Resource' ? resourceConfigurationOf(ep) : undefined;
  const what = rc
    ? `the ${blocked.length === 1 && blocked[0].from === blocked[0].to ? 'port' : 'ports'} of the resource configuration ${rc.address}`
    : `the ${blocked.length === 1 ? 'port' : 'ports'} the service listens on`;
  const fix = buildFix(ep, sgs[0], sets[0].rules, blocked[0]);
  const related = sgs.map((g) => ({ uri: g.uri, range: headerRange(g), message: `${g.address} does not admit ${portText}` }));
  if (rc) related.push({ uri: rc.uri, range: attrOrHeader(rc, 'port_ranges'), message: `${rc.address} offers ${portText}` });
  return [
    {
      message: `No security group of ${ep.address} lets in ${portText}, ${what}: connections to the endpoint time out (its groups: ${names}).`,
      uri: ep.uri,
      range: attrOrHeader(ep, 'security_group_ids'),
      related,
      fixes: fix ? [fix] : [],
    },
  ];
}

/**
 * A resource gateway whose security groups are all known and let none of a resource
 * configuration's port ranges out: the gateway cannot open connections to the resource.
 */
function checkGateway(gw: ResourceInstance): Report[] | undefined {
  const sgs = gatewayGroups(gw);
  if (!sgs) return;
  const tree = treeOf(gw.module);
  const configs = resourcesIn(tree, RESOURCE_CONFIGURATION).filter((rc) => {
    const g = resourceGatewayOf(rc);
    return rc.mode === 'managed' && g !== undefined && g.address === gw.address && sameModule(g.module, gw.module);
  });
  if (configs.length === 0) return;
  const sets = sgs.map((g) => egressIn(g, tree));
  if (sets.some((s) => !s.complete)) return;
  const rules = sets.flatMap((s) => s.rules);
  const blocked: { rc: ResourceInstance; ranges: PortRange[] }[] = [];
  for (const rc of configs) {
    const ranges = portRangesOf(rc);
    if (!ranges) continue;
    const shut = ranges.filter((r) => rangeAllowed(rules, r) === false);
    if (shut.length) blocked.push({ rc, ranges: shut });
  }
  if (blocked.length === 0) return;

  const all = blocked.flatMap((b) => b.ranges);
  const portText = portRangesText(dedupe(all));
  const names = sgs.map((g) => g.address).join(', ');
  const fix = buildEgressFix(gw, sgs[0], sets[0].rules, blocked[0].rc, blocked[0].ranges[0]);
  const empty = rules.length === 0;
  return [
    {
      message:
        `No security group of the resource gateway ${gw.address} (${names}) lets out ${portText}, ` +
        `the ${all.length === 1 && all[0].from === all[0].to ? 'port' : 'ports'} of ${blocked.map((b) => b.rc.address).join(', ')}: ` +
        'the gateway cannot connect to the resource, and connections through resource endpoints time out.' +
        (empty ? ' (A security group Terraform creates has no egress until some is written.)' : ''),
      uri: gw.uri,
      range: attrOrHeader(gw, 'security_group_ids'),
      related: [
        ...sgs.map((g) => ({ uri: g.uri, range: headerRange(g), message: `${g.address} does not let ${portText} out` })),
        ...blocked.map((b) => ({
          uri: b.rc.uri,
          range: attrOrHeader(b.rc, 'port_ranges'),
          message: `${b.rc.address} offers ${portRangesText(b.ranges)}`,
        })),
      ],
      fixes: fix ? [fix] : [],
    },
  ];
}

function dedupe(ranges: readonly PortRange[]): PortRange[] {
  const seen = new Set<string>();
  return ranges.filter((r) => {
    const k = rangeText(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function buildFix(ep: ResourceInstance, sg: ResourceInstance, rules: readonly Ingress[], range: PortRange): Fix | undefined {
  const m: ModuleInstance = sg.module;
  const file = fileOf(sg, m);
  const cidr = vpcCidrExpr(m, sg, ep);
  if (!file || !cidr) return undefined;
  const style = ingressStyle(rules, sg);
  const https = range.from === 443 && range.to === 443;
  const ports = rangeText(range);
  const description = hclString(https ? `HTTPS from the VPC to ${ep.name}` : `TCP ${ports} from the VPC to ${ep.name}`);
  const unit = indentUnit(file);
  let edit: TextEdit | undefined;
  if (style === 'inline') {
    const text = renderBlock(
      'ingress',
      [
        ['description', description],
        ['from_port', String(range.from)],
        ['to_port', String(range.to)],
        ['protocol', hclString('tcp')],
        ['cidr_blocks', `[${cidr}]`],
      ],
      unit,
    );
    edit = insertNestedBlock(file, sg.block, text);
  } else {
    // Next to the group's last rule resource in its module, else after the group.
    const own = rules.filter((r) => r.style === style && sameModule((r.source as ResourceInstance).module, m));
    const anchor = own.length ? (own[own.length - 1].source as ResourceInstance) : sg;
    const anchorFile = fileByUri(m, anchor.uri) ?? file;
    const type = style;
    const name = freeName(m, type, `${sg.name}_${https ? 'https' : `tcp_${ports.replace('-', '_')}`}`);
    const body: BlockBody =
      style === 'aws_security_group_rule'
        ? [
            ['description', description],
            ['type', hclString('ingress')],
            ['security_group_id', refExpr(sg, 'id')],
            ['from_port', String(range.from)],
            ['to_port', String(range.to)],
            ['protocol', hclString('tcp')],
            ['cidr_blocks', `[${cidr}]`],
          ]
        : [
            ['description', description],
            ['security_group_id', refExpr(sg, 'id')],
            ['cidr_ipv4', cidr],
            ['from_port', String(range.from)],
            ['to_port', String(range.to)],
            ['ip_protocol', hclString('tcp')],
          ];
    edit = insertAfterBlock(anchorFile, anchor.block, renderBlock(`resource "${type}" "${name}"`, body, indentUnit(anchorFile)));
  }
  if (!edit) return undefined;
  return { title: `Let TCP ${ports} in from the VPC in ${sg.address}`, edits: [edit], isPreferred: true };
}

/**
 * An egress rule on the gateway's first group for the blocked range, towards the resource: its
 * address when the configuration names an IPv4 address, else the VPC's CIDR (the usual place of
 * a resource a gateway serves; a person checks it, so the fix stays out of fix-all).
 */
function buildEgressFix(
  gw: ResourceInstance,
  sg: ResourceInstance,
  rules: readonly Egress[],
  rc: ResourceInstance,
  range: PortRange,
): Fix | undefined {
  const m: ModuleInstance = sg.module;
  const file = fileOf(sg, m);
  if (!file) return undefined;
  const def = resourceDefinitionOf(rc);
  const ip = def?.kind === 'ip' && def.address && /^\d{1,3}(\.\d{1,3}){3}$/.test(def.address) ? def.address : undefined;
  const cidr = ip ? hclString(`${ip}/32`) : vpcCidrExpr(m, sg, undefined);
  if (!cidr) return undefined;
  const style = egressStyle(rules, sg);
  const ports = rangeText(range);
  const description = hclString(`TCP ${ports} from ${gw.name} to ${rc.name}`);
  let edit: TextEdit | undefined;
  if (style === 'inline') {
    const text = renderBlock(
      'egress',
      [
        ['description', description],
        ['from_port', String(range.from)],
        ['to_port', String(range.to)],
        ['protocol', hclString('tcp')],
        ['cidr_blocks', `[${cidr}]`],
      ],
      indentUnit(file),
    );
    edit = insertNestedBlock(file, sg.block, text);
  } else {
    const own = rules.filter((r) => r.style === style && sameModule((r.source as ResourceInstance).module, m));
    const anchor = own.length ? (own[own.length - 1].source as ResourceInstance) : sg;
    const anchorFile = fileByUri(m, anchor.uri) ?? file;
    const name = freeName(m, style, `${sg.name}_to_${rc.name}`);
    const body: BlockBody =
      style === 'aws_security_group_rule'
        ? [
            ['description', description],
            ['type', hclString('egress')],
            ['security_group_id', refExpr(sg, 'id')],
            ['from_port', String(range.from)],
            ['to_port', String(range.to)],
            ['protocol', hclString('tcp')],
            ['cidr_blocks', `[${cidr}]`],
          ]
        : [
            ['description', description],
            ['security_group_id', refExpr(sg, 'id')],
            ['cidr_ipv4', cidr],
            ['from_port', String(range.from)],
            ['to_port', String(range.to)],
            ['ip_protocol', hclString('tcp')],
          ];
    edit = insertAfterBlock(anchorFile, anchor.block, renderBlock(`resource "${style}" "${name}"`, body, indentUnit(anchorFile)));
  }
  if (!edit) return undefined;
  return {
    title: ip
      ? `Let TCP ${ports} out to ${ip} in ${sg.address}`
      : `Let TCP ${ports} out to the VPC in ${sg.address} (check the resource's address)`,
    edits: [edit],
    isPreferred: ip !== undefined,
  };
}
