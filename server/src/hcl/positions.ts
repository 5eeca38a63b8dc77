// Offset <-> position conversion over a file's line starts. `character` counts UTF-16 code
// units, which is what JavaScript string indexes already are, so no re-encoding is needed.
import type { Position, Range } from './ast';

/**
 * Start offset of every line. A line ends at `\n`, at `\r\n` (one break) or at a lone `\r`,
 * the same three breaks an LSP client counts.
 */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    // No carriage returns (the usual case): the native search is far faster than a loop.
    let i = text.indexOf('\n');
    while (i >= 0) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    return starts;
  }
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Index of the line holding `offset` (binary search; offsets past the end map to the last line). */
export function lineOfOffset(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function offsetToPosition(lineStarts: readonly number[], offset: number): Position {
  const line = lineOfOffset(lineStarts, offset);
  return { line, character: offset - lineStarts[line], offset };
}

/**
 * Offset of a line/character pair. A character past the end of its line is clamped to the
 * line's end (before its line break) when `textLength`/`text` allow finding it; lines past the
 * end clamp to the end of the text.
 */
export function positionToOffset(lineStarts: readonly number[], line: number, character: number, text?: string): number {
  if (line < 0) return 0;
  const end = text === undefined ? Number.MAX_SAFE_INTEGER : text.length;
  if (line >= lineStarts.length) return end;
  const start = lineStarts[line];
  let lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1] : end;
  if (text !== undefined && line + 1 < lineStarts.length) {
    // Exclude the line break itself.
    if (lineEnd > start && text.charCodeAt(lineEnd - 1) === 10) lineEnd--;
    if (lineEnd > start && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
  }
  return Math.min(start + Math.max(0, character), lineEnd);
}

/**
 * Position maker for a sequential scan: the parser asks for positions in almost increasing
 * order, so the line found last time is tried first and the binary search is the exception.
 */
export class LineIndex {
  private hint = 0;
  /** The line starts, when they are still being discovered (see `growing`). */
  private open: number[] | undefined;
  constructor(readonly lineStarts: readonly number[]) {}

  /**
   * An index whose line starts are reported with `addLine` by a scan as it passes each line
   * break, instead of being searched for beforehand: the scan visits every character anyway.
   * Positions may then be asked only for offsets the scan has passed. Only for text without
   * carriage returns, whose line breaks are all `\n`.
   */
  static growing(): LineIndex {
    const starts = [0];
    const index = new LineIndex(starts);
    index.open = starts;
    return index;
  }

  /** A line starts at `start` (after a line break); repeats and complete indexes are ignored. */
  addLine(start: number): void {
    const s = this.open;
    if (s !== undefined && start > s[s.length - 1]) s.push(start);
  }

  line(offset: number): number {
    const ls = this.lineStarts;
    let h = this.hint;
    const last = ls.length - 1;
    if (ls[h] <= offset) {
      if (h === last || offset < ls[h + 1]) return h;
      h++;
      if (h === last || offset < ls[h + 1]) {
        this.hint = h;
        return h;
      }
    }
    // The last line known: where a scan that reports its lines is now.
    if (ls[last] <= offset) {
      this.hint = last;
      return last;
    }
    h = lineOfOffset(ls, offset);
    this.hint = h;
    return h;
  }

  pos(offset: number): Position {
    const line = this.line(offset);
    return { line, character: offset - this.lineStarts[line], offset };
  }

  range(start: number, end: number): Range {
    const ls = this.lineStarts;
    const line = this.line(start);
    const s: Position = { line, character: start - ls[line], offset: start };
    // Most ranges end on the line they start on.
    if (line + 1 >= ls.length || end < ls[line + 1]) return { start: s, end: { line, character: end - ls[line], offset: end } };
    return { start: s, end: this.pos(end) };
  }
}

export function rangeContains(range: Range, offset: number): boolean {
  return range.start.offset <= offset && offset <= range.end.offset;
}
