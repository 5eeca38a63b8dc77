// Spreads a CLI run over worker threads. Parsing and building the module trees is cheap next to
// the rules, so the main thread works out the entry modules once, splits them into balanced
// chunks, and each worker analyses its chunk over a workspace of its own. The main thread takes
// one chunk itself on the workspace it already built, and the workers are started before the
// plan, so that loading the bundle in them overlaps the planning. The merged findings
// equal those of a run in one thread: child modules reached from two chunks are deduplicated the
// way the engine does it within one run, then everything is sorted the engine's way.

import { Worker } from 'node:worker_threads';
import { analyze, sortFindings } from '../engine/analyze';
import type { Config } from '../engine/config';
import { entryModules, moduleInstances } from '../engine/run';
import { nodeHost } from '../model/node-host';
import type { WorkspaceModel } from '../model/types';
import { createWorkspace } from '../model/workspace';
import type { Finding } from '../rules/types';

/** Below this many entry modules, starting workers costs more than it saves. */
export const MIN_ENTRY_MODULES = 8;

export interface Chunk {
  /** Module folders the chunk analyses: its entry modules' trees, within the run's folders. */
  dirs: string[];
  /** Bytes of source in those trees, the measure the chunks are balanced by. */
  size: number;
  entries: number;
}

export interface ChunkJob {
  privatelinkChunk: true;
  dirs: string[];
  config: Config;
  root: string;
  only?: string[];
}

export interface RuleFailure {
  rule: string;
  dir: string;
  message: string;
}

export interface ChunkResult {
  findings: Finding[];
  failures: RuleFailure[];
}

/**
 * Splits the entry modules into at most `jobs` chunks of about equal source size (largest
 * first, each to the lightest chunk). Undefined when one thread should do the work.
 */
export function planChunks(ws: WorkspaceModel, dirs: ReadonlySet<string>, jobs: number): Chunk[] | undefined {
  if (jobs <= 1) return undefined;
  const entries = entryModules(ws, dirs);
  if (entries.length < MIN_ENTRY_MODULES) return undefined;
  const trees = entries.map((r) => {
    const files = new Map<string, number>();
    const tree = new Set<string>();
    for (const m of moduleInstances([r])) {
      if (dirs.has(m.dir)) tree.add(m.dir);
      for (const f of m.files) files.set(f.path, f.text.length);
    }
    let size = 0;
    for (const n of files.values()) size += n;
    return { tree, size };
  });
  trees.sort((a, b) => b.size - a.size);
  const bins = Array.from({ length: Math.min(jobs, entries.length) }, () => ({ dirs: new Set<string>(), size: 0, entries: 0 }));
  for (const t of trees) {
    const bin = bins.reduce((lightest, b) => (b.size < lightest.size ? b : lightest));
    for (const d of t.tree) bin.dirs.add(d);
    bin.size += t.size;
    bin.entries++;
  }
  return bins.filter((b) => b.entries > 0).map((b) => ({ dirs: [...b.dirs].sort(), size: b.size, entries: b.entries }));
}

/** The analysis of one chunk, in whichever thread runs it. */
export function analyzeChunk(job: ChunkJob, ws?: WorkspaceModel): ChunkResult {
  const failures: RuleFailure[] = [];
  const dirs = new Set(job.dirs);
  const findings = analyze(ws ?? createWorkspace(nodeHost(), { folders: job.dirs }), {
    config: job.config,
    root: job.root,
    dirs,
    only: job.only ? new Set(job.only) : undefined,
    onRuleError: (rule, dir, e) => failures.push({ rule: rule.meta.id, dir, message: String((e as Error)?.message ?? e) }),
  });
  return { findings, failures };
}

/** What a worker thread is started with: it then waits for its chunk job. */
export interface WorkerStart {
  privatelinkWorker: true;
}

export function isWorkerStart(data: unknown): data is WorkerStart {
  return typeof data === 'object' && data !== null && (data as WorkerStart).privatelinkWorker === true;
}

/** In a worker thread: analyses the one chunk job it is sent and posts the result back. */
export function serveChunk(port: { once(e: 'message', f: (job: ChunkJob) => void): unknown; postMessage(r: ChunkResult): void }): void {
  port.once('message', (job) => port.postMessage(analyzeChunk(job)));
}

export interface ChunkWorker {
  run(job: ChunkJob): Promise<ChunkResult>;
  stop(): void;
}

/** Starts a worker on the bundle; it loads while the main thread plans, then gets one job. */
export function startWorker(script: string): ChunkWorker {
  const w = new Worker(script, { workerData: { privatelinkWorker: true } satisfies WorkerStart });
  let result: ChunkResult | undefined;
  let failure: Error | undefined;
  const exited = new Promise<void>((done) => w.once('exit', (code) => {
    if (!result && !failure) failure = new Error(`the worker stopped with exit code ${code} before it sent findings`);
    done();
  }));
  w.once('message', (r: ChunkResult) => (result = r));
  w.once('error', (e) => (failure = e));
  // An idle worker must not keep the process alive if the run ends without it.
  w.unref();
  return {
    run(job) {
      w.ref();
      w.postMessage(job);
      return exited.then(() => (result ? result : Promise.reject(failure)));
    },
    stop() {
      void w.terminate();
    },
  };
}

/** Findings of several chunks as one run: duplicates dropped, sorted like `analyze`. */
export function mergeFindings(lists: readonly Finding[][]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const list of lists) {
    for (const f of list) {
      const key = `${f.rule}|${f.uri}|${f.range.start.offset}|${f.range.end.offset}|${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(f);
    }
  }
  return sortFindings(out);
}

export interface ParallelOptions {
  config: Config;
  root: string;
  only?: ReadonlySet<string>;
  /** The main thread's workspace, for a chunk whose worker failed. */
  ws: WorkspaceModel;
  warn: (msg: string) => void;
  onRuleFailure: (f: RuleFailure) => void;
}

/**
 * Analyses the first chunk in this thread and the others in the workers, one each; a chunk
 * whose worker fails is analysed here too. Workers left over are stopped.
 */
export async function runChunks(chunks: readonly Chunk[], workers: readonly ChunkWorker[], o: ParallelOptions): Promise<Finding[]> {
  const jobs: ChunkJob[] = chunks.map((c) => ({
    privatelinkChunk: true,
    dirs: c.dirs,
    config: o.config,
    root: o.root,
    only: o.only ? [...o.only] : undefined,
  }));
  for (const w of workers.slice(Math.max(0, jobs.length - 1))) w.stop();
  const pending = jobs.slice(1).map((j, i) => workers[i].run(j));
  const results = [analyzeChunk(jobs[0], o.ws)];
  const settled = await Promise.allSettled(pending);
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') {
      results.push(s.value);
      return;
    }
    o.warn(`a worker failed (${(s.reason as Error)?.message ?? s.reason}); analysing its ${chunks[i + 1].entries} module(s) in the main thread`);
    results.push(analyzeChunk(jobs[i + 1], o.ws));
  });
  for (const r of results) for (const f of r.failures) o.onRuleFailure(f);
  return mergeFindings(results.map((r) => r.findings));
}
