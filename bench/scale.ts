// The language server under a workspace of 20,000 files (5,000 modules), driven over stdio
// like an editor: first diagnostics for an opened file, hover and completion while the
// background index runs, "Lint workspace" with work-done progress, a second lint cancelled
// half-way, and the server's memory along the way. `node dist/scale.js [modules]`; prints one
// line per figure with its goal. The scale test runs the same on 500 modules.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { TestClient } from '../test/lsp/lsp-client';
import { moduleFiles } from './corpus';

const now = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Memory {
  rss: number;
  heapUsed: number;
}

export interface Sample {
  ms: number;
  /** The index had not finished when the answer arrived (stdio keeps messages in order). */
  beforeIndexDone: boolean;
  answered: boolean;
}

export interface ProgressValue {
  kind: string;
  message?: string;
  percentage?: number;
  title?: string;
  cancellable?: boolean;
}

export interface LintAnswer {
  modules: number;
  files: number;
  cancelled: boolean;
}

export interface ScaleFigures {
  files: number;
  modules: number;
  writeMs: number;
  firstDiagnosticsMs: number;
  hovers: Sample[];
  completions: Sample[];
  indexMs: number;
  indexedModules: number;
  lint: { ms: number; answer: LintAnswer; progress: ProgressValue[] };
  cancelledLint: {
    ms: number;
    afterCancelMs: number;
    answer: LintAnswer | undefined;
    error?: string;
    progress: ProgressValue[];
    cancelledAt: number;
  };
  memory: { start: Memory; indexed: Memory; linted: Memory; peakRss: number };
  /** Hovers sent while the first lint ran, and whether each came back before the lint's answer. */
  hoversDuringLint: { ms: number; beforeLintDone: boolean }[];
  /** First diagnostics of further server starts on the same workspace (see runScale's `restarts`). */
  moreFirstDiagnosticsMs: number[];
}

/** A fresh server on `root`: milliseconds from its start to the diagnostics of `open`. */
async function firstDiagnostics(root: string, open: string, server?: string): Promise<number> {
  const c = new TestClient({ folder: root, server, settings: { debounceMs: 0 }, initializationOptions: { settings: { debounceMs: 0 } } });
  try {
    const t0 = now();
    await c.initialize();
    const uri = await c.open(open);
    await c.waitFor(uri, () => true, 120_000, true);
    return now() - t0;
  } finally {
    await c.stop();
  }
}

/** Writes `modules` four-file modules under `root`; returns the first module's endpoints file. */
export function writeWorkspace(root: string, modules: number): { files: number; open: string } {
  let files = 0;
  for (let i = 0; i < modules; i++) {
    const dir = `stacks/m${String(i).padStart(4, '0')}`;
    fs.mkdirSync(path.join(root, dir), { recursive: true });
    for (const f of moduleFiles(i, dir)) {
      fs.writeFileSync(path.join(root, f.path), f.text);
      files++;
    }
  }
  return { files, open: path.join(root, 'stacks', 'm0000', 'endpoints.tf') };
}

function peakRssBytes(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

type Stats = { memory: NodeJS.MemoryUsage; index: { state: string; done: number; total: number }; modules: number; files: number };

async function stats(client: TestClient): Promise<Stats> {
  return await client.conn.sendRequest<Stats>('privatelink/stats');
}

const mem = (s: Stats): Memory => ({ rss: s.memory.rss, heapUsed: s.memory.heapUsed });

/** The position just after the first match of `re` in the text. */
function position(text: string, re: RegExp): { line: number; character: number } {
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const m = re.exec(lines[line]);
    if (m) return { line, character: m.index + m[0].length };
  }
  throw new Error(`no line matching ${re}`);
}

function progressFor(client: TestClient, token: string): ProgressValue[] {
  return client.progress.filter((p) => p.token === token).map((p) => p.value);
}

export async function runScale(modules: number, log: (s: string) => void = () => {}, server?: string, restarts = 0): Promise<ScaleFigures> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-scale-'));
  let client: TestClient | undefined;
  try {
    const tw = now();
    const ws = writeWorkspace(root, modules);
    const writeMs = now() - tw;
    log(`workspace: ${ws.files} files in ${modules} modules, written in ${Math.round(writeMs)} ms`);

    client = new TestClient({ folder: root, server, settings: { debounceMs: 0 }, initializationOptions: { settings: { debounceMs: 0 } } });
    const c = client;
    const indexDone = () => c.logs.some((l) => /^Indexed \d+ module folder/.test(l));
    const t0 = now();
    await c.initialize();
    const start = mem(await stats(c));
    const uri = await c.open(ws.open);
    await c.waitFor(uri, () => true, 120_000, true);
    const firstDiagnosticsMs = now() - t0;

    // Requests while the index runs: each is timed and marked by whether it came back before
    // the server said the index was done.
    const text = c.text(uri);
    // On the endpoint's resource type, and inside its `vpc_endpoint_type` value (the types).
    const hoverAt = position(text, /^resource "aws_vpc/);
    const completeAt = position(text, /^\s+vpc_endpoint_type\s+= "Inter/);
    const hovers: Sample[] = [];
    const completions: Sample[] = [];
    type Answer = { contents?: unknown; items?: unknown[] } | unknown[] | null;
    // An answer counts when it has content: hover text, or at least one completion item.
    const hasContent = (r: Answer) =>
      Array.isArray(r) ? r.length > 0 : r !== null && (r.contents !== undefined || (r.items?.length ?? 0) > 0);
    const timed = async (method: string, params: unknown, out: Sample[]) => {
      const s = now();
      const r = await c.conn.sendRequest<Answer>(method, params);
      out.push({ ms: now() - s, beforeIndexDone: !indexDone(), answered: hasContent(r) });
    };
    for (let k = 0; k < 10 && !indexDone(); k++) {
      await timed('textDocument/hover', { textDocument: { uri }, position: hoverAt }, hovers);
      await timed('textDocument/completion', { textDocument: { uri }, position: completeAt }, completions);
      await sleep(50);
    }

    let st: Stats;
    for (;;) {
      st = await stats(c);
      if (st.index.state === 'idle') break;
      await sleep(100);
    }
    const indexMs = now() - t0;
    const indexed = mem(st);
    log(`index: ${st.modules} modules, ${st.files} files`);

    // "Lint workspace" as the extension sends it, with hovers among its progress.
    const lintToken = 'scale-lint-1';
    const tl = now();
    let lintDone = false;
    const lintP = c.conn.sendRequest('privatelink/lintWorkspace', { workDoneToken: lintToken }).then((r) => {
      lintDone = true;
      return r as LintAnswer;
    });
    const hoversDuringLint: ScaleFigures['hoversDuringLint'] = [];
    // The first hover goes out with the lint: a lint that reuses what the background
    // publication found can end within the first pause.
    while (!lintDone && hoversDuringLint.length < 10) {
      if (hoversDuringLint.length) await sleep(100);
      if (lintDone) break;
      const s = now();
      await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverAt });
      hoversDuringLint.push({ ms: now() - s, beforeLintDone: !lintDone });
    }
    const answer = await lintP;
    const lintMs = now() - tl;
    const linted = mem(await stats(c));

    // A second lint, cancelled as the editor's Cancel button does ($/cancelRequest) once it has
    // reported some progress. A change of settings first makes every published finding out of
    // date, so that this lint analyses the modules again rather than keep what is current.
    c.settings = { ...c.settings, debounceMs: 1 };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { privatelink: c.settings } });
    const cancelToken = 'scale-lint-2';
    const source = new CancellationTokenSource();
    const tc = now();
    const cancelP = c.conn.sendRequest('privatelink/lintWorkspace', { workDoneToken: cancelToken }, source.token).then(
      (r) => ({ answer: r as LintAnswer, error: undefined }),
      (e: unknown) => ({ answer: undefined, error: e instanceof Error ? e.message : String(e) }),
    );
    let cancelledAt = NaN;
    let tCancel = NaN;
    for (let waited = 0; waited < 120_000; waited += 5) {
      const reports = progressFor(c, cancelToken).filter((p) => p.kind === 'report');
      const pct = reports.at(-1)?.percentage ?? 0;
      if (pct >= 10) {
        cancelledAt = pct;
        tCancel = now();
        source.cancel();
        break;
      }
      await sleep(5);
    }
    const cancelled = await cancelP;
    const cancelMs = now() - tc;
    const afterCancelMs = now() - tCancel;
    const peakRss = peakRssBytes(c.proc.pid!);
    await c.stop();
    client = undefined;
    const moreFirstDiagnosticsMs: number[] = [];
    for (let i = 0; i < restarts; i++) moreFirstDiagnosticsMs.push(await firstDiagnostics(root, ws.open, server));

    return {
      files: ws.files,
      modules,
      writeMs,
      firstDiagnosticsMs,
      hovers,
      completions,
      indexMs,
      indexedModules: st.modules,
      lint: { ms: lintMs, answer, progress: progressFor(c, lintToken) },
      cancelledLint: { ms: cancelMs, afterCancelMs, ...cancelled, progress: progressFor(c, cancelToken), cancelledAt },
      memory: { start, indexed, linted, peakRss },
      hoversDuringLint,
      moreFirstDiagnosticsMs,
    };
  } finally {
    await client?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function row(label: string, value: string, goal: string): void {
  process.stdout.write(`${label.padEnd(64)} ${value.padStart(14)}   ${goal}\n`);
}

const MB = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
/** Memory is bounded when the server never holds the whole workspace: this is the bound. */
const MEMORY_BOUND = 1024 * 1048576;

export async function main(modules: number): Promise<void> {
  const load = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  process.stdout.write(`machine: ${os.cpus().length} cores, load average ${load}\n`);
  // Bundled next to the server in dist/.
  // Four more server starts after the first, for first diagnostics in five runs.
  const f = await runScale(modules, (s) => process.stdout.write(`${s}\n`), path.join(__dirname, 'server.js'), 4);
  const ms = (x: number) => `${Math.round(x)} ms`;
  row('first diagnostics for an opened file after initialize', ms(f.firstDiagnosticsMs), 'goal < 300 ms');
  const starts = [f.firstDiagnosticsMs, ...f.moreFirstDiagnosticsMs];
  row(
    `  the same, ${starts.length} server starts (worst; each)`,
    ms(Math.max(...starts)),
    `goal <= 300 ms in every one: ${starts.map((x) => Math.round(x)).join(', ')} ms`,
  );
  const during = (xs: Sample[]) => `${xs.filter((s) => s.beforeIndexDone).length}/${xs.length}`;
  row(
    `hover while indexing, p50 (${during(f.hovers)} before the index was done)`,
    `${percentile(
      f.hovers.map((s) => s.ms),
      50,
    ).toFixed(1)} ms`,
    'goal < 100 ms',
  );
  row('hover while indexing, max', `${Math.max(...f.hovers.map((s) => s.ms)).toFixed(1)} ms`, '(no wait for the index)');
  row(
    `completion while indexing, p50 (${during(f.completions)} before the index was done)`,
    `${percentile(
      f.completions.map((s) => s.ms),
      50,
    ).toFixed(1)} ms`,
    'goal < 100 ms',
  );
  row('completion while indexing, max', `${Math.max(...f.completions.map((s) => s.ms)).toFixed(1)} ms`, '(no wait for the index)');
  row(`background index of ${f.indexedModules} modules, idle after initialize`, ms(f.indexMs), '');
  const kinds = (p: ProgressValue[]) => ['begin', 'report', 'end'].map((k) => `${p.filter((v) => v.kind === k).length} ${k}`).join(', ');
  row(`lint workspace: ${f.lint.answer.modules} modules, ${f.lint.answer.files} files published`, ms(f.lint.ms), 'goal < 3000 ms');
  row('  progress reports', kinds(f.lint.progress).replace(/, /g, '/'), 'begin, reports with %, end');
  const last = f.lint.progress.filter((p) => p.kind === 'report').at(-1);
  process.stdout.write(`  last report: ${last?.percentage}% "${last?.message}"\n`);
  const hl = f.hoversDuringLint;
  row(
    `hover during the lint, p50 (${hl.filter((h) => h.beforeLintDone).length}/${hl.length} before its answer)`,
    `${percentile(
      hl.map((h) => h.ms),
      50,
    ).toFixed(1)} ms`,
    'goal < 100 ms',
  );
  const cl = f.cancelledLint;
  const cancelValue = cl.answer ? `${cl.answer.modules}/${f.modules} modules` : `error: ${cl.error}`;
  row(`lint cancelled at ${cl.cancelledAt}% (cancelled=${cl.answer?.cancelled ?? 'error'})`, cancelValue, 'ends early');
  row('  from the cancel to its answer', ms(cl.afterCancelMs), 'goal < 1000 ms');
  row('  from its start to its answer', ms(cl.ms), `(full lint ${ms(f.lint.ms)})`);
  const bound = `bound < ${MB(MEMORY_BOUND)}`;
  row('server memory at start (RSS / heap used)', `${MB(f.memory.start.rss)} / ${MB(f.memory.start.heapUsed)}`, '');
  row('server memory after indexing (RSS / heap used)', `${MB(f.memory.indexed.rss)} / ${MB(f.memory.indexed.heapUsed)}`, bound);
  row('server memory after the lint (RSS / heap used)', `${MB(f.memory.linted.rss)} / ${MB(f.memory.linted.heapUsed)}`, bound);
  row('server peak RSS (VmHWM)', MB(f.memory.peakRss), `goal <= 300 MB (${bound})`);
  process.stdout.write(
    `machine load average after: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n`,
  );
}

if (require.main === module) {
  main(Number(process.argv[2] ?? 5000)).catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
