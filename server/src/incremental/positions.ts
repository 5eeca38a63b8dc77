// Each edited file remembers, in a short chain, where the edits that made it from its earlier
// parses changed the text. A position noted against an earlier parse can then be carried to
// the current text, or found to be gone.

import type { ReparseInfo } from '../hcl/incremental';
import type { Position } from '../hcl/ast';
import type { SourceFile } from '../model/types';

type Region = NonNullable<ReparseInfo['region']>;

export interface FileVersion {
  readonly prev: FileVersion | undefined;
  /** The edit from `prev` to this version. */
  readonly region: Region | undefined;
}

/** Edits remembered per file; a position older than that is treated as gone. */
const KEEP = 64;

const versions = new WeakMap<SourceFile, FileVersion>();

export function versionOf(f: SourceFile): FileVersion {
  let v = versions.get(f);
  if (!v) {
    v = { prev: undefined, region: undefined };
    versions.set(f, v);
  }
  return v;
}

/** `next` was made from `prev` by an edit in `region` (none: parsed anew, no way back). */
export function recordEdit(prev: SourceFile, next: SourceFile, region: Region | undefined): void {
  if (!region) return;
  const v: FileVersion = { prev: versionOf(prev), region };
  versions.set(next, v);
  // Cut the chain so old versions (and nothing else) can be let go.
  let cur: FileVersion = v;
  for (let i = 0; i < KEEP && cur.prev; i++) cur = cur.prev;
  (cur as { prev: FileVersion | undefined }).prev = undefined;
}

/** The edits from `from` to `to`, oldest first; undefined when `from` is not an ancestor. */
export function editsBetween(from: FileVersion, to: FileVersion): Region[] | undefined {
  const out: Region[] = [];
  for (let cur: FileVersion | undefined = to; cur; cur = cur.prev) {
    if (cur === from) return out.reverse();
    if (!cur.region) return undefined;
    out.push(cur.region);
  }
  return undefined;
}

/** A position carried through edits; undefined when the text around it was parsed again. */
export function carry(p: Position, edits: readonly Region[]): Position | undefined {
  const { character } = p;
  let { line, offset } = p;
  for (const r of edits) {
    if (offset < r.start) continue;
    if (offset < r.end || r.end >= r.oldLength) return undefined;
    offset += r.offset;
    line += r.lines;
  }
  return { line, character, offset };
}
