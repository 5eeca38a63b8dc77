// The topology and cost requests of the bundled language server, over stdio.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureServerBuilt } from '../lsp/build-server';
import { REPO, TestClient } from '../lsp/lsp-client';

interface WireNode {
  id: string;
  kind: string;
  address?: string;
  location?: { uri: string; range: { start: { line: number; character: number } } };
  findings: { rule: string; location: { uri: string } }[];
}

describe('topology requests over LSP', function () {
  this.timeout(30_000);
  let dir: string;
  let client: TestClient;

  before(() => ensureServerBuilt());

  beforeEach(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-topology-')));
    fs.cpSync(path.join(REPO, 'examples'), dir, { recursive: true });
    client = new TestClient({ folder: dir });
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers privatelink/topology for a file URI with file URIs and LSP ranges, and follows edits', async () => {
    const vars = path.join(dir, 'consumer', 'variables.tf');
    const uri = await client.open(vars);
    const first = await client.conn.sendRequest<{ nodes: WireNode[]; title: string }>('privatelink/topology', { uri });
    const endpoints = first.nodes.filter((n) => n.kind === 'endpoint');
    assert.equal(endpoints.length, 5);
    const logs = endpoints.find((n) => n.address === 'aws_vpc_endpoint.interface["logs"]')!;
    assert.equal(logs.location?.uri, TestClient.uri(path.join(dir, 'consumer', 'endpoints.tf')));
    assert.deepEqual(logs.location?.range.start, { line: 13, character: 0 });
    assert.ok(logs.findings.some((f) => f.rule === 'PL101' && f.location.uri.startsWith('file://')));
    assert.match(first.title, /consumer/);

    // An edit in the open (unsaved) document shows in the next answer.
    const text = fs
      .readFileSync(vars, 'utf8')
      .replace('["ecr.api", "ecr.dkr", "logs", "ssm"]', '["ecr.api", "ecr.dkr", "logs", "ssm", "sts"]');
    await client.change(uri, text);
    const second = await client.conn.sendRequest<{ nodes: WireNode[] }>('privatelink/topology', { uri });
    assert.equal(second.nodes.filter((n) => n.kind === 'endpoint').length, 6);
  });

  it('draws the whole workspace, exports SVG and Mermaid, and writes the cost report', async () => {
    const ws = await client.conn.sendRequest<{ nodes: WireNode[] }>('privatelink/topology', { scope: 'workspace' });
    assert.ok(ws.nodes.some((n) => n.kind === 'target-group'));
    assert.ok(ws.nodes.some((n) => n.kind === 'dns-record'));
    const svg = await client.conn.sendRequest<{ text: string }>('privatelink/topologyExport', { scope: 'workspace', format: 'svg' });
    assert.match(svg.text, /^<\?xml/);
    assert.equal((svg.text.match(/<g class="node /g) ?? []).length, ws.nodes.length);
    const mm = await client.conn.sendRequest<{ text: string }>('privatelink/topologyExport', { scope: 'workspace', format: 'mermaid' });
    assert.match(mm.text, /^flowchart LR/);
    const uri = TestClient.uri(path.join(dir, 'consumer', 'endpoints.tf'));
    const cost = await client.conn.sendRequest<{ markdown: string }>('privatelink/costReport', { uri });
    assert.match(cost.markdown, /Estimated monthly total: USD 58\.40/);
  });
});
