// Derived answers. A query is a function of a model object (a module, a resource instance),
// written as if everything were computed afresh; `query()` remembers its answers:
// - within one run, per key (and per name for two-argument queries): many rules ask the same
//   questions of the same endpoints, VPCs and modules;
// - across runs, for a resource instance's answer, while none of the declarations it read has
//   changed (answers.ts keeps them beside the rules' answers and drops them on the same edits).
// Outside a run nothing is remembered, so a caller holding model objects across edits never
// sees a stale answer. This is the only memo in the engine: rules and the query layer use it
// and nothing else.

import type { AnswerSlots, ResourceInstance } from '../model/types';
import { keptAcross, type Anchored } from './answers';

export type { Anchored };
import { Reads, recording, replay, tracking } from './reads';
import { inRun, runEpoch, runKeeps } from './run';

interface Memo<V> {
  value: V;
  /** What computing the value read; made when an answer being kept first needs it. */
  reads: Reads | undefined;
}

// Most runs record nothing (the CLI's, and any run that keeps no answers): a memo is then its
// value alone, with no closure to compute it again; the key and name it was computed for are
// given back when its reads are first needed.

function remember<K, V>(compute: (key: K, name?: string) => V, key: K, name: string | undefined): Memo<V> {
  if (!tracking()) return { value: compute(key, name), reads: undefined };
  const reads = new Reads();
  return { value: recording(reads, () => compute(key, name)), reads };
}

function recall<K, V>(m: Memo<V>, compute: (key: K, name?: string) => V, key: K, name: string | undefined): V {
  if (!tracking()) return m.value;
  if (!m.reads) {
    // Computed before anything was recorded: once more, for its reads (the model has not
    // changed within the run, so they are the first computation's reads).
    const reads = new Reads();
    recording(reads, () => compute(key, name));
    m.reads = reads;
    return m.value;
  }
  replay(m.reads);
  return m.value;
}

/** The memos of one run by key object, made afresh when another run starts. */
class PerRun<K extends object, M> {
  private map = new WeakMap<K, M>();
  private at = -1;

  table(): WeakMap<K, M> {
    if (this.at !== runEpoch()) {
      this.map = new WeakMap();
      this.at = runEpoch();
    }
    return this.map;
  }
}

// A key object asked of most often (a module, a resource instance) holds the memos of a run
// that records nothing in its own slots (model AnswerSlots), one per query: found without a
// map's lookup. The slots of an earlier run are dropped on first use in a new one.

/** Stands for an answer that is undefined, in a slot (an empty slot is undefined). */
const NOTHING = Symbol('nothing');
let queries = 0;

/** `compute`, remembered per key object for the current run. */
function perRun<K extends object, V>(compute: (key: K, name?: string) => V): (key: K) => V {
  const memos = new PerRun<K, Memo<V>>();
  const values = new PerRun<K, V>();
  const slot = queries++;
  return (key: K): V => {
    if (!inRun()) return compute(key);
    // A run that keeps nothing records nothing either: the value alone is remembered.
    if (!runKeeps()) {
      const at = (key as Partial<AnswerSlots>).memoRun;
      if (at !== undefined) {
        const holder = key as unknown as AnswerSlots;
        const epoch = runEpoch();
        let slots = holder.memos;
        if (at !== epoch || slots === undefined) {
          holder.memoRun = epoch;
          holder.memos = slots = [];
        }
        const had = slots[slot];
        if (had !== undefined) return (had === NOTHING ? undefined : had) as V;
        const v = compute(key);
        slots[slot] = v === undefined ? NOTHING : v;
        return v;
      }
      const plain = values.table();
      let v = plain.get(key);
      if (v === undefined && !plain.has(key)) plain.set(key, (v = compute(key)));
      return v as V;
    }
    const map = memos.table();
    const m = map.get(key);
    if (m) return recall(m, compute, key, undefined);
    const made = remember(compute, key, undefined);
    map.set(key, made);
    return made.value;
  };
}

/** Like perRun, for a key object and a string. */
function perRun2<K extends object, V>(compute: (key: K, name: string) => V): (key: K, name: string) => V {
  // A key's table of names reads nothing of the model: it needs no memo of its own.
  const memos = new PerRun<K, Map<string, Memo<V>>>();
  const values = new PerRun<K, Map<string, V>>();
  return (key: K, name: string): V => {
    if (!inRun()) return compute(key, name);
    if (!runKeeps()) {
      const plain = values.table();
      let byName = plain.get(key);
      if (!byName) plain.set(key, (byName = new Map<string, V>()));
      let v = byName.get(name);
      if (v === undefined && !byName.has(name)) byName.set(name, (v = compute(key, name)));
      return v as V;
    }
    const map = memos.table();
    let byName = map.get(key);
    if (!byName) map.set(key, (byName = new Map<string, Memo<V>>()));
    const m = byName.get(name);
    if (m) return recall(m, compute as (key: K, name?: string) => V, key, name);
    const made = remember(compute as (key: K, name?: string) => V, key, name);
    byName.set(name, made);
    return made.value;
  };
}

function isResourceInstance(k: object): k is ResourceInstance {
  return 'entry' in k && 'module' in k;
}

/**
 * `compute` as a query: its answers remembered per key for the run, and a resource instance's
 * answers kept across runs while nothing they read changed. An answer kept across runs is
 * returned as it is, not copied: it may hold model objects and syntax, not places of its own
 * making (a rule's reports are kept by the engine, which carries their places past edits).
 */
export function query<K extends object, V>(compute: (key: K) => V, options?: QueryOptions<V>): (key: K) => V;
export function query<K extends object, V>(compute: (key: K, name: string) => V): (key: K, name: string) => V;
export function query(fn: (key: never, name: never) => unknown, options?: QueryOptions<unknown>): (key: object, name?: string) => unknown {
  const compute = fn as (key: object, name?: string) => unknown;
  const one = perRun(compute);
  const two = fn.length > 1 ? perRun2(compute) : undefined;
  const anchored = options?.anchored;
  // A query's keys are all of one kind: whether they are resource instances is asked once.
  let perResource: boolean | undefined;
  return (key: object, name?: string): unknown => {
    if (name !== undefined && two) return two(key, name);
    if (runKeeps() && (perResource ??= isResourceInstance(key)))
      return keptAcross(compute as (k: ResourceInstance) => unknown, key as ResourceInstance, one, anchored);
    return one(key);
  };
}

export interface QueryOptions<V> {
  /**
   * For an answer that holds places of its own making (a document read out of a string):
   * how it follows its text when edits above move it. Without it, such an answer must not be
   * kept across edits.
   */
  anchored?: (value: V) => Anchored | undefined;
}

/**
 * `compute`, remembered per pair of key objects for the current run when the run records no
 * reads (the CLI's, a one-off analysis). Many instances of one block share a part of their
 * answer (a policy written without `each`): it is worked out once. A run that records reads
 * computes each time, so that every answer records all it read.
 */
export function sharedInRun<A extends object, B extends object, V>(compute: (a: A, b: B) => V): (a: A, b: B) => V {
  const memos = new PerRun<A, WeakMap<B, { value: V }>>();
  return (a: A, b: B): V => {
    if (!inRun() || tracking()) return compute(a, b);
    const map = memos.table();
    let byB = map.get(a);
    if (!byB) map.set(a, (byB = new WeakMap()));
    const hit = byB.get(b);
    if (hit) return hit.value;
    const value = compute(a, b);
    byB.set(b, { value });
    return value;
  };
}
