// The picture of a laid-out topology as a tree of SVG elements in plain data. The SVG export
// serializes it to text (escaping every string); the view builds DOM from it with
// createElementNS and text nodes. One description, so both show the same thing.

import type { Severity } from '../rules/types';
import { layout, NODE_W, type Box } from './layout';
import { worstSeverity, type NodeFinding, type NodeKind, type Topology, type TopologyNode } from './types';

export interface El {
  tag: 'svg' | 'g' | 'rect' | 'text' | 'path' | 'title' | 'circle' | 'style' | 'defs' | 'marker';
  attrs: Record<string, string | number>;
  /** Text content: always a text node, never markup. */
  text?: string;
  children?: El[];
}

export const SEVERITY_COLOUR: Record<Severity | 'none', string> = {
  error: '#d93f3f',
  warning: '#d98b0b',
  information: '#2f6fde',
  hint: '#7a869a',
  none: '#3c9a5f',
};

const KIND_CAPTION: Record<NodeKind, string> = {
  vpc: 'VPC',
  endpoint: 'Endpoint',
  'aws-service': 'AWS service',
  'endpoint-service': 'Endpoint service',
  'external-service': 'External service',
  'load-balancer': 'Load balancer',
  'target-group': 'Target group',
  'security-group': 'Security group',
  'dns-record': 'DNS record',
  'resource-configuration': 'Resource configuration',
  'resource-gateway': 'Resource gateway',
  'service-network': 'Service network',
};

const KIND_FILL: Record<NodeKind, string> = {
  vpc: '#eef3fb',
  endpoint: '#ffffff',
  'aws-service': '#fff7e8',
  'endpoint-service': '#f1ecfb',
  'external-service': '#f4f4f5',
  'load-balancer': '#f1ecfb',
  'target-group': '#f1ecfb',
  'security-group': '#ecf7f1',
  'dns-record': '#eaf6fa',
  'resource-configuration': '#fdf0f6',
  'resource-gateway': '#fdf0f6',
  'service-network': '#eef8f8',
};

const FONT = 'system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif';

const el = (tag: El['tag'], attrs: El['attrs'], children?: El[], text?: string): El => ({
  tag,
  attrs,
  ...(children ? { children } : {}),
  ...(text !== undefined ? { text } : {}),
});

/** Cuts a string to about `width` pixels of text at `size` (an estimate: no fonts on the server). */
export function fit(s: string, width: number, size: number): string {
  const max = Math.max(4, Math.floor(width / (size * 0.58)));
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function caption(n: TopologyNode): string {
  if (n.kind === 'endpoint') {
    const t = n.endpointType === 'GatewayLoadBalancer' ? 'GWLB' : n.endpointType === 'unknown' ? '' : n.endpointType;
    return `${t ?? ''} endpoint`.trim();
  }
  return KIND_CAPTION[n.kind];
}

/** A finding as a tooltip line; one the node is only involved in says so. */
function findingLine(f: NodeFinding): string {
  return `${f.rule} (${f.severity}${f.involved ? ', involved' : ''}): ${f.message}`;
}

/** Everything the card cuts short, in full: its name, its address, its details and findings. */
function tooltip(n: TopologyNode): string {
  const name = n.address && n.address !== n.label && !n.address.endsWith(n.label) ? `${n.label} (${n.address})` : (n.address ?? n.label);
  const lines = [`${caption(n)}: ${name}`, n.dns ? [n.detail, `DNS ${n.dns}`].filter(Boolean).join(' · ') : n.detail];
  for (const f of n.findings) lines.push(findingLine(f));
  return lines.filter(Boolean).join('\n');
}

function badges(n: TopologyNode, box: Box, leftFrom?: number): El[] {
  const out: El[] = [];
  // One chip per rule, worst first; the rest counted.
  const byRule = new Map<string, Severity>();
  const idx = new Map<string, number>();
  n.findings.forEach((f, i) => {
    const cur = byRule.get(f.rule);
    if (!cur || sevRank(f.severity) < sevRank(cur)) byRule.set(f.rule, f.severity);
    if (!idx.has(f.rule)) idx.set(f.rule, i);
  });
  const rules = [...byRule].sort((a, b) => sevRank(a[1]) - sevRank(b[1]) || a[0].localeCompare(b[0]));
  const shown = rules.slice(0, 4);
  const chipW = 46;
  // Right-aligned on the node's bottom edge, or left-aligned from `leftFrom` (a VPC's header).
  let x = leftFrom ?? box.x + box.w - 8 - shown.length * (chipW + 4) - (rules.length > 4 ? 30 : 0);
  const y = leftFrom === undefined ? box.y + box.h - 9 : box.y + 6;
  for (const [rule, sev] of shown) {
    const count = n.findings.filter((f) => f.rule === rule).length;
    out.push(
      el('g', { class: 'badge', 'data-node': n.id, 'data-finding': idx.get(rule)!, cursor: 'pointer' }, [
        el(
          'title',
          {},
          undefined,
          n.findings
            .filter((f) => f.rule === rule)
            .map(findingLine)
            .join('\n'),
        ),
        el('rect', { x, y, width: chipW, height: 18, rx: 9, fill: SEVERITY_COLOUR[sev], stroke: '#ffffff', 'stroke-width': 1.5 }),
        el(
          'text',
          { x: x + chipW / 2, y: y + 13, 'text-anchor': 'middle', 'font-size': 10.5, 'font-weight': 600, fill: '#ffffff' },
          undefined,
          count > 1 ? `${rule}×${count}` : rule,
        ),
      ]),
    );
    x += chipW + 4;
  }
  if (rules.length > 4) {
    out.push(
      el('g', { class: 'badge', 'data-node': n.id, 'data-finding': 0 }, [
        el('rect', { x, y, width: 26, height: 18, rx: 9, fill: '#555b66', stroke: '#ffffff', 'stroke-width': 1.5 }),
        el(
          'text',
          { x: x + 13, y: y + 13, 'text-anchor': 'middle', 'font-size': 10.5, fill: '#ffffff' },
          undefined,
          `+${rules.length - 4}`,
        ),
      ]),
    );
  }
  return out;
}

function sevRank(s: Severity): number {
  return { error: 0, warning: 1, information: 2, hint: 3 }[s];
}

function dnsPill(n: TopologyNode, box: Box): El[] {
  if (!n.dns) return [];
  const colour = { on: '#3c9a5f', zone: '#2f6fde', none: '#7a869a', unknown: '#7a869a' }[n.dns];
  const text = `DNS ${n.dns}`;
  const w = 14 + text.length * 6.2;
  const x = box.x + box.w - w - 8;
  return [
    el('g', { class: 'dns' }, [
      el('rect', { x, y: box.y + 6, width: w, height: 15, rx: 7.5, fill: '#ffffff', stroke: colour }),
      el('text', { x: x + w / 2, y: box.y + 17, 'text-anchor': 'middle', 'font-size': 9.5, fill: colour }, undefined, text),
    ]),
  ];
}

function nodeEl(n: TopologyNode, box: Box): El {
  const worst = worstSeverity(n.findings);
  const colour = SEVERITY_COLOUR[worst ?? 'none'];
  const cls = `node kind-${n.kind} severity-${worst ?? 'none'}`;
  const title = el('title', {}, undefined, tooltip(n));
  if (n.kind === 'vpc') {
    const name = fit(`VPC ${n.label}`, box.w / 2 - 60, 12.5);
    const chips = badges(n, box, box.x + 20 + name.length * 7.4);
    return el('g', { class: cls, 'data-node': n.id, cursor: 'pointer' }, [
      title,
      // The header band takes the clicks, not only its letters.
      el('rect', { x: box.x, y: box.y, width: box.w, height: box.h, rx: 12, fill: '#ffffff', 'fill-opacity': 0 }),
      el('text', { x: box.x + 12, y: box.y + 20, 'font-size': 12.5, 'font-weight': 700, fill: '#1f3b66' }, undefined, name),
      el(
        'text',
        { x: box.x + box.w - 12, y: box.y + 20, 'text-anchor': 'end', 'font-size': 11, fill: '#51607a' },
        undefined,
        fit(
          n.detail,
          Math.max(
            60,
            box.w - 44 - name.length * 7.4 - (chips.length ? Math.min(4, new Set(n.findings.map((f) => f.rule)).size) * 50 + 30 : 0),
          ),
          11,
        ),
      ),
      ...chips,
    ]);
  }
  const pillW = n.dns ? 70 : 0;
  return el('g', { class: cls, 'data-node': n.id, cursor: n.location ? 'pointer' : 'default' }, [
    title,
    el('rect', {
      x: box.x,
      y: box.y,
      width: box.w,
      height: box.h,
      rx: 8,
      fill: KIND_FILL[n.kind],
      stroke: worst ? colour : '#b8c2d3',
      'stroke-width': worst ? 2 : 1,
    }),
    el('rect', { x: box.x, y: box.y, width: 6, height: box.h, rx: 3, fill: colour }),
    el(
      'text',
      { x: box.x + 14, y: box.y + 17, 'font-size': 10, 'letter-spacing': 0.6, fill: '#6b7689' },
      undefined,
      fit(caption(n).toUpperCase(), box.w - 24 - pillW, 10),
    ),
    el(
      'text',
      { x: box.x + 14, y: box.y + 35, 'font-size': 13, 'font-weight': 600, fill: '#1d2433' },
      undefined,
      fit(n.label, box.w - 24, 14),
    ),
    el('text', { x: box.x + 14, y: box.y + 51, 'font-size': 11, fill: '#51607a' }, undefined, fit(n.detail, box.w - 24, 11)),
    ...dnsPill(n, box),
    ...badges(n, box),
  ]);
}

/** The whole picture as one `<svg>` element tree. */
export function scene(t: Topology): El {
  const l = layout(t);
  const groups: El[] = [];
  for (const [id, b] of l.groups) {
    const n = t.nodes.find((x) => x.id === id)!;
    const worst = worstSeverity(n.findings);
    groups.push(
      el('rect', {
        class: 'vpc-box',
        x: b.x,
        y: b.y,
        width: b.w,
        height: b.h,
        rx: 12,
        fill: KIND_FILL.vpc,
        stroke: worst ? SEVERITY_COLOUR[worst] : '#9db3d6',
        'stroke-dasharray': '6 4',
        'stroke-width': 1.5,
      }),
    );
  }
  const edges: El[] = l.edges.map((p) =>
    el('g', { class: `edge edge-${p.edge.kind}` }, [
      el('path', {
        d: p.path,
        fill: 'none',
        stroke: p.edge.kind === 'secured-by' ? '#6fb08a' : p.edge.kind === 'alias' ? '#5ea3c9' : '#8794a8',
        'stroke-width': 1.5,
        ...(p.edge.kind === 'secured-by' || p.edge.kind === 'alias' ? { 'stroke-dasharray': '4 3' } : {}),
        'marker-end': 'url(#arrow)',
      }),
      ...(p.labelAt
        ? [
            el(
              'text',
              { x: p.labelAt.x, y: p.labelAt.y, 'text-anchor': 'middle', 'font-size': 10, fill: '#51607a' },
              undefined,
              p.edge.label ?? '',
            ),
          ]
        : []),
    ]),
  );
  const nodes: El[] = t.nodes.map((n) => nodeEl(n, l.nodes.get(n.id)!));
  const width = Math.max(l.width, NODE_W + 48);
  const height = Math.max(l.height, 80);
  return el(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT, class: 'topology' },
    [
      el('defs', {}, [
        el(
          'marker',
          { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
          [el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#8794a8' })],
        ),
      ]),
      el('rect', { x: 0, y: 0, width, height, fill: '#fbfcfe' }),
      el('g', { class: 'groups' }, groups),
      el('g', { class: 'edges' }, edges),
      el('g', { class: 'nodes' }, nodes),
    ],
  );
}
