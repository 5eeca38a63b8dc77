// Templates: quoted strings and heredoc text, with their `${ }` interpolations and `%{ }`
// directives (hashicorp/hcl hclsyntax/spec.md, "Templates"). The text is read character by
// character into flat tokens, where the strip markers `~` apply, and these are then nested
// into template parts. The expressions inside sequences are read by the Parser, whose state
// these functions take as their first argument. What is particular to heredocs (the `<<-`
// indentation) is in heredocs.ts; their text is scanned here, in the scanner's heredoc mode.
import type { Expression, Range, TemplateExpr, TemplateLiteral, TemplatePart } from './ast';
import { T, idContinueLen } from './lexer';
import { MAX_DEPTH } from './limits';
import type { Parser } from './parser';

// A flat template token, before directives are nested (strip and flush rules work on these).
export const enum K {
  LIT,
  INTERP,
  IF,
  ELSE,
  ENDIF,
  FOR,
  ENDFOR,
}
export interface TTok {
  k: K;
  /** Literal value (decoded), for LIT. */
  v: string;
  s: number;
  e: number;
  expr: Expression | undefined;
  stripL: boolean;
  stripR: boolean;
  keyVar: string | undefined;
  valueVar: string;
}

function ttok(k: K, s: number, e: number): TTok {
  return { k, v: '', s, e, expr: undefined, stripL: false, stripR: false, keyVar: undefined, valueVar: '' };
}

/** Characters that end the fast scan of a quoted string: `"` `\\` `$` `%` CR LF. */
const QUOTED_SPECIAL = new Uint8Array(128);
for (const c of [34, 92, 36, 37, 10, 13]) QUOTED_SPECIAL[c] = 1;
/** The same for heredoc text, where only line breaks and sequences matter. */
const HEREDOC_SPECIAL = new Uint8Array(128);
for (const c of [36, 37, 10, 13]) HEREDOC_SPECIAL[c] = 1;

export function isSpaceCode(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function trimLeftSpace(s: string): string {
  let i = 0;
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  return i === 0 ? s : s.slice(i);
}

function trimRightSpace(s: string): string {
  let i = s.length;
  while (i > 0 && isSpaceCode(s.charCodeAt(i - 1))) i--;
  return i === s.length ? s : s.slice(0, i);
}

/** A quoted template; current token is the opening quote. Leaves the next token current. */
export function parseQuoted(p: Parser): TemplateExpr {
  const lx = p.lx;
  const src = p.src;
  const s = lx.start;
  // Fast path: a plain string with no escapes, interpolations or directives.
  const i = plainStringStop(src, lx.end);
  if (src.charCodeAt(i) === 34) {
    // Both ranges lie on the quote's line: one line lookup serves all four positions.
    const line = p.lines.line(s);
    const ls = p.lineStarts[line];
    const b = s + 1;
    const lit: TemplateLiteral = {
      type: 'TemplateLiteral',
      value: src.slice(b, i),
      range: { start: { line, character: b - ls, offset: b }, end: { line, character: i - ls, offset: i } },
    };
    const range: Range = { start: { line, character: s - ls, offset: s }, end: { line, character: i + 1 - ls, offset: i + 1 } };
    lx.pos = i + 1;
    p.advance();
    return { type: 'Template', parts: [lit], range };
  }
  const toks: TTok[] = [];
  // A template level takes several large stack frames: it counts as three levels of nesting.
  p.depth += 2;
  // The text before `i` is plain: scanning resumes where the fast path stopped.
  const contentEnd = scanTemplate(p, toks, lx.end, i, 0, 0);
  const end = p.templateEnd;
  p.depth -= 2;
  const parts = buildTemplate(p, toks, contentEnd);
  if (parts.length === 0) parts.push({ type: 'TemplateLiteral', value: '', range: p.range(s + 1, s + 1) });
  lx.pos = end;
  p.advance();
  return { type: 'Template', parts, range: p.range(s, end) };
}

/**
 * Scan quoted-string content from `i` while it is plain text: returns the offset of the
 * closing quote, or of the first character that needs the template scanner (an escape, a
 * `${`/`%{` sequence or its `$${`/`%%{` escape, a line break, the end of the text).
 */
export function plainStringStop(src: string, i: number): number {
  const n = src.length;
  for (; i < n; i++) {
    const c = src.charCodeAt(i);
    if (c >= 128 || QUOTED_SPECIAL[c] === 0) continue;
    if (c === 34 || c === 92 || c === 10 || c === 13) return i;
    // `$` and `%` matter only before `{` or doubled.
    const d = src.charCodeAt(i + 1);
    if (d === 123 || d === c) return i;
  }
  return n;
}

/**
 * Scan template text from `start` into flat tokens, resuming at `i` (the text between holds
 * nothing but plain characters). Quoted mode when markerEnd is 0, else a
 * heredoc whose marker is src[markerStart..markerEnd). Returns where the content ends, and
 * leaves where the whole construct ends (after the closing quote or marker) in p.templateEnd.
 * The literal being gathered is `buf` (decoded text) + src[run..i), starting at litStart;
 * plain locals rather than closures keep them in registers.
 */
export function scanTemplate(p: Parser, toks: TTok[], start: number, i: number, markerStart: number, markerEnd: number): number {
  const src = p.src;
  const n = src.length;
  const heredoc = markerEnd > 0;
  const special = heredoc ? HEREDOC_SPECIAL : QUOTED_SPECIAL;
  const openAt = p.lx.start;
  let buf = '';
  let litStart = start;
  let run = start;
  let ltrimNext = false;
  let lineStart = heredoc;
  for (;;) {
    if (heredoc && lineStart) {
      lineStart = false;
      // A line holding only the marker and whitespace, then a line break, closes the heredoc.
      let j = i;
      while (isInlineSpace(src.charCodeAt(j))) j++;
      const ml = markerEnd - markerStart;
      if (matchesAt(src, j, markerStart, markerEnd) && !isIdContinueAt(src, j + ml)) {
        let after = j + ml;
        while (isInlineSpace(src.charCodeAt(after))) after++;
        const c = src.charCodeAt(after);
        if (c === 10 || (c === 13 && src.charCodeAt(after + 1) === 10)) {
          pushLiteral(p, toks, litStart, i, buf, run, ltrimNext);
          p.templateEnd = after;
          return i;
        }
      }
      // The indentation is plain text: no need to read it twice.
      i = j;
    }
    // Plain text runs up to the next character that may matter, in a tight loop.
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c < 128 && special[c] === 1) break;
      i++;
    }
    if (i >= n) {
      pushLiteral(p, toks, litStart, i, buf, run, ltrimNext);
      if (heredoc)
        p.error(`Unterminated heredoc: no line holds only the closing marker "${src.slice(markerStart, markerEnd)}"`, openAt, markerEnd);
      else p.error('Unterminated string: expected a closing quote', openAt, i);
      p.templateEnd = i;
      return i;
    }
    const c = src.charCodeAt(i);
    if (!heredoc) {
      if (c === 34) {
        pushLiteral(p, toks, litStart, i, buf, run, ltrimNext);
        p.templateEnd = i + 1;
        return i;
      }
      if (c === 10 || (c === 13 && src.charCodeAt(i + 1) === 10)) {
        pushLiteral(p, toks, litStart, i, buf, run, ltrimNext);
        p.error('Unterminated string: a quoted string must end on its line (use \\n or a heredoc)', openAt, i);
        p.templateEnd = i;
        return i;
      }
      if (c === 13) {
        p.error('Invalid character: a carriage return must be followed by a line feed', i, i + 1);
        i++;
        continue;
      }
      if (c === 92) {
        buf += src.slice(run, i) + decodeEscape(p, i);
        i = run = p.escapeEnd;
        continue;
      }
    } else if (c === 13) {
      if (src.charCodeAt(i + 1) !== 10) p.error('Invalid character: a carriage return must be followed by a line feed', i, i + 1);
      i++;
      continue;
    } else if (c === 10) {
      i++;
      p.lines.addLine(i);
      pushLiteral(p, toks, litStart, i, buf, run, ltrimNext);
      buf = '';
      ltrimNext = false;
      litStart = run = i;
      lineStart = true;
      continue;
    }
    if ((c === 36 || c === 37) && src.charCodeAt(i + 1) === c && src.charCodeAt(i + 2) === 123) {
      // `$${` and `%%{` stand for a literal `${` and `%{`.
      buf += src.slice(run, i + 1) + '{';
      i += 3;
      run = i;
      continue;
    }
    if ((c === 36 || c === 37) && src.charCodeAt(i + 1) === 123) {
      pushLiteral(p, toks, litStart, i, buf, run, ltrimNext);
      buf = '';
      ltrimNext = false;
      const seqStart = i;
      let j = i + 2;
      const stripL = src.charCodeAt(j) === 126;
      if (stripL) {
        j++;
        // `${~` trims the whitespace before it.
        const last = toks.length > 0 ? toks[toks.length - 1] : undefined;
        if (last !== undefined && last.k === K.LIT) last.v = trimRightSpace(last.v);
      }
      const t = c === 36 ? scanInterpolation(p, seqStart, j) : scanDirective(p, seqStart, j);
      t.stripL = stripL;
      toks.push(t);
      i = t.e;
      if (t.stripR) ltrimNext = true;
      litStart = run = i;
      continue;
    }
    i++;
  }
}

/** Add the literal src[litStart..at) whose decoded text is buf + src[run..at), if any. */
function pushLiteral(p: Parser, toks: TTok[], litStart: number, at: number, buf: string, run: number, ltrim: boolean): void {
  let v = run < at ? buf + p.src.slice(run, at) : buf;
  if (ltrim) v = trimLeftSpace(v);
  if (at > litStart || v.length > 0) {
    const t = ttok(K.LIT, litStart, at);
    t.v = v;
    toks.push(t);
  }
}

/** Decode a backslash escape at `i`: returns its text and leaves the index after it in p.escapeEnd. */
function decodeEscape(p: Parser, i: number): string {
  const src = p.src;
  const c = src.charCodeAt(i + 1);
  p.escapeEnd = i + 2;
  switch (c) {
    case 110:
      return '\n';
    case 116:
      return '\t';
    case 114:
      return '\r';
    case 34:
      return '"';
    case 92:
      return '\\';
    case 117:
    case 85: {
      const len = c === 117 ? 4 : 8;
      let v = 0;
      let j = i + 2;
      for (; j < i + 2 + len; j++) {
        const h = src.charCodeAt(j);
        const d = h >= 48 && h <= 57 ? h - 48 : h >= 97 && h <= 102 ? h - 87 : h >= 65 && h <= 70 ? h - 55 : -1;
        if (d < 0) break;
        v = v * 16 + d;
      }
      p.escapeEnd = j;
      if (j < i + 2 + len || v > 0x10ffff) {
        p.error('Invalid unicode escape: expected ' + len + ' hexadecimal digits', i, j);
        return src.slice(i, j);
      }
      return String.fromCodePoint(v);
    }
    default: {
      const e = Math.min(i + 2, src.length);
      p.error('Invalid escape sequence', i, e);
      p.escapeEnd = e;
      return src.slice(i, e);
    }
  }
}

/** Parse the expression inside `${ ... }`; `j` is after `${` and any `~`. */
function scanInterpolation(p: Parser, seqStart: number, j: number): TTok {
  const lx = p.lx;
  const save = p.nlSkip;
  p.nlSkip = true;
  lx.pos = j;
  p.advance();
  const expr = p.parseExpression();
  const t = ttok(K.INTERP, seqStart, 0);
  t.expr = expr;
  p.nlSkip = save;
  t.e = closeSequence(p, t, seqStart);
  return t;
}

/** Read the `}` / `~}` that ends a template sequence; returns the offset after it. */
function closeSequence(p: Parser, t: TTok, seqStart: number): number {
  const lx = p.lx;
  if (lx.k() === T.RBRACE || lx.k() === T.TILDE_RBRACE) {
    t.stripR = lx.k() === T.TILDE_RBRACE;
    return lx.end;
  }
  p.errorHere('Expected "}" to end the template sequence');
  // Resume the template on the same line: at the next `}` if there is one.
  const src = p.src;
  let lineEnd = src.indexOf('\n', seqStart);
  if (lineEnd < 0) lineEnd = src.length;
  if (lineEnd > seqStart && src.charCodeAt(lineEnd - 1) === 13) lineEnd--;
  const from = Math.min(lx.start, lineEnd);
  const close = src.indexOf('}', from);
  if (close >= 0 && close < lineEnd) return close + 1;
  return from;
}

/** Parse `%{ if c }`, `%{ else }`, `%{ endif }`, `%{ for k, v in c }`, `%{ endfor }`. */
function scanDirective(p: Parser, seqStart: number, j: number): TTok {
  const lx = p.lx;
  const save = p.nlSkip;
  p.nlSkip = true;
  lx.pos = j;
  p.advance();
  let t: TTok;
  if (p.isKeyword('if')) {
    p.advance();
    t = ttok(K.IF, seqStart, 0);
    t.expr = p.parseExpression();
  } else if (p.isKeyword('for')) {
    p.advance();
    t = ttok(K.FOR, seqStart, 0);
    if (lx.k() === T.IDENT) {
      t.valueVar = p.text(lx.start, lx.end);
      p.advance();
      if (lx.k() === T.COMMA) {
        p.advance();
        t.keyVar = t.valueVar;
        if (lx.k() === T.IDENT) {
          t.valueVar = p.text(lx.start, lx.end);
          p.advance();
        } else p.errorHere('Expected a value variable name');
      }
    } else p.errorHere('Expected a variable name after "for"');
    if (p.isKeyword('in')) {
      p.advance();
      t.expr = p.parseExpression();
    } else {
      p.errorHere('Expected "in" in the for directive');
      t.expr = { type: 'Error', range: p.range(lx.start, lx.start) };
    }
  } else if (p.isKeyword('else')) {
    p.advance();
    t = ttok(K.ELSE, seqStart, 0);
  } else if (p.isKeyword('endif')) {
    p.advance();
    t = ttok(K.ENDIF, seqStart, 0);
  } else if (p.isKeyword('endfor')) {
    p.advance();
    t = ttok(K.ENDFOR, seqStart, 0);
  } else {
    p.errorHere('Expected a template directive: if, else, endif, for or endfor');
    t = ttok(K.ELSE, seqStart, 0);
    t.k = K.LIT;
  }
  p.nlSkip = save;
  t.e = closeSequence(p, t, seqStart);
  if (t.k === K.LIT) t.v = '';
  return t;
}

/** Nest flat template tokens into parts, merging adjacent literals. */
export function buildTemplate(p: Parser, toks: TTok[], contentEnd: number): TemplatePart[] {
  p.tokIndex = 0;
  const parts = buildParts(p, toks, -1, contentEnd, 0);
  while (p.tokIndex < toks.length) {
    const t = toks[p.tokIndex++];
    p.error(
      t.k === K.ELSE
        ? 'Unexpected "else" directive: no "if" is open'
        : t.k === K.ENDIF
          ? 'Unexpected "endif" directive: no "if" is open'
          : 'Unexpected "endfor" directive: no "for" is open',
      t.s,
      t.e,
    );
    parts.push(...buildParts(p, toks, -1, contentEnd, 0));
  }
  return parts;
}

/**
 * Parts up to the closer `stopAt` (left unread), reading toks from p.tokIndex. A literal that
 * absorbs later literal tokens (a heredoc has one per line) gets its range once, when it ends.
 */
function buildParts(p: Parser, toks: TTok[], stopAt: K | -1, contentEnd: number, level: number): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let lit: TemplateLiteral | undefined;
  let litEnd = -1;
  while (p.tokIndex < toks.length) {
    const t = toks[p.tokIndex];
    if (t.k === K.LIT) {
      p.tokIndex++;
      if (lit !== undefined) {
        lit.value += t.v;
        litEnd = t.e;
      } else {
        lit = { type: 'TemplateLiteral', value: t.v, range: p.range(t.s, t.e) };
        parts.push(lit);
      }
      continue;
    }
    if (t.k === K.ELSE || t.k === K.ENDIF || t.k === K.ENDFOR) {
      if ((stopAt === K.ENDIF && t.k !== K.ENDFOR) || (stopAt === K.ENDFOR && t.k === K.ENDFOR) || stopAt === -1) {
        if (litEnd >= 0) lit!.range = p.range(lit!.range.start.offset, litEnd);
        return parts;
      }
      // A closer of the wrong kind inside an open directive.
      p.error('Unexpected "' + (t.k === K.ELSE ? 'else' : t.k === K.ENDIF ? 'endif' : 'endfor') + '" directive', t.s, t.e);
      p.tokIndex++;
      continue;
    }
    if (litEnd >= 0) {
      lit!.range = p.range(lit!.range.start.offset, litEnd);
      litEnd = -1;
    }
    lit = undefined;
    p.tokIndex++;
    if (t.k === K.INTERP) {
      parts.push({
        type: 'TemplateInterpolation',
        expr: t.expr!,
        stripLeft: t.stripL,
        stripRight: t.stripR,
        range: p.range(t.s, t.e),
      });
      continue;
    }
    if (level >= MAX_DEPTH) {
      p.error('Template directives are nested too deeply', t.s, t.e);
      continue;
    }
    if (t.k === K.IF) {
      const then = buildParts(p, toks, K.ENDIF, contentEnd, level + 1);
      let els: TemplatePart[] | undefined;
      if (p.tokIndex < toks.length && toks[p.tokIndex].k === K.ELSE) {
        p.tokIndex++;
        els = buildParts(p, toks, K.ENDIF, contentEnd, level + 1);
        // A second else is an error; it is reported by the loop above.
      }
      let end = contentEnd;
      if (p.tokIndex < toks.length && toks[p.tokIndex].k === K.ENDIF) end = toks[p.tokIndex++].e;
      else p.error('Unclosed "if" directive: expected %{ endif }', t.s, t.e);
      parts.push({ type: 'TemplateIf', condition: t.expr!, then, else: els, range: p.range(t.s, end) });
    } else {
      const body = buildParts(p, toks, K.ENDFOR, contentEnd, level + 1);
      let end = contentEnd;
      if (p.tokIndex < toks.length && toks[p.tokIndex].k === K.ENDFOR) end = toks[p.tokIndex++].e;
      else p.error('Unclosed "for" directive: expected %{ endfor }', t.s, t.e);
      parts.push({
        type: 'TemplateFor',
        keyVar: t.keyVar,
        valueVar: t.valueVar,
        collection: t.expr!,
        body,
        range: p.range(t.s, end),
      });
    }
  }
  if (litEnd >= 0) lit!.range = p.range(lit!.range.start.offset, litEnd);
  return parts;
}

// For the heredoc mode: the line that holds only the closing marker.

/** White space within a line: what `isSpaceCode` accepts except line breaks. */
function isInlineSpace(c: number): boolean {
  return c !== 10 && c !== 13 && isSpaceCode(c);
}

function isIdContinueAt(src: string, i: number): boolean {
  return i < src.length && idContinueLen(src, i) > 0;
}

function matchesAt(src: string, i: number, from: number, to: number): boolean {
  for (let k = from; k < to; k++, i++) if (src.charCodeAt(i) !== src.charCodeAt(k)) return false;
  return true;
}
