// The CLI in one thread and spread over two: `node dist/cli.js --jobs 1` and `--jobs 2` on a
// generated 200-module workspace, as CI would run it. `node dist/cli-jobs.js [samples] [modules]`.
// Runs alternate between the two settings so that a change in the machine's load hits both;
// the median wall time of each is reported with the load average, which the figures depend on.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { countLines, moduleFiles } from './corpus';

const samples = Number(process.argv[2] ?? 3);
const modules = Number(process.argv[3] ?? 200);
const CLI = path.join(__dirname, 'cli.js');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-cli-jobs-'));
const files = Array.from({ length: modules }, (_, i) => moduleFiles(i)).flat();
for (const f of files) {
  const p = path.join(dir, f.path);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, f.text);
}
const lines = countLines(files);

function run(jobs: number): { ms: number; out: string; code: number | null } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, '.', '--format', 'json', '--jobs', String(jobs)], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`the CLI failed with --jobs ${jobs}: ${r.stderr}`);
  return { ms, out: r.stdout, code: r.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times = new Map<number, number[]>([[1, []], [2, []]]);
const outputs = new Map<number, string>();
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

const loadBefore = load();
for (let s = 0; s < samples; s++) {
  for (const jobs of s % 2 ? [2, 1] : [1, 2]) {
    const r = run(jobs);
    times.get(jobs)!.push(r.ms);
    outputs.set(jobs, `${r.code}\n${r.out}`);
  }
}
fs.rmSync(dir, { recursive: true, force: true });

console.log(`${modules} modules, ${lines} lines, ${os.availableParallelism()} cores; load average ${loadBefore} before, ${load()} after; median of ${samples}`);
for (const [jobs, ms] of times) {
  const wall = median(ms);
  const perSec = (n: number) => Math.round((n * 1000) / wall);
  console.log(`--jobs ${jobs}: ${String(perSec(modules)).padStart(5)} modules/s  ${String(perSec(lines)).padStart(7)} lines/s  wall ${(wall / 1000).toFixed(2)} s  (runs: ${ms.map((x) => (x / 1000).toFixed(2)).join(', ')})`);
}
const speedup = median(times.get(1)!) / median(times.get(2)!);
console.log(`--jobs 2 vs 1: ${speedup.toFixed(2)}x; same output and exit code: ${outputs.get(1) === outputs.get(2) ? 'yes' : 'NO'}`);
