// Derived answers. A query is a function of a model object (a module, a resource instance),
// written as if everything were computed afresh; `query()` remembers its answers:
// - within one run, per key (and per name for two-argument queries): many rules ask the same
//   questions of the same endpoints, VPCs and modules;
// - across runs, for a resource instance's answer, while none of the declarations it read has
//   changed (answers.ts keeps them beside the rules' answers and drops them on the same edits).
// Outside a run nothing is remembered, so a caller holding model objects across edits never
// sees a stale answer. This is the only memo in the engine: rules and the query layer use it
// and nothing else.

import type { ResourceInstance } from '../model/types';
import { keptAcross, type Anchored } from './answers';

export type { Anchored };
import { Reads, recording, replay, tracking } from './reads';
import { inRun, runEpoch, runKeeps } from './run';

interface Memo<V> {
  value: V;
  /** What computing the value read; made when an answer being kept first needs it. */
  reads: Reads | undefined;
  compute: () => V;
}

function remember<V>(compute: () => V): Memo<V> {
  if (!tracking()) return { value: compute(), reads: undefined, compute };
  const reads = new Reads();
  return { value: recording(reads, compute), reads, compute };
}

function recall<V>(m: Memo<V>): V {
  if (!tracking()) return m.value;
  if (!m.reads) {
    // Computed before anything was recorded: once more, for its reads (the model has not
    // changed within the run, so they are the first computation's reads).
    const reads = new Reads();
    recording(reads, m.compute);
    m.reads = reads;
    return m.value;
  }
  replay(m.reads);
  return m.value;
}

/** `compute`, remembered per key object for the current run. */
function perRun<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  let map = new WeakMap<K, Memo<V>>();
  let at = -1;
  return (key: K): V => {
    if (!inRun()) return compute(key);
    if (at !== runEpoch()) {
      map = new WeakMap();
      at = runEpoch();
    }
    let m = map.get(key);
    if (!m) {
      m = remember(() => compute(key));
      map.set(key, m);
      return m.value;
    }
    return recall(m);
  };
}

/** Like perRun, for a key object and a string. */
function perRun2<K extends object, V>(compute: (key: K, name: string) => V): (key: K, name: string) => V {
  const maps = perRun<K, Map<string, Memo<V>>>(() => new Map());
  return (key: K, name: string): V => {
    if (!inRun()) return compute(key, name);
    const byName = maps(key);
    let m = byName.get(name);
    if (!m) {
      m = remember(() => compute(key, name));
      byName.set(name, m);
      return m.value;
    }
    return recall(m);
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
  const one = perRun((key: object) => compute(key));
  const two = fn.length > 1 ? perRun2((key: object, name: string) => compute(key, name)) : undefined;
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
