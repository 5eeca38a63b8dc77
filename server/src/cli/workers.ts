// Spreads a CLI run over worker threads. Parsing and building the module trees is cheap next to
// the rules, so the main thread works out the entry modules once, splits them into balanced
// chunks, and each worker analyses its chunk over a workspace of its own. The merged findings
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

export function isChunkJob(data: unknown): data is ChunkJob {
  return typeof data === 'object' && data !== null && (data as ChunkJob).privatelinkChunk === true;
}

/** Runs a chunk job handed to this worker thread and posts the result back. */
export function serveChunk(job: ChunkJob, post: (r: ChunkResult) => void): void {
  post(analyzeChunk(job));
}

function runInWorker(script: string, job: ChunkJob): Promise<ChunkResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(script, { workerData: job });
    let result: ChunkResult | undefined;
    w.once('message', (r: ChunkResult) => (result = r));
    w.once('error', reject);
    w.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`the worker stopped with exit code ${code} before it sent findings`));
    });
  });
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
  /** The script a worker starts: the CLI bundle itself. */
  script: string;
  config: Config;
  root: string;
  only?: ReadonlySet<string>;
  /** The main thread's workspace, for a chunk whose worker failed. */
  ws: WorkspaceModel;
  warn: (msg: string) => void;
  onRuleFailure: (f: RuleFailure) => void;
}

/** Analyses the chunks in parallel workers; a chunk whose worker fails is analysed here. */
export async function runChunks(chunks: readonly Chunk[], o: ParallelOptions): Promise<Finding[]> {
  const jobs: ChunkJob[] = chunks.map((c) => ({
    privatelinkChunk: true,
    dirs: c.dirs,
    config: o.config,
    root: o.root,
    only: o.only ? [...o.only] : undefined,
  }));
  const settled = await Promise.allSettled(jobs.map((j) => runInWorker(o.script, j)));
  const results = settled.map((s, i) => {
    if (s.status === 'fulfilled') return s.value;
    o.warn(`a worker failed (${(s.reason as Error)?.message ?? s.reason}); analysing its ${chunks[i].entries} module(s) in the main thread`);
    return analyzeChunk(jobs[i], o.ws);
  });
  for (const r of results) for (const f of r.failures) o.onRuleFailure(f);
  return mergeFindings(results.map((r) => r.findings));
}
