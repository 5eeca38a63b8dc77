// The CLI in one process and spread over two: `node dist/cli.js --jobs 1` and `--jobs 2` on a
// generated workspace of 5,000 modules (20,000 files), as CI would run it.
// `node dist/cli-jobs.js [samples] [modules]`.
// Runs alternate between the two settings so that a change in the machine's load hits both.
// Each run's wall and CPU time (worker processes included) come from the CLI's --stats line;
// the medians are reported with the load average, which wall times depend on.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { moduleFiles } from './corpus';

const samples = Number(process.argv[2] ?? 3);
const modules = Number(process.argv[3] ?? 5000);
const CLI = path.join(__dirname, 'cli.js');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-cli-jobs-'));
for (let i = 0; i < modules; i++) {
  for (const f of moduleFiles(i)) {
    const p = path.join(dir, f.path);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.text);
  }
}

interface Sample {
  wall: number;
  cpu: number;
  filesPerSec: number;
  mbPerSec: number;
}

const STATS = /(\d+) files, ([\d.]+) MB in ([\d.]+) s \(CPU ([\d.]+) s,.*?\): (\d+) files\/s, ([\d.]+) MB\/s/;
let size = '';

function run(jobs: string, format = 'json'): { s: Sample; out: string } {
  const r = spawnSync(process.execPath, [CLI, '.', '--format', format, '--jobs', jobs, '--stats'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const m = STATS.exec(r.stderr);
  if ((r.status !== 0 && r.status !== 1) || !m) throw new Error(`the CLI failed with --jobs ${jobs}: ${r.stderr}`);
  size = `${m[1]} files, ${m[2]} MB`;
  return {
    s: { wall: Number(m[3]), cpu: Number(m[4]), filesPerSec: Number(m[5]), mbPerSec: Number(m[6]) },
    out: `${r.status}\n${r.stdout}`,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = new Map<string, Sample[]>([
  ['1', []],
  ['2', []],
]);
const outputs = new Map<string, string>();
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const loadBefore = load();
for (let s = 0; s < samples; s++) {
  for (const jobs of s % 2 ? ['2', '1'] : ['1', '2']) {
    const r = run(jobs);
    runs.get(jobs)!.push(r.s);
    outputs.set(jobs, r.out);
  }
}
// The other formats and the default (auto) once each: output only, not timed.
const same = [outputs.get('1') === outputs.get('2'), run('auto').out === outputs.get('1')];
for (const format of ['text', 'sarif']) same.push(run('1', format).out === run('2', format).out);
fs.rmSync(dir, { recursive: true, force: true });

console.log(
  `${modules} modules (${size}), ${os.availableParallelism()} cores; load average ${loadBefore} before, ${load()} after; median of ${samples}`,
);
for (const [jobs, list] of runs) {
  const m = (k: keyof Sample) => median(list.map((x) => x[k]));
  console.log(
    `--jobs ${jobs}: ${String(m('filesPerSec')).padStart(5)} files/s  ${m('mbPerSec').toFixed(2)} MB/s  wall ${m('wall').toFixed(2)} s  CPU ${m('cpu').toFixed(2)} s  (wall: ${list.map((x) => x.wall.toFixed(2)).join(', ')}; CPU: ${list.map((x) => x.cpu.toFixed(2)).join(', ')})`,
  );
}
const wall = (j: string) => median(runs.get(j)!.map((x) => x.wall));
const cpu = (j: string) => median(runs.get(j)!.map((x) => x.cpu));
console.log(
  `--jobs 2 vs 1: ${(wall('1') / wall('2')).toFixed(2)}x wall, ${(cpu('2') / cpu('1')).toFixed(2)}x the CPU; same output and exit code (json, default jobs, text, sarif): ${same.every(Boolean) ? 'yes' : `NO (${same.join(', ')})`}`,
);
