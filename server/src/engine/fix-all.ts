// Picks the preferred fix of each finding such that no two chosen fixes overlap, as
// `--fix` and the editor's "fix all" apply them in one pass.

import type { Finding, Fix, TextEdit } from '../rules/types';

export function preferredFix(f: Finding): Fix | undefined {
  return f.fixes?.find((x) => x.isPreferred);
}

/** The fix to show where only one fits (SARIF, tests): the preferred one, else the first. */
export function mainFix(f: Finding): Fix | undefined {
  return preferredFix(f) ?? f.fixes?.[0];
}

/**
 * The edits taken so far, per file, as ranges sorted by start. Taken ranges never overlap, so
 * their ends are sorted too and one binary search answers whether a new edit touches any (a
 * scan of every taken edit made a pass over thousands of fixes quadratic).
 */
class Taken {
  private byFile = new Map<string, { start: number; end: number }[]>();

  /** True when `e` overlaps a taken edit; two insertions at one point count as overlapping. */
  overlaps(e: TextEdit): boolean {
    const list = this.byFile.get(e.uri);
    if (!list) return false;
    const i = this.firstEndingAtOrAfter(list, e.range.start.offset);
    return i < list.length && list[i].start <= e.range.end.offset;
  }

  add(e: TextEdit): void {
    let list = this.byFile.get(e.uri);
    if (!list) this.byFile.set(e.uri, (list = []));
    const i = this.firstEndingAtOrAfter(list, e.range.start.offset);
    list.splice(i, 0, { start: e.range.start.offset, end: e.range.end.offset });
  }

  private firstEndingAtOrAfter(list: readonly { end: number }[], offset: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].end < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Non-overlapping preferred fixes, in finding order. The rest wait for the next pass. */
export function compatibleFixes(findings: readonly Finding[]): { fix: Fix; finding: Finding }[] {
  const chosen: { fix: Fix; finding: Finding }[] = [];
  const taken = new Taken();
  for (const f of findings) {
    const fix = preferredFix(f);
    if (!fix || fix.edits.length === 0) continue;
    if (fix.edits.some((e) => taken.overlaps(e))) continue;
    chosen.push({ fix, finding: f });
    for (const e of fix.edits) taken.add(e);
  }
  return chosen;
}
