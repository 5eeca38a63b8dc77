// Analyses a large CLI run batch by batch (see plan.ts), in this process or in worker processes
// running the same bundle. Each batch is a workspace of its own whose roots are exactly the
// batch's folders, so no process ever parses or holds the whole workspace, and the findings of a
// batch equal those the batch's folders get in a run over everything: a batch holds every
// folder its modules call and every caller of its folders. That holds when the text search of
// the plan found every call; each batch therefore reports the folders its module trees reached
// outside it, and batches that reach into each other (or into the same folder outside the run)
// are merged and analysed again before the findings are put together.

import { fork } from 'node:child_process';
import { analyze, sortFindings } from '../engine/analyze';
import type { Config } from '../engine/config';
import { moduleInstances } from '../engine/run';
import type { Boundary } from '../model/boundary';
import { nodeHost } from '../model/node-host';
import type { VarInput } from '../model/tfvars';
import { renewCaches } from '../model/weak-cache';
import { createWorkspace } from '../model/workspace';
import type { Finding } from '../rules/types';
import { forgetScanned, takeListed, takeScanned, type Batch } from './plan';
import { staticWorkspace } from './static-workspace';
import { varInputsOf } from './vars';

export interface BatchJob {
  privatelinkBatch: true;
  id: number;
  dirs: string[];
  config: Config;
  root: string;
  only?: string[];
  /** Where files may be read and printed from (see model/boundary.ts). */
  boundary: Boundary;
  /** The configuration's variable files by folder, checked (see vars.ts). */
  varFiles?: [string, string[]][];
  /** --var-file and --var, in order. */
  vars?: VarInput[];
}

export interface RuleFailure {
  rule: string;
  dir: string;
  message: string;
}

export interface BatchResult {
  id: number;
  findings: Finding[];
  failures: RuleFailure[];
  /** Folders outside the batch that its module trees reached (children called). */
  reached: string[];
}

/**
 * The file system as a run reads it, one per boundary for all the batches a process analyses: a
 * run reads a snapshot, so a folder's real path found for one batch stands for the next. In the
 * process that planned the run, the plan's listings and reads are reused.
 */
let shared: { key: string; host: ReturnType<typeof nodeHost> } | undefined;
function hostFor(boundary: Boundary): ReturnType<typeof nodeHost> {
  const key = JSON.stringify(boundary);
  if (shared?.key !== key)
    shared = { key, host: nodeHost({ boundary, stableFolders: true, prefetched: takeScanned, prelisted: takeListed }) };
  return shared.host;
}

/** The analysis of one batch, in whichever process runs it. */
export function analyzeBatch(job: BatchJob): BatchResult {
  // Nothing of an earlier batch is asked again: its tables go, and the new ones stay young.
  renewCaches();
  const failures: RuleFailure[] = [];
  const dirs = new Set(job.dirs);
  const host = hostFor(job.boundary);
  const varInputs = job.varFiles?.length || job.vars?.length ? varInputsOf(new Map(job.varFiles), job.vars ?? []) : undefined;
  const ws = staticWorkspace(createWorkspace(host, { folders: [], varInputs, frozen: true }), job.dirs);
  const findings = analyze(ws, {
    outside: host.isOutside,
    config: job.config,
    root: job.root,
    dirs,
    only: job.only ? new Set(job.only) : undefined,
    onRuleError: (rule, dir, e) => failures.push({ rule: rule.meta.id, dir, message: String((e as Error)?.message ?? e) }),
  });
  const reached = new Set<string>();
  // Tree by tree, as the engine works out which folders are called.
  for (const r of ws.roots()) for (const m of moduleInstances([r])) if (!dirs.has(m.dir)) reached.add(m.dir);
  return { id: job.id, findings, failures, reached: [...reached] };
}

/** Set in a worker process's environment: the bundle then serves batches instead of running. */
export const WORKER_ENV = 'PRIVATELINK_LINT_WORKER';

/** In a worker process: answers every batch job with its result, until the parent lets go. */
export function serveBatches(): void {
  process.on('message', (job: BatchJob) => {
    const r = analyzeBatch(job);
    // The CPU this process used so far, for the parent's --stats.
    const cpu = process.cpuUsage();
    process.send!({ ...r, cpu: cpu.user + cpu.system });
  });
  process.on('disconnect', () => process.exit(0));
}

export interface BatchWorker {
  run(job: BatchJob): Promise<BatchResult>;
  /** Microseconds of CPU the worker used so far, as last reported. */
  cpu(): number;
  stop(): void;
}

/**
 * Starts a worker process on the bundle, early, so that it loads while the main thread plans.
 * Processes rather than threads: V8's helper threads (garbage collection, compilation) are
 * shared by the threads of a process, and on two cores two analysing threads then cost about
 * half as much CPU again as one; a process with one helper thread costs what one thread does.
 */
export function startWorker(script: string): BatchWorker {
  const w = fork(script, [], {
    execArgv: ['--v8-pool-size=1'],
    env: { ...process.env, [WORKER_ENV]: '1' },
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const channel = () => (w as unknown as { channel?: { ref(): void; unref(): void } }).channel;
  // An idle worker must not keep the run alive.
  const idle = () => {
    w.unref();
    channel()?.unref();
  };
  // Jobs sent and not yet answered, in order: the worker answers them one after the other.
  const pending: { resolve: (r: BatchResult) => void; reject: (e: Error) => void }[] = [];
  let dead: Error | undefined;
  let used = 0;
  const fail = (e: Error) => {
    dead ??= e;
    for (const p of pending.splice(0)) p.reject(dead);
  };
  w.on('message', (r: BatchResult & { cpu: number }) => {
    const p = pending.shift();
    used = r.cpu;
    if (!pending.length) idle();
    p?.resolve(r);
  });
  w.on('error', fail);
  w.on('exit', (code, signal) => fail(new Error(`the worker stopped (${signal ?? `exit code ${code}`})`)));
  idle();
  return {
    run(job) {
      if (dead) return Promise.reject(dead);
      return new Promise((resolve, reject) => {
        pending.push({ resolve, reject });
        w.ref();
        channel()?.ref();
        w.send(job);
      });
    },
    cpu: () => used,
    stop() {
      dead ??= new Error('stopped');
      if (w.connected) w.disconnect();
    },
  };
}

export interface BatchRunOptions {
  config: Config;
  root: string;
  boundary: Boundary;
  varFiles?: [string, string[]][];
  vars?: VarInput[];
  only?: ReadonlySet<string>;
  /** Module folders of the whole run. */
  dirs: ReadonlySet<string>;
  /** Started workers, which analyse batches alongside this process. */
  workers: readonly BatchWorker[];
  warn: (msg: string) => void;
  onRuleFailure: (f: RuleFailure) => void;
}

/**
 * Analyses the batches here and on the workers, each taking the next batch when done; a batch
 * whose worker fails is analysed by another or here. Returns the
 * merged findings and how many batches were analysed again after merging.
 */
export async function runBatches(batches: readonly Batch[], o: BatchRunOptions): Promise<{ findings: Finding[]; merged: number }> {
  const job = (id: number, dirs: string[]): BatchJob => ({
    privatelinkBatch: true,
    id,
    dirs,
    config: o.config,
    root: o.root,
    only: o.only ? [...o.only] : undefined,
    boundary: o.boundary,
    varFiles: o.varFiles,
    vars: o.vars,
  });
  let groups = batches.map((b) => ({ dirs: b.dirs, bytes: b.bytes }));
  const results = new Map<number, BatchResult>();
  let todo = groups.map((_, i) => i);
  let merged = 0;
  for (;;) {
    for (const r of await analyzeAll(
      todo.map((i) => job(i, groups[i].dirs)),
      todo.map((i) => groups[i].bytes),
      o,
    ))
      results.set(r.id, r);
    const next = mergeReaching(groups, results, o.dirs);
    if (!next) break;
    groups = next.groups;
    results.clear();
    for (const [i, r] of next.kept) results.set(i, { ...r, id: i });
    todo = next.redo;
    merged += next.redo.length;
  }
  for (const w of o.workers) w.stop();
  forgetScanned();
  shared = undefined;
  const ordered = groups.map((_, i) => results.get(i)!);
  for (const r of ordered) for (const f of r.failures) o.onRuleFailure(f);
  return { findings: mergeFindings(ordered.map((r) => r.findings)), merged };
}

async function analyzeAll(jobs: BatchJob[], sizes: number[], o: BatchRunOptions): Promise<BatchResult[]> {
  // Largest first, so that the last batches, which some process finishes alone, are small.
  const queue = jobs
    .map((j, i) => ({ j, size: sizes[i] }))
    .sort((a, b) => b.size - a.size)
    .map((x) => x.j);
  const out: BatchResult[] = [];
  const live = new Set(o.workers);
  const lane = async (w: BatchWorker): Promise<void> => {
    for (let j = queue.shift(); j && live.has(w); j = queue.shift()) {
      try {
        out.push(await w.run(j));
      } catch (e) {
        queue.unshift(j);
        if (live.delete(w)) o.warn(`a worker failed (${(e as Error)?.message ?? e}); its batches go to the others`);
        return;
      }
    }
  };
  // This process takes batches too, from the small end, between which it lets the workers'
  // answers in; each worker has a second job waiting meanwhile so that it never idles.
  const here = async (): Promise<void> => {
    for (let j = queue.pop(); j; j = queue.pop()) {
      out.push(analyzeBatch(j));
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all([...[...live].flatMap((w) => [lane(w), lane(w)]), here()]);
  return out;
}

/**
 * Batches whose trees reach another batch's folder, or a folder outside the run that another
 * batch reaches too, are merged; undefined when none do. The merged ones are to be redone.
 */
function mergeReaching(groups: { dirs: string[]; bytes: number }[], results: ReadonlyMap<number, BatchResult>, dirs: ReadonlySet<string>) {
  const batchOf = new Map<string, number>();
  groups.forEach((g, i) => g.dirs.forEach((d) => batchOf.set(d, i)));
  const parent = groups.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const union = (a: number, b: number) => {
    const [x, y] = [find(a), find(b)];
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  };
  let any = false;
  for (const [i, r] of results) {
    for (const d of r.reached) {
      const j = batchOf.get(d);
      if (j === undefined) {
        batchOf.set(d, i);
        continue;
      }
      if (find(j) !== find(i)) {
        any = true;
        union(i, j);
      }
      // A folder outside the run seen before from an unrelated batch joins the two as well.
      if (!dirs.has(d)) batchOf.set(d, find(i));
    }
  }
  if (!any) return undefined;
  const members = new Map<number, number[]>();
  groups.forEach((_, i) => {
    const r = find(i);
    const list = members.get(r);
    if (list) list.push(i);
    else members.set(r, [i]);
  });
  const next: { dirs: string[]; bytes: number }[] = [];
  const kept = new Map<number, BatchResult>();
  const redo: number[] = [];
  for (const list of members.values()) {
    const id = next.length;
    if (list.length === 1) {
      next.push(groups[list[0]]);
      kept.set(id, results.get(list[0])!);
      continue;
    }
    next.push({ dirs: list.flatMap((i) => groups[i].dirs).sort(), bytes: list.reduce((s, i) => s + groups[i].bytes, 0) });
    redo.push(id);
  }
  return { groups: next, kept, redo };
}

/** Findings of several batches as one run: duplicates dropped, sorted like `analyze`. */
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
