// What an edit changed in a file, as declaration addresses. Top-level items the reparse kept
// are the same objects in both trees, so the items that differ by identity are exactly the
// ones that were removed or parsed anew.

import type { SourceFile } from './types';
import { entriesOf } from './index-blocks';

/** Adds to `out` the addresses declared by items of `before` or `after` that the other lacks. */
export function changedAddresses(before: SourceFile, after: SourceFile, out: Set<string>): void {
  const a = new Set<object>(before.ast.body.items);
  const b = new Set<object>(after.ast.body.items);
  for (const e of entriesOf(before)) if (!b.has(e.block)) out.add(e.address);
  for (const e of entriesOf(after)) if (!a.has(e.block)) out.add(e.address);
}
