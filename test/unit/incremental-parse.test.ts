// Incremental reparse: for random edits, the reused and shifted tree equals a full parse of
// the new text, positions included; untouched items keep their node objects.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Block, File } from '../../server/src/hcl/ast';
import { reparse, type ReparseInfo } from '../../server/src/hcl/incremental';
import { parse } from '../../server/src/hcl/parser';
import { bigFile, corpus } from '../../bench/corpus';
import { rng } from './edit-helpers';

// A small deterministic generator, so a failure can be replayed.
const SNIPPETS = [
  'a',
  '1',
  ' ',
  '\n',
  '\r\n',
  '"',
  '{',
  '}',
  '[',
  ']',
  '#',
  '/*',
  '*/',
  '=',
  'x = 1\n',
  '${',
  '<<EOT\n',
  'EOT\n',
  '\t',
  'é',
  '//c\n',
  'resource "a" "b" {\n}\n',
];

function randomEdit(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const del = r() < 0.5 ? 0 : Math.floor(r() * 6);
  const ins = r() < 0.3 ? '' : SNIPPETS[Math.floor(r() * SNIPPETS.length)];
  return text.slice(0, at) + ins + text.slice(at + del);
}

/** A one-line change inside a line: what typing does most of the time. */
function typingEdit(text: string, r: () => number): string {
  const lines = text.split('\n');
  const i = Math.floor(r() * lines.length);
  const l = lines[i];
  const at = Math.floor(r() * (l.length + 1));
  lines[i] = l.slice(0, at) + (r() < 0.5 ? 'z' : '') + l.slice(at + (r() < 0.5 ? 1 : 0));
  return lines.join('\n');
}

function strip(f: File): unknown {
  return JSON.parse(JSON.stringify(f));
}

function fixtureTexts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const root = join(__dirname, '..', 'fixtures', 'hcl');
  const visit = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith('.tf')) out.push({ name: p, text: readFileSync(p, 'utf8') });
    }
  };
  visit(root);
  return out;
}

describe('incremental reparse', function () {
  this.timeout(120_000);
  it('equals a full parse after random edit sequences on every fixture and the corpus', () => {
    const texts = [...fixtureTexts(), ...corpus(1_000).map((f) => ({ name: f.path, text: f.text }))];
    assert.ok(texts.length > 5);
    let incremental = 0;
    let total = 0;
    for (const [ti, { name, text }] of texts.entries()) {
      const r = rng(ti + 1);
      let cur = text;
      let tree = parse(cur, name);
      for (let step = 0; step < 12; step++) {
        const next = r() < 0.5 ? typingEdit(cur, r) : randomEdit(cur, r);
        const info = {} as ReparseInfo;
        const got = reparse(tree, cur, next, info);
        const want = parse(next, name);
        assert.deepEqual(strip(got), strip(want), `${name}, step ${step}`);
        total++;
        if (info.incremental) incremental++;
        cur = next;
        tree = got;
      }
    }
    // Most typing edits take the short path; the property above holds either way.
    assert.ok(incremental > total / 4, `${incremental} of ${total} incremental`);
  });

  it('keeps the node objects of untouched items and parses only the neighbourhood', () => {
    const text = bigFile(1_000);
    const tree = parse(text, 'big.tf');
    const at = text.indexOf('from_port   = 443');
    assert.ok(at > 0);
    const edited = text.slice(0, at) + 'from_port   = 4430' + text.slice(at + 'from_port   = 443'.length);
    const info = {} as ReparseInfo;
    const before = [...tree.body.items];
    const got = reparse(tree, text, edited, info);
    assert.equal(info.incremental, true);
    // The neighbours parsed again came out the same: their old objects are kept.
    assert.equal(info.added.length, 1);
    assert.equal(info.removed.length, 1);
    const kept = got.body.items.filter((it) => before.includes(it)).length;
    assert.equal(kept, before.length - 1);
    // In the edited block, so are the items around the edited one.
    const oldBlock = info.removed[0] as Block;
    const newBlock = info.added[0] as Block;
    const inner = newBlock.body.items.filter((it) => oldBlock.body.items.includes(it)).length;
    assert.ok(
      newBlock.body.items.length > 1 && inner === newBlock.body.items.length - 1,
      `${inner} of ${newBlock.body.items.length} items kept`,
    );
    assert.deepEqual(strip(got), strip(parse(edited, 'big.tf')));
  });

  it('parses the whole text when the old tree had syntax errors', () => {
    const old = 'a = {\nb = 1\n';
    const info = {} as ReparseInfo;
    const got = reparse(parse(old, 'x.tf'), old, 'a = {\nb = 2\n', info);
    assert.equal(info.incremental, false);
    assert.deepEqual(strip(got), strip(parse('a = {\nb = 2\n', 'x.tf')));
  });
});
