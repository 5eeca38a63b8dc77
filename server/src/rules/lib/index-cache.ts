// Memos that live for one run of the rules. Within a run the model does not change, and many
// rules ask the same questions of the same endpoints, VPCs and modules (the parsed service
// name, the private DNS setting, the policy document, the module tree): each answer is
// computed once per run and object. Outside a run nothing is remembered, so a caller holding
// model objects across edits never sees a stale answer.
//
// A run that keeps answers across edits (the editor's) also records what each answer read,
// so that an answer kept from an earlier run can say what it depends on (see kept.ts).

import { Reads, recording, replay, tracking } from '../../model/track';

let epoch = 0;
let depth = 0;
let keeping = false;

/** Runs `f` as one run: memos made inside it are dropped when the next run starts. */
export function withRunCaches<T>(f: () => T, keep = false): T {
  if (depth === 0) {
    epoch++;
    keeping = keep;
  }
  depth++;
  try {
    return f();
  } finally {
    depth--;
  }
}

/** Does the current run keep rule answers across edits (and so record reads)? */
export function runKeeps(): boolean {
  return depth > 0 && keeping;
}

/** The number of the current run. */
export function runEpoch(): number {
  return epoch;
}

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
export function perRun<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  let map = new WeakMap<K, Memo<V>>();
  let at = -1;
  return (key: K): V => {
    if (depth === 0) return compute(key);
    if (at !== epoch) {
      map = new WeakMap();
      at = epoch;
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
export function perRun2<K extends object, V>(compute: (key: K, name: string) => V): (key: K, name: string) => V {
  const maps = perRun<K, Map<string, Memo<V>>>(() => new Map());
  return (key: K, name: string): V => {
    if (depth === 0) return compute(key, name);
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
