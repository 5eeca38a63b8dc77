// Hover: what the service behind `service_name` is and costs, why a squiggle matters, and a
// one-line summary of what `vpc_id` and `security_group_ids` point at.

import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import type { ModuleInstance, ResourceInstance } from '../model/types';
import { catalog } from '../query/catalog';
import { RULES_BY_ID } from '../rules/index';
import { docsUrl } from '../rules/types';
import { nameArgument } from '../query/describe';
import { vpcDnsSetting, type VpcDnsSetting } from '../query/vpcs';
import { allowsTcpPort, ingressOf, securityGroupsOf, subnetCount, vpcCidr, vpcOf } from '../query/wiring';
import { endpointTarget } from '../query/endpoint-type';
import { offsetAt, toLspRange } from '../lsp/convert';
import { formatUsd, instancesOf, interfaceMonthlyUsd, moduleOf } from '../lsp/model-query';
import { safe } from '../lsp/safe';
import type { Session } from '../lsp/session';
import { cursorAt, resourceType } from '../lsp/syntax';

export function registerHover(session: Session): void {
  session.connection.onHover(safe(session.connection, 'hover', null, (params: HoverParams) => hover(session, params)));
}

export function hover(session: Session, params: HoverParams): Hover | null {
  const p = session.pathOf(params.textDocument.uri);
  const file = p ? session.file(p) : undefined;
  if (!p || !file || file.readError) return null;
  const offset = offsetAt(file, params.position.line, params.position.character);
  const parts: string[] = [];

  // The squiggles under the cursor.
  for (const f of session.store.findingsOf(p)) {
    if (f.range.start.offset > offset || offset > f.range.end.offset) continue;
    const rule = RULES_BY_ID.get(f.rule);
    if (!rule) continue;
    parts.push(
      `**${rule.meta.id} ${rule.meta.name}**: ${rule.meta.description}\n\n${rule.meta.why}\n\n[Documentation](${docsUrl(rule.meta.id)})`,
    );
  }

  const cur = cursorAt(file.ast, offset);
  const module = moduleOf(session, p);
  const attr = cur.attribute;
  if (module && cur.top && attr && cur.block === cur.top) {
    const inst = instancesOf(module, file, cur.top)[0];
    const name = attr.name.name;
    if (inst) {
      if (name === 'service_name' && resourceType(cur.top) === 'aws_vpc_endpoint') parts.unshift(serviceHover(inst));
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
  const via = target.lookup ? `\n- Looked up by \`${target.lookup.address}\`` : '';
  if (sn.kind === 'endpoint-service')
    return `**Endpoint service** ${sn.text ?? sn.id ?? ''}: a service published through PrivateLink (not an AWS service).${via}`;
  if (target.instances && target.services.length)
    return `**One endpoint per service**: ${target.services.map((s) => `\`${s}\``).join(', ')} (one instance each; the region is not known here).`;
  if (sn.kind !== 'aws' || sn.service === null) return '**Service name**: not known before apply.';
  const info = catalog.get(sn.service);
  if (!info) return `**${sn.service}**: not in the catalog of AWS PrivateLink services.${via}`;
  const lines = [
    `**${info.title}** (\`${info.name}\`)`,
    `- Gateway endpoint available: ${yesNo(info.gateway)}`,
    `- Endpoint policies: ${info.policy ? 'supported' : 'not supported'}`,
    `- Private DNS name: ${info.privateDnsName ? `\`${info.privateDnsName.replace('{region}', sn.region ?? '<region>')}\`` : 'none'}`,
  ];
  if (target.lookup) lines.push(`- Looked up by \`${target.lookup.address}\``);
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

/** A DNS setting as a person reads it, marked when it is the provider's default. */
function setting(s: VpcDnsSetting): string {
  const text = s.value === undefined ? 'unknown' : s.value ? 'on' : 'off';
  return s.byDefault ? `${text} (default)` : text;
}

function vpcSummary(vpc: ResourceInstance): string {
  return `**${vpc.address}**: CIDR ${vpcCidr(vpc) ?? 'unknown'}, DNS support ${setting(vpcDnsSetting(vpc, 'enable_dns_support'))}, DNS hostnames ${setting(vpcDnsSetting(vpc, 'enable_dns_hostnames'))}`;
}

/** 443 for AWS services; unknown for others (their port comes from the NLB). */
function servicePort(ep: ResourceInstance): number | undefined {
  return endpointTarget(ep).name.kind === 'aws' ? 443 : undefined;
}

function sgSummary(_module: ModuleInstance, sg: ResourceInstance, port: number | undefined): string {
  if (sg.type !== 'aws_security_group') return `**${sg.address}**`;
  const ing = ingressOf(sg);
  const name = nameArgument(sg);
  const head = `**${sg.address}**${name ? ` (${name})` : ''}: ${ing.rules.length} ingress rule${ing.rules.length === 1 ? '' : 's'}`;
  if (port === undefined) return head;
  const allowing = ing.rules.filter((r) => allowsTcpPort(r, port) === true);
  if (allowing.length) {
    const from = [...new Set(allowing.flatMap((r) => r.cidrs ?? []))];
    return `${head}; TCP ${port} allowed${from.length ? ` from ${from.join(', ')}` : ''}`;
  }
  return `${head}; TCP ${port} ${ing.complete ? 'not allowed' : 'not seen (some rules are not known)'}`;
}
