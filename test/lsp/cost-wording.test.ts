// Cost and service wording on a block with several instances: the code lens and the
// `service_name` hover of a `for_each` of four Interface endpoints in two AZs count four
// endpoints times two AZs, and the hover names every instance's service.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureServerBuilt } from './build-server';
import { REPO, TestClient } from './lsp-client';

describe('cost and service wording of for_each endpoints', function () {
  this.timeout(30_000);
  let dir: string;
  let client: TestClient;
  let uri: string;
  let text: string;

  before(async () => {
    ensureServerBuilt();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-cost-')));
    fs.cpSync(path.join(REPO, 'examples', 'consumer'), dir, { recursive: true });
    client = new TestClient({ folder: dir, settings: { debounceMs: 20 } });
    await client.initialize();
    uri = await client.open(path.join(dir, 'endpoints.tf'));
    await client.waitFor(uri);
    text = client.text(uri);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

  it('the code lens counts 4 endpoints × 2 AZs, not 8 AZs', async () => {
    const lenses = await client.conn.sendRequest<{ range: { start: { line: number } }; command: { title: string } }[]>(
      'textDocument/codeLens',
      { textDocument: { uri } },
    );
    const block = lineOf('resource "aws_vpc_endpoint" "interface"');
    const lens = lenses.find((l) => l.range.start.line === block);
    assert.ok(lens, JSON.stringify(lenses));
    assert.equal(
      lens.command.title,
      'Interface endpoint × 4 · ~USD 58.40/month for 4 endpoints × 2 AZs (estimate, USD 0.01 per endpoint per AZ-hour)',
    );
    assert.doesNotMatch(lens.command.title, /8 AZs/);
    // A single endpoint keeps its plain wording.
    const gateway = lenses.find((l) => l.range.start.line === lineOf('resource "aws_vpc_endpoint" "dynamodb"'));
    assert.equal(gateway?.command.title, 'Gateway endpoint · free');
  });

  it('the service_name hover names every instance and prices them together', async () => {
    const line = text.split('\n').findIndex((l, i) => i > lineOf('"interface"') && l.includes('service_name'));
    const r = await client.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: 4 },
    });
    const value = r?.contents.value ?? '';
    assert.match(value, /\*\*4 endpoints\*\*/);
    for (const [key, title] of [
      ['ecr.api', 'Amazon ECR \\(API\\)'],
      ['ecr.dkr', 'Amazon ECR \\(Docker registry\\)'],
      ['logs', 'Amazon CloudWatch Logs'],
      ['ssm', 'AWS Systems Manager'],
    ])
      assert.match(value, new RegExp(`aws_vpc_endpoint\\.interface\\["${key.replace('.', '\\.')}"\\]\`: ${title}`), value);
    assert.match(value, /USD 58\.40 per month for 4 endpoints × 2 AZs/);
  });
});
