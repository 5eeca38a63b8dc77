// --jobs: a large run is analysed in batches, in one process or several, and reports exactly
// what one analysis of the whole workspace reports.

import { boundaryOf } from '../../server/src/model/boundary';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { moduleFiles } from '../../bench/corpus';
import { autoJobs, AUTO_MIN_DIRS, MIN_BATCHED_DIRS } from '../../server/src/cli/jobs';
import { planBatches, scanFolders, type Batch } from '../../server/src/cli/plan';
import { isConfigFile } from '../../server/src/model/paths';
import { staticWorkspace } from '../../server/src/cli/static-workspace';
import { findModuleDirs } from '../../server/src/cli/walk';
import { runBatches } from '../../server/src/cli/workers';
import { analyze } from '../../server/src/engine/analyze';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import { nodeHost } from '../../server/src/model/node-host';
import { createWorkspace } from '../../server/src/model/workspace';
import type { Finding } from '../../server/src/rules/types';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const MODULES = 120;

function cli(args: string[], cwd: string) {
  // SARIF of this workspace is over a megabyte, spawnSync's default output limit.
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(ws: string, rel: string, text: string) {
  const p = path.join(ws, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

/** A module call passing inputs that change what the child's rules see. */
const call = (name: string, source: string, region: string) =>
  `module "${name}" {\n  source      = "${source}"\n  region      = "${region}"\n  environment = "${name}"\n}\n`;

/** The reference: one analysis of one workspace holding every folder. */
function wholeRun(dirs: ReadonlySet<string>, root: string): Finding[] {
  return analyze(staticWorkspace(createWorkspace(nodeHost(), { folders: [...dirs] })), { config: DEFAULT_CONFIG, root, dirs });
}

async function batchedRun(batches: Batch[], dirs: ReadonlySet<string>, root: string) {
  const warnings: string[] = [];
  const r = await runBatches(batches, {
    config: DEFAULT_CONFIG,
    root,
    dirs,
    boundary: boundaryOf([root]),
    workers: [],
    warn: (m) => warnings.push(m),
    onRuleFailure: (f) => warnings.push(f.message),
  });
  assert.deepEqual(warnings, []);
  return r;
}

describe('CLI --jobs', function () {
  this.timeout(180_000);
  let ws: string;
  let dirs: Set<string>;

  before(function () {
    execFileSync(process.execPath, [path.join(ROOT, 'build.mjs')], { cwd: ROOT });
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-jobs-'));
    // Generated modules; some are called by environments (so they are analysed with the
    // callers' inputs), two call each other, and two roots share a module.
    for (let i = 0; i < MODULES; i++) for (const f of moduleFiles(i)) write(ws, f.path, f.text);
    for (let e = 0; e < 10; e++) {
      const a = `m${String(e * 7).padStart(4, '0')}`;
      const b = `m${String(e * 7 + 3).padStart(4, '0')}`;
      write(ws, `envs/e${e}/main.tf`, call('net', `../../${a}`, 'us-east-1') + call('svc', `../../${b}`, 'eu-central-1'));
    }
    write(ws, 'cycle/a/main.tf', `${call('b', '../b', 'us-west-2')}\nvariable "region" {}\nvariable "environment" {}\n`);
    write(ws, 'cycle/b/main.tf', `${call('a', '../a', 'us-west-2')}\nvariable "region" {}\nvariable "environment" {}\n`);
    for (const f of moduleFiles(500, 'shared/vpc')) write(ws, f.path, f.text);
    write(ws, 'stacks/one/main.tf', call('vpc', '../../shared/vpc', 'ap-south-1'));
    write(ws, 'stacks/two/main.tf', call('vpc', '../../shared/vpc', 'ap-south-1'));
    // A caller in JSON syntax.
    const jsonCall = { module: { vpc: { source: '../../shared/vpc', region: 'ap-south-1', environment: 'json' } } };
    write(ws, 'stacks/json/main.tf.json', JSON.stringify(jsonCall, null, 2));
    fs.cpSync(path.join(ROOT, 'examples'), path.join(ws, 'examples'), { recursive: true });
    dirs = new Set(findModuleDirs(ws, () => undefined));
  });

  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('plans batches that cover every folder once and keep callers with the modules they call', () => {
    assert.ok(dirs.size >= MIN_BATCHED_DIRS, 'the workspace is large enough to be batched');
    const batches = planBatches(scanFolders([...dirs]));
    assert.ok(batches.length >= 2, `${batches.length} batches`);
    const all = batches.flatMap((b) => b.dirs);
    assert.equal(all.length, dirs.size, 'no folder in two batches');
    assert.deepEqual(new Set(all), dirs);
    const batchOf = (rel: string) => batches.findIndex((b) => b.dirs.includes(path.join(ws, rel)));
    assert.equal(batchOf('envs/e3'), batchOf('m0021'));
    assert.equal(batchOf('envs/e3'), batchOf('m0024'));
    assert.equal(batchOf('cycle/a'), batchOf('cycle/b'));
    assert.equal(batchOf('stacks/one'), batchOf('stacks/two'));
    assert.equal(batchOf('stacks/one'), batchOf('shared/vpc'));
    assert.equal(batchOf('stacks/json'), batchOf('shared/vpc'), 'a call in JSON syntax');
  });

  it('finds, batch by batch, what one analysis of the whole workspace finds', async () => {
    const reference = wholeRun(dirs, ws);
    assert.ok(reference.length > 100, 'the workspace has findings to compare');
    const r = await batchedRun(planBatches(scanFolders([...dirs])), dirs, ws);
    assert.equal(r.merged, 0, 'the plan found every module call');
    assert.deepEqual(r.findings, reference);
  });

  it('merges and redoes batches whose modules call into each other when the plan split them', async () => {
    // Every folder alone: each call found during the analysis must join caller and callee.
    const alone = [...dirs].sort().map((d) => ({ dirs: [d], files: 1, bytes: 1 }));
    const r = await batchedRun(alone, dirs, ws);
    assert.ok(r.merged >= 10, `${r.merged} batches redone`);
    assert.deepEqual(r.findings, wholeRun(dirs, ws));
  });

  it('merges batches that reach the same module outside the run', async () => {
    // Run over everything but the shared module: the two stacks still reach it.
    const some = new Set([...dirs].filter((d) => !d.includes(`${path.sep}shared${path.sep}`)));
    const alone = [...some].sort().map((d) => ({ dirs: [d], files: 1, bytes: 1 }));
    const r = await batchedRun(alone, some, ws);
    assert.ok(r.merged >= 1);
    assert.deepEqual(r.findings, wholeRun(some, ws));
  });

  for (const format of ['json', 'text', 'sarif']) {
    it(`gives the same ${format} output and exit code with --jobs 1, --jobs 2 and the default`, () => {
      const one = cli(['.', '--format', format, '--jobs', '1'], ws);
      const two = cli(['.', '--format', format, '--jobs', '2'], ws);
      const auto = cli(['.', '--format', format], ws);
      for (const r of [one, two, auto]) assert.equal(r.stderr, '');
      assert.ok(one.stdout.length > 10_000, 'there are findings to compare');
      assert.equal(two.stdout, one.stdout);
      assert.equal(auto.stdout, one.stdout);
      assert.equal(two.code, one.code);
      assert.equal(auto.code, one.code);
    });
  }

  it('gives the same text, exit code and warning limit with --jobs 3 and a rule filter', () => {
    const args = ['.', '--rule', 'PL101,PL201', '--max-warnings', '0'];
    const one = cli([...args, '--jobs', '1'], ws);
    const three = cli([...args, '--jobs', '3'], ws);
    assert.equal(three.stdout, one.stdout);
    assert.equal(three.code, one.code);
  });

  it('reports files, bytes and throughput with --stats, on stderr only', () => {
    const plain = cli(['.', '--jobs', '2'], ws);
    const r = cli(['.', '--jobs', '2', '--stats'], ws);
    assert.equal(r.stdout, plain.stdout);
    const files = [...dirs].reduce((n, d) => n + fs.readdirSync(d).filter(isConfigFile).length, 0);
    const m = /(\d+) files, ([\d.]+) MB in ([\d.]+) s \(CPU ([\d.]+) s, 2 jobs, (\d+) batch(?:es)?\): (\d+) files\/s, ([\d.]+) MB\/s/.exec(
      r.stderr,
    );
    assert.ok(m, r.stderr);
    assert.equal(Number(m[1]), files);
    assert.ok(Number(m[4]) > 0 && Number(m[5]) >= 2 && Number(m[6]) > 0);
  });

  it('picks one process for a small workspace or two cores, and one per core for a large one', () => {
    assert.equal(autoJobs(AUTO_MIN_DIRS - 1), 1);
    const cores = os.availableParallelism();
    assert.equal(autoJobs(AUTO_MIN_DIRS * 10), cores <= 2 ? 1 : Math.min(cores, 8));
  });

  it('refuses a --jobs that is not a whole number of at least 1 or auto', () => {
    const r = cli(['.', '--jobs', '0'], ws);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--jobs/);
    assert.equal(cli(['examples', '--jobs', 'auto'], ROOT).stderr, '');
  });
});
