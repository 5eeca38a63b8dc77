// A small layered layout of the topology, shared by the view and the SVG export so both show
// the same picture. Columns follow the direction of traffic: security groups and DNS records,
// endpoints and resource gateways (inside their VPC's box), services and service networks,
// load balancers and resource configurations, target groups. Each VPC
// gets a horizontal band; the later columns sit level with the nodes that reach them.

import type { NodeKind, Topology, TopologyEdge, TopologyNode } from './types';

export const NODE_W = 224;
export const NODE_H = 64;
const ROW_GAP = 26;
const COL_GAP = 72;
const BOX_PAD = 18;
const BOX_HEAD = 30;
const BAND_GAP = 30;
const MARGIN = 24;

const COLUMN: Record<NodeKind, number> = {
  'security-group': 0,
  'dns-record': 0,
  vpc: 0,
  endpoint: 1,
  'aws-service': 2,
  'external-service': 2,
  'endpoint-service': 2,
  'load-balancer': 3,
  'target-group': 4,
  // A resource gateway sits in its VPC, like an endpoint; what reaches it comes from the right.
  'resource-gateway': 1,
  'service-network': 2,
  'resource-configuration': 3,
};

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface PlacedEdge {
  edge: TopologyEdge;
  path: string;
  labelAt?: { x: number; y: number };
}

export interface Layout {
  width: number;
  height: number;
  nodes: Map<string, Box>;
  /** VPC boxes by the VPC node's id. */
  groups: Map<string, Box>;
  edges: PlacedEdge[];
}

function columnX(col: number): number {
  // Columns 0 and 1 sit inside the VPC box.
  const inBox = MARGIN + BOX_PAD;
  if (col === 0) return inBox;
  if (col === 1) return inBox + NODE_W + COL_GAP;
  const boxRight = inBox + 2 * NODE_W + COL_GAP + BOX_PAD;
  return boxRight + COL_GAP + (col - 2) * (NODE_W + COL_GAP);
}

export function layout(t: Topology): Layout {
  const nodes = new Map<string, Box>();
  const groups = new Map<string, Box>();
  const byId = new Map(t.nodes.map((n) => [n.id, n]));
  const neighbours = new Map<string, string[]>();
  for (const e of t.edges) {
    (neighbours.get(e.from) ?? neighbours.set(e.from, []).get(e.from)!).push(e.to);
    (neighbours.get(e.to) ?? neighbours.set(e.to, []).get(e.to)!).push(e.from);
  }
  const centre = (id: string) => {
    const b = nodes.get(id);
    return b ? b.y + b.h / 2 : undefined;
  };
  const usedCols = new Set(t.nodes.map((n) => COLUMN[n.kind]));
  const hasBoxes = t.nodes.some((n) => n.kind === 'vpc');

  // Bands: one per VPC, its endpoints in column 1 and their groups and records in column 0.
  let y = MARGIN;
  const hasCol0 = t.nodes.some((n) => n.parent && COLUMN[n.kind] === 0);
  for (const vpc of t.nodes.filter((n) => n.kind === 'vpc')) {
    const members = t.nodes.filter((n) => n.parent === vpc.id);
    const col1 = members.filter((n) => COLUMN[n.kind] === 1);
    const top = y + BOX_HEAD;
    col1.forEach((n, i) => nodes.set(n.id, { x: columnX(1), y: top + i * (NODE_H + ROW_GAP), w: NODE_W, h: NODE_H }));
    const col0 = members.filter((n) => COLUMN[n.kind] === 0);
    const wanted = col0.map((n) => ({ n, at: mean((neighbours.get(n.id) ?? []).map(centre)) ?? top }));
    settle(wanted, top, (n, at) => nodes.set(n.id, { x: columnX(0), y: at, w: NODE_W, h: NODE_H }));
    const bottom = Math.max(top + NODE_H, ...members.map((n) => nodes.get(n.id)!.y + NODE_H));
    const left = hasCol0 ? MARGIN : columnX(1) - BOX_PAD;
    groups.set(vpc.id, { x: left, y, w: columnX(1) + NODE_W + BOX_PAD - left, h: bottom - y + BOX_PAD });
    y = bottom + BOX_PAD + BAND_GAP;
  }

  // Later columns: level with what reaches them, pushed apart; the rest below.
  let bottom = y;
  for (let col = 2; col <= 4; col++) {
    const list = t.nodes.filter((n) => COLUMN[n.kind] === col);
    const wanted = list.map((n) => {
      const at = mean((neighbours.get(n.id) ?? []).filter((o) => (COLUMN[byId.get(o)!.kind] ?? 0) < col).map(centre));
      return { n, at: at === undefined ? Number.POSITIVE_INFINITY : at - NODE_H / 2 };
    });
    const placedFrom = MARGIN + (hasBoxes ? BOX_HEAD : 0);
    let unanchored = Math.max(y, placedFrom);
    for (const w of wanted) if (w.at === Number.POSITIVE_INFINITY) w.at = unanchored++;
    settle(wanted, placedFrom, (n, at) => nodes.set(n.id, { x: columnX(col), y: at, w: NODE_W, h: NODE_H }));
    for (const n of list) bottom = Math.max(bottom, nodes.get(n.id)!.y + NODE_H + MARGIN);
  }
  // Nodes outside any box in columns 0 and 1 (none today, but never lose a node).
  for (const n of t.nodes) {
    if (nodes.has(n.id) || n.kind === 'vpc') continue;
    nodes.set(n.id, { x: columnX(COLUMN[n.kind]), y: bottom, w: NODE_W, h: NODE_H });
    bottom += NODE_H + ROW_GAP;
  }
  for (const [id, box] of groups) nodes.set(id, { x: box.x, y: box.y, w: box.w, h: BOX_HEAD });

  // A picture without VPCs (a provider module) starts at the left edge, not after empty columns.
  const minX = Math.min(...[...nodes.values()].map((b) => b.x), ...[...groups.values()].map((b) => b.x));
  const shift = Number.isFinite(minX) && minX > MARGIN ? minX - MARGIN : 0;
  for (const b of [...nodes.values(), ...groups.values()]) b.x -= shift;
  const maxCol = Math.max(1, ...usedCols);
  const width = columnX(maxCol) + NODE_W + MARGIN + (maxCol <= 1 ? BOX_PAD : 0) - shift;
  const height = Math.max(bottom, y, ...[...groups.values()].map((g) => g.y + g.h + MARGIN));
  const edges = t.edges
    .filter((e) => e.kind !== 'contains')
    .map((e) => placeEdge(e, nodes))
    .filter((e): e is PlacedEdge => !!e);
  return { width, height, nodes, groups, edges };
}

function mean(xs: (number | undefined)[]): number | undefined {
  const known = xs.filter((x): x is number => x !== undefined);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : undefined;
}

/** Orders by wanted position and pushes overlapping nodes down. */
function settle(wanted: { n: TopologyNode; at: number }[], top: number, place: (n: TopologyNode, at: number) => void): void {
  wanted.sort((a, b) => a.at - b.at || a.n.label.localeCompare(b.n.label));
  let next = top;
  for (const w of wanted) {
    const at = Math.max(next, Math.round(w.at));
    place(w.n, at);
    next = at + NODE_H + ROW_GAP;
  }
}

function placeEdge(e: TopologyEdge, nodes: Map<string, Box>): PlacedEdge | undefined {
  const a = nodes.get(e.from);
  const b = nodes.get(e.to);
  if (!a || !b) return undefined;
  // Leave from the side facing the other node.
  const forward = a.x + a.w <= b.x;
  const x1 = forward ? a.x + a.w : a.x;
  const x2 = forward ? b.x : b.x + b.w;
  const y1 = a.y + a.h / 2;
  const y2 = b.y + b.h / 2;
  const dx = Math.max(24, Math.abs(x2 - x1) / 2) * (forward ? 1 : -1);
  const path = `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`;
  return e.label ? { edge: e, path, labelAt: { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 6 } } : { edge: e, path };
}
