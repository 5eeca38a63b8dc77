// Code lenses: above each endpoint its type and estimated monthly cost (Interface and Resource
// endpoints per AZ-hour; a ServiceNetwork endpoint has no charge of its own), above each
// endpoint service the number of endpoints in the workspace that connect to it.

import * as path from 'node:path';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import type { ModuleInstance, ResourceInstance } from '../model/types';
import { endpointAzText, endpointAzTotal, resourceEndpointMonthlyUsd } from '../query/cost';
import { endpointTarget } from '../query/endpoint-type';
import { endpointType, subnetCount } from '../query/wiring';
import { toLspRange } from '../lsp/convert';
import { formatUsd, instancesOf, interfaceMonthlyUsd, moduleOf } from '../lsp/model-query';
import { safe } from '../lsp/safe';
import type { Session } from '../lsp/session';
import { blockKey, countConsumers, summarize } from '../lsp/summary';
import { resourceType } from '../lsp/syntax';

export function registerCodeLens(session: Session): void {
  session.connection.onCodeLens(safe(session.connection, 'codeLens', [], (params: CodeLensParams) => codeLenses(session, params)));
}

function lens(range: CodeLens['range'], title: string): CodeLens {
  // An empty command: VS Code shows the title without making it clickable.
  return { range, command: { title, command: '' } };
}

export function codeLenses(session: Session, params: CodeLensParams): CodeLens[] {
  const p = session.pathOf(params.textDocument.uri);
  // A module whose analysis failed is left alone until one of its files changes.
  if (!p || session.failing(path.dirname(p))) return [];
  const file = session.file(p);
  const module = moduleOf(session, p);
  if (!p || !file || file.readError || !module) return [];
  const out: CodeLens[] = [];
  for (const item of file.ast.body.items) {
    if (item.type !== 'Block') continue;
    const type = resourceType(item);
    if (type !== 'aws_vpc_endpoint' && type !== 'aws_vpc_endpoint_service') continue;
    const range = toLspRange({ start: item.range.start, end: item.range.start });
    const instances = instancesOf(module, file, item);
    if (instances.length === 0) continue;
    out.push(lens(range, type === 'aws_vpc_endpoint' ? endpointLens(instances) : serviceLens(session, instances)));
  }
  return out;
}

function endpointLens(instances: ResourceInstance[]): string {
  // An unexpanded for_each over names known in part stands for one endpoint per name.
  const counts = instances.map((i) => endpointTarget(i).instances?.length ?? 1);
  const n = counts.reduce((a, b) => a + b, 0);
  const each = n > 1 ? ` × ${n}` : '';
  const types = new Set(instances.map(endpointType));
  if (types.size !== 1) return `${n} endpoints of several types`;
  const t = [...types][0];
  if (t === undefined) return `Endpoint type not known${each}`;
  if (t === 'Gateway') return `Gateway endpoint${each} · free`;
  if (t === 'GatewayLoadBalancer') return `GatewayLoadBalancer endpoint${each}`;
  if (t === 'ServiceNetwork') return `ServiceNetwork endpoint${each} · no endpoint charge (VPC Lattice bills what it reaches)`;
  const perAz = t === 'Resource' ? resourceEndpointMonthlyUsd : interfaceMonthlyUsd;
  // Each endpoint's AZs: AWS bills every endpoint in every AZ it has a subnet in.
  const azCounts: number[] = [];
  for (const [k, i] of instances.entries()) {
    const c = subnetCount(i);
    if (c === undefined) return `${t} endpoint${each} · ${formatUsd(perAz(1))} per endpoint per AZ per month (estimate)`;
    for (let j = 0; j < counts[k]; j++) azCounts.push(c);
  }
  const total = endpointAzTotal(azCounts);
  const rate = n === 1 ? 'USD 0.01 per AZ-hour' : 'USD 0.01 per endpoint per AZ-hour';
  return `${t} endpoint${each} · ~${formatUsd(perAz(total))}/month for ${endpointAzText(azCounts)} (estimate, ${rate})`;
}

/**
 * Endpoints anywhere in the workspace whose service_name resolves to this service: the
 * modules in use are read live, the rest come from the index's summaries.
 */
function serviceLens(session: Session, services: ResourceInstance[]): string {
  const keys = new Set(services.map(blockKey));
  const live = [...session.activeDirs()]
    .filter((d) => !session.failing(d))
    .map((d) => liveModule(session, d))
    .filter((m): m is ModuleInstance => !!m)
    .map(summarize);
  const indexed = [...session.summaries].filter(([d]) => !session.activeDirs().has(d)).map(([, s]) => s);
  const n = countConsumers(keys, [...live, ...indexed]);
  return `${n} consumer endpoint${n === 1 ? '' : 's'} in the workspace`;
}

function liveModule(session: Session, dir: string): ModuleInstance | undefined {
  try {
    return session.ws.module(dir);
  } catch {
    return undefined;
  }
}
