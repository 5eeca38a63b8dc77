// Applies text edits to texts, last edit first so earlier offsets stay valid.

import type { TextEdit } from '../rules/types';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset || b.range.end.offset - a.range.end.offset);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    // Overlapping edits would corrupt the text: keep the first (rightmost) one only.
    if (e.range.end.offset > limit) continue;
    out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
    limit = e.range.start.offset;
  }
  return out;
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
