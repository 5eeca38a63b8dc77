// `npm run bench`: the engine's speed and memory, measured in one run and printed side by
// side with the goals.
//   - parse throughput: ours against @cdktf/hcl2json and web-tree-sitter on the same files;
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

async function main() {
  const sizes = [1_000, 10_000, 100_000, 200_000];
  process.stdout.write(`Node ${process.version}, ${new Date().toISOString()}\n\n`);

  // Parse throughput, the three parsers on the same files.
  const parseSet = corpus(50_000);
  const bytes = parseSet.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
  process.stdout.write(`== Parse throughput (${parseSet.length} files, ${countLines(parseSet)} lines, ${mb(bytes)} MB)\n`);
  const p = await parseBench(parseSet.map((f) => ({ path: f.path, text: f.text })));
  for (const r of p) row(`  ${r.name}`, `${r.mbPerSec.toFixed(2)} MB/s`, r.name.startsWith('ours') ? '>= 30 MB/s' : '');
  const ours = p.find((r) => r.name.startsWith('ours'));
  const ref = p.find((r) => r.name.includes('hcl2json'));
  if (ours && ref) row('  ours / @cdktf/hcl2json', `${(ours.mbPerSec / ref.mbPerSec).toFixed(0)}x`, '>= 75x');

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
