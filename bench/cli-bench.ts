// The whole CLI end to end, as a user runs it: process start, the walk, every file read and
// parsed, the model, every rule, the report written. Each run is its own process; the figure
// is the median of several (the best beside it), since other work may share the machine.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CliRun {
  wallMs: number;
  /** User + system CPU time of the process and its children (workers). */
  cpuMs: number;
  outputBytes: number;
  status: number | null;
}

export interface CliFigures {
  runs: CliRun[];
  medianMs: number;
  bestMs: number;
  medianCpuMs: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** dist/cli.js next to this bundle (bench.js is built into dist/ too). */
export function cliPath(): string {
  for (const p of [path.join(__dirname, 'cli.js'), path.join(process.cwd(), 'dist', 'cli.js')]) if (fs.existsSync(p)) return p;
  throw new Error('dist/cli.js not found: run npm run build');
}

/** CPU time of finished children of this process, in ms (getrusage RUSAGE_CHILDREN via /proc). */
function childrenCpuMs(): number {
  // Fields 16 and 17 of /proc/self/stat: cutime and cstime, in clock ticks (100 per second on Linux).
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return NaN;
  }
}

export interface CliVariant {
  args: readonly string[];
  /** Node options before the script. */
  node?: readonly string[];
  /** Another build's cli.js (a baseline to compare with); dist/cli.js when absent. */
  cli?: string;
}

function once(v: CliVariant): CliRun {
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...(v.node ?? []), v.cli ?? cliPath(), ...v.args], {
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const wallMs = performance.now() - t0;
  return { wallMs, cpuMs: childrenCpuMs() - c0, outputBytes: r.stdout?.length ?? 0, status: r.status };
}

/**
 * `runs` runs of each variant, taken in turns (A B C A B C …) so that a change in the machine's
 * load falls on every variant alike.
 */
export function runCli(variants: readonly CliVariant[], runs: number): CliFigures[] {
  const all: CliRun[][] = variants.map(() => []);
  for (let i = 0; i < runs; i++) variants.forEach((v, j) => all[j].push(once(v)));
  return all.map((out) => ({
    runs: out,
    medianMs: median(out.map((r) => r.wallMs)),
    bestMs: Math.min(...out.map((r) => r.wallMs)),
    medianCpuMs: median(out.map((r) => r.cpuMs)),
  }));
}

/** One run of the CLI inside a process, and where its time went. */
export interface WarmRun {
  ms: number;
  /** Time in the file system's calls (open, read, stat, list, close). */
  fsMs: number;
  /** The collector's pauses of the main thread. */
  gcMs: number;
}

/**
 * `runs` runs of the CLI one after another in one process (the first is a cold run: V8 has
 * compiled nothing yet), each with the time it spent in file-system calls and in the
 * collector's pauses. What is left is JavaScript running: its shrinking from the first run to
 * the next is V8's optimising of the code.
 */
export function warmRuns(args: readonly string[], runs: number, cli: string = cliPath()): WarmRun[] | { skipped: string } {
  const script = `
    const fs = require('node:fs');
    const { PerformanceObserver } = require('node:perf_hooks');
    let fsNs = 0n, gcMs = 0;
    for (const k of ['openSync', 'readSync', 'closeSync', 'fstatSync', 'statSync', 'lstatSync', 'readdirSync', 'realpathSync', 'readlinkSync']) {
      const f = fs[k];
      if (typeof f !== 'function') continue;
      const timed = function (...a) {
        const t = process.hrtime.bigint();
        try { return f.apply(this, a); } finally { fsNs += process.hrtime.bigint() - t; }
      };
      Object.assign(timed, f);
      fs[k] = timed;
    }
    new PerformanceObserver((list) => { for (const e of list.getEntries()) gcMs += e.duration; }).observe({ entryTypes: ['gc'] });
    const m = require(${JSON.stringify(cli)});
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = () => true;
    const settle = () => new Promise((r) => setTimeout(r, 20));
    (async () => {
      if (typeof m.main !== 'function') return write('{"skipped":"this build does not export main"}');
      m.tuneForShortRun?.();
      const out = [];
      for (let i = 0; i < ${runs}; i++) {
        await settle();
        const fs0 = fsNs, gc0 = gcMs;
        const t = performance.now();
        await m.main(${JSON.stringify(args)});
        const ms = performance.now() - t;
        await settle();
        out.push({ ms, fsMs: Number(fsNs - fs0) / 1e6, gcMs: gcMs - gc0 });
      }
      write(JSON.stringify(out));
    })();`;
  const r = spawnSync(process.execPath, ['-e', script], { maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    return JSON.parse(r.stdout.toString('utf8')) as WarmRun[] | { skipped: string };
  } catch {
    return { skipped: `exit ${r.status}` };
  }
}
