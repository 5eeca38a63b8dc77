// Positions: zero-based lines, characters in UTF-16 code units (as LSP counts them), offsets
// into the JavaScript string; CRLF, a BOM, tabs and astral-plane characters.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Attribute, Block, File, TemplateExpr } from '../../server/src/hcl/ast';
import { parse } from '../../server/src/hcl/parser';
import { LineIndex, computeLineStarts, lineOfOffset, offsetToPosition, positionToOffset } from '../../server/src/hcl/positions';
import { walk } from '../../server/src/hcl/walk';

/** Every node's positions agree with a slow, obvious computation from the text. */
function assertConsistent(text: string, f: File): void {
  const naive = (offset: number): { line: number; character: number } => {
    let line = 0;
    let start = 0;
    for (let i = 0; i < offset; i++) {
      const c = text[i];
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
        line++;
        start = i + 1;
      }
    }
    return { line, character: offset - start };
  };
  walk(f, (node) => {
    if (!('range' in node)) return;
    for (const p of [node.range.start, node.range.end]) {
      assert.deepEqual({ line: p.line, character: p.character }, naive(p.offset), `${node.type} at ${p.offset}`);
    }
  });
}

describe('positions', () => {
  it('line starts for LF, CRLF and a lone CR', () => {
    assert.deepEqual(computeLineStarts('a\nb\r\nc\rd'), [0, 2, 5, 7]);
    assert.deepEqual(computeLineStarts(''), [0]);
    assert.deepEqual(computeLineStarts('x\n'), [0, 2]);
  });

  it('offset <-> position round trip', () => {
    const text = 'ab\r\ncd\nef';
    const ls = computeLineStarts(text);
    for (let o = 0; o <= text.length; o++) {
      const p = offsetToPosition(ls, o);
      assert.equal(lineOfOffset(ls, o), p.line);
      if (text[o - 1] !== '\r') assert.equal(positionToOffset(ls, p.line, p.character, text), o);
    }
    assert.equal(positionToOffset(ls, 0, 99, text), 2, 'clamped before the line break');
    assert.equal(positionToOffset(ls, 9, 0, text), text.length);
    const idx = new LineIndex(ls);
    for (const o of [8, 0, 5, 3, 9, 1]) assert.deepEqual(idx.pos(o), offsetToPosition(ls, o));
  });

  it('CRLF files', () => {
    const text = 'resource "a" "b" {\r\n  x = "y"\r\n}\r\n';
    const f = parse(text, 'crlf.tf');
    assert.deepEqual(f.diagnostics, []);
    const b = f.body.items[0] as Block;
    const x = b.body.items[0] as Attribute;
    assert.deepEqual([x.range.start.line, x.range.start.character, x.range.end.character], [1, 2, 9]);
    assert.deepEqual([b.range.end.line, b.range.end.character], [2, 1]);
    assertConsistent(text, f);
  });

  it('a BOM is character 0 of line 0', () => {
    const text = '\ufeffa = 1\nb = 2\n';
    const f = parse(text, 'bom.tf');
    assert.deepEqual(f.diagnostics, []);
    const a = f.body.items[0] as Attribute;
    assert.deepEqual([a.name.range.start.character, a.name.range.start.offset], [1, 1]);
    assertConsistent(text, f);
  });

  it('a tab counts as one character', () => {
    const text = 'b {\n\t\tx = 1\n}\n';
    const f = parse(text, 'tabs.tf');
    const x = (f.body.items[0] as Block).body.items[0] as Attribute;
    assert.equal(x.range.start.character, 2);
    assertConsistent(text, f);
  });

  it('astral-plane characters count two UTF-16 units', () => {
    const text = 'a = "😀😀" # 😀\nb = "x${c}"\n';
    const f = parse(text, 'emoji.tf');
    assert.deepEqual(f.diagnostics, []);
    const a = f.body.items[0] as Attribute;
    assert.equal(a.range.end.character, 10, '4 + quote + 2 emoji of 2 units + quote');
    assert.equal(f.comments[0].range.start.character, 11);
    assert.equal(f.comments[0].range.end.character, 15);
    const b = f.body.items[1] as Attribute;
    const t = b.value as TemplateExpr;
    assert.equal(t.parts[1].range.start.character, 6);
    assertConsistent(text, f);
  });

  it('every node of the fixtures has consistent positions', () => {
    for (const kind of ['valid', 'broken']) {
      const dir = join(__dirname, '..', 'fixtures', 'hcl', kind);
      for (const name of readdirSync(dir)) {
        const text = readFileSync(join(dir, name), 'utf8');
        assertConsistent(text, parse(text, name));
      }
    }
  });
});
