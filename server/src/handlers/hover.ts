// Hover: what the service behind `service_name` is and costs, what a Resource or
// ServiceNetwork endpoint reaches (resource configuration, its ports and gateway; the service
// network) and costs, the VPC Lattice resources around them, why a squiggle matters, and a
// one-line summary of what `vpc_id` and `security_group_ids` point at.

import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import type { ModuleInstance, ResourceInstance } from '../model/types';
import { catalog } from '../query/catalog';
import { RULES_BY_ID } from '../rules/index';
import { docsUrl } from '../rules/types';
import { nameArgument } from '../query/describe';
import { vpcDnsSetting, type VpcDnsSetting } from '../query/vpcs';
import { allowsTcpPort, ingressOf, pointingAt, securityGroupsOf, subnetCount, vpcCidr, vpcOf } from '../query/wiring';
import { endpointTarget } from '../query/endpoint-type';
import { endpointAzText, endpointAzTotal, resourceEndpointCostText, serviceNetworkEndpointCostText } from '../query/cost';
import {
  associationsOfServiceNetwork,
  configurationNamedBy,
  configurationsOfGateway,
  portRangesOf,
  portRangesText,
  RESOURCE_CONFIGURATION,
  RESOURCE_GATEWAY,
  resourceConfigurationOf,
  resourceDefinitionText,
  resourceGatewayOf,
  serviceNetworkNamedBy,
  serviceNetworkOf,
} from '../query/lattice';
import { offsetAt, toLspRange } from '../lsp/convert';
import { formatUsd, instancesOf, interfaceMonthlyUsd, moduleOf } from '../lsp/model-query';
import { safe } from '../lsp/safe';
import type { Session } from '../lsp/session';
import { cursorAt, resourceType } from '../lsp/syntax';
import { markdownCode } from '../engine/printable';

export function registerHover(session: Session): void {
  session.connection.onHover(safe(session.connection, 'hover', null, (params: HoverParams) => hover(session, params)));
}

export function hover(session: Session, params: HoverParams): Hover | null {
  const p = session.pathOf(params.textDocument.uri);
  const file = p ? session.file(p) : undefined;
  if (!p || !file || file.readError) return null;
  const offset = offsetAt(file, params.position.line, params.position.character);
  const parts: string[] = [];

  // The squiggles under the cursor: each rule explained once, however many findings it has here.
  const explained = new Set<string>();
  for (const f of session.store.findingsOf(p)) {
    if (f.range.start.offset > offset || offset > f.range.end.offset) continue;
    const rule = RULES_BY_ID.get(f.rule);
    if (!rule || explained.has(rule.meta.id)) continue;
    explained.add(rule.meta.id);
    parts.push(
      `**${rule.meta.id} ${rule.meta.name}**: ${rule.meta.description}\n\n${rule.meta.why}\n\n[Documentation](${docsUrl(rule.meta.id)})`,
    );
  }

  const cur = cursorAt(file.ast, offset);
  const module = moduleOf(session, p);
  const attr = cur.attribute;
  if (module && cur.top && attr && cur.block === cur.top) {
    const instances = instancesOf(module, file, cur.top);
    const inst = instances[0];
    const name = attr.name.name;
    if (inst) {
      const type = resourceType(cur.top);
      const lattice = type && latticeHover(inst, type, name);
      if (lattice) parts.unshift(lattice);
      else if (name === 'service_name' && type === 'aws_vpc_endpoint')
        parts.unshift(instances.length > 1 ? servicesHover(instances) : serviceHover(inst));
      else if (name === 'vpc_id') {
        const vpc = vpcOf(inst);
        if (vpc) parts.unshift(vpcSummary(vpc));
      } else if (name === 'security_group_ids') {
        const sgs = securityGroupsOf(inst).items;
        if (sgs?.length) parts.unshift(sgs.map((sg) => sgSummary(module, sg, servicePort(inst))).join('\n\n'));
      }
    }
  }
  if (parts.length === 0) return null;
  const range = attr && parts.length ? toLspRange(attr.range) : undefined;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range };
}

function yesNo(b: boolean): string {
  return b ? 'yes' : 'no';
}

function serviceHover(ep: ResourceInstance): string {
  const target = endpointTarget(ep);
  const sn = target.name;
  const via = target.lookup ? `\n- Looked up by ${markdownCode(target.lookup.address)}` : '';
  if (sn.kind === 'endpoint-service')
    return `**Endpoint service** ${markdownCode(sn.text ?? sn.id ?? '')}: a service published through PrivateLink (not an AWS service).${via}`;
  if (target.instances && target.services.length) {
    const head = `**One endpoint per service**: ${target.services.map(markdownCode).join(', ')} (one instance each; the region is not known here).`;
    const cost = target.type === 'Interface' ? interfaceCostLine(target.instances.map(() => subnetCount(ep))) : undefined;
    return cost ? `${head}\n${cost}` : head;
  }
  if (sn.kind !== 'aws' || sn.service === null) return '**Service name**: not known before apply.';
  const info = catalog.get(sn.service);
  if (!info) return `**${markdownCode(sn.service)}**: not in the catalog of AWS PrivateLink services.${via}`;
  const lines = [
    `**${info.title}** (\`${info.name}\`)`,
    `- Gateway endpoint available: ${yesNo(info.gateway)}`,
    `- Endpoint policies: ${info.policy ? 'supported' : 'not supported'}`,
    `- Private DNS name: ${info.privateDnsName ? markdownCode(info.privateDnsName.replace('{region}', sn.region ?? '<region>')) : 'none'}`,
  ];
  if (target.lookup) lines.push(`- Looked up by ${markdownCode(target.lookup.address)}`);
  const type = target.type;
  if (type === 'Gateway') lines.push('- Cost: Gateway endpoints are free');
  else if (type === 'Interface') {
    const az = subnetCount(ep);
    lines.push(
      az === undefined
        ? `- Cost: ${formatUsd(interfaceMonthlyUsd(1))} per AZ per month (estimate; subnets not known)`
        : `- Cost: about ${formatUsd(interfaceMonthlyUsd(az))} per month for ${az} AZ${az === 1 ? '' : 's'} (estimate: USD 0.01 per AZ-hour, any region, plus USD 0.01 per GB)`,
    );
  }
  return lines.join('\n');
}

/** The cost of Interface endpoints given each one's AZs (undefined: not known), as a list item. */
function interfaceCostLine(azCounts: readonly (number | undefined)[]): string {
  const known = azCounts.filter((n): n is number => n !== undefined);
  if (known.length < azCounts.length)
    return `- Cost: ${formatUsd(interfaceMonthlyUsd(1))} per endpoint per AZ per month (estimate; subnets not known)`;
  return `- Cost: about ${formatUsd(interfaceMonthlyUsd(endpointAzTotal(known)))} per month for ${endpointAzText(known)} (estimate: USD 0.01 per endpoint per AZ-hour, any region, plus USD 0.01 per GB)`;
}

/** What one instance's `service_name` names, in a line. */
function serviceLine(ep: ResourceInstance): string {
  const target = endpointTarget(ep);
  const sn = target.name;
  if (sn.kind === 'endpoint-service') return `endpoint service ${markdownCode(sn.text ?? sn.id ?? '')}`;
  if (target.instances && target.services.length) return target.services.map(markdownCode).join(', ');
  if (sn.kind !== 'aws' || sn.service === null) return 'not known before apply';
  const info = catalog.get(sn.service);
  if (!info) return `${markdownCode(sn.service)} (not in the catalog of AWS PrivateLink services)`;
  const dns = info.privateDnsName ? `, private DNS ${markdownCode(info.privateDnsName.replace('{region}', sn.region ?? '<region>'))}` : '';
  return `${info.title} (\`${info.name}\`)${dns}`;
}

/** The `service_name` of a block with several instances (`for_each`, `count`): every instance's service. */
function servicesHover(instances: readonly ResourceInstance[]): string {
  const lines = [`**${instances.length} endpoints**, one per instance:`];
  for (const i of instances) lines.push(`- ${markdownCode(i.address)}: ${serviceLine(i)}`);
  const types = new Set(instances.map((i) => endpointTarget(i).type));
  if (types.size === 1 && types.has('Gateway')) lines.push('- Cost: Gateway endpoints are free');
  else if (types.size === 1 && types.has('Interface')) lines.push(interfaceCostLine(instances.map((i) => subnetCount(i))));
  return lines.join('\n');
}

/** A DNS setting as a person reads it, marked when it is the provider's default. */
function setting(s: VpcDnsSetting): string {
  const text = s.value === undefined ? 'unknown' : s.value ? 'on' : 'off';
  return s.byDefault ? `${text} (default)` : text;
}

function vpcSummary(vpc: ResourceInstance): string {
  return `**${markdownCode(vpc.address)}**: CIDR ${markdownCode(vpcCidr(vpc) ?? 'unknown')}, DNS support ${setting(vpcDnsSetting(vpc, 'enable_dns_support'))}, DNS hostnames ${setting(vpcDnsSetting(vpc, 'enable_dns_hostnames'))}`;
}

// ---------------------------------------------------------------------------------------------
// Resource and service-network endpoints, and the VPC Lattice resources they reach

/** The hover of an argument that names a VPC Lattice resource, or undefined to fall through. */
function latticeHover(inst: ResourceInstance, type: string, name: string): string | undefined {
  if (type === 'aws_vpc_endpoint') {
    const t = endpointTarget(inst).type;
    if (name === 'resource_configuration_arn' || (name === 'vpc_endpoint_type' && t === 'Resource')) return resourceEndpointHover(inst);
    if (name === 'service_network_arn' || (name === 'vpc_endpoint_type' && t === 'ServiceNetwork'))
      return serviceNetworkEndpointHover(inst);
    return undefined;
  }
  if (type === RESOURCE_CONFIGURATION && (name === 'resource_gateway_identifier' || name === 'port_ranges')) {
    return configurationSummary(inst);
  }
  if (name === 'service_network_identifier') {
    const sn = serviceNetworkNamedBy(inst);
    return sn && serviceNetworkSummary(sn);
  }
  if (name === 'resource_configuration_identifier') {
    const rc = configurationNamedBy(inst);
    return rc && configurationSummary(rc);
  }
  if (type === RESOURCE_GATEWAY && name === 'subnet_ids') return gatewaySummary(inst);
  return undefined;
}

function azText(ep: ResourceInstance): string | undefined {
  const az = subnetCount(ep);
  return az === undefined ? undefined : `${az} AZ${az === 1 ? '' : 's'}`;
}

function resourceEndpointHover(ep: ResourceInstance): string {
  const rc = resourceConfigurationOf(ep);
  const lines = [
    rc
      ? `**Resource endpoint** to ${markdownCode(rc.address)}`
      : '**Resource endpoint**: connects to a resource configuration shared with this account (not in the workspace).',
  ];
  if (rc) lines.push(...configurationLines(rc));
  const azs = subnetCount(ep);
  lines.push(`- Cost: ${resourceEndpointCostText(azs)} (estimate${azs === undefined ? '; subnets not known' : ''})`);
  return lines.join('\n');
}

function serviceNetworkEndpointHover(ep: ResourceInstance): string {
  const sn = serviceNetworkOf(ep);
  const lines = [
    sn
      ? `**Service-network endpoint** to ${markdownCode(sn.address)}`
      : '**Service-network endpoint**: connects to a service network shared with this account (not in the workspace).',
  ];
  if (sn) lines.push(...serviceNetworkLines(sn));
  const az = azText(ep);
  if (az) lines.push(`- In ${az}`);
  lines.push(`- Cost: ${serviceNetworkEndpointCostText()}`);
  return lines.join('\n');
}

/** What a resource configuration names, its ports and its gateway, as list items. */
function configurationLines(rc: ResourceInstance): string[] {
  const out: string[] = [];
  const what = resourceDefinitionText(rc);
  if (what) out.push(`- Resource: ${markdownCode(what)}`);
  const ports = portRangesOf(rc);
  out.push(`- Ports: ${ports ? portRangesText(ports) : 'not known'}`);
  const gw = resourceGatewayOf(rc);
  if (gw) {
    const vpc = vpcOf(gw);
    out.push(`- Resource gateway: ${markdownCode(gw.address)}${vpc ? ` in ${markdownCode(vpc.address)}` : ''}`);
  } else out.push('- Resource gateway: not in the workspace');
  return out;
}

function configurationSummary(rc: ResourceInstance): string {
  const endpoints = pointingAt(rc.module, 'aws_vpc_endpoint', 'resource_configuration_arn', rc);
  const lines = [`**${markdownCode(rc.address)}**: a VPC resource shared through PrivateLink`, ...configurationLines(rc)];
  lines.push(`- Resource endpoints in this module: ${endpoints.length}`);
  return lines.join('\n');
}

function serviceNetworkLines(sn: ResourceInstance): string[] {
  const { vpcs, resources } = associationsOfServiceNetwork(sn);
  const endpoints = pointingAt(sn.module, 'aws_vpc_endpoint', 'service_network_arn', sn);
  return [
    `- Resource configurations associated: ${resources.length}`,
    `- VPC associations: ${vpcs.length}`,
    `- Service-network endpoints in this module: ${endpoints.length}`,
  ];
}

function serviceNetworkSummary(sn: ResourceInstance): string {
  return [`**${markdownCode(sn.address)}**: a VPC Lattice service network`, ...serviceNetworkLines(sn)].join('\n');
}

function gatewaySummary(gw: ResourceInstance): string {
  const vpc = vpcOf(gw);
  const n = subnetCount(gw);
  const configs = configurationsOfGateway(gw);
  return [
    `**${markdownCode(gw.address)}**: the resource gateway carrying VPC resources' traffic into ${vpc ? markdownCode(vpc.address) : 'its VPC'}`,
    `- Subnets: ${n ?? 'not known'}`,
    `- Resource configurations through it: ${configs.map((c) => markdownCode(c.address)).join(', ') || 'none in this module'}`,
  ].join('\n');
}

/** 443 for AWS services, a resource configuration's first port; unknown for others (their port comes from the NLB). */
function servicePort(ep: ResourceInstance): number | undefined {
  const t = endpointTarget(ep);
  if (t.type === 'Resource') {
    // A resource endpoint listens on its resource configuration's ports: the first one when known.
    const rc = resourceConfigurationOf(ep);
    return (rc && portRangesOf(rc)?.[0]?.from) ?? undefined;
  }
  return t.name.kind === 'aws' ? 443 : undefined;
}

function sgSummary(_module: ModuleInstance, sg: ResourceInstance, port: number | undefined): string {
  if (sg.type !== 'aws_security_group') return `**${markdownCode(sg.address)}**`;
  const ing = ingressOf(sg);
  const name = nameArgument(sg);
  const head = `**${markdownCode(sg.address)}**${name ? ` (${markdownCode(name)})` : ''}: ${ing.rules.length} ingress rule${ing.rules.length === 1 ? '' : 's'}`;
  if (port === undefined) return head;
  const allowing = ing.rules.filter((r) => allowsTcpPort(r, port) === true);
  if (allowing.length) {
    const from = [...new Set(allowing.flatMap((r) => r.cidrs ?? []))];
    return `${head}; TCP ${port} allowed${from.length ? ` from ${from.map(markdownCode).join(', ')}` : ''}`;
  }
  return `${head}; TCP ${port} ${ing.complete ? 'not allowed' : 'not seen (some rules are not known)'}`;
}
