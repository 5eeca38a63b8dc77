// Table tests for rules, in the spirit of eslint's RuleTester: valid sources must give no
// finding; invalid sources give the expected findings; a fix gives the expected text, parses
// with the official HCL parser, and removes its finding.

import * as assert from 'node:assert/strict';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { mainFix } from '../../server/src/engine/fix-all';
import { runRules } from '../../server/src/engine/run';
import { applyEditsToFiles } from '../../server/src/fixes/apply';
import { workspaceFromFiles } from '../../server/src/model/testing';
import type { Finding, Rule, Severity } from '../../server/src/rules/types';

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

export function run(ws: ReturnType<typeof workspaceFromFiles>, rule: Rule): Finding[] {
  return runRules(ws, [rule], {
    onRuleError: (_r, _m, e) => {
      throw e;
    },
  });
}

function abs(files: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(files)) out[WS + k] = v;
  return out;
}

function describeFindings(fs: Finding[]): string {
  return fs.map((f) => `${f.uri.slice(WS.length)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.rule} ${f.message}`).join('\n');
}

export const preferredFix = mainFix;

export function testRule(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`${rule.meta.id} ${rule.meta.name}`, () => {
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
          if (typeof e.message === 'string') assert.ok(f.message.includes(e.message), `message "${f.message}" should include "${e.message}"`);
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
