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

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.uri !== b.uri) return false;
  // Two insertions at the same point would interleave: treat as overlapping too.
  return a.range.start.offset <= b.range.end.offset && b.range.start.offset <= a.range.end.offset;
}

/** Non-overlapping preferred fixes, in finding order. The rest wait for the next pass. */
export function compatibleFixes(findings: readonly Finding[]): { fix: Fix; finding: Finding }[] {
  const chosen: { fix: Fix; finding: Finding }[] = [];
  const taken: TextEdit[] = [];
  for (const f of findings) {
    const fix = preferredFix(f);
    if (!fix || fix.edits.length === 0) continue;
    if (fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    chosen.push({ fix, finding: f });
    taken.push(...fix.edits);
  }
  return chosen;
}
