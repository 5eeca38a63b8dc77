// What an edit changed in a file, as declaration addresses. Items the reparse kept (or
// found unchanged next to the edit) are the same objects in both trees, so the items that
// differ by identity are exactly the ones that were removed or parsed anew. For a resource
// or data block present before and after, the change is also named by part: the arguments
// and nested block types whose items differ, so that what read only the other parts can be
// kept.

import type { Attribute, Block } from '../hcl/ast';
import type { BlockEntry, SourceFile } from './types';
import { entriesOf } from './index-blocks';

/** Per changed address: the parts of it that changed, or undefined for all of it. */
export type Changes = Map<string, Set<string> | undefined>;

/** Arguments that decide which instances there are: a change to them is a change to all. */
const EXPANSION = new Set(['count', 'for_each']);

/** The node a declaration is: its block, or for a local its attribute. */
const nodeOf = (e: BlockEntry): object => e.attribute ?? e.block;

/** Adds to `out` the addresses declared by items of `before` or `after` that the other lacks. */
export function changedAddresses(before: SourceFile, after: SourceFile, out: Changes): void {
  const beforeEntries = entriesOf(before);
  const afterEntries = entriesOf(after);
  const a = new Set<object>(beforeEntries.map(nodeOf));
  const b = new Set<object>(afterEntries.map(nodeOf));
  const gone = new Map<string, BlockEntry[]>();
  for (const e of beforeEntries) if (!b.has(nodeOf(e))) push(gone, e.address, e);
  const added = new Map<string, BlockEntry[]>();
  for (const e of afterEntries) if (!a.has(nodeOf(e))) push(added, e.address, e);
  for (const address of new Set([...gone.keys(), ...added.keys()])) {
    const old = gone.get(address);
    const now = added.get(address);
    merge(out, address, old?.length === 1 && now?.length === 1 ? partsChanged(old[0], now[0]) : undefined);
  }
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function merge(out: Changes, address: string, parts: Set<string> | undefined): void {
  if (!out.has(address)) {
    out.set(address, parts);
    return;
  }
  const had = out.get(address);
  if (!had || !parts) out.set(address, undefined);
  else for (const p of parts) had.add(p);
}

/**
 * The parts of a resource or data block whose items are not the same objects before and
 * after (by name: an argument, or the type of nested and `dynamic` blocks); undefined when
 * the block changed otherwise (kind, file, an argument that expands it).
 */
function partsChanged(x: BlockEntry, y: BlockEntry): Set<string> | undefined {
  if ((x.kind !== 'resource' && x.kind !== 'data') || x.kind !== y.kind || x.uri !== y.uri) return undefined;
  // A block left open takes what follows into its body: nothing to compare part by part.
  if (!x.block.closeBrace || !y.block.closeBrace) return undefined;
  const px = parts(x.block);
  const py = parts(y.block);
  if (!px || !py) return undefined;
  const changed = new Set<string>();
  for (const [name, items] of px) {
    const other = py.get(name);
    if (!other || other.length !== items.length || items.some((it, i) => it !== other[i])) changed.add(name);
  }
  for (const name of py.keys()) if (!px.has(name)) changed.add(name);
  for (const name of changed) if (EXPANSION.has(name)) return undefined;
  return changed;
}

/** A block's body items by part name. */
function parts(block: Block): Map<string, (Attribute | Block)[]> | undefined {
  const out = new Map<string, (Attribute | Block)[]>();
  for (const it of block.body.items) {
    let name: string;
    if (it.type === 'Attribute') name = it.name.name;
    else if (it.blockType.name === 'dynamic') {
      const label = it.labels[0]?.value;
      if (typeof label !== 'string') return undefined;
      name = label;
    } else name = it.blockType.name;
    push(out, name, it);
  }
  return out;
}
