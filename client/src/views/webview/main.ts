// The topology page's script (bundled to dist/webview.js). It receives the graph by
// postMessage, lays it out with the shared scene, and builds the SVG with createElementNS and
// text nodes: no string from the files is ever parsed as markup. Clicks go back to the
// extension, which opens the block.

import { scene, SEVERITY_COLOUR, type El } from '../../../../server/src/topology/scene';
import type { NodeFinding, Topology, TopologyLocation } from '../../../../server/src/topology/types';
import type { Scope, TopologyResult } from '../../../../server/src/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type Incoming = { type: 'graph'; graph: NonNullable<TopologyResult>; scope: Scope } | { type: 'busy' } | { type: 'error'; message: string };

const vscode = acquireVsCodeApi();
const SVG_NS = 'http://www.w3.org/2000/svg';
let current: Topology | undefined;

const $ = (id: string) => document.getElementById(id)!;

function build(e: El): Element {
  const node = document.createElementNS(SVG_NS, e.tag);
  for (const [k, v] of Object.entries(e.attrs)) node.setAttribute(k, String(v));
  if (e.text !== undefined) node.appendChild(document.createTextNode(e.text));
  for (const c of e.children ?? []) node.appendChild(build(c));
  return node;
}

function open(location: TopologyLocation | undefined): void {
  if (location) vscode.postMessage({ type: 'open', location });
}

function render(graph: NonNullable<TopologyResult>, scope: Scope): void {
  current = graph;
  $('title').textContent = `PrivateLink topology · ${graph.title}`;
  $('scope-module').setAttribute('aria-pressed', String(scope === 'module'));
  $('scope-workspace').setAttribute('aria-pressed', String(scope === 'workspace'));
  // Each finding once, as Problems counts it (one can be drawn on several nodes).
  const counts = graph.counts;
  const endpoints = graph.nodes.filter((n) => n.kind === 'endpoint').length;
  const status = `${graph.nodes.length} nodes · ${endpoints} endpoint${endpoints === 1 ? '' : 's'} · ${counts.error} errors, ${counts.warning} warnings, ${counts.information} information`;
  $('status').textContent = graph.note ? `${status} · ${graph.note}` : status;

  const canvas = $('canvas');
  canvas.replaceChildren();
  if (!graph.nodes.length) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = 'No VPC endpoints or endpoint services here.';
    canvas.appendChild(p);
  } else {
    const svg = build(scene(graph));
    canvas.appendChild(svg);
    for (const g of Array.from(svg.querySelectorAll('g.node'))) {
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
    }
  }

  const list = $('unplaced');
  list.replaceChildren();
  for (const f of graph.unplaced) list.appendChild(findingItem(f));
}

function findingItem(f: NodeFinding): HTMLLIElement {
  const li = document.createElement('li');
  const chip = document.createElement('span');
  chip.className = 'sev';
  chip.textContent = f.rule;
  chip.setAttribute('data-severity', f.severity);
  li.appendChild(chip);
  li.appendChild(document.createTextNode(f.message));
  li.addEventListener('click', () => open(f.location));
  return li;
}

function legend(): void {
  const box = $('legend');
  for (const [sev, colour] of Object.entries(SEVERITY_COLOUR)) {
    const span = document.createElement('span');
    const dot = document.createElement('i');
    dot.setAttribute('data-colour', colour);
    span.appendChild(dot);
    span.appendChild(document.createTextNode(sev === 'none' ? 'no finding' : sev));
    box.appendChild(span);
  }
  // Colours through the CSSOM: style attributes in markup are not allowed by the page's CSP.
  for (const dot of Array.from(box.querySelectorAll<HTMLElement>('i'))) dot.style.background = dot.getAttribute('data-colour')!;
}

function onCanvasClick(ev: Event): void {
  const target = ev.target as Element | null;
  const badge = target?.closest('[data-finding]');
  const node = target?.closest('[data-node]');
  if (!current || !node) return;
  const n = current.nodes.find((x) => x.id === node.getAttribute('data-node'));
  if (!n) return;
  if (badge) {
    const f = n.findings[Number(badge.getAttribute('data-finding'))];
    if (f) return open(f.location);
  }
  open(n.location);
}

function init(): void {
  legend();
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('.sev')))
    el.style.background = SEVERITY_COLOUR[(el.dataset.severity ?? 'none') as keyof typeof SEVERITY_COLOUR];
  $('canvas').addEventListener('click', onCanvasClick);
  $('canvas').addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') onCanvasClick(ev);
  });
  $('refresh').addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  $('scope-module').addEventListener('click', () => vscode.postMessage({ type: 'scope', scope: 'module' }));
  $('scope-workspace').addEventListener('click', () => vscode.postMessage({ type: 'scope', scope: 'workspace' }));
  $('export-svg').addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'svg' }));
  $('export-mermaid').addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'mermaid' }));
  window.addEventListener('message', (ev: MessageEvent<Incoming>) => {
    const m = ev.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'graph') {
      render(m.graph, m.scope);
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('#unplaced .sev')))
        el.style.background = SEVERITY_COLOUR[(el.dataset.severity ?? 'none') as keyof typeof SEVERITY_COLOUR];
    } else if (m.type === 'busy') $('status').textContent = 'Updating…';
    else if (m.type === 'error') $('status').textContent = `Could not draw the topology: ${m.message}`;
  });
  vscode.postMessage({ type: 'ready' });
}

init();
