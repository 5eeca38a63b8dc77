// The topology view's and the cost report's requests: the graph of a module (or of the
// workspace) with the analysis' findings on its nodes, its SVG and Mermaid exports, and the
// Markdown cost estimate. Locations go out as LSP URIs and ranges.

import * as path from 'node:path';
import { analyze } from '../engine/analyze';
import { toLspRange, pathToUri } from '../lsp/convert';
import { describeError, safe } from '../lsp/safe';
import type { Session } from '../lsp/session';
import { effectiveConfig } from '../lsp/settings';
import { findModuleDirs } from '../lsp/walk';
import type { Finding } from '../rules/types';
import { costReport } from '../topology/cost-report';
import { buildTopology } from '../topology/graph';
import { topologyMermaid } from '../topology/mermaid';
import { topologySvg } from '../topology/svg';
import type { Topology, TopologyLocation } from '../topology/types';
import {
  COST_REPORT_REQUEST,
  TOPOLOGY_EXPORT_REQUEST,
  TOPOLOGY_REQUEST,
  type CostReportResult,
  type ScopeParams,
  type TopologyExportParams,
  type TopologyExportResult,
  type TopologyResult,
} from '../protocol';

/** Beyond this many modules a workspace picture is unreadable and slow: the first ones are drawn. */
const MAX_MODULES = 200;

export function registerTopology(session: Session): void {
  const { connection } = session;
  connection.onRequest(
    TOPOLOGY_REQUEST,
    safe(connection, 'topology', null, (p: ScopeParams) => topology(session, p ?? {})),
  );
  connection.onRequest(
    TOPOLOGY_EXPORT_REQUEST,
    safe(connection, 'topologyExport', null, (p: TopologyExportParams) => exportTopology(session, p)),
  );
  connection.onRequest(
    COST_REPORT_REQUEST,
    safe(connection, 'costReport', null, (p: ScopeParams) => cost(session, p ?? {})),
  );
}

async function dirsOf(session: Session, p: ScopeParams): Promise<{ dirs: string[]; note?: string }> {
  if (p.scope !== 'workspace' && p.uri) {
    const fsPath = session.pathOf(p.uri);
    if (fsPath) {
      const dir = /\.(tf|tofu|tfvars|json)$/.test(fsPath) ? path.dirname(fsPath) : fsPath;
      return { dirs: [dir] };
    }
  }
  const known = session.index.state === 'idle' ? session.moduleDirs : (await findModuleDirs(session.folders)).dirs;
  if (known.length > MAX_MODULES)
    return { dirs: known.slice(0, MAX_MODULES), note: `${known.length} modules: the first ${MAX_MODULES} are shown` };
  return { dirs: known };
}

async function rawTopology(session: Session, p: ScopeParams): Promise<{ graph: Topology; dirs: string[]; note?: string }> {
  const found = await dirsOf(session, p);
  const { note } = found;
  const findings: Finding[] = [];
  const s = await session.currentSettings(p.uri);
  // Modules whose analysis failed are left out (their files say so): the rest is drawn.
  const dirs: string[] = [];
  for (const dir of found.dirs) {
    if (session.failing(dir)) continue;
    const root = session.rootOf(dir);
    try {
      const config = effectiveConfig(session.committedConfig(root), s);
      findings.push(...analyze(session.viewOf(new Set([dir])), { config, root, dirs: new Set([dir]), outside: session.host.isOutside }));
      dirs.push(dir);
    } catch (e) {
      session.error(`Topology of ${dir} left out: ${describeError(e)}`);
    }
  }
  const set = new Set(dirs);
  const graph = buildTopology(session.viewOf(set), set, { findings });
  graph.title = dirs.length === 1 ? relativeTo(session, dirs[0]) : `${dirs.length} modules`;
  return { graph, dirs, note };
}

function relativeTo(session: Session, dir: string): string {
  const root = session.rootOf(dir);
  const rel = path.relative(path.dirname(root), dir);
  return rel || dir;
}

/** The graph with LSP locations. */
export async function topology(session: Session, p: ScopeParams): Promise<NonNullable<TopologyResult>> {
  const { graph, note } = await rawTopology(session, p);
  const loc = (l: TopologyLocation) => ({
    uri: pathToUri(l.uri, session.uris),
    range: toLspRange(l.range) as unknown as TopologyLocation['range'],
  });
  return {
    ...graph,
    nodes: graph.nodes.map((n) => ({
      ...n,
      ...(n.location ? { location: loc(n.location) } : {}),
      findings: n.findings.map((f) => ({ ...f, location: loc(f.location) })),
    })),
    unplaced: graph.unplaced.map((f) => ({ ...f, location: loc(f.location) })),
    ...(note ? { note } : {}),
  };
}

async function exportTopology(session: Session, p: TopologyExportParams): Promise<NonNullable<TopologyExportResult>> {
  const { graph } = await rawTopology(session, p);
  return { text: p.format === 'mermaid' ? topologyMermaid(graph) : topologySvg(graph) };
}

async function cost(session: Session, p: ScopeParams): Promise<NonNullable<CostReportResult>> {
  const dirs = (await dirsOf(session, p)).dirs.filter((d) => !session.failing(d));
  const set = new Set(dirs);
  return { markdown: costReport(session.viewOf(set), dirs, (d) => relativeTo(session, d)) };
}
