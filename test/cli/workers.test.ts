// --jobs: the bundled CLI spread over worker threads reports exactly what one thread reports.

import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { corpus } from '../../bench/corpus';
import { planChunks } from '../../server/src/cli/workers';
import { findModuleDirs } from '../../server/src/cli/walk';
import { nodeHost } from '../../server/src/model/node-host';
import { createWorkspace } from '../../server/src/model/workspace';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI --jobs', function () {
  this.timeout(180_000);
  let ws: string;

  before(function () {
    execFileSync(process.execPath, [path.join(ROOT, 'build.mjs')], { cwd: ROOT });
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-jobs-'));
    // About 40 generated modules, plus the examples (a consumer calling a local child module).
    for (const f of corpus(40 * 330)) {
      const p = path.join(ws, f.path);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, f.text);
    }
    fs.cpSync(path.join(ROOT, 'examples'), path.join(ws, 'examples'), { recursive: true });
  });

  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('splits the workspace into balanced chunks that cover every module folder', () => {
    const dirs = new Set(findModuleDirs(ws, () => undefined));
    const chunks = planChunks(createWorkspace(nodeHost(), { folders: [...dirs] }), dirs, 2);
    assert.ok(chunks, 'a workspace of this size is split');
    assert.equal(chunks.length, 2);
    assert.deepEqual(new Set(chunks.flatMap((c) => c.dirs)), dirs);
    const [a, b] = chunks.map((c) => c.size);
    assert.ok(Math.abs(a - b) / Math.max(a, b) < 0.1, `chunk sizes ${a} and ${b} are within 10%`);
  });

  it('keeps one thread for a small workspace', () => {
    const dirs = new Set(findModuleDirs(path.join(ROOT, 'examples'), () => undefined));
    assert.equal(planChunks(createWorkspace(nodeHost(), { folders: [...dirs] }), dirs, 2), undefined);
  });

  it('gives the same JSON and exit code with --jobs 1 and --jobs 2', () => {
    const one = cli(['.', '--format', 'json', '--jobs', '1'], ws);
    const two = cli(['.', '--format', 'json', '--jobs', '2'], ws);
    assert.equal(one.stderr, '');
    assert.equal(two.stderr, '');
    const findings = JSON.parse(one.stdout) as { rule: string; file: string }[];
    assert.ok(findings.length > 100, 'the generated workspace has findings to compare');
    assert.ok(findings.some((f) => f.file.includes(`${path.sep}examples${path.sep}`)), 'the examples are part of the run');
    assert.equal(two.stdout, one.stdout);
    assert.equal(two.code, one.code);
  });

  it('gives the same text, exit code and warning limit with --jobs 3 and a rule filter', () => {
    const args = ['.', '--rule', 'PL101,PL201', '--max-warnings', '0'];
    const one = cli([...args, '--jobs', '1'], ws);
    const three = cli([...args, '--jobs', '3'], ws);
    assert.equal(three.stdout, one.stdout);
    assert.equal(three.code, one.code);
  });

  it('refuses a --jobs that is not a whole number of at least 1', () => {
    const r = cli(['.', '--jobs', '0'], ws);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--jobs/);
  });
});
