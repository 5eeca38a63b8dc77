// Gives memory back after a large batch of work. Indexing a workspace reads every module into
// a model that is then let go; V8 collects that garbage only when it needs room, so the server
// would sit on hundreds of megabytes it no longer uses. One full collection once the index is
// built (while the user is not typing) returns them.

import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let collect: ((options?: { type: 'minor' | 'major' }) => void) | null | undefined;

/** A full garbage collection, when the runtime allows asking for one; false otherwise. */
export function releaseMemory(): boolean {
  if (!collector()) return false;
  collect!();
  return true;
}

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
