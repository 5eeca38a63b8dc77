import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { nodeHost } from '../../server/src/model/node-host';
import { workspaceFromFiles } from '../../server/src/model/testing';
import { createWorkspace } from '../../server/src/model/workspace';
import { buildTopology } from '../../server/src/topology/graph';
import { layout } from '../../server/src/topology/layout';
import { mermaidLabel, topologyMermaid } from '../../server/src/topology/mermaid';
import { escapeXml, topologySvg } from '../../server/src/topology/svg';

const HOSTILE = '<img src=x onerror=alert(1)>';

/** A module whose resource name, tag, record name and service name hold markup. */
export const HOSTILE_FILES: Record<string, string> = {
  '/ws/evil/main.tf': `
resource "aws_vpc" "${HOSTILE}" {
  cidr_block = "10.0.0.0/16"
  tags = {
    Name = "${HOSTILE}"
  }
}
resource "aws_security_group" "sg" {
  name   = "</text><script>alert(2)</script>"
  vpc_id = aws_vpc["${HOSTILE}"].id
}
resource "aws_vpc_endpoint" "ep" {
  vpc_id              = aws_vpc["${HOSTILE}"].id
  service_name        = "${HOSTILE}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = ["subnet-1"]
  security_group_ids  = [aws_security_group.sg.id]
}
resource "aws_route53_record" "r" {
  zone_id = "Z1"
  name    = "a\\"]-->b[\\"x"
  type    = "A"
  alias {
    name                   = aws_vpc_endpoint.ep.dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.ep.dns_entry[0].hosted_zone_id
    evaluate_target_health = false
  }
}
`,
};

describe('topology exports', () => {
  const t = buildTopology(workspaceFromFiles(HOSTILE_FILES));

  it('the fixture really carries the hostile strings into the graph', () => {
    assert.ok(
      t.nodes.some((n) => n.label.includes(HOSTILE)),
      JSON.stringify(t.nodes.map((n) => n.label)),
    );
    assert.ok(t.nodes.some((n) => n.detail.includes('<script>')));
  });

  it('SVG: markup from the files is escaped text, the document stays well-formed', () => {
    const svg = topologySvg(t);
    assert.ok(!svg.includes('<img'), 'an <img> element would be created');
    assert.ok(!svg.includes('<script'), 'a <script> element would be created');
    assert.ok(svg.includes('&lt;img src=x onerror=alert(1)&gt;'));
    // Every element opened is closed: a crude well-formedness check without a parser.
    const open = (svg.match(/<[a-z][^>]*[^/]>/g) ?? []).filter((s) => !s.startsWith('<?')).length;
    const close = (svg.match(/<\/[a-z]+>/g) ?? []).length;
    assert.equal(open, close);
    assert.equal(escapeXml('a"b\'c&\u0001'), 'a&quot;b&apos;c&amp;');
  });

  it('SVG of the examples has one group per node and the finding badges', () => {
    const ex = buildTopology(createWorkspace(nodeHost(), { folders: [path.resolve(__dirname, '../../examples')] }));
    const svg = topologySvg(ex);
    assert.equal((svg.match(/<g class="node /g) ?? []).length, ex.nodes.length);
    assert.ok(svg.includes('>PL101</text>'));
    const l = layout(ex);
    // No two nodes overlap.
    const boxes = ex.nodes.filter((n) => n.kind !== 'vpc').map((n) => l.nodes.get(n.id)!);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        assert.ok(!overlap, `${ex.nodes[i].id} overlaps another node`);
      }
    }
  });

  it('a module without VPCs is drawn from the left edge', () => {
    const root = path.resolve(__dirname, '../../examples');
    const prov = buildTopology(createWorkspace(nodeHost(), { folders: [root] }), new Set([path.join(root, 'provider')]));
    const l = layout(prov);
    assert.equal(Math.min(...[...l.nodes.values()].map((b) => b.x)), 24);
    assert.ok(l.width < 3 * 224 + 4 * 72 + 48, String(l.width));
  });

  it('Mermaid: labels are quoted with entity codes, so markup and Mermaid syntax stay text', () => {
    const mm = topologyMermaid(t);
    assert.ok(!mm.includes('<img'), mm);
    assert.ok(!mm.includes('<script'), mm);
    assert.ok(mm.includes('#60;img src=x onerror=alert(1)#62;'));
    // A quote in a name cannot end the label and start new syntax.
    assert.ok(!/a"\]-->b/.test(mm), mm);
    assert.equal(mermaidLabel('a"b\nc#d'), 'a#34;b c#35;d');
    for (const line of mm.split('\n').filter((l) => /\["/.test(l))) assert.equal((line.match(/"/g) ?? []).length % 2, 0, line);
  });

  it('Mermaid of the examples: a subgraph per VPC, an edge per connection, classes by severity', () => {
    const ex = buildTopology(createWorkspace(nodeHost(), { folders: [path.resolve(__dirname, '../../examples')] }));
    const mm = topologyMermaid(ex);
    assert.equal((mm.match(/^ {2}subgraph /gm) ?? []).length, ex.nodes.filter((n) => n.kind === 'vpc').length);
    assert.equal((mm.match(/ (-->|-\.->)/g) ?? []).length, ex.edges.filter((e) => e.kind !== 'contains').length);
    assert.match(mm, /classDef error/);
    assert.match(mm, /-->\|"TCP 443"\|/);
  });
});
