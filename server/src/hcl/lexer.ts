// Token scanner for HCL native syntax. It produces one token at a time into its own fields
// (no token objects), because allocation per token dominates the cost of a JS tokenizer.
// Template contents (inside quotes and heredocs) are not tokenized here: the parser reads
// them character by character and calls back into this scanner for `${ }` and `%{ }`.
import type { Comment, SyntaxDiagnostic } from './ast';
import { LineIndex } from './positions';

export const enum T {
  EOF, NL, IDENT, NUMBER, OQUOTE, HEREDOC,
  LBRACE, RBRACE, LBRACK, RBRACK, LPAREN, RPAREN,
  COMMA, DOT, ELLIPSIS, EQ, COLON, QUESTION, ARROW,
  PLUS, MINUS, STAR, SLASH, PERCENT, AND, OR, BANG,
  EQEQ, NEQ, LT, GT, LE, GE, TILDE_RBRACE, BAD,
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

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
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
    const src = this.src;
    const n = this.len;
    let i = this.pos;
    const prev = this.kind;
    for (;;) {
      if (i >= n) {
        this.set(T.EOF, n, n);
        return;
      }
      let c = src.charCodeAt(i);
      // Whitespace.
      if (c === 32 || c === 9) {
        i++;
        continue;
      }
      if (c === 10) {
        this.set(T.NL, i, i + 1);
        return;
      }
      if (c === 13) {
        if (src.charCodeAt(i + 1) === 10) {
          this.set(T.NL, i, i + 2);
          return;
        }
        // HCL knows no lone carriage return.
        this.bad(i, i + 1);
        return;
      }
      const start = i;
      // Identifiers (ASCII fast path).
      if (c < 128 && ID_START_ASCII[c] === 1) {
        i++;
        for (;;) {
          c = src.charCodeAt(i);
          if (c < 128 && ID_CONTINUE_ASCII[c] === 1) i++;
          else break;
        }
        if (c >= 128) i = scanIdent(src, start);
        // `provider::ns::fn` names a namespaced function: keep it as one name.
        while (src.charCodeAt(i) === 58 && src.charCodeAt(i + 1) === 58 && isIdStartAt(src, i + 2)) {
          i = scanIdent(src, i + 2);
        }
        this.set(T.IDENT, start, i);
        return;
      }
      if (isDigit(c)) {
        i++;
        while (isDigit(src.charCodeAt(i))) i++;
        // After a `.`, digits are a legacy index step: `a.0.1` is two steps, not a number.
        if (prev !== T.DOT) {
          if (src.charCodeAt(i) === 46 && isDigit(src.charCodeAt(i + 1))) {
            i += 2;
            while (isDigit(src.charCodeAt(i))) i++;
          }
          c = src.charCodeAt(i);
          if (c === 101 || c === 69) {
            let j = i + 1;
            const s = src.charCodeAt(j);
            if (s === 43 || s === 45) j++;
            if (isDigit(src.charCodeAt(j))) {
              i = j + 1;
              while (isDigit(src.charCodeAt(i))) i++;
            }
          }
        }
        this.set(T.NUMBER, start, i);
        return;
      }
      switch (c) {
        case 34: this.set(T.OQUOTE, i, i + 1); return;
        case 123: this.set(T.LBRACE, i, i + 1); return;
        case 125: this.set(T.RBRACE, i, i + 1); return;
        case 91: this.set(T.LBRACK, i, i + 1); return;
        case 93: this.set(T.RBRACK, i, i + 1); return;
        case 40: this.set(T.LPAREN, i, i + 1); return;
        case 41: this.set(T.RPAREN, i, i + 1); return;
        case 44: this.set(T.COMMA, i, i + 1); return;
        case 58: this.set(T.COLON, i, i + 1); return;
        case 63: this.set(T.QUESTION, i, i + 1); return;
        case 43: this.set(T.PLUS, i, i + 1); return;
        case 45: this.set(T.MINUS, i, i + 1); return;
        case 42: this.set(T.STAR, i, i + 1); return;
        case 37: this.set(T.PERCENT, i, i + 1); return;
        case 46:
          if (src.charCodeAt(i + 1) === 46 && src.charCodeAt(i + 2) === 46) this.set(T.ELLIPSIS, i, i + 3);
          else this.set(T.DOT, i, i + 1);
          return;
        case 61:
          if (src.charCodeAt(i + 1) === 61) this.set(T.EQEQ, i, i + 2);
          else if (src.charCodeAt(i + 1) === 62) this.set(T.ARROW, i, i + 2);
          else this.set(T.EQ, i, i + 1);
          return;
        case 33:
          if (src.charCodeAt(i + 1) === 61) this.set(T.NEQ, i, i + 2);
          else this.set(T.BANG, i, i + 1);
          return;
        case 62:
          if (src.charCodeAt(i + 1) === 61) this.set(T.GE, i, i + 2);
          else this.set(T.GT, i, i + 1);
          return;
        case 38:
          if (src.charCodeAt(i + 1) === 38) this.set(T.AND, i, i + 2);
          else this.bad(i, i + 1);
          return;
        case 124:
          if (src.charCodeAt(i + 1) === 124) this.set(T.OR, i, i + 2);
          else this.bad(i, i + 1);
          return;
        case 126:
          if (src.charCodeAt(i + 1) === 125) this.set(T.TILDE_RBRACE, i, i + 2);
          else this.bad(i, i + 1);
          return;
        case 35: // # line comment
          i = this.lineCommentEnd(i);
          this.addComment('line', start, i);
          continue;
        case 47:
          if (src.charCodeAt(i + 1) === 47) {
            i = this.lineCommentEnd(i);
            this.addComment('line', start, i);
            continue;
          }
          if (src.charCodeAt(i + 1) === 42) {
            const close = src.indexOf('*/', i + 2);
            if (close < 0) {
              this.addComment('block', start, n);
              this.error('Unterminated block comment', start, n);
              i = n;
            } else {
              i = close + 2;
              this.addComment('block', start, i);
            }
            continue;
          }
          this.set(T.SLASH, i, i + 1);
          return;
        case 60:
          if (src.charCodeAt(i + 1) === 60) {
            if (this.heredocStart(i)) return;
            this.bad(i, i + 2);
            return;
          }
          if (src.charCodeAt(i + 1) === 61) this.set(T.LE, i, i + 2);
          else this.set(T.LT, i, i + 1);
          return;
        default:
          if (c >= 128 && isIdStartAt(src, i)) {
            this.set(T.IDENT, start, scanIdent(src, i));
            return;
          }
          if (c === 0xfeff) {
            i++;
            continue;
          }
          // Anything else (binary junk, stray characters): one bad token per code point.
          this.bad(i, i + (c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1));
          return;
      }
    }
  }

  private set(kind: T, start: number, end: number): void {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.pos = end;
  }

  private bad(start: number, end: number): void {
    this.set(T.BAD, start, end);
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

  /** `<<EOT` or `<<-EOT` followed by a line break. */
  private heredocStart(i: number): boolean {
    const src = this.src;
    let j = i + 2;
    let indented = false;
    if (src.charCodeAt(j) === 45) {
      indented = true;
      j++;
    }
    if (!isIdStartAt(src, j)) return false;
    const ms = j;
    j = scanIdent(src, j);
    const me = j;
    let body: number;
    if (src.charCodeAt(j) === 10) body = j + 1;
    else if (src.charCodeAt(j) === 13 && src.charCodeAt(j + 1) === 10) body = j + 2;
    else if (j >= this.len) body = j;
    else return false;
    this.markerStart = ms;
    this.markerEnd = me;
    this.heredocIndented = indented;
    this.heredocBody = body;
    this.set(T.HEREDOC, i, me);
    return true;
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
