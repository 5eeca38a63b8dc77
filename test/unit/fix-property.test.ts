// Fixes never harm: over every fixture workspace and the examples, each fix applied alone
// leaves files HashiCorp's parser accepts (when it accepted them before), edits only inside
// its stated ranges, removes its finding, and brings no new finding except the documented
// consequences listed below.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hclAccepts } from '../../bench/fuzz';
import { analyze } from '../../server/src/engine/analyze';
import { applyEdits } from '../../server/src/fixes/apply';
import { memoryHost } from '../../server/src/model/testing';
import { createWorkspace } from '../../server/src/model/workspace';
import type { Finding, Fix } from '../../server/src/rules/types';

const REPO = path.resolve(__dirname, '..', '..');

/** New findings a fix brings by design, as `FIXED>NEW` with the reason. */
const CONSEQUENCES: Record<string, string> = {
  'PL501>PL301': 'the new S3 Gateway endpoint has no endpoint policy (choosing one is the user\'s call)',
  'PL501>PL701': 'the new S3 Gateway endpoint has no tags',
  'PL201>PL701': 'the new security group has no tags',
  'PL501>PL403': 'in a module without route tables the new endpoint gets `route_table_ids = []` for the user to fill in',
  'PL402>PL102': 'an endpoint turned Interface is now checked as one: private DNS',
  'PL402>PL201': 'an endpoint turned Interface is now checked as one: security groups',
  'PL502>PL101': 'the added services are new instances of the for_each endpoint and share its settings',
  'PL502>PL202': 'the added services are new instances of the for_each endpoint and share its security group',
};

function workspaces(): { name: string; files: Record<string, string> }[] {
  const out: { name: string; files: Record<string, string> }[] = [];
  const load = (root: string) => {
    const files: Record<string, string> = {};
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(tf|tfvars)$/.test(e.name)) files[p] = fs.readFileSync(p, 'utf8');
      }
    };
    walk(root);
    if (Object.keys(files).length) out.push({ name: path.relative(REPO, root), files });
  };
  load(path.join(REPO, 'examples'));
  const fixtures = path.join(REPO, 'test', 'fixtures');
  for (const top of fs.readdirSync(fixtures).sort()) {
    // Crash regressions are broken on purpose: the fuzzer test covers them.
    if (top === 'regressions' || !fs.statSync(path.join(fixtures, top)).isDirectory()) continue;
    for (const ws of fs.readdirSync(path.join(fixtures, top)).sort()) {
      if (fs.statSync(path.join(fixtures, top, ws)).isDirectory()) load(path.join(fixtures, top, ws));
    }
  }
  return out;
}

function run(files: Record<string, string>): Finding[] {
  const root = path.dirname(Object.keys(files).sort()[0]);
  const common = Object.keys(files).reduce((d, p) => {
    while (!p.startsWith(d + path.sep)) d = path.dirname(d);
    return d;
  }, root);
  return analyze(createWorkspace(memoryHost(files), { folders: [common] }));
}

/** A finding's place that survives lines moving: rule, file and the text of its first line. */
function keyOf(f: Finding, files: Record<string, string>): string {
  const text = files[f.uri] ?? '';
  const lineStart = text.lastIndexOf('\n', f.range.start.offset - 1) + 1;
  const lineEnd = text.indexOf('\n', f.range.start.offset);
  return `${f.rule}|${f.uri}|${text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).replace(/\s+/g, ' ').trim()}`;
}

function counts(fs: readonly Finding[], files: Record<string, string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of fs) m.set(keyOf(f, files), (m.get(keyOf(f, files)) ?? 0) + 1);
  return m;
}

function checkEdits(fix: Fix, files: Record<string, string>): string | undefined {
  const byFile = new Map<string, Fix['edits']>();
  for (const e of fix.edits) byFile.set(e.uri, [...(byFile.get(e.uri) ?? []), e]);
  for (const [uri, edits] of byFile) {
    const text = files[uri];
    if (text === undefined) return `edits ${uri}, which the workspace does not have`;
    const sorted = [...edits].sort((a, b) => a.range.start.offset - b.range.start.offset);
    for (let i = 0; i < sorted.length; i++) {
      const e = sorted[i];
      if (e.range.start.offset < 0 || e.range.end.offset > text.length || e.range.start.offset > e.range.end.offset) return `edit out of bounds in ${uri}`;
      if (i > 0 && e.range.start.offset < sorted[i - 1].range.end.offset) return `overlapping edits in ${uri}`;
      // Offsets and line/character must agree, or an editor applies the edit elsewhere.
      const before = text.slice(0, e.range.start.offset).split('\n');
      if (before.length - 1 !== e.range.start.line || before[before.length - 1].length !== e.range.start.character) return `edit position disagrees with its offset in ${uri}`;
    }
  }
  return undefined;
}

describe('fixes never harm', function () {
  this.timeout(600_000);
  let checked = 0;
  after(() => console.log(`      fixes checked: ${checked}`));

  for (const ws of workspaces()) {
    it(`every fix alone in ${ws.name}`, async () => {
      const before = run(ws.files);
      const beforeCounts = counts(before, ws.files);
      const problems: string[] = [];
      const accepted = new Map<string, boolean>();
      for (const finding of before) {
        for (const fix of finding.fixes ?? []) {
          checked++;
          const what = `${finding.rule} "${fix.title}" (${path.basename(finding.uri)}:${finding.range.start.line + 1})`;
          const bad = checkEdits(fix, ws.files);
          if (bad) {
            problems.push(`${what}: ${bad}`);
            continue;
          }
          const after = { ...ws.files };
          for (const uri of new Set(fix.edits.map((e) => e.uri))) after[uri] = applyEdits(ws.files[uri], fix.edits.filter((e) => e.uri === uri));
          for (const uri of new Set(fix.edits.map((e) => e.uri))) {
            if (!accepted.has(uri)) accepted.set(uri, await hclAccepts(uri, ws.files[uri]));
            if (accepted.get(uri) && !(await hclAccepts(uri, after[uri]))) problems.push(`${what}: HashiCorp's parser rejects ${path.basename(uri)} after the fix`);
          }
          const now = run(after);
          const nowCounts = counts(now, after);
          const own = keyOf(finding, after);
          const ownBefore = beforeCounts.get(keyOf(finding, ws.files)) ?? 0;
          if ((nowCounts.get(own) ?? 0) >= ownBefore && nowCounts.has(own)) problems.push(`${what}: its finding is still there`);
          for (const [k, n] of nowCounts) {
            const rule = k.split('|')[0];
            if (rule === 'limit') continue;
            // The same key before (line text unchanged), or the fixed text of the same line.
            const had = beforeCounts.get(k) ?? 0;
            if (n > had && !CONSEQUENCES[`${finding.rule}>${rule}`]) problems.push(`${what}: brings a new ${k}`);
          }
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});
