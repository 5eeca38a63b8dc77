// Code lenses: above each endpoint its type and estimated monthly cost, above each endpoint
// service the number of endpoints in the workspace that connect to it.

import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import { moduleInstances } from '../engine/run';
import type { ResourceInstance } from '../model/types';
import { endpointType, subnetCount } from '../rules/wiring';
import { toLspRange } from '../lsp/convert';
import { formatUsd, instancesOf, interfaceMonthlyUsd, moduleOf } from '../lsp/model-query';
import { safe } from '../lsp/safe';
import type { Session } from '../lsp/session';
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
  const file = p ? session.file(p) : undefined;
  const module = p ? moduleOf(session, p) : undefined;
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
  const n = instances.length;
  const each = n > 1 ? ` × ${n}` : '';
  const types = new Set(instances.map(endpointType));
  if (types.size !== 1) return `${n} endpoints of several types`;
  const t = [...types][0];
  if (t === undefined) return `Endpoint type not known${each}`;
  if (t === 'Gateway') return `Gateway endpoint${each} · free`;
  if (t === 'GatewayLoadBalancer') return `GatewayLoadBalancer endpoint${each}`;
  let azs = 0;
  for (const i of instances) {
    const c = subnetCount(i);
    if (c === undefined) return `Interface endpoint${each} · ${formatUsd(interfaceMonthlyUsd(1))} per AZ per month (estimate)`;
    azs += c;
  }
  return `Interface endpoint${each} · ~${formatUsd(interfaceMonthlyUsd(azs))}/month for ${azs} AZ${azs === 1 ? '' : 's'} (estimate, USD 0.01 per AZ-hour)`;
}

/** Endpoints anywhere in the loaded workspace whose service_name resolves to this service. */
function serviceLens(session: Session, services: ResourceInstance[]): string {
  // A module is seen alone and through its callers: count each written endpoint once.
  const where = (r: ResourceInstance) => `${r.uri}\u0000${r.entry.block.range.start.offset}\u0000${String(r.key)}`;
  const mine = new Set(services.map((s) => `${s.uri}\u0000${s.entry.block.range.start.offset}`));
  const consumers = new Set<string>();
  for (const m of moduleInstances(session.viewOf(new Set(session.knownDirs())).roots())) {
    for (const ep of m.resources('aws_vpc_endpoint')) {
      const target = m.resolve(ep.attr('service_name'));
      if (target && mine.has(`${target.uri}\u0000${target.entry.block.range.start.offset}`)) consumers.add(where(ep));
    }
  }
  const n = consumers.size;
  return `${n} consumer endpoint${n === 1 ? '' : 's'} in the workspace`;
}
