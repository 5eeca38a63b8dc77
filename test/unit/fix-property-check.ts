// The fix property, shared by the fixture, fuzzer-seed and mutation tests: one fix applied
// alone keeps every file it edits valid for HashiCorp's parser (when it was valid before),
// leaves all text outside its stated ranges as it was, and removes its finding.

import * as path from 'node:path';
import { DEEP, hclAccepts } from '../../bench/fuzz';
import { analyze } from '../../server/src/engine/analyze';
import { applyEdits } from '../../server/src/fixes/apply';
import { memoryHost } from '../../server/src/model/testing';
import { createWorkspace } from '../../server/src/model/workspace';
import type { Finding, Fix, TextEdit } from '../../server/src/rules/types';

export type Files = Record<string, string>;

/** New findings a fix brings by design, as `FIXED>NEW` with the reason. */
export const CONSEQUENCES: Record<string, string> = {
  'PL501>PL301': "the new S3 Gateway endpoint has no endpoint policy (choosing one is the user's call)",
  'PL501>PL701': 'the new S3 Gateway endpoint has no tags',
  'PL201>PL701': 'the new security group has no tags',
  'PL501>PL403': 'in a module without route tables the new endpoint gets `route_table_ids = []` for the user to fill in',
  'PL402>PL102': 'an endpoint turned Interface is now checked as one: private DNS',
  'PL402>PL201': 'an endpoint turned Interface is now checked as one: security groups',
  'PL502>PL101': 'the added services are new instances of the for_each endpoint and share its settings',
  'PL502>PL202': 'the added services are new instances of the for_each endpoint and share its security group',
};

/** Analyses the files as one workspace whose folder is their common directory. */
export function run(files: Files): Finding[] {
  const root = path.dirname(Object.keys(files).sort()[0]);
  const common = Object.keys(files).reduce((d, p) => {
    while (!p.startsWith(d + path.sep)) d = path.dirname(d);
    return d;
  }, root);
  return analyze(createWorkspace(memoryHost(files), { folders: [common] }));
}

/** A finding's place that survives lines moving: rule, file and the text of its first line. */
export function keyOf(f: Finding, files: Files): string {
  const text = files[f.uri] ?? '';
  const lineStart = text.lastIndexOf('\n', f.range.start.offset - 1) + 1;
  const lineEnd = text.indexOf('\n', f.range.start.offset);
  return `${f.rule}|${f.uri}|${text
    .slice(lineStart, lineEnd < 0 ? undefined : lineEnd)
    .replace(/\s+/g, ' ')
    .trim()}`;
}

export function counts(findings: readonly Finding[], files: Files): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(keyOf(f, files), (m.get(keyOf(f, files)) ?? 0) + 1);
  return m;
}

/**
 * Where an editor puts a line/character position: counted on the text, not taken from the
 * offset, with the LSP's line ends (`\n`, `\r\n` and a lone `\r`).
 */
function offsetOfPosition(text: string, line: number, character: number): number {
  const ends = /\r\n|\n|\r/g;
  let at = 0;
  for (let l = 0; l < line; l++) {
    if (!ends.exec(text)) return -1;
    at = ends.lastIndex;
  }
  return at + character;
}

function byFile(fix: Fix): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const e of fix.edits) out.set(e.uri, [...(out.get(e.uri) ?? []), e]);
  return out;
}

/** Whether the edits are applicable as stated: in bounds, not overlapping, offsets agreeing with positions. */
export function checkEdits(fix: Fix, files: Files): string | undefined {
  for (const [uri, edits] of byFile(fix)) {
    const text = files[uri];
    if (text === undefined) return `edits ${uri}, which the workspace does not have`;
    const sorted = [...edits].sort((a, b) => a.range.start.offset - b.range.start.offset);
    for (let i = 0; i < sorted.length; i++) {
      const e = sorted[i];
      if (e.range.start.offset < 0 || e.range.end.offset > text.length || e.range.start.offset > e.range.end.offset)
        return `edit out of bounds in ${uri}`;
      if (i > 0 && e.range.start.offset < sorted[i - 1].range.end.offset) return `overlapping edits in ${uri}`;
      // Offsets and line/character must agree, or an editor applies the edit elsewhere.
      for (const p of [e.range.start, e.range.end]) {
        if (offsetOfPosition(text, p.line, p.character) !== p.offset)
          return `edit position ${p.line}:${p.character} disagrees with its offset ${p.offset} in ${uri}`;
      }
    }
  }
  return undefined;
}

/**
 * Every character outside the edits' ranges is in `after`, in order, with only the new texts
 * between, placed as an editor places them (insertions at one point in the order given).
 */
export function outsideUnchanged(before: string, after: string, edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
  let b = 0;
  let a = 0;
  for (const e of sorted) {
    const keep = before.slice(b, e.range.start.offset);
    if (after.slice(a, a + keep.length) !== keep) return false;
    a += keep.length;
    if (after.slice(a, a + e.newText.length) !== e.newText) return false;
    a += e.newText.length;
    b = e.range.end.offset;
  }
  return after.slice(a) === before.slice(b);
}

/** Memoised hcl2json verdicts: a text HashiCorp's parser can be given and that it accepts. */
export class HclCache {
  private seen = new Map<string, boolean>();
  async accepts(file: string, text: string): Promise<boolean> {
    const key = `${file.endsWith('.tfvars') ? 'v' : 't'}${text}`;
    let v = this.seen.get(key);
    if (v === undefined) {
      // HashiCorp's parser in WebAssembly ends the process on deep nesting: not given such texts.
      v = !DEEP.test(text) && (await hclAccepts(file, text));
      this.seen.set(key, v);
    }
    return v;
  }
}

export interface CheckOptions {
  /** Also fail on a new finding that is not a documented consequence. */
  newFindings: boolean;
  /** Whether the finding must be gone: always, or only when every file was valid to start with. */
  removal: 'always' | 'when-valid';
  hcl: HclCache;
}

export interface Tally {
  /** Fixes applied and checked for (2). */
  fixes: number;
  /** Of those, edits of a file hcl2json accepted before, checked for (1). */
  hcl: number;
  /** Of those, checked for (3). */
  removal: number;
}

export const emptyTally = (): Tally => ({ fixes: 0, hcl: 0, removal: 0 });

/** Applies every fix of every finding alone; returns what went wrong, counting into `tally`. */
export async function checkEveryFix(files: Files, o: CheckOptions, tally: Tally): Promise<string[]> {
  const before = run(files);
  const beforeCounts = counts(before, files);
  const problems: string[] = [];
  let valid: boolean | undefined;
  for (const finding of before) {
    for (const fix of finding.fixes ?? []) {
      tally.fixes++;
      const what = `${finding.rule} "${fix.title}" (${path.basename(finding.uri)}:${finding.range.start.line + 1})`;
      const bad = checkEdits(fix, files);
      if (bad) {
        problems.push(`${what}: ${bad}`);
        continue;
      }
      const after = { ...files };
      const edited = byFile(fix);
      for (const [uri, edits] of edited) {
        after[uri] = applyEdits(files[uri], edits);
        if (!outsideUnchanged(files[uri], after[uri], edits))
          problems.push(`${what}: ${path.basename(uri)} changed outside the fix's edits`);
      }
      let hclChecked = false;
      for (const uri of edited.keys()) {
        if (!(await o.hcl.accepts(uri, files[uri]))) continue;
        hclChecked = true;
        if (DEEP.test(after[uri]) || !(await hclAccepts(uri, after[uri])))
          problems.push(`${what}: HashiCorp's parser rejects ${path.basename(uri)} after the fix\n--- after ---\n${after[uri]}`);
      }
      if (hclChecked) tally.hcl++;
      if (o.removal === 'when-valid') {
        if (valid === undefined) {
          valid = true;
          for (const [uri, text] of Object.entries(files)) if (!(await o.hcl.accepts(uri, text))) valid = false;
        }
        if (!valid) continue;
      }
      tally.removal++;
      const now = run(after);
      const nowCounts = counts(now, after);
      const own = keyOf(finding, after);
      const ownBefore = beforeCounts.get(keyOf(finding, files)) ?? 0;
      if ((nowCounts.get(own) ?? 0) >= ownBefore && nowCounts.has(own)) problems.push(`${what}: its finding is still there`);
      if (!o.newFindings) continue;
      for (const [k, n] of nowCounts) {
        const rule = k.split('|')[0];
        if (rule === 'limit') continue;
        // The same key before (line text unchanged), or the fixed text of the same line.
        const had = beforeCounts.get(k) ?? 0;
        if (n > had && !CONSEQUENCES[`${finding.rule}>${rule}`]) problems.push(`${what}: brings a new ${k}`);
      }
    }
  }
  return problems;
}
