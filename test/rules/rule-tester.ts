// Table tests for rules, in the spirit of eslint's RuleTester: valid sources must give no
// finding; invalid sources give the expected findings; a fix gives the expected text, parses
// with the official HCL parser, and removes its finding. A case that holds a `.privatelink.json`
// at the workspace root is analysed with the team policy it states.

import * as assert from 'node:assert/strict';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { CONFIG_FILE, parseConfig, teamPolicy } from '../../server/src/engine/config';
import { mainFix } from '../../server/src/engine/fix-all';
import { runRules } from '../../server/src/engine/run';
import { applyEditsToFiles } from '../../server/src/fixes/apply';
import { workspaceFromFiles } from '../../server/src/model/testing';
import { parse } from '../../server/src/hcl/parser';
import type { Finding, Rule, Severity } from '../../server/src/rules/types';
import type { TeamPolicy } from '../../server/src/query/team-policy';

export const WS = '/ws/';

export interface ValidCase {
  name: string;
  /** Paths relative to the workspace root (`main.tf`, `modules/x/main.tf`). */
  files: Record<string, string>;
}

export interface ExpectedFinding {
  /** Default `main.tf`. */
  file?: string;
  /** 1-based, as editors show it. */
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  message?: string | RegExp;
  severity?: Severity;
  /** Expected number of related locations (at least). */
  related?: number;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** Expected texts after applying the preferred fix of finding `fixOf` (default 0). */
  output?: Record<string, string>;
  fixOf?: number;
}

export function run(ws: ReturnType<typeof workspaceFromFiles>, rule: Rule, keep = false): Finding[] {
  return runRules(ws, [rule], {
    keep,
    policy: policyOf(ws),
    onRuleError: (_r, _m, e) => {
      throw e;
    },
  });
}

/** The team policy of the case's `.privatelink.json` (none, or an empty file: no policy). */
function policyOf(ws: ReturnType<typeof workspaceFromFiles>): TeamPolicy | undefined {
  const text = ws.file(WS + CONFIG_FILE)?.text;
  if (!text?.trim()) return undefined;
  const { config, errors } = parseConfig(JSON.parse(text));
  assert.deepEqual(errors, [], `${CONFIG_FILE} of the case`);
  return teamPolicy(config);
}

/** A finding as text: rule, places (line, character, offset), message, related places and fixes. */
function project(f: Finding): string {
  const at = (r: Finding['range']) =>
    `${r.start.line}:${r.start.character}@${r.start.offset}-${r.end.line}:${r.end.character}@${r.end.offset}`;
  return JSON.stringify({
    rule: f.rule,
    severity: f.severity,
    uri: f.uri,
    at: at(f.range),
    message: f.message,
    related: (f.related ?? []).map((r) => `${r.uri}@${at(r.range)}:${r.message}`),
    fixes: (f.fixes ?? []).map((x) => ({ title: x.title, edits: x.edits.map((e) => `${e.uri}@${at(e.range)}=${e.newText}`) })),
  });
}

function abs(files: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(files)) out[WS + k] = v;
  return out;
}
function describeFindings(fs: Finding[]): string {
  return fs
    .map((f) => `${f.uri.slice(WS.length)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.rule} ${f.message}`)
    .join('\n');
}

/** A file as its top-level items (each with the text before it); the rest after the last. */
function chunks(text: string, p: string): { items: string[]; tail: string } {
  const ast = parse(text, p);
  if (ast.diagnostics.length) return { items: [], tail: text };
  const items: string[] = [];
  let last = 0;
  for (const it of ast.body.items) {
    items.push(text.slice(last, it.range.end.offset));
    last = it.range.end.offset;
  }
  return { items, tail: text.slice(last) };
}

/**
 * The items joined with two unused `locals` blocks after each. An edit parses the items next
 * to it again, so without them every item of a small case would be new after any edit and
 * nothing kept would be put to the test.
 */
function spread(items: string[], tail: string, file: number): string {
  const pad = (k: number) => `\nlocals {\n  pad_${file}_${k}a = ${k}\n}\n\nlocals {\n  pad_${file}_${k}b = ${k}\n}\n`;
  return items.map((t, k) => t + pad(k)).join('') + tail;
}

/**
 * The texts on the way from one case to the next: an item at a time, as a user would edit.
 * Each step is the next case's first items and the last case's other items.
 */
function steps(from: Record<string, string>, to: Record<string, string>): Record<string, string>[] {
  const paths = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  const out: Record<string, string>[] = [];
  const state: Record<string, string> = {};
  const split = new Map<string, { a: ReturnType<typeof chunks>; b: ReturnType<typeof chunks> }>();
  paths.forEach((p, i) => {
    const a = chunks(from[p] ?? '', p);
    const b = chunks(to[p] ?? '', p);
    split.set(p, { a, b });
    state[p] = spread(a.items, a.tail, i);
  });
  paths.forEach((p, i) => {
    const { a, b } = split.get(p)!;
    const n = Math.max(a.items.length, b.items.length);
    for (let k = 1; k <= n; k++) {
      state[p] = spread([...b.items.slice(0, k), ...a.items.slice(k)], k >= a.items.length ? b.tail : a.tail, i);
      out.push({ ...state });
    }
    state[p] = spread(b.items, b.tail, i);
    out.push({ ...state });
  });
  return out;
}

/**
 * One workspace edited from each case into the next (forwards, then backwards), an item at a
 * time: the findings of the edited workspace, which keeps answers across runs, must equal a
 * fresh analysis of the same texts at every step. The cases of a rule differ in what the rule
 * depends on, so this walks the edits that must make a kept answer go.
 */
function checkKeptAcrossCases(rule: Rule, cases: ValidCase[]): number {
  const order = [...cases, ...[...cases].reverse()].map((c) => ({ name: c.name, files: abs(c.files) }));
  const first = steps(order[0].files, order[0].files).pop()!;
  const ws = workspaceFromFiles(first);
  run(ws, rule, true);
  let compared = 0;
  for (let i = 1; i < order.length; i++) {
    for (const texts of steps(order[i - 1].files, order[i].files)) {
      // Files of earlier cases stay, empty, in both workspaces.
      for (const p of Object.keys(first)) texts[p] ??= '';
      Object.assign(first, texts);
      for (const [p, text] of Object.entries(texts)) ws.setFile(p, text);
      const got = run(ws, rule, true).map(project).sort();
      const want = run(workspaceFromFiles(texts), rule).map(project).sort();
      assert.deepEqual(got, want, `on the way to "${order[i].name}"`);
      compared += want.length;
    }
  }
  return compared;
}

export const preferredFix = mainFix;

export function testRule(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`${rule.meta.id} ${rule.meta.name}`, () => {
    it('answers kept across edits equal a fresh analysis, case after case', () => {
      const compared = checkKeptAcrossCases(rule, [...cases.valid, ...cases.invalid]);
      assert.ok(compared > 0 || cases.invalid.length === 0, 'some findings were compared');
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const found = run(workspaceFromFiles(abs(c.files)), rule);
        assert.equal(found.length, 0, `expected no finding, got:\n${describeFindings(found)}`);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const files = abs(c.files);
        const found = run(workspaceFromFiles(files), rule);
        assert.equal(found.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${describeFindings(found)}`);
        const sorted = [...found].sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.offset - b.range.start.offset);
        c.errors.forEach((e, i) => {
          const f = sorted[i];
          assert.equal(f.rule, rule.meta.id);
          assert.equal(f.uri, WS + (e.file ?? 'main.tf'), `file of finding ${i}`);
          assert.equal(f.range.start.line + 1, e.line, `line of finding ${i}: ${f.message}`);
          if (e.column !== undefined) assert.equal(f.range.start.character + 1, e.column, `column of finding ${i}`);
          if (e.endLine !== undefined) assert.equal(f.range.end.line + 1, e.endLine, `end line of finding ${i}`);
          if (e.endColumn !== undefined) assert.equal(f.range.end.character + 1, e.endColumn, `end column of finding ${i}`);
          if (typeof e.message === 'string')
            assert.ok(f.message.includes(e.message), `message "${f.message}" should include "${e.message}"`);
          else if (e.message) assert.match(f.message, e.message);
          if (e.severity) assert.equal(f.severity, e.severity, `severity of finding ${i}`);
          if (e.related !== undefined) assert.ok((f.related?.length ?? 0) >= e.related, `related information of finding ${i}`);
        });
        if (c.output) {
          const target = sorted[c.fixOf ?? 0];
          const fix = preferredFix(target);
          assert.ok(fix, `finding has no fix: ${target.message}`);
          const changed = applyEditsToFiles(new Map(Object.entries(files)), fix.edits);
          for (const [rel, expected] of Object.entries(c.output)) {
            assert.equal(changed.get(WS + rel) ?? files[WS + rel], expected, `text of ${rel} after the fix`);
          }
          for (const [p, text] of changed) {
            if (p.endsWith('.tf')) await hcl2json(p, text); // rejects when the fix broke the file
          }
          const after = run(workspaceFromFiles({ ...files, ...Object.fromEntries(changed) }), rule);
          assert.ok(
            !after.some((f) => f.uri === target.uri && f.message === target.message),
            `the finding is still there after the fix:\n${describeFindings(after)}`,
          );
        }
      });
    }
  });
}
