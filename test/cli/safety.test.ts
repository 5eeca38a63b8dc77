// Analysing writes nothing, runs no program and opens no network connection: the CLI (without
// --fix) and the language server (open, edit, hover, code actions, nothing applied) run with a
// preload that turns every process and network API into a throwing stub, on a copy of the
// examples whose paths, mtimes and hashes are compared before and after.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { ensureServerBuilt } from '../lsp/build-server';
import { TestClient } from '../lsp/lsp-client';

const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli-safety.js');

const PRELOAD = `
const forbid = (what) => function () { throw new Error('forbidden during analysis: ' + what); };
const cp = require('node:child_process');
for (const k of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) cp[k] = forbid('child_process.' + k);
const net = require('node:net');
net.connect = net.createConnection = forbid('net.connect');
net.Socket.prototype.connect = forbid('net.Socket.connect');
for (const m of ['node:http', 'node:https']) { const h = require(m); h.request = h.get = forbid(m + '.request'); }
const dns = require('node:dns');
dns.lookup = dns.resolve = forbid('dns.lookup');
dns.promises.lookup = forbid('dns.promises.lookup');
globalThis.fetch = forbid('fetch');
`;

type Snapshot = Map<string, string>;

function snapshot(dir: string): Snapshot {
  const out: Snapshot = new Map();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const st = fs.lstatSync(p);
      if (e.isDirectory()) {
        out.set(path.relative(dir, p) + '/', String(st.mtimeMs));
        walk(p);
      } else
        out.set(path.relative(dir, p), `${st.mtimeMs} ${st.size} ${crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex')}`);
    }
  };
  walk(dir);
  return out;
}

describe('safety: analysis writes nothing, spawns nothing, connects nowhere', function () {
  this.timeout(300_000);
  let work: string;
  let preload: string;

  before(() => {
    esbuild.buildSync({
      entryPoints: { 'cli-safety': path.join(REPO, 'server', 'src', 'cli.ts') },
      bundle: true,
      outdir: path.join(REPO, 'dist'),
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      mainFields: ['module', 'main'],
      logLevel: 'error',
    });
    ensureServerBuilt();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-safety-'));
    preload = path.join(work, 'forbid.js');
    fs.writeFileSync(preload, PRELOAD);
    fs.cpSync(path.join(REPO, 'examples'), path.join(work, 'examples'), { recursive: true });
  });
  after(() => {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(CLI, { force: true });
  });

  it('the preload does forbid', () => {
    const r = spawnSync(process.execPath, ['--require', preload, '-e', 'require("node:child_process").spawnSync("true")'], {
      encoding: 'utf8',
    });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /forbidden during analysis/);
  });

  for (const format of ['text', 'json', 'sarif']) {
    it(`CLI --format ${format} on the examples`, () => {
      const dir = path.join(work, 'examples');
      const before = snapshot(dir);
      const r = spawnSync(process.execPath, ['--require', preload, CLI, '--format', format, dir], {
        cwd: work,
        encoding: 'utf8',
        timeout: 120_000,
      });
      assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /forbidden|internal error/);
      assert.ok(r.stdout.length > 100, 'it reported');
      assert.deepEqual(snapshot(dir), before);
    });
  }

  it('language server: open, edit, hover, code actions, lint workspace', async () => {
    const dir = path.join(work, 'examples');
    const before = snapshot(dir);
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${saved ?? ''} --require ${preload}`;
    let client: TestClient;
    try {
      client = new TestClient({ folder: dir });
    } finally {
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
    try {
      await client.initialize();
      const files = fs
        .readdirSync(path.join(dir, 'consumer'))
        .filter((n) => n.endsWith('.tf'))
        .map((n) => path.join(dir, 'consumer', n));
      for (const f of files) {
        const uri = await client.open(f);
        const published = await client.waitFor(uri, () => true, 60_000, true);
        const text = client.text(uri);
        await client.change(uri, text + '\n# edited\n');
        await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 12 } });
        for (const d of published.diagnostics) {
          await client.conn.sendRequest('textDocument/codeAction', {
            textDocument: { uri },
            range: d.range,
            context: { diagnostics: [d] },
          });
        }
        await client.change(uri, text);
      }
      const lint = await client.conn.sendRequest('privatelink/lintWorkspace', {});
      assert.ok(lint, 'lint workspace answered');
      assert.doesNotMatch(client.stderr, /forbidden/);
      assert.ok(!client.logs.some((l) => /forbidden/.test(l)), client.logs.filter((l) => /forbidden/.test(l)).join('\n'));
      assert.equal(client.proc.exitCode, null, 'the server is still up');
    } finally {
      await client.stop();
    }
    assert.deepEqual(snapshot(dir), before);
  });
});
