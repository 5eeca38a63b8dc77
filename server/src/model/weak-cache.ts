// Weak maps from syntax and model objects to what was worked out from them, that a run over
// many batches starts afresh for each batch.
//
// V8's young-generation collector does not clear the entries of a weak map that has itself
// grown old: it keeps their keys and values alive, and they are copied and promoted to the old
// generation, to be freed only by a full collection. A weak map that lives as long as the
// process, keyed by the syntax trees and values of one batch, so kept every batch's trees until
// the next full collection: half of what a young collection found was still alive and had to
// be copied (measured: a weak map per batch instead made such a loop six times faster). A CLI
// run analyses batches that share no syntax or model objects (each has its own workspace), so
// it renews every table before each batch (`renewCaches`), which keeps them young. The editor
// keeps its workspace across edits, and its tables with it.

const all: WeakCache<object, unknown>[] = [];

export class WeakCache<K extends object, V> {
  private map = new WeakMap<K, V>();

  constructor() {
    all.push(this);
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): this {
    this.map.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  /** Forgets every entry (a new, young table). */
  renew(): void {
    this.map = new WeakMap();
  }
}

/**
 * Starts every table afresh. Only for a run whose next work shares no objects with what was
 * analysed before (a CLI batch with its own workspace): an answer asked again is worked out again.
 */
export function renewCaches(): void {
  for (const c of all) c.renew();
}
