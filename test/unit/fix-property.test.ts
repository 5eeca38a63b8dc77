// Fixes never harm: over every fixture workspace and the examples, each fix applied alone
// leaves files HashiCorp's parser accepts (when it accepted them before), edits only inside
// its stated ranges, removes its finding, and brings no new finding except the documented
// consequences listed in fix-property-check.ts.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from '../../server/src/fixes/apply';
import { checkEveryFix, emptyTally, HclCache } from './fix-property-check';

const REPO = path.resolve(__dirname, '..', '..');

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

describe('fixes never harm', function () {
  this.timeout(600_000);
  const tally = emptyTally();
  const hcl = new HclCache();
  after(() =>
    console.log(
      `      fixes checked over the fixtures: ${tally.fixes} (${tally.hcl} on files hcl2json accepted, ${tally.removal} re-analysed)`,
    ),
  );

  for (const ws of workspaces()) {
    it(`every fix alone in ${ws.name}`, async () => {
      assert.deepEqual(await checkEveryFix(ws.files, { newFindings: true, removal: 'always', hcl }, tally), []);
    });
  }
});

describe('fix edits apply as an editor applies them', () => {
  it('insertions at one point keep the order given, around a replacement there', () => {
    const at = (offset: number) => ({ line: 0, character: offset, offset });
    const edit = (s: number, e: number, newText: string) => ({ uri: '/m/main.tf', range: { start: at(s), end: at(e) }, newText });
    const edits = [edit(3, 3, 'A'), edit(3, 5, 'R'), edit(3, 3, 'B'), edit(0, 1, 'x')];
    assert.equal(applyEdits('abcdefg', edits), 'xbcABRfg');
  });
});
