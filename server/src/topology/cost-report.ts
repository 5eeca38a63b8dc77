// "PrivateLink: Estimate cost": a Markdown report of what a module's PrivateLink resources cost
// per month, with the assumptions stated. Figures follow the cost model of the rules
// (query/cost.ts); the load balancer's hourly charge is added here.

import { entryModules, moduleInstances, runRules } from '../engine/run';
import type { ModuleInstance, WorkspaceModel } from '../model/types';
import {
  HOURS_PER_MONTH,
  INTERFACE_ENDPOINT_HOURLY_USD,
  INTERFACE_ENDPOINT_PER_GB_USD,
  RESOURCE_ENDPOINT_HOURLY_USD,
  RESOURCE_ENDPOINT_PER_GB_USD,
  SERVICE_NETWORK_RESOURCE_PER_GB_USD,
  formatUsd,
  interfaceEndpointMonthlyUsd,
  resourceEndpointMonthlyUsd,
} from '../query/cost';
import { endpointServices } from '../query/endpoint-services';
import { resourceConfigurationOf, serviceNetworkOf } from '../query/lattice';
import { endpoints, endpointTarget } from '../query/endpoint-type';
import type { ServiceName } from '../query/service-name';
import { loadBalancersOf } from '../query/load-balancers';
import { RULES_BY_ID } from '../rules/index';
import { subnetCount } from '../query/wiring';
import { markdownCode } from '../engine/printable';

/** USD per hour of a Network Load Balancer, before LCUs (us-east-1 list price). */
export const NLB_HOURLY_USD = 0.0225;

/** Monthly figure in cents, rounded half up on exact decimals (0.0225 × 730 = 16.425 -> 16.43). */
function monthlyUsd(hourly: number, units = 1): number {
  const tenThousandths = Math.round(hourly * 10_000) * HOURS_PER_MONTH * units;
  return Math.round(tenThousandths / 100) / 100;
}

export function nlbMonthlyUsd(): number {
  return monthlyUsd(NLB_HOURLY_USD);
}

export interface CostLine {
  address: string;
  uri: string;
  service: string;
  kind: 'interface' | 'gateway' | 'gwlb' | 'resource' | 'service-network' | 'unknown' | 'nlb';
  /** AZs of an Interface or Resource endpoint; undefined when not known. */
  azs?: number;
  /** USD per month; undefined when it cannot be estimated. */
  monthly: number | undefined;
}

export interface CostSummary {
  lines: CostLine[];
  /** Sum of the lines that could be estimated. */
  monthly: number;
  /** Lines whose figure is not known (AZ count unknown, GWLB endpoints). */
  unestimated: number;
  /** PL406 conversions: the Interface endpoint's monthly charge saved by a Gateway endpoint. */
  savings: { address: string; uri: string; monthly: number | undefined; message: string }[];
}

function serviceText(s: ServiceName): string {
  if (s.kind === 'aws') return s.service ?? 'AWS service (name not known)';
  if (s.kind === 'endpoint-service') return s.id ?? 'endpoint service';
  if (s.kind === 'invalid') return s.text;
  return 'service not known';
}

function modulesOf(ws: WorkspaceModel, dirs: ReadonlySet<string>): ModuleInstance[] {
  return moduleInstances(entryModules(ws, dirs)).filter((m) => dirs.has(m.dir));
}

export function costSummary(ws: WorkspaceModel, dirs: ReadonlySet<string>): CostSummary {
  const modules = modulesOf(ws, dirs);
  const lines: CostLine[] = [];
  const byAddress = new Map<string, CostLine>();
  for (const m of modules) {
    for (const ep of endpoints(m)) {
      const target = endpointTarget(ep);
      const t = target.type;
      // A block whose instances' names are known in part: one endpoint per name.
      for (const name of target.instances ?? [target.name]) {
        const base = { address: ep.address, uri: ep.uri, service: serviceText(name) };
        let line: CostLine;
        if (t === 'Interface') {
          const azs = subnetCount(ep);
          line = { ...base, kind: 'interface', azs, monthly: azs === undefined ? undefined : interfaceEndpointMonthlyUsd(azs) };
        } else if (t === 'Gateway') line = { ...base, kind: 'gateway', monthly: 0 };
        else if (t === 'GatewayLoadBalancer') line = { ...base, kind: 'gwlb', monthly: undefined };
        else if (t === 'Resource') {
          const azs = subnetCount(ep);
          const rc = resourceConfigurationOf(ep);
          line = {
            ...base,
            service: rc ? rc.address : 'resource configuration',
            kind: 'resource',
            azs,
            monthly: azs === undefined ? undefined : resourceEndpointMonthlyUsd(azs),
          };
        } else if (t === 'ServiceNetwork') {
          // No charge of its own: VPC Lattice bills what the service network holds.
          const sn = serviceNetworkOf(ep);
          line = { ...base, service: sn ? sn.address : 'service network', kind: 'service-network', monthly: 0 };
        } else line = { ...base, kind: 'unknown', monthly: undefined };
        lines.push(line);
        byAddress.set(`${ep.uri}|${ep.address}`, line);
      }
    }
    const seenLb = new Set<string>();
    for (const svc of endpointServices(m)) {
      for (const lb of loadBalancersOf(svc, 'network').resolved) {
        if (lb.mode !== 'managed' || seenLb.has(`${lb.module.path}|${lb.address}`)) continue;
        seenLb.add(`${lb.module.path}|${lb.address}`);
        lines.push({ address: lb.address, uri: lb.uri, service: `serves ${svc.address}`, kind: 'nlb', monthly: nlbMonthlyUsd() });
      }
    }
  }
  const savings: CostSummary['savings'] = [];
  for (const f of runRules(ws, [RULES_BY_ID.get('PL406')!], { dirs })) {
    const line = lines.find((l) => l.uri === f.uri && l.kind === 'interface' && f.message.startsWith(`${l.address} `));
    savings.push({ address: line?.address ?? f.message.split(' ')[0], uri: f.uri, monthly: line?.monthly, message: f.message });
  }
  const known = lines.filter((l) => l.monthly !== undefined);
  return {
    lines,
    monthly: Math.round(known.reduce((a, l) => a + l.monthly! * 100, 0)) / 100,
    unestimated: lines.length - known.length,
    savings,
  };
}

function cell(s: string): string {
  // A table cell: pipes and markup from the files stay text.
  return s
    .replace(/[\\`*_{}[\]()#+!|<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`))
    .replace(/[\r\n]+/g, ' ');
}

/** A code span in a table cell: its text is shown as is; only its pipes need care there. */
function code(s: string): string {
  return markdownCode(s).replace(/\|/g, '\\|');
}

const usd = (n: number | undefined) => (n === undefined ? 'not estimated' : formatUsd(n));

/** The Markdown report for the modules in `dir` (one folder or several). */
export function costReport(ws: WorkspaceModel, dir: string | readonly string[], relative: (p: string) => string = (p) => p): string {
  const dirs = new Set(typeof dir === 'string' ? [dir] : dir);
  const s = costSummary(ws, dirs);
  const perAz = formatUsd(interfaceEndpointMonthlyUsd(1));
  const out: string[] = [];
  out.push(`# PrivateLink cost estimate`, '');
  out.push(`Modules: ${[...dirs].map((d) => `${code(relative(d))}`).join(', ')}`, '');
  out.push(
    `**Estimated monthly total: ${formatUsd(s.monthly)}**${s.unestimated ? ` (plus ${s.unestimated} item${s.unestimated === 1 ? '' : 's'} not estimated)` : ''}, before data processing and load balancer capacity units.`,
    '',
  );
  const saving = s.savings.reduce((a, x) => a + (x.monthly ?? 0) * 100, 0) / 100;
  if (s.savings.length)
    out.push(
      `Converting the ${s.savings.length} Interface endpoint${s.savings.length === 1 ? '' : 's'} listed under PL406 to Gateway endpoints would save about **${formatUsd(saving)}** per month.`,
      '',
    );

  const interfaces = s.lines.filter((l) => l.kind === 'interface');
  out.push('## Interface endpoints', '');
  if (!interfaces.length) out.push('None.', '');
  else {
    out.push('| Endpoint | Service | AZs | Hours/month | USD/month |', '|---|---|---:|---:|---:|');
    for (const l of interfaces) {
      out.push(
        `| ${code(l.address)} | ${cell(l.service)} | ${l.azs ?? 'unknown'} | ${HOURS_PER_MONTH} | ${l.monthly === undefined ? `${perAz} per AZ` : formatUsd(l.monthly)} |`,
      );
    }
    const sum = interfaces.reduce((a, l) => a + (l.monthly ?? 0) * 100, 0) / 100;
    out.push(`| **Total** | | ${interfaces.reduce((a, l) => a + (l.azs ?? 0), 0)} | | **${formatUsd(sum)}** |`, '');
    out.push(
      `Data processing: ${formatUsd(INTERFACE_ENDPOINT_PER_GB_USD)} per GB through each Interface endpoint, not included (${formatUsd(INTERFACE_ENDPOINT_PER_GB_USD * 100)} per 100 GB).`,
      '',
    );
  }

  const resources = s.lines.filter((l) => l.kind === 'resource');
  const networks = s.lines.filter((l) => l.kind === 'service-network');
  if (resources.length || networks.length) {
    const perAzResource = formatUsd(resourceEndpointMonthlyUsd(1));
    out.push('## Resource and service-network endpoints', '');
    out.push('| Endpoint | Connects to | AZs | USD/month |', '|---|---|---:|---:|');
    for (const l of resources) {
      out.push(
        `| ${code(l.address)} | ${cell(l.service)} | ${l.azs ?? 'unknown'} | ${l.monthly === undefined ? `${perAzResource} per AZ` : formatUsd(l.monthly)} |`,
      );
    }
    for (const l of networks) out.push(`| ${code(l.address)} | ${cell(l.service)} | | no endpoint charge |`);
    out.push('');
    out.push(
      `Data processing: ${formatUsd(RESOURCE_ENDPOINT_PER_GB_USD)} per GB through resource endpoints, and VPC Lattice's charges for what a service network holds, not included.`,
      '',
    );
  }

  const gateways = s.lines.filter((l) => l.kind === 'gateway');
  out.push('## Gateway endpoints', '');
  if (!gateways.length) out.push('None.', '');
  else {
    out.push('| Endpoint | Service | USD/month |', '|---|---|---:|');
    for (const l of gateways) out.push(`| ${code(l.address)} | ${cell(l.service)} | free |`);
    out.push('');
  }

  const others = s.lines.filter((l) => l.kind === 'gwlb' || l.kind === 'unknown');
  if (others.length) {
    out.push('## Not estimated', '');
    for (const l of others)
      out.push(
        `- ${code(l.address)} (${cell(l.service)}): ${l.kind === 'gwlb' ? 'a Gateway Load Balancer endpoint, priced with its load balancer' : 'its endpoint type is not known'}.`,
      );
    out.push('');
  }

  const nlbs = s.lines.filter((l) => l.kind === 'nlb');
  out.push('## Endpoint services (provider side)', '');
  if (!nlbs.length) out.push('No Network Load Balancer of an endpoint service in these modules.', '');
  else {
    out.push('| Load balancer | Role | USD/month |', '|---|---|---:|');
    for (const l of nlbs) out.push(`| ${code(l.address)} | ${cell(l.service)} | ${formatUsd(l.monthly!)} + LCU |`);
    out.push('');
  }

  out.push('## Savings (PL406)', '');
  if (!s.savings.length) out.push('No Interface endpoint for S3 or DynamoDB that a free Gateway endpoint could replace.', '');
  else {
    out.push('| Endpoint | Saving/month | Why |', '|---|---:|---|');
    for (const x of s.savings) out.push(`| ${code(x.address)} | ${usd(x.monthly)} | ${cell(x.message)} |`);
    out.push('');
  }

  out.push('## Assumptions', '');
  out.push(
    `- Estimates at the most common regional list price, the same in every region here; some regions charge more. Check the AWS pricing pages for yours.`,
    `- Interface endpoint: ${formatUsd(INTERFACE_ENDPOINT_HOURLY_USD)} per hour per Availability Zone (one per subnet) × ${HOURS_PER_MONTH} hours a month = ${perAz} per AZ per month.`,
    `- Data processed by Interface endpoints (${formatUsd(INTERFACE_ENDPOINT_PER_GB_USD)} per GB, lower tiers above 1 PB) is not included: it depends on traffic.`,
    '- Gateway endpoints (S3, DynamoDB) are free.',
    `- Resource endpoint: billed per hour in each Availability Zone like every PrivateLink endpoint; taken here at the Interface rate, ${formatUsd(RESOURCE_ENDPOINT_HOURLY_USD)} per AZ-hour = ${formatUsd(resourceEndpointMonthlyUsd(1))} per AZ per month, plus ${formatUsd(RESOURCE_ENDPOINT_PER_GB_USD)} per GB processed (first tier), not included.`,
    `- Service-network endpoint: no charge of its own; VPC Lattice bills the services (per hour, per GB, per request) and the resources (${formatUsd(SERVICE_NETWORK_RESOURCE_PER_GB_USD)} per GB) reached through the service network, not included.`,
    `- Network Load Balancer of an endpoint service: USD ${NLB_HOURLY_USD} per hour = ${formatUsd(nlbMonthlyUsd())} per month, plus load balancer capacity units (LCU), which depend on traffic and are not included.`,
    '- Gateway Load Balancer endpoints and anything whose count or AZs are not known from the files are listed as not estimated.',
    '- Counts come from the files as written: `count` and `for_each` expanded, variables at their defaults and tfvars.',
    '',
  );
  return out.join('\n');
}
