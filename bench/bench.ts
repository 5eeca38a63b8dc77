// `npm run bench`: the engine's speed and memory, measured in one run and printed side by
// side with the goals.
//   - parse throughput: ours against @cdktf/hcl2json, web-tree-sitter and HashiCorp's own
//     hclsyntax compiled natively by Go, on the same files;
//   - the whole CLI end to end on those files, beside the native parser alone;
//   - parse + index + evaluate + rules over corpora of 1,000 / 10,000 / 100,000+ lines;
//   - re-evaluation after a one-line edit in a 5,000-line file;
//   - peak memory, and growth per line.

import { analyze } from '../server/src/engine/analyze';
import { reparse } from '../server/src/hcl/incremental';
import { parse } from '../server/src/hcl/parser';
import { memoryHost } from '../server/src/model/testing';
import { createWorkspace } from '../server/src/model/workspace';
import type { ModuleInstance, NestedBlock } from '../server/src/model/types';
import { bigFile, corpus, countLines, type GeneratedFile } from './corpus';
import { parseBench } from './parse-bench';
import { nativeParse, removeNativeParser, writeCorpus } from './native';
import { runCli, warmRuns, type CliVariant, type WarmRun } from './cli-bench';
import * as fs from 'node:fs';
import * as path from 'node:path';

const now = () => performance.now();
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);

function row(label: string, value: string, goal = '') {
  process.stdout.write(`${label.padEnd(58)} ${value.padStart(14)}${goal ? `   goal ${goal}` : ''}\n`);
}

/** Forces evaluation of every attribute of every instance (what rules would read, and more). */
function evaluateAll(m: ModuleInstance): number {
  let n = 0;
  const visit = (b: NestedBlock) => {
    for (const it of b.block.body.items) {
      if (it.type === 'Attribute') {
        b.attr(it.name.name);
        n++;
      } else {
        for (const nb of b.blocks(it.blockType.name)) visit(nb);
      }
    }
  };
  for (const r of m.resources()) visit(r);
  for (const d of m.dataSources()) visit(d);
  return n;
}

function toAbs(files: readonly GeneratedFile[], root: string): Record<string, string> {
  return Object.fromEntries(files.map((f) => [`${root}/${f.path}`, f.text]));
}

/** The client bundle's size, whether it is minified, and which of the server's sources it holds. */
/**
 * The VS Code client's bundle, from its source map. Of server/src it may hold protocol.ts (the
 * shared names and types); any other file of server/src in it is engine code, which the goal
 * is to have none of.
 */
function clientBundle(): { bytes: number; minified: boolean; protocol: boolean; engine: string[] } | undefined {
  const file = path.join(__dirname, 'extension.js');
  if (!fs.existsSync(file) || !fs.existsSync(`${file}.map`)) return undefined;
  const text = fs.readFileSync(file, 'utf8');
  const map = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
  const server = map.sources.filter((s) => s.includes('server/src/')).map((s) => s.slice(s.indexOf('server/src/') + 'server/src/'.length));
  return {
    bytes: Buffer.byteLength(text),
    minified: text.split('\n').length < 100,
    protocol: server.includes('protocol.ts'),
    engine: server.filter((s) => s !== 'protocol.ts'),
  };
}

async function main() {
  const sizes = [1_000, 10_000, 100_000, 200_000];
  process.stdout.write(`Node ${process.version}, ${new Date().toISOString()}\n\n`);

  // Parse throughput, the four parsers on the same files (written to disk for the CLI and Go).
  const parseSet = corpus(200_000);
  const bytes = parseSet.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
  const dir = writeCorpus(parseSet, 'privatelink-bench-');
  const modules = new Set(parseSet.map((f) => f.path.split('/')[0])).size;
  process.stdout.write(
    `== Parse throughput (${parseSet.length} files, ${modules} modules, ${countLines(parseSet)} lines, ${mb(bytes)} MiB = ${(bytes / 1e6).toFixed(2)} MB)\n`,
  );
  const p = await parseBench(parseSet.map((f) => ({ path: f.path, text: f.text })));
  for (const r of p) row(`  ${r.name} (MiB/s wall)`, `${r.mbPerSec.toFixed(2)} MB/s`, r.name.startsWith('ours') ? '>= 30 MB/s' : '');
  const ours = p.find((r) => r.name.startsWith('ours'));
  const ref = p.find((r) => r.name.includes('hcl2json'));
  if (ours && ref) row('  ours / @cdktf/hcl2json', `${(ours.mbPerSec / ref.mbPerSec).toFixed(0)}x`, '>= 75x');
  const native = nativeParse(dir);
  if ('skipped' in native) process.stdout.write(`  native hclsyntax.ParseConfig: skipped (${native.skipped})\n`);
  else row('  native Go hclsyntax.ParseConfig, best of 5 (10^6 B/s)', `${native.mbPerSec.toFixed(2)} MB/s`);

  // The whole CLI, a process per run, against the native parser parsing the same files only.
  // BENCH_CLI_BASELINE=<another build's dist/cli.js> adds its figures, its runs taken in turns
  // with ours.
  const runs = Number(process.env.BENCH_CLI_RUNS ?? 5);
  process.stdout.write(
    `\n== Whole CLI end to end (node dist/cli.js on the same ${parseSet.length} files; 10^6 B/s; median of ${runs} runs)\n`,
  );
  const rate = (ms: number) => `${(bytes / 1e6 / (ms / 1000)).toFixed(2)} MB/s`;
  const baseline = process.env.BENCH_CLI_BASELINE;
  const variants: { label: string; v: CliVariant; goal?: string }[] = [
    { label: 'text report', v: { args: [dir] }, goal: '>= 7 MB/s' },
    { label: 'JSON report', v: { args: ['--format', 'json', dir] } },
    { label: 'text, --max-semi-space-size=64', v: { args: [dir], node: ['--max-semi-space-size=64'] } },
    { label: 'text, --jobs 2', v: { args: ['--jobs', '2', dir] } },
  ];
  if (baseline) {
    variants.push(
      { label: 'baseline: text report', v: { args: [dir], cli: baseline } },
      { label: 'baseline: JSON report', v: { args: ['--format', 'json', dir], cli: baseline } },
    );
  }
  const cliFigures = runCli(
    variants.map((x) => x.v),
    runs,
  );
  variants.forEach(({ label, goal }, i) => {
    const c = cliFigures[i];
    const status = c.runs.every((r) => r.status === c.runs[0].status) ? `exit ${c.runs[0].status}` : 'exit codes differ';
    process.stdout.write(
      `  ${`${label}:`.padEnd(33)} ${rate(c.medianMs).padStart(11)} wall (${c.medianMs.toFixed(0)} ms, best ${c.bestMs.toFixed(0)} ms = ${rate(c.bestMs)}), CPU ${c.medianCpuMs.toFixed(0)} ms, ${status}${goal ? `   goal ${goal}` : ''}\n`,
    );
  });
  // What every run pays before its rules, against what a 7 MB/s run may spend on all of it: the
  // process start alone, and a run of one cheap rule (start, walk, read, parse, the model).
  const floor = runCli([{ args: ['--version'] }, { args: ['--rule', 'PL105', dir] }], runs);
  process.stdout.write(
    `  ${'budget at 7 MB/s:'.padEnd(33)} ${((bytes / 1e6 / 7) * 1000).toFixed(0).padStart(8)} ms for everything\n` +
      `  ${'process start and load only:'.padEnd(33)} ${floor[0].medianMs.toFixed(0).padStart(8)} ms (--version)\n` +
      `  ${'one rule only (--rule PL105):'.padEnd(33)} ${rate(floor[1].medianMs).padStart(11)} wall (${floor[1].medianMs.toFixed(0)} ms: start, walk, read, parse, model)\n`,
  );
  // The same run again in one process: what is left once V8's code is warm, and where the
  // time of the first run and of a warm one goes.
  const warm = warmRuns([dir], 4);
  if ('skipped' in warm) process.stdout.write(`  ${'text, warm (runs in one process):'.padEnd(33)} skipped (${warm.skipped})\n`);
  else {
    const later = warm.slice(1);
    const best = later.reduce((a, b) => (b.ms < a.ms ? b : a));
    const parts = (r: WarmRun) =>
      `${r.ms.toFixed(0)} ms = file system ${r.fsMs.toFixed(0)} + collector pauses ${r.gcMs.toFixed(0)} + JavaScript ${(r.ms - r.fsMs - r.gcMs).toFixed(0)}`;
    process.stdout.write(
      `  ${'text, warm (runs in one process):'.padEnd(33)} ${rate(best.ms).padStart(11)} (${later.map((r) => r.ms.toFixed(0)).join(', ')} ms after a first of ${warm[0].ms.toFixed(0)} ms; no process start)\n` +
        `  ${'  first run in the process:'.padEnd(33)} ${parts(warm[0])}\n` +
        `  ${'  fastest warm run:'.padEnd(33)} ${parts(best)}\n`,
    );
  }
  if (ours) {
    process.stdout.write(
      `  ${'ours, parse only:'.padEnd(33)} ${`${((ours.mbPerSec * 1048576) / 1e6).toFixed(2)} MB/s`.padStart(11)} (files in memory)\n`,
    );
  }
  if (!('skipped' in native)) {
    process.stdout.write(
      `  ${'native hclsyntax, parse only:'.padEnd(33)} ${rate(native.seconds * 1000).padStart(11)} (${(native.seconds * 1000).toFixed(0)} ms, best of 5, files in memory)\n`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
  removeNativeParser();
  // What an editor window loads before the server starts.
  const client = clientBundle();
  if (client) {
    process.stdout.write(
      `\n== Client bundle\n  dist/extension.js: ${(client.bytes / 1024).toFixed(0)} KiB, ${client.minified ? 'minified' : 'NOT minified'}; engine sources in it: ${client.engine.join(', ') || 'none'} (goal: none)${client.protocol ? '; protocol: protocol.ts (shared constants)' : ''}\n`,
    );
  }

  // `node dist/bench.js --cli`: the parsers and the whole CLI only.
  if (process.argv.includes('--cli')) {
    clearInterval(sampler);
    return;
  }

  // Whole pipeline at growing sizes.
  process.stdout.write('\n== Parse + index + evaluate + every rule, whole corpus\n');
  const perLine: number[] = [];
  // One unmeasured pass first, so the JIT's warm-up is not counted against the small sizes.
  analyze(createWorkspace(memoryHost(toAbs(corpus(10_000), '/warm')), { folders: ['/warm'] }), {});
  for (const size of sizes) {
    const files = corpus(size);
    const lines = countLines(files);
    gc();
    const before = process.memoryUsage().heapUsed;
    const t0 = now();
    const ws = createWorkspace(memoryHost(toAbs(files, '/bench')), { folders: ['/bench'] });
    const dirs = new Set(files.map((f) => `/bench/${f.path.split('/')[0]}`));
    let attrs = 0;
    for (const d of dirs) {
      const m = ws.module(d);
      if (m) attrs += evaluateAll(m);
    }
    const t1 = now();
    const findings = analyze(ws, {});
    const t2 = now();
    const heap = process.memoryUsage().heapUsed - before;
    perLine.push((t2 - t0) / lines);
    row(`  ${lines} lines: parse+index+evaluate (${attrs} attributes)`, `${(t1 - t0).toFixed(0)} ms`);
    row(`  ${lines} lines: + every rule (${findings.length} findings)`, `${(t2 - t0).toFixed(0)} ms`);
    row(`  ${lines} lines: heap held by the model`, `${mb(heap)} MB`);
    row(`  ${lines} lines: time per 1,000 lines`, `${(((t2 - t0) / lines) * 1000).toFixed(1)} ms`);
    void ws;
  }
  const growth = perLine[perLine.length - 1] / perLine[1];
  row('  time per line, largest vs 10,000-line corpus', `${growth.toFixed(2)}x`, '~1x (linear)');

  // One-line edit in a 5,000-line file: each step below is timed alone, in CPU time (the
  // machine may be busy with other work) and in wall time.
  process.stdout.write('\n== One-line edit in a 5,000-line file\n');
  const text = bigFile(5_000);
  const file = '/edit/main.tf';
  const ws = createWorkspace(memoryHost({ [file]: text }));
  const m0 = ws.module('/edit');
  if (m0) evaluateAll(m0);
  const cpuMs = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  type Sample = { cpu: number[]; wall: number[] };
  const sample = (): Sample => ({ cpu: [], wall: [] });
  const timed = (into: Sample, f: () => void) => {
    const c0 = cpuMs();
    const t0 = now();
    f();
    into.wall.push(now() - t0);
    into.cpu.push(cpuMs() - c0);
  };
  const fullParse = sample();
  const incParse = sample();
  const rebuild = sample();
  const edit = sample();
  const sameLength = sample();
  const needle = 'from_port   = 443';
  // Alternating lengths, so the items after the edit move by a character as well.
  const edits = Array.from({ length: 60 }, (_, i) => text.replace(needle, `from_port   = ${i % 2 ? 4000 + i : 400 + i}`));
  // Each kind of work in its own loop, so one does not pay for the garbage of another.
  for (const edited of edits) timed(fullParse, () => parse(edited, file));
  let prevText = text;
  let prevTree = parse(text, file);
  for (const edited of edits) {
    timed(incParse, () => {
      prevTree = reparse(prevTree, prevText, edited);
    });
    prevText = edited;
  }
  // What every edit cost before the model was incremental: parse, index and evaluate anew.
  for (const edited of edits.slice(0, 15)) {
    timed(rebuild, () => {
      const m = createWorkspace(memoryHost({ [file]: edited })).module('/edit');
      if (m) evaluateAll(m);
    });
  }
  gc();
  for (const edited of edits) {
    timed(edit, () => {
      ws.setFile(file, edited);
      const m = ws.module('/edit');
      if (m) evaluateAll(m);
    });
  }
  // An edit that keeps the line's length leaves every later position where it was.
  for (let i = 0; i < 60; i++) {
    const edited = text.replace(needle, `from_port   = ${500 + i}`);
    timed(sameLength, () => {
      ws.setFile(file, edited);
      const m = ws.module('/edit');
      if (m) evaluateAll(m);
    });
  }
  const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
  const figures = (xs: Sample) =>
    `${pct(xs.cpu, 0.5).toFixed(2)} / ${pct(xs.cpu, 0.95).toFixed(2)} ms CPU, ${pct(xs.wall, 0.5).toFixed(2)} / ${pct(xs.wall, 0.95).toFixed(2)} ms wall`;
  row(`  file: ${text.split('\n').length} lines, ${mb(Buffer.byteLength(text))} MB; figures: median / p95`, '');
  row('  full parse', figures(fullParse));
  row('  incremental reparse', figures(incParse));
  row('  parse + index + evaluate anew (the cost without reuse)', figures(rebuild));
  row('  setFile + re-evaluate every attribute', figures(edit), '< 5 ms');
  row('  the same, for an edit that keeps the line length', figures(sameLength), '< 5 ms');

  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  process.stdout.write('\n');
  row('Peak memory (RSS) of the whole run', `${mb(peakRss)} MB`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${(e as Error | undefined)?.stack ?? String(e)}\n`);
  process.exit(1);
});
