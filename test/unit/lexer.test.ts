// The token scanner: kinds and bounds, numbers after dots, namespaced names, heredoc heads,
// comments, and the block-header test used by recovery.
import { strict as assert } from 'node:assert';
import { Lexer, T, looksLikeBlockHeader } from '../../server/src/hcl/lexer';
import { LineIndex, computeLineStarts } from '../../server/src/hcl/positions';

function tokens(src: string): [T, string][] {
  const lx = new Lexer(src, new LineIndex(computeLineStarts(src)), []);
  const out: [T, string][] = [];
  for (;;) {
    lx.next();
    if (lx.kind === T.EOF) return out;
    out.push([lx.kind, src.slice(lx.start, lx.end)]);
  }
}

describe('lexer', () => {
  it('scans operators and punctuation', () => {
    const toks = tokens('== != <= >= < > && || ! + - * / % ? : => ... . , = ( ) [ ] { } ~}');
    assert.deepEqual(
      toks.map((t) => t[1]),
      [
        '==',
        '!=',
        '<=',
        '>=',
        '<',
        '>',
        '&&',
        '||',
        '!',
        '+',
        '-',
        '*',
        '/',
        '%',
        '?',
        ':',
        '=>',
        '...',
        '.',
        ',',
        '=',
        '(',
        ')',
        '[',
        ']',
        '{',
        '}',
        '~}',
      ],
    );
    assert.equal(toks[toks.length - 1][0], T.TILDE_RBRACE);
  });

  it('scans numbers, but digits after a dot are index steps', () => {
    assert.deepEqual(tokens('1 2.5 3e4 5.5E-3 6e+2'), [
      [T.NUMBER, '1'],
      [T.NUMBER, '2.5'],
      [T.NUMBER, '3e4'],
      [T.NUMBER, '5.5E-3'],
      [T.NUMBER, '6e+2'],
    ]);
    assert.deepEqual(
      tokens('a.0.1').map((t) => t[1]),
      ['a', '.', '0', '.', '1'],
    );
  });

  it('scans identifiers with dashes, Unicode, and namespaced function names', () => {
    assert.deepEqual(tokens('a-b_c9 ünï 𝒳y provider::aws::f'), [
      [T.IDENT, 'a-b_c9'],
      [T.IDENT, 'ünï'],
      [T.IDENT, '𝒳y'],
      [T.IDENT, 'provider::aws::f'],
    ]);
    assert.deepEqual(
      tokens('a ? b:c').map((t) => t[1]),
      ['a', '?', 'b', ':', 'c'],
    );
  });

  it('emits newlines, skips comments into the comment list', () => {
    const src = 'a # c1\r\nb // c2\n/* c3\n */ c';
    const lx = new Lexer(src, new LineIndex(computeLineStarts(src)), []);
    const kinds: T[] = [];
    for (lx.next(); lx.kind !== T.EOF; lx.next()) kinds.push(lx.kind);
    assert.deepEqual(kinds, [T.IDENT, T.NL, T.IDENT, T.NL, T.IDENT]);
    assert.deepEqual(
      lx.comments.map((c) => c.text),
      ['# c1', '// c2', '/* c3\n */'],
    );
  });

  it('recognises heredoc heads only before a line break', () => {
    const src = 'x = <<-EOT\nbody\nEOT\n';
    const lx = new Lexer(src, new LineIndex(computeLineStarts(src)), []);
    lx.next();
    lx.next();
    lx.next();
    assert.equal(lx.kind, T.HEREDOC);
    assert.equal(src.slice(lx.markerStart, lx.markerEnd), 'EOT');
    assert.equal(lx.heredocIndented, true);
    assert.equal(lx.heredocBody, 11);
    assert.equal(tokens('a << b')[1][0], T.BAD);
  });

  it('reports junk as bad tokens, one per code point', () => {
    assert.deepEqual(
      tokens('@\u0000😀').map((t) => t[0]),
      [T.BAD, T.BAD, T.BAD],
    );
    assert.equal(tokens('😀')[0][1].length, 2);
  });

  it('an unterminated block comment is reported', () => {
    const src = 'a /* never closed';
    const diags: never[] = [];
    const lx = new Lexer(src, new LineIndex(computeLineStarts(src)), diags);
    for (lx.next(); lx.kind !== T.EOF; lx.next());
    assert.equal(diags.length, 1);
  });

  it('recognises block headers', () => {
    assert.equal(looksLikeBlockHeader('resource "a" "b" {', 0), true);
    assert.equal(looksLikeBlockHeader('locals {', 0), true);
    assert.equal(looksLikeBlockHeader('a b "c" {}', 0), true);
    assert.equal(looksLikeBlockHeader('a = {', 0), false);
    assert.equal(looksLikeBlockHeader('a "${x}" {', 0), false);
    assert.equal(looksLikeBlockHeader('a "b"\n{', 0), false);
    assert.equal(looksLikeBlockHeader('"a" {', 0), false);
  });
});

describe('lexer: carriage returns', () => {
  it('CRLF is one line break; a lone CR is a bad token', () => {
    assert.deepEqual(
      tokens('a\r\nb\rc').map((t) => t[0]),
      [T.IDENT, T.NL, T.IDENT, T.BAD, T.IDENT],
    );
  });
});
