// One finding per mistake, the same count everywhere: a for_each block's mistake is one
// diagnostic naming its instances, with one fix and one hover entry; Problems (what the server
// publishes), the status item, Lint workspace, the topology and the CLI count the same findings.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import {
  LINT_WORKSPACE_REQUEST,
  TOPOLOGY_REQUEST,
  type LintWorkspaceResult,
  type SeverityCounts,
  type TopologyResult,
} from '../../server/src/protocol';
import { ensureServerBuilt } from './build-server';
import { applyLspEdits, REPO, TestClient, type PublishedDiagnostics } from './lsp-client';

type Diag = PublishedDiagnostics['diagnostics'][number];

interface Action {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  edit?: { changes?: Record<string, { range: Diag['range']; newText: string }[]> };
}

function copyOf(src: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-merged-'));
  fs.cpSync(src, dir, { recursive: true });
  return fs.realpathSync(dir);
}

const INSTANCES = 'aws_vpc_endpoint.interface (4 instances: ecr.api, ecr.dkr, logs, ssm)';
const ofRule = (d: PublishedDiagnostics, rule: string) => d.diagnostics.filter((x) => x.code === rule);

describe('findings merged over instances, in the editor', function () {
  this.timeout(60_000);
  let dir: string;
  let client: TestClient;
  let endpoints: string;
  let vpc: string;

  before(() => ensureServerBuilt());

  beforeEach(async () => {
    dir = copyOf(path.join(REPO, 'examples'));
    client = new TestClient({ folder: dir, settings: { debounceMs: 20 } });
    await client.initialize();
    endpoints = path.join(dir, 'consumer', 'endpoints.tf');
    vpc = path.join(dir, 'consumer', 'vpc.tf');
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes one diagnostic per mistake of a for_each block, naming its instances', async () => {
    const uri = await client.open(endpoints);
    const d = await client.waitFor(uri, (x) => ofRule(x, 'PL202').length > 0 && ofRule(x, 'PL101').length > 0);
    for (const rule of ['PL202', 'PL101', 'PL302']) {
      const list = ofRule(d, rule);
      assert.equal(list.length, 1, `${rule}: ${list.map((x) => x.message).join(' | ')}`);
      assert.ok(list[0].message.includes(INSTANCES), `${rule} names the instances: ${list[0].message}`);
    }
    // Nothing is published twice at one place for one rule.
    const places = d.diagnostics.map((x) => `${x.code}@${x.range.start.line}:${x.range.start.character}`);
    assert.equal(new Set(places).size, places.length, places.join(', '));
  });

  it('offers the fix once, and it fixes every instance', async () => {
    const eUri = await client.open(endpoints);
    const d = await client.waitFor(eUri, (x) => ofRule(x, 'PL101').length > 0);
    const diag = ofRule(d, 'PL101')[0];
    const actions = await client.conn.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri: eUri },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    const fixes = actions.filter((a) => a.kind === 'quickfix' && a.edit?.changes?.[TestClient.uri(vpc)]);
    assert.equal(fixes.length, 1, actions.map((a) => a.title).join(', '));
    const titles = actions.map((a) => a.title);
    assert.equal(new Set(titles).size, titles.length, `no action twice: ${titles.join(', ')}`);

    const vUri = await client.open(vpc);
    const fixed = applyLspEdits(client.text(vUri), fixes[0].edit!.changes![TestClient.uri(vpc)]);
    const cleared = client.waitFor(eUri, (x) => ofRule(x, 'PL101').length === 0 && ofRule(x, 'PL202').length === 1);
    await client.change(vUri, fixed);
    await cleared;
  });

  it('explains a rule once in the hover over its merged squiggle', async () => {
    const uri = await client.open(endpoints);
    const d = await client.waitFor(uri, (x) => ofRule(x, 'PL202').length > 0);
    const at = ofRule(d, 'PL202')[0].range.start;
    const r = await client.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: at.line, character: at.character + 1 },
    });
    assert.ok(r, 'a hover');
    assert.equal(r.contents.value.split('**PL202 ').length - 1, 1, r.contents.value);
  });
});

/** The CLI bundled from this checkout's sources, once for this file. */
function buildCli(): string {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-cli-')), 'cli.js');
  esbuild.buildSync({
    entryPoints: [path.join(REPO, 'server', 'src', 'cli.ts')],
    bundle: true,
    outfile: out,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    logLevel: 'error',
  });
  return out;
}

/** The CLI's summary line, `N findings: a errors, b warnings, c information, d hints`, as counts. */
function cliCounts(cli: string, folder: string): SeverityCounts {
  const r = spawnSync(process.execPath, [cli, folder], { cwd: folder, encoding: 'utf8', timeout: 60_000 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  const m = /^(\d+) findings?: (\d+) errors?, (\d+) warnings?, (\d+) information, (\d+) hints?$/.exec(last);
  assert.ok(m, `a summary line: ${last} ${r.stderr}`);
  return { error: Number(m[2]), warning: Number(m[3]), information: Number(m[4]), hint: Number(m[5]) };
}

function publishedCounts(client: TestClient): SeverityCounts {
  const c = { error: 0, warning: 0, information: 0, hint: 0 };
  const names = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' } as const;
  for (const p of client.diagnostics.values()) for (const d of p.diagnostics) c[names[(d.severity ?? 1) as 1 | 2 | 3 | 4]]++;
  return c;
}

describe('the same counts everywhere', function () {
  this.timeout(120_000);
  let cli: string;

  before(() => {
    ensureServerBuilt();
    cli = buildCli();
  });

  after(() => fs.rmSync(path.dirname(cli), { recursive: true, force: true }));

  for (const [name, src] of Object.entries({
    'examples/': path.join(REPO, 'examples'),
    'a for_each module called by a root': path.join(REPO, 'test', 'fixtures', 'cli', 'shared-services'),
  })) {
    it(`for ${name}: the CLI, the published diagnostics, the status item, Lint workspace and the topology agree`, async () => {
      const dir = copyOf(src);
      const client = new TestClient({ folder: dir, settings: { debounceMs: 20 } });
      try {
        await client.initialize();
        const lint = await client.conn.sendRequest<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, {});
        assert.equal(lint.cancelled, false);
        const fromCli = cliCounts(cli, dir);
        assert.ok(fromCli.error + fromCli.warning > 0, 'the folder has findings to count');
        assert.deepEqual(lint.counts, fromCli, 'Lint workspace and the CLI');
        // Publications arrive as notifications: wait until they add up (or time out, and compare).
        for (let i = 0; i < 100 && JSON.stringify(publishedCounts(client)) !== JSON.stringify(fromCli); i++) {
          await new Promise((r) => setTimeout(r, 50));
        }
        assert.deepEqual(publishedCounts(client), fromCli, 'the published diagnostics and the CLI');
        const graph = await client.conn.sendRequest<TopologyResult>(TOPOLOGY_REQUEST, { scope: 'workspace' });
        assert.ok(graph);
        assert.deepEqual(graph.counts, fromCli, 'the topology and the CLI');
        // The status item is told the store's totals, coalesced: its last word.
        for (let i = 0; i < 40; i++) {
          const last = client.statuses[client.statuses.length - 1];
          if (last && JSON.stringify(last.counts) === JSON.stringify(fromCli) && last.state === 'idle') break;
          await new Promise((r) => setTimeout(r, 50));
        }
        assert.deepEqual(client.statuses[client.statuses.length - 1]?.counts, fromCli, 'the status item and the CLI');
      } finally {
        await client.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
