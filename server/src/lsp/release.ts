// Gives memory back after a large batch of work. Indexing a workspace reads every module into
// a model that is then let go; V8 collects that garbage only when it needs room, so the server
// would sit on hundreds of megabytes it no longer uses. One full collection once the index is
// built (while the user is not typing) returns them.

import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let collect: ((options?: { type: 'minor' | 'major' }) => void) | null | undefined;

/** The heap in use after the last full collection asked for. */
let usedAfterLast = 0;

/** A full garbage collection, when the runtime allows asking for one; false otherwise. */
export function releaseMemory(): boolean {
  if (!collector()) return false;
  collect!();
  usedAfterLast = v8.getHeapStatistics().used_heap_size;
  return true;
}

/**
 * A full collection during a long pass (the index, a lint), only once the heap has grown by
 * `growth` bytes since the last one: a full collection costs in proportion to what lives (the
 * workspace's findings), so one every few folders cost more than the pass itself, while V8's
 * own collections already keep most of the garbage in check.
 */
export function releaseIfGrown(growth: number = RELEASE_GROWTH): boolean {
  if (v8.getHeapStatistics().used_heap_size < usedAfterLast + growth) return false;
  return releaseMemory();
}

/** How much a pass's heap may grow between two of its full collections. */
export const RELEASE_GROWTH = 64 * 1024 * 1024;

/** A collection of the young generation only (short-lived objects); false when not available. */
export function collectYoung(): boolean {
  if (!collector()) return false;
  collect!({ type: 'minor' });
  return true;
}

function collector(): boolean {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  return !!collect;
}
