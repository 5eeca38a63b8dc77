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

/**
 * The same CLI run repeated in one process: the later runs find V8's compiled code warm (and
 * the files in the page cache). What a run costs beyond this is warm-up: compiling the engine's
 * hot functions, which every new process pays. Milliseconds of each run, the first one cold.
 */
export function warmRuns(args: readonly string[], runs: number, cli: string = cliPath()): number[] | { skipped: string } {
  const script = `
    const m = require(${JSON.stringify(cli)});
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = () => true;
    (async () => {
      if (typeof m.main !== 'function') return write('{"skipped":"this build does not export main"}');
      m.tuneForShortRun?.();
      const out = [];
      for (let i = 0; i < ${runs}; i++) {
        const t = performance.now();
        await m.main(${JSON.stringify(args)});
        out.push(performance.now() - t);
      }
      write(JSON.stringify(out));
    })();`;
  const r = spawnSync(process.execPath, ['-e', script], { maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    return JSON.parse(r.stdout.toString('utf8')) as number[] | { skipped: string };
  } catch {
    return { skipped: `exit ${r.status}` };
  }
}
