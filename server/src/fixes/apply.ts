// Applies text edits to texts, last edit first so earlier offsets stay valid.

import type { TextEdit } from './types';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // Insertions at one point end up in the order given, as an LSP client applies them: the
  // later one goes in first.
  const order = edits.map((e, i) => ({ e, i }));
  order.sort((a, b) => b.e.range.start.offset - a.e.range.start.offset || b.e.range.end.offset - a.e.range.end.offset || b.i - a.i);
  // Pieces from the end backwards, joined once: splicing the text edit by edit would copy it
  // once per edit (thousands of fixes in a large file).
  const pieces: string[] = [];
  let limit = Infinity;
  let tail = text.length;
  for (const { e } of order) {
    // Overlapping edits would corrupt the text: keep the first (rightmost) one only.
    if (e.range.end.offset > limit) continue;
    pieces.push(text.slice(e.range.end.offset, tail), e.newText);
    tail = e.range.start.offset;
    limit = e.range.start.offset;
  }
  pieces.push(text.slice(0, tail));
  return pieces.reverse().join('');
}

/** Groups edits by file and applies them to the given texts; returns the changed texts. */
export function applyEditsToFiles(texts: ReadonlyMap<string, string>, edits: readonly TextEdit[]): Map<string, string> {
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const list = byFile.get(e.uri) ?? [];
    list.push(e);
    byFile.set(e.uri, list);
  }
  const out = new Map<string, string>();
  for (const [uri, list] of byFile) out.set(uri, applyEdits(texts.get(uri) ?? '', list));
  return out;
}
