// The topology as Mermaid flowchart text, for pasting into docs. Labels are quoted strings
// with Mermaid's entity codes for the characters that would end or re-interpret them, so a
// name holding markup or Mermaid syntax stays text.

import { worstSeverity, type Topology, type TopologyNode } from './types';

/** A label inside `["..."]`: quotes, markup and Mermaid's own delimiters as entity codes. */
export function mermaidLabel(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[&"<>#`]/g, (c) => `#${c.charCodeAt(0)};`);
}

const SHAPE: Record<TopologyNode['kind'], [string, string]> = {
  vpc: ['[', ']'],
  endpoint: ['[', ']'],
  'aws-service': ['([', '])'],
  'endpoint-service': ['[[', ']]'],
  'external-service': ['([', '])'],
  'load-balancer': ['[/', '/]'],
  'target-group': ['[', ']'],
  'security-group': ['{{', '}}'],
  'dns-record': ['>', ']'],
  'resource-configuration': ['[(', ')]'],
  'resource-gateway': ['[/', '\\]'],
  'service-network': ['((', '))'],
};

export function topologyMermaid(t: Topology): string {
  const ids = new Map(t.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  const text = (n: TopologyNode) => {
    const rules = [...new Set(n.findings.map((f) => f.rule))];
    return mermaidLabel([n.label, n.detail, n.dns ? `DNS ${n.dns}` : '', rules.length ? rules.join(' ') : ''].filter(Boolean).join(' · '));
  };
  const nodeLine = (n: TopologyNode, pad: string) => {
    const [open, close] = SHAPE[n.kind];
    return `${pad}${ids.get(n.id)}${open}"${text(n)}"${close}`;
  };
  for (const vpc of t.nodes.filter((n) => n.kind === 'vpc')) {
    lines.push(`  subgraph ${ids.get(vpc.id)}["${mermaidLabel(`VPC ${vpc.label} · ${vpc.detail}`)}"]`);
    for (const n of t.nodes.filter((x) => x.parent === vpc.id)) lines.push(nodeLine(n, '    '));
    lines.push('  end');
  }
  for (const n of t.nodes) if (n.kind !== 'vpc' && !n.parent) lines.push(nodeLine(n, '  '));
  for (const e of t.edges) {
    if (e.kind === 'contains') continue;
    const arrow = e.kind === 'secured-by' || e.kind === 'alias' ? '-.->' : '-->';
    const label = e.label ? `|"${mermaidLabel(e.label)}"|` : '';
    lines.push(`  ${ids.get(e.from)} ${arrow}${label} ${ids.get(e.to)}`);
  }
  const classes: Record<string, string> = {
    error: 'fill:#fde8e8,stroke:#d93f3f',
    warning: 'fill:#fdf3e1,stroke:#d98b0b',
    information: 'fill:#e6eefc,stroke:#2f6fde',
    hint: 'fill:#eef0f3,stroke:#7a869a',
  };
  for (const [sev, style] of Object.entries(classes)) {
    const members = t.nodes.filter((n) => worstSeverity(n.findings) === sev).map((n) => ids.get(n.id));
    if (members.length) lines.push(`  classDef ${sev} ${style}`, `  class ${members.join(',')} ${sev}`);
  }
  return `${lines.join('\n')}\n`;
}
