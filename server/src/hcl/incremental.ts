// Reparse after an edit: only the top-level items around the changed text are parsed again.
// Items before the change are kept as they are; items after it keep their node objects and
// have their positions shifted in place, so caches keyed by nodes (attribute indexes,
// evaluated values) stay valid for everything the edit did not touch. Whenever the shortcut
// could differ from a full parse (syntax errors, a change outside items, a slice that does not
// end a line) the whole text is parsed instead, and so is a file in JSON syntax, always.

import type { Attribute, Block, Comment, File, Node, Position, Range } from './ast';
import { isJsonSyntaxPath, parseConfigFile } from './json-syntax';
import { parse } from './parser';
import { computeLineStarts, lineOfOffset } from './positions';
import { forEachChild } from './walk';

/** What `reparse` did, for tests and the benchmark. */
export interface ReparseInfo {
  /** False when the whole text was parsed. */
  incremental: boolean;
  /** Items of the old tree that were replaced (none when the text did not change). */
  removed: (Attribute | Block)[];
  /** Items of the new tree that were parsed anew. */
  added: (Attribute | Block)[];
  /**
   * Where the old text was parsed again, when only part of it was: offsets in [start, end)
   * of the old text are gone; from `end` on, every position moved by `offset` and `lines`
   * (the region ends at a line start, so characters are unchanged). `end` is the old text's
   * length when the region runs to the end.
   */
  region?: { start: number; end: number; offset: number; lines: number; oldLength: number };
}

export function reparse(old: File, oldText: string, newText: string, info?: ReparseInfo): File {
  const full = (): File => {
    const f = parseConfigFile(newText, old.uri);
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
  // A JSON file is one value: its items are not separate stretches of lines.
  if (old.diagnostics.length || n === 0 || isJsonSyntaxPath(old.uri)) return full();
  const oldLen = oldText.length;
  const newLen = newText.length;
  const min = Math.min(oldLen, newLen);
  const p = commonPrefix(oldText, newText, min);
  const s = commonSuffix(oldText, newText, min - p);
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
  // A copy, not a view: names and strings in the new nodes are cut from it, and cut from the
  // whole text they would keep every version of the file alive as long as the nodes live.
  const slice = detached(newText.slice(a, b + delta));
  if (b < oldLen) {
    // The next item must still start a line, and the old one must have started one.
    const last = slice.charCodeAt(slice.length - 1);
    if (last !== 10 && last !== 13) return full();
    if (starts[lineOfOffset(starts, b)] !== b) return full();
  }
  const part = parse(slice, old.uri);
  if (part.diagnostics.length) return full();

  shiftAll(part.body.items, part.comments, a, lineA);
  const oldLinesB = b < oldLen ? lineOfOffset(starts, b) : starts.length - 1;
  const lineStarts = computeLineStarts(newText);
  const newLinesB = b < oldLen ? lineOfOffset(lineStarts, b + delta) : lineStarts.length - 1;
  const dLines = newLinesB - oldLinesB;
  const after = items.slice(hi + 1);
  const comments: Comment[] = [];
  const laterComments: Comment[] = [];
  for (const c of old.comments) if (c.range.end.offset <= a) comments.push(c);
  comments.push(...part.comments);
  for (const c of old.comments) if (c.range.start.offset >= b) laterComments.push(c);
  if (delta !== 0 || dLines !== 0) shiftAll(after, laterComments, delta, dLines);
  comments.push(...laterComments);
  const range = part.range;
  range.start = { line: 0, character: 0, offset: 0 };
  const lastLine = lineStarts.length - 1;
  range.end = { line: lastLine, character: newLen - lineStarts[lastLine], offset: newLen };
  const olds = items.slice(lo, hi + 1);
  const mid = graftUnchanged(olds, part.body.items, oldText, newText);
  const newItems = [...items.slice(0, lo), ...mid, ...after];
  if (info) {
    info.incremental = true;
    const kept = new Set<object>(mid);
    info.removed = olds.filter((it) => !kept.has(it));
    info.added = mid.filter((it) => !olds.includes(it));
    // The lines the edit touched: everything outside them is the same text, moved. (Items
    // parsed again around them are the same too, or were replaced.)
    const firstLine = lineOfOffset(starts, p);
    const lastEdited = lineOfOffset(starts, Math.max(p, oldEnd));
    const end = lastEdited + 1 < starts.length ? starts[lastEdited + 1] : oldLen;
    info.region = { start: starts[firstLine], end, offset: delta, lines: lineStarts.length - starts.length, oldLength: oldLen };
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

/**
 * The new items, with each one whose text did not change replaced by the old item, moved to
 * its new place: what was parsed again only because it lies next to the edit keeps its
 * objects. Items are matched from both ends; when one item is left on each side and both are
 * blocks, the same is done to their bodies.
 */
function graftUnchanged<T extends Attribute | Block>(olds: readonly T[], news: readonly T[], oldText: string, newText: string): T[] {
  const out = news.slice();
  const same = (o: T, n: T) => {
    const len = o.range.end.offset - o.range.start.offset;
    return (
      o.type === n.type &&
      len === n.range.end.offset - n.range.start.offset &&
      oldText.slice(o.range.start.offset, o.range.end.offset) === newText.slice(n.range.start.offset, n.range.end.offset)
    );
  };
  const nOld = olds.length;
  const nNew = news.length;
  let i = 0;
  while (i < nOld && i < nNew && same(olds[i], news[i])) i++;
  let j = 0;
  while (j < nOld - i && j < nNew - i && same(olds[nOld - 1 - j], news[nNew - 1 - j])) j++;
  if (nOld - i - j === 1 && nNew - i - j === 1) {
    const o = olds[i];
    const n = news[i];
    if (o.type === 'Block' && n.type === 'Block') {
      n.body.items = graftUnchanged(o.body.items, n.body.items, oldText, newText);
      // Its positions were listed before some of its items were replaced.
      positionLists.delete(n);
    }
  }
  for (let k = 0; k < i; k++) out[k] = moveTo(olds[k], news[k]);
  for (let k = 0; k < j; k++) out[nNew - 1 - k] = moveTo(olds[nOld - 1 - k], news[nNew - 1 - k]);
  return out;
}

/** Moves an item to where an item of the same text starts (its positions, in place). */
function moveTo<T extends Attribute | Block>(item: T, to: T): T {
  const from = item.range.start;
  const dOffset = to.range.start.offset - from.offset;
  const dLine = to.range.start.line - from.line;
  const dChar = to.range.start.character - from.character;
  if (dOffset === 0 && dLine === 0 && dChar === 0) return item;
  const firstLine = from.line;
  let ps = positionLists.get(item);
  if (ps === undefined) {
    ps = positionsOf(item);
    positionLists.set(item, ps);
  }
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    // Only the first line's characters move: the rest of the item's lines are the same text.
    if (p.line === firstLine) p.character += dChar;
    p.line += dLine;
    p.offset += dOffset;
  }
  return item;
}

/** The same characters in a string of their own (a slice of a large string refers to it). */
function detached(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

// Whole chunks are compared natively first (a file is mostly unchanged), then characters.
const CHUNKS = [4096, 256, 16];

function commonPrefix(a: string, b: string, max: number): number {
  let p = 0;
  for (const size of CHUNKS) {
    while (p + size <= max && a.slice(p, p + size) === b.slice(p, p + size)) p += size;
  }
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

function commonSuffix(a: string, b: string, max: number): number {
  let s = 0;
  const la = a.length;
  const lb = b.length;
  for (const size of CHUNKS) {
    while (s + size <= max && a.slice(la - s - size, la - s) === b.slice(lb - s - size, lb - s)) s += size;
  }
  while (s < max && a.charCodeAt(la - 1 - s) === b.charCodeAt(lb - 1 - s)) s++;
  return s;
}

/**
 * Moves every position of the given items and comments. An item's distinct position objects
 * are listed once and the list kept with the item: the user types in one place, so the same
 * items after it move on every keystroke, and moving them is then one loop over the list.
 */
function shiftAll(items: readonly (Attribute | Block)[], comments: readonly Comment[], dOffset: number, dLine: number): void {
  for (const item of items) {
    let ps = positionLists.get(item);
    if (ps === undefined) {
      ps = positionsOf(item);
      positionLists.set(item, ps);
    }
    // Typing within a line moves offsets only.
    if (dLine === 0) for (let i = 0; i < ps.length; i++) ps[i].offset += dOffset;
    else {
      for (let i = 0; i < ps.length; i++) {
        const p = ps[i];
        p.offset += dOffset;
        p.line += dLine;
      }
    }
  }
  for (const c of comments) {
    const r = c.range;
    r.start.offset += dOffset;
    r.start.line += dLine;
    if (r.end !== r.start) {
      r.end.offset += dOffset;
      r.end.line += dLine;
    }
  }
}

const positionLists = new WeakMap<Attribute | Block, Position[]>();

/**
 * The distinct position objects of a node's subtree. Ranges of a node and of its first or
 * last child may share position objects, so a listed position is marked by a negative offset
 * until the walk ends, then the marks are cleared: no set of visited objects is needed. An
 * explicit stack, not recursion: a long operator chain is a very deep tree.
 */
function positionsOf(root: Node): Position[] {
  const found: Position[] = [];
  const mark = (p: Position) => {
    if (p.offset >= 0) {
      p.offset = -p.offset - 1;
      found.push(p);
    }
  };
  const range = (r: Range | undefined) => {
    if (r) {
      mark(r.start);
      mark(r.end);
    }
  };
  const stack: Node[] = [root];
  const push = (n: Node) => stack.push(n);
  while (stack.length > 0) {
    const n = stack.pop()!;
    range(n.range);
    // The ranges a node has besides its own (see ast.ts).
    if (n.type === 'Attribute') range(n.equals);
    else if (n.type === 'Block') {
      range(n.openBrace);
      range(n.closeBrace);
    } else if (n.type === 'Heredoc') range(n.contentRange);
    forEachChild(n, push);
  }
  for (const p of found) p.offset = -p.offset - 1;
  return found;
}
