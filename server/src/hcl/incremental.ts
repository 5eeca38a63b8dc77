// Reparse after an edit: only the top-level items around the changed text are parsed again.
// Items before the change are kept as they are; items after it keep their node objects and
// have their positions shifted in place, so caches keyed by nodes (attribute indexes,
// evaluated values) stay valid for everything the edit did not touch. Whenever the shortcut
// could differ from a full parse (syntax errors, a change outside items, a slice that does not
// end a line) the whole text is parsed instead.

import type { Attribute, Block, Comment, File, Position } from './ast';
import { parse } from './parser';
import { computeLineStarts, lineOfOffset } from './positions';

/** What `reparse` did, for tests and the benchmark. */
export interface ReparseInfo {
  /** False when the whole text was parsed. */
  incremental: boolean;
  /** Items of the old tree that were replaced (none when the text did not change). */
  removed: (Attribute | Block)[];
  /** Items of the new tree that were parsed anew. */
  added: (Attribute | Block)[];
}

export function reparse(old: File, oldText: string, newText: string, info?: ReparseInfo): File {
  const full = (): File => {
    const f = parse(newText, old.uri);
    if (info) {
      info.incremental = false;
      info.removed = old.body.items;
      info.added = f.body.items;
    }
    return f;
  };
  if (oldText === newText) {
    if (info) Object.assign(info, { incremental: true, removed: [], added: [] });
    return old;
  }
  const items = old.body.items;
  const n = items.length;
  if (old.diagnostics.length || n === 0) return full();
  const oldLen = oldText.length;
  const newLen = newText.length;
  const min = Math.min(oldLen, newLen);
  let p = 0;
  while (p < min && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
  let s = 0;
  while (s < min - p && oldText.charCodeAt(oldLen - 1 - s) === newText.charCodeAt(newLen - 1 - s)) s++;
  const oldEnd = oldLen - s;

  // k: first item ending at or after the change; j: last item starting at or before its end.
  let k = 0;
  while (k < n && items[k].range.end.offset < p) k++;
  if (k === n) k = n - 1;
  let j = n - 1;
  while (j > 0 && items[j].range.start.offset > oldEnd) j--;
  // One more item each side: the neighbours' terminating newlines may be what changed.
  const lo = Math.max(0, Math.min(k, j) - 1);
  const hi = Math.min(n - 1, Math.max(k, j) + 1);
  const a = lo === 0 ? 0 : items[lo].range.start.offset;
  const b = hi === n - 1 ? oldLen : items[hi + 1].range.start.offset;
  if (a > p || b < oldEnd) return full();
  const starts = old.lineStarts;
  const lineA = lineOfOffset(starts, a);
  if (starts[lineA] !== a) return full();
  const delta = newLen - oldLen;
  const slice = newText.slice(a, b + delta);
  if (b < oldLen) {
    // The next item must still start a line, and the old one must have started one.
    const last = slice.charCodeAt(slice.length - 1);
    if (last !== 10 && last !== 13) return full();
    if (starts[lineOfOffset(starts, b)] !== b) return full();
  }
  const part = parse(slice, old.uri);
  if (part.diagnostics.length) return full();

  const seen = new Set<Position>();
  for (const it of part.body.items) shiftTree(it, a, lineA, seen);
  for (const c of part.comments) shiftTree(c, a, lineA, seen);
  const oldLinesB = b < oldLen ? lineOfOffset(starts, b) : starts.length - 1;
  const lineStarts = computeLineStarts(newText);
  const newLinesB = b < oldLen ? lineOfOffset(lineStarts, b + delta) : lineStarts.length - 1;
  const dLines = newLinesB - oldLinesB;
  const after = items.slice(hi + 1);
  if (delta !== 0 || dLines !== 0) {
    seen.clear();
    for (const it of after) shiftTree(it, delta, dLines, seen);
  }
  const comments: Comment[] = [];
  for (const c of old.comments) if (c.range.end.offset <= a) comments.push(c);
  comments.push(...part.comments);
  for (const c of old.comments) {
    if (c.range.start.offset >= b) {
      if (delta !== 0 || dLines !== 0) shiftTree(c, delta, dLines, seen);
      comments.push(c);
    }
  }
  const range = part.range;
  range.start = { line: 0, character: 0, offset: 0 };
  const lastLine = lineStarts.length - 1;
  range.end = { line: lastLine, character: newLen - lineStarts[lastLine], offset: newLen };
  const newItems = [...items.slice(0, lo), ...part.body.items, ...after];
  if (info) {
    info.incremental = true;
    info.removed = items.slice(lo, hi + 1);
    info.added = part.body.items;
  }
  return {
    type: 'File',
    uri: old.uri,
    body: { type: 'Body', items: newItems, range },
    comments,
    diagnostics: [],
    lineStarts,
    range,
  };
}

function isPosition(o: object): o is Position {
  return typeof (o as Position).offset === 'number' && typeof (o as Position).line === 'number' && typeof (o as Position).character === 'number';
}

/** Adds to every position under a node (each position object once, as ranges may share them). */
function shiftTree(root: object, dOffset: number, dLine: number, seen: Set<Position>): void {
  const stack: object[] = [root];
  while (stack.length) {
    const o = stack.pop()!;
    if (isPosition(o)) {
      if (seen.has(o)) continue;
      seen.add(o);
      o.offset += dOffset;
      o.line += dLine;
      continue;
    }
    if (Array.isArray(o)) {
      for (const x of o) if (x && typeof x === 'object') stack.push(x);
      continue;
    }
    for (const key in o) {
      const v = (o as Record<string, unknown>)[key];
      if (v && typeof v === 'object') stack.push(v);
    }
  }
}
