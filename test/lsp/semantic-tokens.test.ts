// Semantic tokens over stdio: the legend, token types at known places, a delta after an edit
// that rebuilds the full answer, range requests, and no provider when the client says so.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureServerBuilt } from './build-server';
import { TestClient } from './lsp-client';

interface Legend {
  tokenTypes: string[];
  tokenModifiers: string[];
}
interface Capabilities {
  capabilities: { semanticTokensProvider?: { legend: Legend; full?: { delta?: boolean }; range?: boolean } };
}
interface Tokens {
  resultId?: string;
  data: number[];
}
interface Delta {
  resultId?: string;
  edits: { start: number; deleteCount: number; data?: number[] }[];
}

const TEXT = `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.\${var.region}.s3"
  # privatelink:ignore PL301 -- bucket policy instead
  policy = <<EOT
{"Statement": [{"Effect": "Allow"}]}
EOT
}

locals {
  count_of = length(var.azs)
}
`;

/** `line:character` -> `text type` for every token, with the text it covers. */
function byPlace(text: string, data: number[], legend: Legend): Map<string, string> {
  const lines = text.split('\n');
  const out = new Map<string, string>();
  let line = 0;
  let ch = 0;
  for (let k = 0; k < data.length; k += 5) {
    line += data[k];
    ch = data[k] === 0 ? ch + data[k + 1] : data[k + 1];
    out.set(`${line}:${ch}`, `${lines[line].slice(ch, ch + data[k + 2])} ${legend.tokenTypes[data[k + 3]]}`);
  }
  return out;
}

function place(text: string, needle: string): string {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  const before = text.slice(0, i);
  const line = before.split('\n').length - 1;
  return `${line}:${i - before.lastIndexOf('\n') - 1}`;
}

describe('semantic tokens over stdio', function () {
  this.timeout(30_000);
  let dir: string;
  let file: string;
  const clients: TestClient[] = [];

  before(() => ensureServerBuilt());

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-tokens-')));
    file = path.join(dir, 'main.tf');
    fs.writeFileSync(file, TEXT);
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(initializationOptions?: unknown): Promise<{ client: TestClient; legend?: Legend; full: boolean; range: boolean }> {
    const client = new TestClient({ folder: dir, initializationOptions });
    clients.push(client);
    const init = (await client.initialize()) as Capabilities;
    const p = init.capabilities.semanticTokensProvider;
    return { client, legend: p?.legend, full: p?.full?.delta === true, range: p?.range === true };
  }

  it('offers full, delta and range tokens with a legend of standard types', async () => {
    const { legend, full, range } = await start();
    assert.ok(legend && full && range);
    for (const t of ['keyword', 'type', 'variable', 'property', 'function', 'string', 'number', 'comment'])
      assert.ok(legend.tokenTypes.includes(t), t);
  });

  it('colours the file from its syntax tree: token types at known places', async () => {
    const { client, legend } = await start();
    const uri = await client.open(file);
    const r = await client.conn.sendRequest<Tokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const seen = byPlace(TEXT, r.data, legend!);
    const expect: [string, string][] = [
      ['resource', 'resource keyword'],
      ['"aws_vpc_endpoint"', '"aws_vpc_endpoint" type'],
      ['vpc_id', 'vpc_id property'],
      ['aws_vpc.main', 'aws_vpc type'],
      ['main.id', 'main variable'],
      ['"com.amazonaws.', '"com.amazonaws. string'],
      ['${var', '${ keyword'],
      ['var.region', 'var namespace'],
      // The comment up to the directive (`# ` and its space).
      ['# privatelink', '#  comment'],
      ['privatelink:ignore', 'privatelink:ignore keyword'],
      ['PL301', 'PL301 enumMember'],
      ['<<EOT', '<<EOT keyword'],
      ['"Statement"', '"Statement" property'],
      ['"Allow"', '"Allow" string'],
      ['locals', 'locals keyword'],
      ['count_of', 'count_of variable'],
      ['length', 'length function'],
    ];
    for (const [needle, want] of expect) assert.equal(seen.get(place(TEXT, needle)), want, needle);
    assert.ok(r.resultId);
  });

  it('answers a delta after an edit that rebuilds the full answer', async () => {
    const { client } = await start();
    const uri = await client.open(file);
    const first = await client.conn.sendRequest<Tokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    // A new argument in the middle of the file.
    await client.edit(uri, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, '  auto_accept = false\n');
    const delta = await client.conn.sendRequest<Delta>('textDocument/semanticTokens/full/delta', {
      textDocument: { uri },
      previousResultId: first.resultId,
    });
    assert.ok(Array.isArray(delta.edits), 'an answer as edits');
    assert.notEqual(delta.resultId, first.resultId);
    const data = [...first.data];
    for (const e of [...delta.edits].sort((a, b) => b.start - a.start)) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
    const full = await client.conn.sendRequest<Tokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.deepEqual(data, full.data);
    // Only the new line's tokens and the step to the next line are sent.
    const sent = delta.edits.reduce((n, e) => n + (e.data?.length ?? 0), 0);
    assert.ok(sent > 0 && sent < first.data.length / 2, `${sent} numbers sent of ${full.data.length}`);
    // An unknown previous result gets the whole answer.
    const whole = await client.conn.sendRequest<Tokens & Partial<Delta>>('textDocument/semanticTokens/full/delta', {
      textDocument: { uri },
      previousResultId: 'unknown',
    });
    assert.deepEqual(whole.data, full.data);
  });

  it('answers a range with the tokens of its lines only', async () => {
    const { client, legend } = await start();
    const uri = await client.open(file);
    const r = await client.conn.sendRequest<Tokens>('textDocument/semanticTokens/range', {
      textDocument: { uri },
      range: { start: { line: 9, character: 0 }, end: { line: 10, character: 30 } },
    });
    const seen = [...byPlace(TEXT, r.data, legend!).keys()].map((k) => Number(k.split(':')[0]));
    assert.ok(seen.length > 0);
    assert.ok(
      seen.every((l) => l >= 9 && l <= 10),
      `lines ${seen.join(',')}`,
    );
    assert.equal(byPlace(TEXT, r.data, legend!).get(place(TEXT, 'length')), 'length function');
  });

  it('colours a variable file', async () => {
    const { client, legend } = await start();
    const vars = path.join(dir, 'terraform.tfvars');
    const text = 'region = "eu-west-1"\n';
    fs.writeFileSync(vars, text);
    const uri = await client.open(vars);
    const r = await client.conn.sendRequest<Tokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.deepEqual([...byPlace(text, r.data, legend!).values()], ['region variable', '= operator', '"eu-west-1" string']);
  });

  it('offers no semantic tokens when the client says highlighting is off', async () => {
    const { legend } = await start({ semanticTokens: false });
    assert.equal(legend, undefined);
  });
});
