// What the topology card shows of a node: every finding the node is involved in (a finding's
// related places too, as the security group behind a PL202), its DNS state once, and its full
// name and details on hover (an SVG <title>), since the card cuts long names short.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { nodeHost } from '../../server/src/model/node-host';
import { createWorkspace } from '../../server/src/model/workspace';
import { buildTopology } from '../../server/src/topology/graph';
import { scene, type El } from '../../server/src/topology/scene';
import type { Topology, TopologyNode } from '../../server/src/topology/types';
import { worstSeverity } from '../../server/src/topology/types';

const EXAMPLES = path.resolve(__dirname, '../../examples');

function node(t: Topology, address: string): TopologyNode {
  const n = t.nodes.find((x) => x.address === address);
  assert.ok(n, `no node ${address}`);
  return n;
}

/** Every element of a scene tree, depth first. */
function* walk(e: El): Generator<El> {
  yield e;
  for (const c of e.children ?? []) yield* walk(c);
}

/** All the text drawn on a node's card (not its tooltip). */
function drawnText(g: El): string[] {
  return [...walk(g)].filter((e) => e.tag === 'text').map((e) => e.text ?? '');
}

describe('topology marks', () => {
  const t = buildTopology(createWorkspace(nodeHost(), { folders: [path.join(EXAMPLES, 'consumer')] }));
  const picture = scene(t);
  const cards = [...walk(picture)].filter((e) => e.tag === 'g' && String(e.attrs.class ?? '').startsWith('node '));
  const card = (n: TopologyNode) => cards.find((g) => g.attrs['data-node'] === n.id)!;

  it('marks the security group a PL202 of its endpoints involves, not green', () => {
    const sg = node(t, 'aws_security_group.endpoints');
    const pl202 = sg.findings.filter((f) => f.rule === 'PL202');
    assert.equal(pl202.length, 1, JSON.stringify(sg.findings));
    assert.equal(pl202[0].involved, true);
    assert.equal(worstSeverity(sg.findings), 'error');
    assert.match(String(card(sg).attrs.class), /severity-error/);
    // Where it is reported, it is not marked as only involved.
    const ep = node(t, 'aws_vpc_endpoint.interface["ecr.api"]');
    assert.equal(ep.findings.find((f) => f.rule === 'PL202')?.involved, undefined);
  });

  it('counts a finding once however many nodes it marks', () => {
    const all = new Set(t.nodes.flatMap((n) => n.findings.map((f) => `${f.rule}|${f.message}`)));
    const counted = t.counts.error + t.counts.warning + t.counts.information + t.counts.hint;
    assert.equal(counted, all.size + t.unplaced.length);
  });

  it('shows the DNS state once per card', () => {
    const ep = node(t, 'aws_vpc_endpoint.interface["ecr.api"]');
    assert.equal(ep.dns, 'on');
    const texts = drawnText(card(ep));
    assert.equal(texts.filter((s) => /\bDNS\b/.test(s)).length, 1, JSON.stringify(texts));
  });

  it('gives every card a tooltip with its full address and details', () => {
    for (const n of t.nodes) {
      const title = card(n).children?.find((c) => c.tag === 'title')?.text ?? '';
      assert.ok(title.includes(n.address ?? n.label), `${n.id}: ${title}`);
      if (n.detail) assert.ok(title.includes(n.detail), `${n.id}: ${title}`);
      for (const f of n.findings) assert.ok(title.includes(f.message), `${n.id}: ${f.rule}`);
    }
  });
});
