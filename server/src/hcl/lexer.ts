// Token scanner for HCL native syntax. It produces one token at a time into its own fields
// (no token objects), because allocation per token dominates the cost of a JS tokenizer.
// Template contents (inside quotes and heredocs) are not tokenized here: the parser reads
// them character by character and calls back into this scanner for `${ }` and `%{ }`.
import type { Comment, SyntaxDiagnostic } from './ast';
import { LineIndex } from './positions';

export const enum T {
  EOF,
  NL,
  IDENT,
  NUMBER,
  OQUOTE,
  HEREDOC,
  LBRACE,
  RBRACE,
  LBRACK,
  RBRACK,
  LPAREN,
  RPAREN,
  COMMA,
  DOT,
  ELLIPSIS,
  EQ,
  COLON,
  QUESTION,
  ARROW,
  PLUS,
  MINUS,
  STAR,
  SLASH,
  PERCENT,
  AND,
  OR,
  BANG,
  EQEQ,
  NEQ,
  LT,
  GT,
  LE,
  GE,
  TILDE_RBRACE,
  BAD,
  /** An identifier at column 0 that starts a block header, met while newlines were skipped. */
  BREAK,
}

const ID_START_ASCII = new Uint8Array(128);
const ID_CONTINUE_ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  ID_START_ASCII[c] = letter ? 1 : 0;
  ID_CONTINUE_ASCII[c] = letter || (c >= 48 && c <= 57) || c === 45 ? 1 : 0;
}

const ID_START = /^[\p{ID_Start}]$/u;
const ID_CONTINUE = /^[\p{ID_Continue}]$/u;

/** ASCII letters, `_`, and any code unit >= 0x80 that begins an ID_Start code point. */
export function isIdStartAt(src: string, i: number): boolean {
  const c = src.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  if (Number.isNaN(c)) return false;
  return ID_START.test(String.fromCodePoint(src.codePointAt(i)!));
}

/** Length in code units of the identifier-continue character at `i`, or 0. */
export function idContinueLen(src: string, i: number): number {
  const c = src.charCodeAt(i);
  if (c < 128) {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 ? 1 : 0;
  }
  if (Number.isNaN(c)) return 0;
  const cp = src.codePointAt(i)!;
  if (!ID_CONTINUE.test(String.fromCodePoint(cp))) return 0;
  return cp > 0xffff ? 2 : 1;
}

/** End offset of the identifier starting at `i` (which must be an ID_Start). */
export function scanIdent(src: string, i: number): number {
  const n = src.length;
  const c0 = src.charCodeAt(i);
  i += c0 >= 0xd800 && c0 <= 0xdbff ? 2 : 1;
  while (i < n) {
    const c = src.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45) {
      i++;
      continue;
    }
    if (c < 128) break;
    const l = idContinueLen(src, i);
    if (l === 0) break;
    i += l;
  }
  return i;
}

/** Token kind of each ASCII character that is a whole token by itself, else NOT_SINGLE. */
const NOT_SINGLE = 255;
const SINGLE = new Uint8Array(128).fill(NOT_SINGLE);
SINGLE[34] = T.OQUOTE;
SINGLE[123] = T.LBRACE;
SINGLE[125] = T.RBRACE;
SINGLE[91] = T.LBRACK;
SINGLE[93] = T.RBRACK;
SINGLE[40] = T.LPAREN;
SINGLE[41] = T.RPAREN;
SINGLE[44] = T.COMMA;
SINGLE[58] = T.COLON;
SINGLE[63] = T.QUESTION;
SINGLE[43] = T.PLUS;
SINGLE[45] = T.MINUS;
SINGLE[42] = T.STAR;
SINGLE[37] = T.PERCENT;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** An exponent with digits (`e5`, `E+5`, `e-5`) at `i`. */
export function exponentAt(src: string, i: number): boolean {
  const c = src.charCodeAt(i);
  if (c !== 101 && c !== 69) return false;
  const s = src.charCodeAt(i + 1);
  return isDigit(s) || ((s === 43 || s === 45) && isDigit(src.charCodeAt(i + 2)));
}

export class Lexer {
  readonly src: string;
  readonly len: number;
  readonly lines: LineIndex;
  readonly comments: Comment[] = [];
  readonly diagnostics: SyntaxDiagnostic[];
  /** Current token. */
  kind: T = T.EOF;
  start = 0;
  end = 0;
  /** The current token's kind (a call, so type narrowing does not stick across scans). */
  k(): T {
    return this.kind;
  }
  /** Scan position (end of the current token). */
  pos = 0;
  /** For HEREDOC: the marker's bounds, whether it is `<<-`, and where its content begins. */
  markerStart = 0;
  markerEnd = 0;
  heredocIndented = false;
  heredocBody = 0;
  /** Start of the last identifier scanned with `::` in it (rare, so no flag is reset per token). */
  namespacedAt = -1;
  private lastCommentEnd = -1;

  constructor(src: string, lines: LineIndex, diagnostics: SyntaxDiagnostic[]) {
    this.src = src;
    this.len = src.length;
    this.lines = lines;
    this.diagnostics = diagnostics;
    if (src.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  error(message: string, start: number, end: number): void {
    const d = this.diagnostics;
    // One error per place: recovery often trips over the same token several times.
    if (d.length > 0 && d[d.length - 1].range.start.offset === start) return;
    d.push({ message, range: this.lines.range(start, end), severity: 'error' });
  }

  /** True when the current token starts at column 0. */
  atColumnZero(): boolean {
    const s = this.start;
    if (s === 0) return true;
    const c = this.src.charCodeAt(s - 1);
    return c === 10 || c === 13 || (s === 1 && c === 0xfeff);
  }

  private addComment(kind: 'line' | 'block', start: number, end: number): void {
    // A token may be re-scanned after recovery; keep each comment once.
    if (start <= this.lastCommentEnd) return;
    this.lastCommentEnd = start;
    this.comments.push({ kind, text: this.src.slice(start, end), range: this.lines.range(start, end) });
  }

  /** Scan the next token. */
  next(): void {
    // Every branch only picks `kind` and moves `i` to the token's end; the fields are written
    // once at the bottom, which keeps this hot function small enough for V8 to optimise whole.
    const src = this.src;
    const n = this.len;
    let i = this.pos;
    let kind: T;
    let start: number;
    for (;;) {
      if (i >= n) {
        kind = T.EOF;
        start = i = n;
        break;
      }
      let c = src.charCodeAt(i);
      // Whitespace.
      if (c === 32 || c === 9) {
        i++;
        continue;
      }
      start = i;
      // Identifiers (ASCII fast path).
      if (c < 128 && ID_START_ASCII[c] === 1) {
        i++;
        for (;;) {
          c = src.charCodeAt(i);
          if (c < 128 && ID_CONTINUE_ASCII[c] === 1) i++;
          else break;
        }
        if (c >= 128) {
          i = scanIdent(src, start);
          c = src.charCodeAt(i);
        }
        // `provider::ns::fn` names a namespaced function: keep it as one name.
        while (c === 58 && src.charCodeAt(i + 1) === 58 && isIdStartAt(src, i + 2)) {
          i = scanIdent(src, i + 2);
          c = src.charCodeAt(i);
          this.namespacedAt = start;
        }
        kind = T.IDENT;
        break;
      }
      if (c === 10) {
        kind = T.NL;
        this.lines.addLine(++i);
        break;
      }
      // Punctuation that is always one character: a table lookup instead of a switch.
      if (c < 128) {
        const single = SINGLE[c];
        if (single !== NOT_SINGLE) {
          kind = single;
          i++;
          break;
        }
      }
      if (isDigit(c)) {
        i = this.numberEnd(i);
        kind = T.NUMBER;
        break;
      }
      i++;
      // Single-character tokens leave `i` after the character; longer ones move it further.
      switch (c) {
        case 13:
          if (src.charCodeAt(i) === 10) {
            kind = T.NL;
            this.lines.addLine(++i);
          } else kind = T.BAD; // HCL knows no lone carriage return.
          break;
        case 46:
          if (src.charCodeAt(i) === 46 && src.charCodeAt(i + 1) === 46) {
            kind = T.ELLIPSIS;
            i += 2;
          } else kind = T.DOT;
          break;
        case 61: {
          const d = src.charCodeAt(i);
          if (d === 61) {
            kind = T.EQEQ;
            i++;
          } else if (d === 62) {
            kind = T.ARROW;
            i++;
          } else kind = T.EQ;
          break;
        }
        case 33:
          if (src.charCodeAt(i) === 61) {
            kind = T.NEQ;
            i++;
          } else kind = T.BANG;
          break;
        case 62:
          if (src.charCodeAt(i) === 61) {
            kind = T.GE;
            i++;
          } else kind = T.GT;
          break;
        case 38:
          if (src.charCodeAt(i) === 38) {
            kind = T.AND;
            i++;
          } else kind = T.BAD;
          break;
        case 124:
          if (src.charCodeAt(i) === 124) {
            kind = T.OR;
            i++;
          } else kind = T.BAD;
          break;
        case 126:
          if (src.charCodeAt(i) === 125) {
            kind = T.TILDE_RBRACE;
            i++;
          } else kind = T.BAD;
          break;
        case 35: // # line comment
          i = this.lineCommentEnd(i);
          this.addComment('line', start, i);
          continue;
        case 47:
          if (src.charCodeAt(i) === 47) {
            i = this.lineCommentEnd(i);
            this.addComment('line', start, i);
            continue;
          }
          if (src.charCodeAt(i) === 42) {
            i = this.blockCommentEnd(start);
            continue;
          }
          kind = T.SLASH;
          break;
        case 60:
          if (src.charCodeAt(i) === 60) {
            const e = this.heredocStart(start);
            if (e >= 0) {
              kind = T.HEREDOC;
              i = e;
            } else {
              kind = T.BAD;
              i++;
            }
          } else if (src.charCodeAt(i) === 61) {
            kind = T.LE;
            i++;
          } else kind = T.LT;
          break;
        default:
          if (c >= 128 && isIdStartAt(src, start)) {
            kind = T.IDENT;
            i = scanIdent(src, start);
            break;
          }
          // A byte order mark is skipped only at the start of the file (the constructor); HCL
          // rejects one anywhere else.
          // Anything else (binary junk, stray characters): one bad token per code point.
          kind = T.BAD;
          if (c >= 0xd800 && c <= 0xdbff && i < n) i++;
          break;
      }
      break;
    }
    this.kind = kind;
    this.start = start;
    this.end = i;
    this.pos = i;
  }

  /** End of the number starting at `i`. */
  private numberEnd(i: number): number {
    const src = this.src;
    i++;
    while (isDigit(src.charCodeAt(i))) i++;
    // After a `.`, digits are a legacy index step: `a.0.1` is read as two steps, not a number
    // (the parser reports the chain, which HCL rejects); an exponent still belongs to the step.
    if (this.kind !== T.DOT && src.charCodeAt(i) === 46) {
      if (isDigit(src.charCodeAt(i + 1))) {
        i += 2;
        while (isDigit(src.charCodeAt(i))) i++;
      } else if (exponentAt(src, i + 1)) i++; // `1.e5`: HCL reads it as one number
    }
    const c = src.charCodeAt(i);
    if (c === 101 || c === 69) {
      let j = i + 1;
      const s = src.charCodeAt(j);
      if (s === 43 || s === 45) j++;
      if (isDigit(src.charCodeAt(j))) {
        i = j + 1;
        while (isDigit(src.charCodeAt(i))) i++;
      }
    }
    return i;
  }

  /** A block comment starting at `start`: records it and returns where scanning resumes. */
  private blockCommentEnd(start: number): number {
    const n = this.len;
    const src = this.src;
    const close = src.indexOf('*/', start + 2);
    const end = close < 0 ? n : close + 2;
    for (let nl = src.indexOf('\n', start); nl >= 0 && nl < end; nl = src.indexOf('\n', nl + 1)) this.lines.addLine(nl + 1);
    if (close < 0) {
      this.addComment('block', start, n);
      this.error('Unterminated block comment', start, n);
      return n;
    }
    this.addComment('block', start, close + 2);
    return close + 2;
  }

  /** End of a `#` or `//` comment, before its line break (the break stays a NL token). */
  private lineCommentEnd(i: number): number {
    const src = this.src;
    const n = this.len;
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === 10) break;
      if (c === 13 && src.charCodeAt(i + 1) === 10) break;
      i++;
    }
    return i;
  }

  /** `<<EOT` or `<<-EOT` followed by a line break: returns the token's end, or -1. */
  private heredocStart(i: number): number {
    const src = this.src;
    let j = i + 2;
    let indented = false;
    if (src.charCodeAt(j) === 45) {
      indented = true;
      j++;
    }
    if (!isIdStartAt(src, j)) return -1;
    const ms = j;
    j = scanIdent(src, j);
    const me = j;
    let body: number;
    if (src.charCodeAt(j) === 10) body = j + 1;
    else if (src.charCodeAt(j) === 13 && src.charCodeAt(j + 1) === 10) body = j + 2;
    else if (j >= this.len) body = j;
    else return -1;
    // The line break after the marker belongs to this token.
    if (body > j) this.lines.addLine(body);
    this.markerStart = ms;
    this.markerEnd = me;
    this.heredocIndented = indented;
    this.heredocBody = body;
    return me;
  }
}

/**
 * Whether `i` starts a block header: an identifier, then labels (quoted strings without
 * interpolation, or identifiers), then `{`, all on one line. Used to find where a top-level
 * block begins after an unclosed one.
 */
export function looksLikeBlockHeader(src: string, i: number): boolean {
  const n = src.length;
  if (!isIdStartAt(src, i)) return false;
  i = scanIdent(src, i);
  for (;;) {
    while (i < n && (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9)) i++;
    if (i >= n) return false;
    const c = src.charCodeAt(i);
    if (c === 123) return true;
    if (c === 34) {
      i++;
      for (;;) {
        if (i >= n) return false;
        const d = src.charCodeAt(i);
        if (d === 34) break;
        if (d === 10 || d === 13) return false;
        if (d === 92) i++;
        else if (d === 36 && src.charCodeAt(i + 1) === 123) return false;
        i++;
      }
      i++;
      continue;
    }
    if (isIdStartAt(src, i)) {
      i = scanIdent(src, i);
      continue;
    }
    return false;
  }
}
