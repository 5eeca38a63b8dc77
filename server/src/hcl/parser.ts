// Recursive-descent parser for HCL native syntax (hashicorp/hcl hclsyntax/spec.md).
// Never throws: syntax errors become diagnostics and the tree keeps whatever parsed.
// Recovery works at line and block granularity, and a top-level block header at column 0
// ends any construct left open above it, so one broken block cannot hide the next.
// Quoted strings and their templates are read in templates.ts, heredocs in heredocs.ts.
import type {
  Attribute,
  BinaryOperator,
  Block,
  BlockLabel,
  Expression,
  File,
  Identifier,
  ObjectItem,
  Range,
  SyntaxDiagnostic,
} from './ast';
import { parseHeredoc } from './heredocs';
import { Lexer, T, exponentAt, looksLikeBlockHeader } from './lexer';
import { MAX_DEPTH } from './limits';
import { LineIndex, computeLineStarts } from './positions';
import { parseQuoted, plainStringStop } from './templates';

// Defined in limits.ts, which templates.ts shares; index.ts and the tests import it from here.
export { MAX_DEPTH };

/** Parse HCL native syntax. `uri` is recorded on the File as given. */
export function parse(text: string, uri: string): File {
  return new Parser(text, uri).parseFile();
}

const TOP_LEVEL = new Set([
  'resource',
  'data',
  'module',
  'variable',
  'output',
  'locals',
  'provider',
  'terraform',
  'moved',
  'import',
  'check',
  'removed',
]);

function binaryPrec(k: T): number {
  switch (k) {
    case T.OR:
      return 1;
    case T.AND:
      return 2;
    case T.EQEQ:
    case T.NEQ:
      return 3;
    case T.LT:
    case T.GT:
    case T.LE:
    case T.GE:
      return 4;
    case T.PLUS:
    case T.MINUS:
      return 5;
    case T.STAR:
    case T.SLASH:
    case T.PERCENT:
      return 6;
    default:
      return 0;
  }
}

function binaryOp(k: T): BinaryOperator {
  switch (k) {
    case T.OR:
      return '||';
    case T.AND:
      return '&&';
    case T.EQEQ:
      return '==';
    case T.NEQ:
      return '!=';
    case T.LT:
      return '<';
    case T.GT:
      return '>';
    case T.LE:
      return '<=';
    case T.GE:
      return '>=';
    case T.PLUS:
      return '+';
    case T.MINUS:
      return '-';
    case T.STAR:
      return '*';
    case T.SLASH:
      return '/';
    default:
      return '%';
  }
}

/**
 * The parser and its state. Exported for templates.ts and heredocs.ts, whose functions take
 * it as their first argument: the members without `private` are the ones they use. Not part
 * of the package's surface (index.ts does not export it).
 */
export class Parser {
  readonly src: string;
  private readonly uri: string;
  readonly lx: Lexer;
  readonly lines: LineIndex;
  readonly lineStarts: number[];
  private readonly diagnostics: SyntaxDiagnostic[] = [];
  /** Inside `( )`, `[ ]`, `${ }` and `for` newlines are not significant. */
  nlSkip = false;
  depth = 0;
  /** Set when an open construct was ended by a top-level block header at column 0. */
  private topBreak = false;
  /** Set by scanTemplate (templates.ts): the offset after the closing quote or marker. */
  templateEnd = 0;
  /** Set by decodeEscape (templates.ts): the offset after the escape. */
  escapeEnd = 0;
  /** buildParts' (templates.ts) read position in the flat template tokens. */
  tokIndex = 0;

  constructor(text: string, uri: string) {
    this.src = text;
    this.uri = uri;
    // Without carriage returns every line break is a `\n` that the scan passes, and it reports
    // them as it goes; otherwise the lone `\r` breaks inside strings and comments need a search.
    this.lines = text.indexOf('\r') < 0 ? LineIndex.growing() : new LineIndex(computeLineStarts(text));
    this.lineStarts = this.lines.lineStarts as number[];
    this.lx = new Lexer(text, this.lines, this.diagnostics);
  }

  // ---- helpers ---------------------------------------------------------------------------

  range(start: number, end: number): Range {
    return this.lines.range(start, end);
  }

  error(message: string, start: number, end: number): void {
    this.lx.error(message, start, end);
  }

  errorHere(message: string): void {
    const lx = this.lx;
    if (lx.k() === T.NL || lx.k() === T.EOF) this.error(message, lx.start, lx.start);
    else this.error(message, lx.start, lx.end);
  }

  advance(): void {
    const lx = this.lx;
    lx.next();
    if (this.nlSkip) {
      while (lx.k() === T.NL) {
        lx.next();
        if (lx.k() === T.IDENT && lx.atColumnZero() && looksLikeBlockHeader(this.src, lx.start)) {
          lx.kind = T.BREAK;
          this.topBreak = true;
          break;
        }
      }
    }
  }

  text(start: number, end: number): string {
    return this.src.slice(start, end);
  }

  isKeyword(word: string): boolean {
    const lx = this.lx;
    if (lx.k() !== T.IDENT || lx.end - lx.start !== word.length) return false;
    return this.src.startsWith(word, lx.start);
  }

  /** Skip the rest of the line (raw characters, so a stray quote cannot swallow the file). */
  private skipLine(): void {
    const lx = this.lx;
    if (lx.k() === T.NL || lx.k() === T.EOF || lx.k() === T.BREAK) return;
    const src = this.src;
    let i = lx.start;
    const n = src.length;
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === 10 || (c === 13 && src.charCodeAt(i + 1) === 10)) break;
      i++;
    }
    lx.pos = i;
    const save = this.nlSkip;
    this.nlSkip = false;
    this.advance();
    this.nlSkip = save;
  }

  /**
   * Skip tokens up to (not including) a closer that would close an enclosing construct,
   * iteratively, so arbitrarily deep input costs no stack.
   */
  private skipBalanced(): void {
    const lx = this.lx;
    let open = 0;
    for (;;) {
      const k = lx.k();
      if (k === T.EOF || k === T.BREAK) return;
      if (k === T.NL && open === 0 && !this.nlSkip) return;
      if (k === T.LBRACE || k === T.LBRACK || k === T.LPAREN) open++;
      else if (k === T.RBRACE || k === T.RBRACK || k === T.RPAREN) {
        if (open === 0) return;
        open--;
      } else if (k === T.OQUOTE) {
        this.skipQuoted();
        continue;
      } else if (k === T.HEREDOC) {
        parseHeredoc(this);
        continue;
      }
      this.advance();
    }
  }

  /** Skip a quoted string raw (used while skipping over over-deep input). */
  private skipQuoted(): void {
    const src = this.src;
    const n = src.length;
    let i = this.lx.end;
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === 34 || c === 10) break;
      if (c === 92) i++;
      i++;
    }
    if (src.charCodeAt(i) === 34) i++;
    this.lx.pos = i;
    this.advance();
  }

  // ---- file and bodies --------------------------------------------------------------------

  parseFile(): File {
    const lx = this.lx;
    this.advance();
    const items: (Attribute | Block)[] = [];
    this.parseBodyItems(items, true, 0);
    const n = this.src.length;
    const range = this.range(0, n);
    // Recovery reports an unclosed construct after what it found inside; present them in order.
    const d = this.diagnostics;
    if (d.length > 1) d.sort((a, b) => a.range.start.offset - b.range.start.offset);
    return {
      type: 'File',
      uri: this.uri,
      body: { type: 'Body', items, range },
      comments: lx.comments,
      diagnostics: this.diagnostics,
      lineStarts: this.lineStarts,
      range,
    };
  }

  /**
   * Parse body items until `}` (left current), EOF, or, inside a block, a top-level block
   * header that shows the block was left open. Returns true when stopped by such a header.
   */
  private parseBodyItems(items: (Attribute | Block)[], top: boolean, headerCol: number, inCheck = false): boolean {
    const lx = this.lx;
    let indented = false;
    let first = true;
    // Attributes of this body so far, for HCL's "set only once": a body has a handful, so a
    // scan of them costs less than a map (made only for a body of many).
    let attrs: Attribute[] | undefined;
    let byName: Map<string, Attribute> | undefined;
    for (;;) {
      const k = lx.k();
      if (k === T.NL) {
        this.advance();
        continue;
      }
      if (k === T.EOF) return false;
      if (k === T.RBRACE) {
        if (!top) return false;
        this.error('Unexpected "}": no block is open here', lx.start, lx.end);
        this.advance();
        continue;
      }
      if (k === T.BREAK) lx.kind = T.IDENT;
      if (lx.k() === T.IDENT) {
        if (top) this.topBreak = false;
        else {
          const col0 = lx.atColumnZero();
          if (first) indented = !col0 || headerCol > 0;
          // A `check` block holds `data` blocks of its own (scoped data sources): one at column 0
          // there is written unindented, not a sign that the check was left open.
          if (
            col0 &&
            (indented || this.topBreak || this.isTopLevelKeyword()) &&
            looksLikeBlockHeader(this.src, lx.start) &&
            !(inCheck && this.isKeyword('data'))
          )
            return true;
        }
        first = false;
        const item = this.parseItem();
        items.push(item);
        if (item.type === 'Attribute') {
          // HCL rejects a body that sets an argument twice.
          const name = item.name.name;
          let was: Attribute | undefined;
          if (byName) was = byName.get(name);
          else if (attrs) {
            for (let a = 0; a < attrs.length; a++) {
              if (attrs[a].name.name === name) {
                was = attrs[a];
                break;
              }
            }
          }
          if (was)
            this.error(
              `Argument "${name}" is already set on line ${was.name.range.start.line + 1}: an argument may be set only once`,
              item.name.range.start.offset,
              item.name.range.end.offset,
            );
          else if (byName) byName.set(name, item);
          else if (!attrs) attrs = [item];
          else if (attrs.push(item) > 16) byName = new Map(attrs.map((a) => [a.name.name, a]));
        }
        continue;
      }
      this.errorHere(k === T.BAD ? 'Invalid character' : 'Expected an attribute or block definition');
      this.skipLine();
    }
  }

  /**
   * A Terraform top-level block type: at column 0 inside a block it means the block above was
   * left open (typing a new block above existing ones), even when that block has no items yet.
   */
  private isTopLevelKeyword(): boolean {
    const lx = this.lx;
    const len = lx.end - lx.start;
    if (len < 4 || len > 9) return false;
    return TOP_LEVEL.has(this.text(lx.start, lx.end));
  }

  private ident(): Identifier {
    const lx = this.lx;
    return { type: 'Identifier', name: this.text(lx.start, lx.end), range: this.range(lx.start, lx.end) };
  }

  private parseItem(): Attribute | Block {
    const lx = this.lx;
    const name = this.ident();
    this.advance();
    if (lx.k() === T.EQ) return this.parseAttribute(name, false);
    return this.parseBlock(name, false);
  }

  /**
   * The body of a single-line block, `name { a = 1 }`: text after the `{` on its line makes
   * the block single-line, and then it holds one argument and ends with `}` right after it
   * (HCL rejects anything else: a second argument, a nested block, a line break before `}`).
   * Leaves the closing `}` current when the line has one; at a line break the block is read
   * on as a multi-line body.
   */
  private parseSingleLineBody(items: (Attribute | Block)[]): void {
    const lx = this.lx;
    if (lx.k() !== T.IDENT) {
      this.errorHere(
        lx.k() === T.OQUOTE
          ? 'Argument names must not be quoted'
          : lx.k() === T.BAD
            ? 'Invalid character'
            : 'Expected an attribute or block definition',
      );
      this.skipRestOfItem();
      return;
    }
    const name = this.ident();
    this.advance();
    if (lx.k() === T.EQ) {
      items.push(this.parseAttribute(name, true));
      return;
    }
    this.error(
      'A single-line block holds only one argument: put a nested block on a line of its own',
      name.range.start.offset,
      name.range.end.offset,
    );
    items.push(this.parseBlock(name, true));
  }

  /**
   * Skip the rest of a broken item's line, stopping before a `}` that would close the enclosing
   * block, so `a = 1 b = 2 }` still ends its block.
   */
  private skipRestOfItem(): void {
    const lx = this.lx;
    let open = 0;
    for (;;) {
      const k = lx.k();
      if (k === T.NL || k === T.EOF || k === T.BREAK) return;
      if (k === T.HEREDOC) {
        // Its body runs over the next lines: skip raw instead of reading it as tokens.
        this.skipLine();
        return;
      }
      if (k === T.OQUOTE) {
        this.skipQuoted();
        continue;
      }
      if (k === T.LBRACE || k === T.LBRACK || k === T.LPAREN) open++;
      else if (k === T.RBRACE || k === T.RBRACK || k === T.RPAREN) {
        if (open > 0) open--;
        else if (k === T.RBRACE) return;
      }
      this.advance();
    }
  }

  /**
   * `closeOk`: the item is a single-line block's argument, which ends with the block's `}`;
   * any other item ends with its line.
   */
  private parseAttribute(name: Identifier, closeOk: boolean): Attribute {
    const lx = this.lx;
    const eqStart = lx.start;
    const eqEnd = lx.end;
    const equals = this.range(eqStart, eqEnd);
    this.advance();
    let value: Expression | undefined;
    let end = equals.end;
    if (lx.k() === T.NL || lx.k() === T.EOF || lx.k() === T.RBRACE) {
      this.error('Expected an expression after "="', eqStart, eqEnd);
    } else {
      value = this.parseExpression();
      // `range` is read once: the value can be any kind of node, so each read is a slow lookup.
      const r = value.range;
      if (value.type === 'Error' && r.start.offset === r.end.offset) value = undefined;
      else end = r.end;
    }
    const k = lx.k();
    if (closeOk) {
      if (k === T.NL || k === T.EOF) {
        this.errorHere('A single-line block must end with "}" on the line of its argument');
      } else if (k !== T.RBRACE) {
        this.errorHere('A single-line block holds one argument and ends with "}" right after it');
        this.skipRestOfItem();
      }
    } else if (k === T.RBRACE) {
      // The `}` is left to close the block: only the missing line break is wrong.
      this.errorHere('Missing newline after the argument: an argument ends at the end of its line, so "}" goes on the next line');
    } else if (k !== T.NL && k !== T.EOF) {
      this.errorHere('Unexpected text after the attribute value; an attribute ends at the end of its line');
      this.skipRestOfItem();
    }
    return { type: 'Attribute', name, value, equals, range: { start: name.range.start, end } };
  }

  /** `closeOk`: as for parseAttribute, the block is the item of a single-line block. */
  private parseBlock(blockType: Identifier, closeOk: boolean): Block {
    const lx = this.lx;
    const labels: BlockLabel[] = [];
    let end = blockType.range.end.offset;
    for (;;) {
      if (lx.k() === T.IDENT) {
        labels.push({ type: 'BlockLabel', value: this.text(lx.start, lx.end), quoted: false, range: this.range(lx.start, lx.end) });
        end = lx.end;
        this.advance();
      } else if (lx.k() === T.OQUOTE) {
        const s = lx.start;
        const q = plainStringStop(this.src, lx.end);
        if (this.src.charCodeAt(q) === 34) {
          // A plain label (the usual case) needs no template nodes to be made and dropped.
          labels.push({ type: 'BlockLabel', value: this.text(s + 1, q), quoted: true, range: this.range(s, q + 1) });
          end = q + 1;
          lx.pos = q + 1;
          this.advance();
          continue;
        }
        const t = parseQuoted(this);
        end = t.range.end.offset;
        let value: string;
        if (t.parts.length === 1 && t.parts[0].type === 'TemplateLiteral') value = t.parts[0].value;
        else {
          this.error('Block labels may not contain interpolations or directives', s, end);
          value = this.text(s + 1, Math.max(s + 1, end - 1));
        }
        labels.push({ type: 'BlockLabel', value, quoted: true, range: t.range });
      } else break;
    }
    const items: (Attribute | Block)[] = [];
    if (lx.k() !== T.LBRACE) {
      this.errorHere(
        labels.length === 0 && lx.k() !== T.IDENT && lx.k() !== T.OQUOTE
          ? 'Expected "=" for an attribute, or a block body'
          : 'Expected "{" to open the block body',
      );
      this.skipLine();
      // No body: an empty one at the end of the header.
      const headerEnd = this.lines.pos(end);
      return {
        type: 'Block',
        blockType,
        labels,
        body: { type: 'Body', items, range: { start: headerEnd, end: headerEnd } },
        openBrace: undefined,
        closeBrace: undefined,
        range: { start: blockType.range.start, end: headerEnd },
      };
    }
    // The nodes are made once the body is parsed, with their final ranges.
    const openStart = lx.start;
    const openBrace = this.range(lx.start, lx.end);
    end = lx.end;
    this.advance();
    if (this.depth >= MAX_DEPTH) {
      this.error('Blocks are nested too deeply', openStart, end);
      let open = 1;
      while (lx.k() !== T.EOF) {
        if (lx.k() === T.LBRACE) open++;
        else if (lx.k() === T.RBRACE && --open === 0) break;
        this.advance();
      }
    } else {
      this.depth++;
      const col = blockType.range.start.character;
      const k1 = lx.k();
      if (k1 !== T.NL && k1 !== T.EOF && k1 !== T.RBRACE && k1 !== T.BREAK) this.parseSingleLineBody(items);
      const inCheck = this.depth === 1 && blockType.name === 'check';
      const headerBreak = lx.k() === T.RBRACE ? false : this.parseBodyItems(items, false, col, inCheck);
      this.depth--;
      if (headerBreak || lx.k() !== T.RBRACE) {
        this.error('Unclosed block: expected "}" to end the block', openStart, openStart + 1);
        const endPos = items.length > 0 ? items[items.length - 1].range.end : openBrace.end;
        return {
          type: 'Block',
          blockType,
          labels,
          body: { type: 'Body', items, range: { start: openBrace.start, end: endPos } },
          openBrace,
          closeBrace: undefined,
          range: { start: blockType.range.start, end: endPos },
        };
      }
    }
    let endPos = openBrace.end;
    let closeBrace: Range | undefined;
    if (lx.k() === T.RBRACE) {
      closeBrace = this.range(lx.start, lx.end);
      endPos = closeBrace.end;
      this.advance();
    }
    const block: Block = {
      type: 'Block',
      blockType,
      labels,
      body: { type: 'Body', items, range: { start: openBrace.start, end: endPos } },
      openBrace,
      closeBrace,
      range: { start: blockType.range.start, end: endPos },
    };
    const k = lx.k();
    if (k === T.RBRACE) {
      if (!closeOk) this.errorHere('Missing newline after the block: a block ends at the end of its line, so "}" goes on the next line');
    } else if (k !== T.NL && k !== T.EOF && k !== T.BREAK) {
      this.errorHere('Unexpected text after the block; a block ends at the end of its line');
      this.skipRestOfItem();
    }
    return block;
  }

  // ---- expressions ------------------------------------------------------------------------

  parseExpression(): Expression {
    const lx = this.lx;
    if (this.depth >= MAX_DEPTH) {
      const s = lx.start;
      this.error('Expression is nested too deeply', s, lx.end);
      this.skipBalanced();
      return { type: 'Error', range: this.range(s, Math.max(s, lx.start)) };
    }
    this.depth++;
    // Most expressions are one operand: the operator loop is entered only when one follows.
    let cond = this.parseOperand();
    if (binaryPrec(lx.k()) !== 0) cond = this.parseBinaryFrom(cond, 1);
    let result = cond;
    if (lx.k() === T.QUESTION) {
      this.advance();
      const trueExpr = this.parseExpression();
      let falseExpr: Expression;
      if (lx.k() === T.COLON) {
        this.advance();
        falseExpr = this.parseExpression();
      } else {
        this.errorHere('Expected ":" in the conditional expression');
        falseExpr = { type: 'Error', range: this.range(lx.start, lx.start) };
      }
      result = {
        type: 'Conditional',
        condition: cond,
        trueExpr,
        falseExpr,
        range: { start: cond.range.start, end: falseExpr.range.end },
      };
    }
    this.depth--;
    return result;
  }

  private parseBinary(minPrec: number): Expression {
    return this.parseBinaryFrom(this.parseOperand(), minPrec);
  }

  /** Operators and their right operands after `left`, binding at least as tight as minPrec. */
  private parseBinaryFrom(left: Expression, minPrec: number): Expression {
    const lx = this.lx;
    for (;;) {
      const prec = binaryPrec(lx.k());
      if (prec === 0 || prec < minPrec) return left;
      const operator = binaryOp(lx.k());
      this.advance();
      const right = this.parseBinary(prec + 1);
      left = {
        type: 'BinaryOp',
        operator,
        left,
        right,
        range: { start: left.range.start, end: right.range.end },
      };
    }
  }

  /** A unary expression: prefix operators, a primary and its postfix steps. */
  private parseOperand(): Expression {
    const lx = this.lx;
    const k = lx.k();
    if (k === T.BANG || k === T.MINUS) return this.parseUnary();
    const e = this.parsePrimary();
    const k2 = lx.k();
    // Most terms have no postfix: skip the call.
    return k2 === T.DOT || k2 === T.LBRACK ? this.parsePostfix(e) : e;
  }

  private parseUnary(): Expression {
    const lx = this.lx;
    if (lx.k() === T.BANG || lx.k() === T.MINUS) {
      const operator = lx.k() === T.BANG ? '!' : '-';
      const s = lx.start;
      this.advance();
      if (this.depth >= MAX_DEPTH) {
        this.error('Expression is nested too deeply', s, lx.start);
        this.skipBalanced();
        return { type: 'Error', range: this.range(s, Math.max(s, lx.start)) };
      }
      this.depth++;
      const operand = this.parseUnary();
      this.depth--;
      return { type: 'UnaryOp', operator, operand, range: { start: this.lines.pos(s), end: operand.range.end } };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePostfix(expr: Expression): Expression {
    const lx = this.lx;
    const k0 = lx.k();
    // Most terms have no postfix: return before touching the (polymorphic) node.
    if (k0 !== T.DOT && k0 !== T.LBRACK) return expr;
    const startPos = expr.range.start;
    const start = startPos.offset;
    for (;;) {
      if (lx.k() === T.DOT) {
        const dot = lx.start;
        this.advance();
        if (lx.k() === T.IDENT) {
          const name = this.ident();
          expr = { type: 'GetAttr', object: expr, name, range: { start: startPos, end: name.range.end } };
          this.advance();
        } else if (lx.k() === T.NUMBER) {
          this.checkLegacyIndex();
          expr = {
            type: 'LegacyIndex',
            object: expr,
            index: Number(this.text(lx.start, lx.end)),
            range: { start: startPos, end: this.lines.pos(lx.end) },
          };
          this.advance();
        } else if (lx.k() === T.STAR) {
          expr = this.parseSplat(expr, false, dot, lx.end);
        } else {
          this.error('Expected an attribute name after "."', dot, lx.k() === T.NL || lx.k() === T.EOF ? dot + 1 : lx.end);
          return expr;
        }
      } else if (lx.k() === T.LBRACK) {
        const open = lx.start;
        if (this.isSplatBracket(lx.end)) {
          const close = this.src.indexOf(']', lx.end) + 1;
          expr = this.parseSplat(expr, true, open, close);
        } else {
          expr = this.parseIndex(expr, start);
        }
      } else {
        return expr;
      }
    }
  }

  /**
   * A legacy index step (`x.0`) directly followed by another (`x.0.1`): HCL reads `0.1` as one
   * number and rejects it, where `x[0][1]` is meant.
   */
  private checkLegacyIndex(): void {
    const lx = this.lx;
    if (this.numberChained(lx.end))
      this.error('Invalid legacy index: two index steps may not be chained like this; write [0][1] instead', lx.start, lx.end + 2);
  }

  /**
   * A number token ending at `end` is followed by `.` and a digit or an exponent: HCL reads it
   * all as one number (`1.2.3`, `0.1` in `x.0.1`, `1.e5` in `x.1.e5`) and rejects it.
   */
  private numberChained(end: number): boolean {
    const src = this.src;
    if (src.charCodeAt(end) !== 46) return false;
    const d = src.charCodeAt(end + 1);
    return (d >= 48 && d <= 57) || exponentAt(src, end + 1);
  }

  /** The next character from `i` on, after spaces and tabs, is `*`. */
  private isStarAfter(i: number): boolean {
    const src = this.src;
    while (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9) i++;
    return src.charCodeAt(i) === 42;
  }

  /** `[` at `i`-1 is followed by `*` and `]` (whitespace between allowed). */
  private isSplatBracket(i: number): boolean {
    const src = this.src;
    while (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9) i++;
    if (src.charCodeAt(i) !== 42) return false;
    i++;
    while (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9) i++;
    return src.charCodeAt(i) === 93;
  }

  private parseIndex(object: Expression, start: number): Expression {
    const lx = this.lx;
    const save = this.nlSkip;
    this.nlSkip = true;
    this.advance();
    const key = this.parseExpression();
    this.nlSkip = save;
    let end = key.range.end.offset;
    if (lx.k() === T.RBRACK) {
      end = lx.end;
      this.advance();
    } else {
      this.errorHere('Expected "]" to close the index');
      this.skipToCloser(T.RBRACK);
      if (lx.k() === T.RBRACK) {
        end = lx.end;
        this.advance();
      }
    }
    return { type: 'Index', object, key, range: this.range(start, end) };
  }

  /** After `.*` or `[*]` (the marker spans markStart..markEnd; current token is its last). */
  private parseSplat(object: Expression, full: boolean, markStart: number, markEnd: number): Expression {
    const lx = this.lx;
    const start = object.range.start.offset;
    lx.pos = markEnd;
    this.advance();
    let each: Expression = { type: 'SplatItem', range: this.range(markStart, markEnd) };
    let end = markEnd;
    for (;;) {
      // Another splat inside a full splat's traversal (`x[*].a[*].b`, `x[*].*.ids`) applies to
      // each element, as in HCL, and takes the rest of the traversal.
      if (full && lx.k() === T.LBRACK && this.isSplatBracket(lx.end)) {
        const open = lx.start;
        each = this.parseSplat(each, true, open, this.src.indexOf(']', lx.end) + 1);
        end = each.range.end.offset;
        break;
      }
      if (lx.k() === T.DOT && this.isStarAfter(lx.end)) {
        // After an attribute-only splat (`x.*.y.*.z`, which HCL rejects) it is read as a splat
        // of the result, by the traversal around.
        if (!full) break;
        const dot = lx.start;
        this.advance();
        each = this.parseSplat(each, false, dot, lx.end);
        end = each.range.end.offset;
        break;
      }
      if (lx.k() === T.DOT) {
        const dot = lx.start;
        this.advance();
        if (lx.k() === T.IDENT) {
          each = { type: 'GetAttr', object: each, name: this.ident(), range: this.range(markStart, lx.end) };
          end = lx.end;
          this.advance();
        } else if (lx.k() === T.NUMBER) {
          this.checkLegacyIndex();
          each = { type: 'LegacyIndex', object: each, index: Number(this.text(lx.start, lx.end)), range: this.range(markStart, lx.end) };
          end = lx.end;
          this.advance();
        } else {
          this.error('Expected an attribute name after "."', dot, lx.k() === T.NL || lx.k() === T.EOF ? dot + 1 : lx.end);
          break;
        }
      } else if (full && lx.k() === T.LBRACK && !this.isSplatBracket(lx.end)) {
        each = this.parseIndex(each, markStart);
        end = each.range.end.offset;
      } else break;
    }
    return { type: 'Splat', full, object, each, range: this.range(start, end) };
  }

  /** Skip to the given closer at this nesting level (left current), or to a line/file end. */
  private skipToCloser(closer: T): void {
    const lx = this.lx;
    for (;;) {
      this.skipBalanced();
      const k = lx.k();
      if (k === closer || k === T.EOF || k === T.BREAK || k === T.NL) return;
      if (k === T.RBRACE || k === T.RBRACK || k === T.RPAREN) {
        // A closer of another kind: the construct is broken; let the enclosing levels decide.
        return;
      }
      this.advance();
    }
  }

  private parsePrimary(): Expression {
    const lx = this.lx;
    const s = lx.start;
    switch (lx.k()) {
      case T.NUMBER: {
        const raw = this.text(s, lx.end);
        const e = lx.end;
        if (this.numberChained(e)) this.error('Invalid number: it is followed by another "." part', s, e + 2);
        else if (hugeExponent(raw)) this.error('Invalid number: its exponent is out of range', s, e);
        this.advance();
        return { type: 'Literal', value: Number(raw), raw, range: this.range(s, e) };
      }
      case T.IDENT: {
        const e = lx.end;
        const len = e - s;
        const src = this.src;
        const c0 = src.charCodeAt(s);
        if (len === 4 && c0 === 116 && src.startsWith('true', s)) {
          this.advance();
          return { type: 'Literal', value: true, raw: 'true', range: this.range(s, e) };
        }
        if (len === 5 && c0 === 102 && src.startsWith('false', s)) {
          this.advance();
          return { type: 'Literal', value: false, raw: 'false', range: this.range(s, e) };
        }
        if (len === 4 && c0 === 110 && src.startsWith('null', s)) {
          this.advance();
          return { type: 'Literal', value: null, raw: 'null', range: this.range(s, e) };
        }
        const name = this.text(s, e);
        // Read before advancing: the next token may be another namespaced name.
        const namespaced = lx.namespacedAt === s;
        this.advance();
        if (lx.k() === T.LPAREN) return this.parseCall(name, s, e);
        if (namespaced) this.error('Expected "(" after a namespaced function name', s, e);
        return { type: 'Variable', name, range: this.range(s, e) };
      }
      case T.OQUOTE:
        return parseQuoted(this);
      case T.HEREDOC:
        return parseHeredoc(this);
      case T.LBRACK:
        return this.parseTuple();
      case T.LBRACE:
        return this.parseObject();
      case T.LPAREN: {
        const save = this.nlSkip;
        this.nlSkip = true;
        this.advance();
        const expr = this.parseExpression();
        this.nlSkip = save;
        let end = expr.range.end.offset;
        if (lx.k() === T.RPAREN) {
          end = lx.end;
          this.advance();
        } else {
          this.errorHere('Expected ")" to close the parenthesis');
          this.skipToCloser(T.RPAREN);
          if (lx.k() === T.RPAREN) {
            end = lx.end;
            this.advance();
          }
        }
        return { type: 'Parens', expr, range: this.range(s, end) };
      }
      case T.NL:
      case T.EOF:
      case T.BREAK:
      case T.RBRACE:
      case T.RBRACK:
      case T.RPAREN:
      case T.COMMA:
        this.errorHere('Expected an expression');
        return { type: 'Error', range: this.range(s, s) };
      default: {
        this.errorHere(lx.k() === T.BAD ? 'Invalid character' : 'Expected an expression');
        const e = lx.end;
        this.advance();
        return { type: 'Error', range: this.range(s, e) };
      }
    }
  }

  private parseCall(name: string, s: number, nameEnd: number): Expression {
    const lx = this.lx;
    // Made now, while the name's line is the current one (arguments may span many lines).
    const nameRange = this.range(s, nameEnd);
    const save = this.nlSkip;
    this.nlSkip = true;
    this.advance();
    const args: Expression[] = [];
    let expandFinal = false;
    let end = lx.start;
    for (;;) {
      if (lx.k() === T.RPAREN) break;
      if (lx.k() === T.EOF || lx.k() === T.BREAK) break;
      args.push(this.parseExpression());
      if (lx.k() === T.ELLIPSIS) {
        expandFinal = true;
        this.advance();
        if (lx.k() !== T.RPAREN) {
          this.errorHere('Expected ")" after the expanded final argument');
          this.skipToCloser(T.RPAREN);
        }
        break;
      }
      if (lx.k() === T.COMMA) {
        this.advance();
        continue;
      }
      if (lx.k() !== T.RPAREN) {
        this.errorHere('Expected "," or ")" in the function call');
        this.skipToCloser(T.RPAREN);
        break;
      }
    }
    this.nlSkip = save;
    if (lx.k() === T.RPAREN) {
      end = lx.end;
      this.advance();
    } else {
      if (args.length > 0) end = args[args.length - 1].range.end.offset;
      else end = nameEnd;
      this.error('Unclosed function call: expected ")"', s, nameEnd);
    }
    return {
      type: 'FunctionCall',
      name: { type: 'Identifier', name, range: nameRange },
      args,
      expandFinal,
      range: { start: nameRange.start, end: this.lines.pos(end) },
    };
  }

  /**
   * `for` right after `[` or `{`: HCL reads a for expression whatever follows, so `[for]` and
   * `{for = 1}` are errors, not a variable or a key named `for`.
   */
  private atFor(): boolean {
    return this.isKeyword('for');
  }

  private parseTuple(): Expression {
    const lx = this.lx;
    const s = lx.start;
    const save = this.nlSkip;
    this.nlSkip = true;
    this.advance();
    if (this.atFor()) return this.parseFor('tuple', s, save);
    // The start position is made while its line is the current one.
    const startPos = this.lines.pos(s);
    const items: Expression[] = [];
    for (;;) {
      if (lx.k() === T.RBRACK || lx.k() === T.EOF || lx.k() === T.BREAK) break;
      items.push(this.parseExpression());
      if (lx.k() === T.COMMA) {
        this.advance();
        continue;
      }
      if (lx.k() !== T.RBRACK) {
        this.errorHere('Expected "," or "]" in the tuple');
        this.skipToCloser(T.RBRACK);
        if (lx.k() === T.NL) this.advance();
        break;
      }
    }
    this.nlSkip = save;
    return { type: 'Tuple', items, range: { start: startPos, end: this.lines.pos(this.closeWith(T.RBRACK, s, items, 'tuple', '"]"')) } };
  }

  /** Consume the closer if current and return the construct's end offset; report if missing. */
  private closeWith(closer: T, s: number, items: { range: Range }[], what: string, token: string): number {
    const lx = this.lx;
    if (lx.k() === closer) {
      const end = lx.end;
      this.advance();
      return end;
    }
    this.error(`Unclosed ${what}: expected ${token}`, s, s + 1);
    return items.length > 0 ? items[items.length - 1].range.end.offset : s + 1;
  }

  private parseObject(): Expression {
    const lx = this.lx;
    const s = lx.start;
    const save = this.nlSkip;
    this.nlSkip = true;
    this.advance();
    if (this.atFor()) return this.parseFor('object', s, save);
    const startPos = this.lines.pos(s);
    this.nlSkip = false;
    const items: ObjectItem[] = [];
    for (;;) {
      const k = lx.k();
      // Line breaks may repeat between items; a comma only ends an item (read below), so
      // `a = 1,, b = 2` and a comma that starts a line after an item are errors, as in HCL.
      if (k === T.NL) {
        this.advance();
        continue;
      }
      if (k === T.RBRACE || k === T.EOF) break;
      if (k === T.BREAK) break;
      if (k === T.IDENT && lx.atColumnZero() && looksLikeBlockHeader(this.src, lx.start)) {
        this.topBreak = true;
        lx.kind = T.BREAK;
        break;
      }
      const key = this.parseExpression();
      if (lx.k() !== T.EQ && lx.k() !== T.COLON) {
        this.errorHere('Expected "=" or ":" after the object key');
        this.skipObjectItem();
        continue;
      }
      const separator = lx.k() === T.EQ ? '=' : ':';
      this.advance();
      const value = this.parseExpression();
      items.push({ type: 'ObjectItem', key, value, separator, range: { start: key.range.start, end: value.range.end } });
      const k2 = lx.k();
      if (k2 === T.COMMA || k2 === T.NL) {
        this.advance();
        continue;
      }
      if (k2 !== T.RBRACE) {
        if (k2 === T.EOF || k2 === T.BREAK) break;
        this.errorHere('Expected a newline, "," or "}" after the object item');
        this.skipObjectItem();
      }
    }
    this.nlSkip = save;
    return { type: 'Object', items, range: { start: startPos, end: this.lines.pos(this.closeWith(T.RBRACE, s, items, 'object', '"}"')) } };
  }

  private skipObjectItem(): void {
    const lx = this.lx;
    for (;;) {
      this.skipBalanced();
      const k = lx.k();
      if (k === T.NL || k === T.COMMA) {
        this.advance();
        return;
      }
      if (k === T.EOF || k === T.BREAK || k === T.RBRACE) return;
      this.advance();
    }
  }

  private parseFor(kind: 'tuple' | 'object', s: number, save: boolean): Expression {
    const lx = this.lx;
    // Current token is `for`; newlines are skipped throughout.
    this.nlSkip = true;
    this.advance();
    let keyVar: string | undefined;
    let valueVar = '';
    const closer = kind === 'tuple' ? T.RBRACK : T.RBRACE;
    const bail = (): Expression => {
      this.skipToCloser(closer);
      this.nlSkip = save;
      const e = lx.k() === closer ? lx.end : Math.max(s + 1, lx.start);
      if (lx.k() === closer) this.advance();
      return { type: 'Error', range: this.range(s, e) };
    };
    if (lx.k() === T.IDENT) {
      valueVar = this.text(lx.start, lx.end);
      this.advance();
    } else {
      this.errorHere('Expected a variable name after "for"');
      return bail();
    }
    if (lx.k() === T.COMMA) {
      this.advance();
      keyVar = valueVar;
      if (lx.k() === T.IDENT) {
        valueVar = this.text(lx.start, lx.end);
        this.advance();
      } else this.errorHere('Expected a value variable name');
    }
    let keyExpr: Expression | undefined;
    let condition: Expression | undefined;
    let group = false;
    if (!this.isKeyword('in')) {
      this.errorHere('Expected "in" in the for expression');
      return bail();
    }
    this.advance();
    const collection = this.parseExpression();
    if (lx.k() !== T.COLON) {
      this.errorHere('Expected ":" in the for expression');
      return bail();
    }
    this.advance();
    if (kind === 'object') {
      keyExpr = this.parseExpression();
      if (lx.k() !== T.ARROW) {
        this.errorHere('Expected "=>" in the object for expression');
        return bail();
      }
      this.advance();
    }
    const valueExpr = this.parseExpression();
    if (kind === 'object' && lx.k() === T.ELLIPSIS) {
      group = true;
      this.advance();
    }
    if (this.isKeyword('if')) {
      this.advance();
      condition = this.parseExpression();
    }
    if (lx.k() !== closer) {
      this.errorHere(`Expected ${kind === 'tuple' ? '"]"' : '"}"'} to end the for expression`);
      this.skipToCloser(closer);
    }
    this.nlSkip = save;
    let end: number;
    if (lx.k() === closer) {
      end = lx.end;
      this.advance();
    } else {
      this.error('Unclosed for expression', s, s + 1);
      end = (condition ?? valueExpr).range.end.offset;
    }
    return {
      type: 'For',
      kind,
      keyVar,
      valueVar,
      collection,
      keyExpr,
      valueExpr,
      group,
      condition,
      range: this.range(s, end),
    };
  }
}

/**
 * A number whose exponent HCL cannot represent (its arbitrary-precision numbers keep a 32-bit
 * binary exponent): about two billion decimal places either way, a little less for a long
 * mantissa. Such literals are rejected; a larger but representable one is only infinite here.
 */
function hugeExponent(raw: string): boolean {
  let e = raw.indexOf('e');
  if (e < 0) e = raw.indexOf('E');
  if (e < 0) return false;
  const exp = Number(raw.slice(e + 1));
  if (Math.abs(exp) < 2e9) return false;
  const mantissa = raw.slice(0, e);
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '').replace(/^0+/, '');
  if (digits === '' || /^0*$/.test(digits)) return false;
  const frac = dot < 0 ? 0 : mantissa.length - dot - 1;
  return Math.abs(exp - frac) + digits.length * 4 > 2147483000;
}
