// Memos that live for one run of the rules. Within a run the model does not change, and many
// rules ask the same questions of the same endpoints, VPCs and modules (the parsed service
// name, the private DNS setting, the policy document, the module tree): each answer is
// computed once per run and object. Outside a run nothing is remembered, so a caller holding
// model objects across edits never sees a stale answer.

let epoch = 0;
let depth = 0;

/** Runs `f` as one run: memos made inside it are dropped when the next run starts. */
export function withRunCaches<T>(f: () => T): T {
  if (depth === 0) epoch++;
  depth++;
  try {
    return f();
  } finally {
    depth--;
  }
}

/** `compute`, remembered per key object for the current run. */
export function perRun<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  let map = new WeakMap<K, V>();
  let at = -1;
  return (key: K): V => {
    if (depth === 0) return compute(key);
    if (at !== epoch) {
      map = new WeakMap();
      at = epoch;
    }
    if (map.has(key)) return map.get(key) as V;
    const v = compute(key);
    map.set(key, v);
    return v;
  };
}

/** Like perRun, for a key object and a string. */
export function perRun2<K extends object, V>(compute: (key: K, name: string) => V): (key: K, name: string) => V {
  const maps = perRun<K, Map<string, V>>(() => new Map());
  return (key: K, name: string): V => {
    if (depth === 0) return compute(key, name);
    const m = maps(key);
    if (m.has(name)) return m.get(name) as V;
    const v = compute(key, name);
    m.set(name, v);
    return v;
  };
}
