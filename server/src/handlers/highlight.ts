// Colour from the syntax tree: the semantic tokens of a Terraform file, computed from the
// parser's tree (every node has a range) and the file's comments, with no LSP types here so
// that the tokenizer is tested on its own. Without HashiCorp's or OpenTofu's extension a `.tf`
// file has no grammar at all, so these tokens are all the colour the user sees.
//
// One walk in source order; the few places the tree does not name (the `for` and `in` of a
// `for` expression, operators, template directives) are read from the text between the
// children of a node, which is short. Policy JSON in a heredoc is read by a small JSON
// scanner that carries its state across the heredoc's interpolations.

import type { Block, Body, Comment, Expression, File, HeredocExpr, TemplatePart } from '../hcl/ast';

/** Standard token types (LSP 3.16), so that every theme has a colour for each. */
export const TOKEN_TYPES = [
  'keyword',
  'type',
  'variable',
  'property',
  'function',
  'string',
  'number',
  'comment',
  'operator',
  'parameter',
  'namespace',
  'enumMember',
] as const;
export const TOKEN_MODIFIERS = ['declaration', 'readonly', 'defaultLibrary'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

const KEYWORD = 0;
const TYPE = 1;
const VARIABLE = 2;
const PROPERTY = 3;
const FUNCTION = 4;
const STRING = 5;
const NUMBER = 6;
const COMMENT = 7;
const OPERATOR = 8;
const PARAMETER = 9;
const NAMESPACE = 10;
const ENUM_MEMBER = 11;

const DECLARATION = 1;
const READONLY = 2;
const DEFAULT_LIBRARY = 4;

/**
 * Tokens as flat quadruples: offset, length, type index, modifier bits. Sorted by offset, not
 * overlapping, none spanning a line break.
 */
export interface Tokens {
  data: number[];
  count: number;
}

export interface HighlightOptions {
  /** Terraform's JSON syntax: the editor's JSON grammar colours keys, strings and numbers. */
  json?: boolean;
  /** A variable file (`.tfvars`): its arguments are variable names. */
  vars?: boolean;
  /** Only what touches these offsets (a range request). */
  from?: number;
  to?: number;
}

/** Block types that are part of Terraform's language rather than a provider's schema. */
const META_BLOCKS = new Set([
  'lifecycle',
  'dynamic',
  'content',
  'provisioner',
  'connection',
  'precondition',
  'postcondition',
  'required_providers',
  'backend',
  'cloud',
]);
/** Top-level blocks whose first label is a type and second a name. */
const TYPED_BLOCKS = new Set(['resource', 'data', 'ephemeral', 'list', 'action']);
const DIRECTIVE_KEYWORDS = new Set(['for', 'in', 'if', 'else', 'endif', 'endfor']);
const SUPPRESSION = /(?<![\w:-])(?:privatelink:(?:ignore-file|ignore)|checkov:skip)(?![\w:-])/;
const RULE_ID = /\b(?:PL\d{3}|CKV2?_[A-Z0-9]+_\d+)\b/g;

/** The semantic tokens of a parsed file, in source order. */
export function highlight(file: File, src: string, options: HighlightOptions = {}): Tokens {
  const h = new Highlighter(src, options);
  h.body(file.body, 0);
  const data = h.out;
  if (options.json) return { data, count: data.length / 4 };
  return mergeComments(data, commentTokens(file.comments, src, options.from ?? 0, options.to ?? Infinity));
}

class Highlighter {
  readonly out: number[] = [];
  private last = 0;
  /** Names bound by enclosing `for` expressions, template `for`s and dynamic blocks. */
  private bound: string[] = [];
  /** Inside a `${ }` of a JSON file, where the JSON grammar gives no colour. */
  private interp = 0;
  private readonly json: boolean;
  private readonly vars: boolean;
  private readonly from: number;
  private readonly to: number;

  constructor(
    private readonly src: string,
    options: HighlightOptions,
  ) {
    this.json = options.json === true;
    this.vars = options.vars === true;
    this.from = options.from ?? 0;
    this.to = options.to ?? Infinity;
  }

  /** Adds a token; one that would overlap or go back (broken input) is dropped. */
  private add(start: number, end: number, type: number, mods = 0): void {
    if (end <= start || start < this.last) return;
    this.out.push(start, end - start, type, mods);
    this.last = end;
  }

  body(body: Body, depth: number, blockType?: string): void {
    for (const item of body.items) {
      if (item.range.end.offset < this.from || item.range.start.offset > this.to) continue;
      if (item.type === 'Block') {
        this.block(item, depth);
        continue;
      }
      if (!this.json) {
        const name = item.name.range;
        const asVariable = (depth === 0 && this.vars) || blockType === 'locals';
        this.add(name.start.offset, name.end.offset, asVariable ? VARIABLE : PROPERTY, DECLARATION);
        this.add(item.equals.start.offset, item.equals.end.offset, OPERATOR);
      }
      if (item.value) this.expr(item.value);
    }
  }

  private block(b: Block, depth: number): void {
    const type = b.blockType.name;
    if (!this.json) {
      const meta = depth === 0 || META_BLOCKS.has(type);
      this.add(b.blockType.range.start.offset, b.blockType.range.end.offset, meta ? KEYWORD : TYPE);
      b.labels.forEach((l, i) => {
        let t = VARIABLE;
        let mods = DECLARATION;
        if (depth > 0 || (TYPED_BLOCKS.has(type) && i === 0) || type === 'provider') [t, mods] = [TYPE, 0];
        else if (type === 'module') t = NAMESPACE;
        this.add(l.range.start.offset, l.range.end.offset, t, mods);
      });
    }
    // The iterator of a dynamic block is its label, or the name its `iterator` gives.
    const iterator = type === 'dynamic' ? dynamicIterator(b) : undefined;
    if (iterator) this.bound.push(iterator);
    this.body(b.body, depth + 1, type);
    if (iterator) this.bound.pop();
  }

  private expr(e: Expression): void {
    switch (e.type) {
      case 'Literal':
        if (this.json && this.interp === 0) return;
        this.add(e.range.start.offset, e.range.end.offset, typeof e.value === 'number' ? NUMBER : KEYWORD);
        return;
      case 'Template':
        this.template(e.parts, e.range.start.offset, e.range.end.offset, this.json ? undefined : (s, t) => this.text(s, t));
        return;
      case 'Heredoc':
        this.heredoc(e);
        return;
      case 'Variable':
      case 'GetAttr':
      case 'Index':
      case 'LegacyIndex':
      case 'Splat':
      case 'SplatItem':
        this.traversal(e);
        return;
      case 'FunctionCall': {
        this.add(e.name.range.start.offset, e.name.range.end.offset, FUNCTION, e.name.name.includes('::') ? 0 : DEFAULT_LIBRARY);
        this.children(e.name.range.end.offset, e.range.end.offset, e.args);
        return;
      }
      case 'For': {
        const names = [e.keyVar, e.valueVar].filter((n): n is string => !!n);
        this.bound.push(...names);
        const kids = [e.collection, ...(e.keyExpr ? [e.keyExpr] : []), e.valueExpr, ...(e.condition ? [e.condition] : [])];
        this.children(e.range.start.offset, e.range.end.offset, kids);
        this.bound.length -= names.length;
        return;
      }
      case 'Tuple':
        this.children(e.range.start.offset, e.range.end.offset, e.items);
        return;
      case 'Object': {
        let cur = e.range.start.offset;
        for (const item of e.items) {
          this.gap(cur, item.key.range.start.offset);
          // A bare key names an attribute, not a variable.
          if (item.key.type === 'Variable') {
            if (!this.json) this.add(item.key.range.start.offset, item.key.range.end.offset, PROPERTY);
          } else this.expr(item.key);
          this.gap(item.key.range.end.offset, item.value.range.start.offset);
          this.expr(item.value);
          cur = item.range.end.offset;
        }
        return;
      }
      case 'Conditional':
        this.children(e.range.start.offset, e.range.end.offset, [e.condition, e.trueExpr, e.falseExpr]);
        return;
      case 'BinaryOp':
        this.children(e.range.start.offset, e.range.end.offset, [e.left, e.right]);
        return;
      case 'UnaryOp':
        this.children(e.range.start.offset, e.range.end.offset, [e.operand]);
        return;
      case 'Parens':
        this.expr(e.expr);
        return;
      default:
        return;
    }
  }

  /** Children in order, with the operators and keywords between them. */
  private children(start: number, end: number, kids: Expression[]): void {
    let cur = start;
    for (const k of kids) {
      if (k.range.start.offset < cur) continue;
      this.gap(cur, k.range.start.offset);
      this.expr(k);
      cur = k.range.end.offset;
    }
    this.gap(cur, end);
  }

  /**
   * A reference: the root names a kind (`var`, `data`, `each`) or a resource type, the next
   * step the thing, the rest its attributes. Read as a list, not by recursion: a chain of
   * steps can be as long as the line.
   */
  private traversal(e: Expression): void {
    const chain: Expression[] = [];
    let root: Expression = e;
    while (root.type === 'GetAttr' || root.type === 'Index' || root.type === 'LegacyIndex' || root.type === 'Splat') {
      chain.push(root);
      root = root.object;
    }
    let kind = Root.Other;
    if (root.type === 'Variable') {
      kind = rootOf(root.name, this.bound);
      const [t, mods] = ROOT_TOKEN[kind];
      this.add(root.range.start.offset, root.range.end.offset, t, mods);
    } else if (root.type !== 'SplatItem') {
      // `f(x).a`, `(x).a`: what follows are attributes.
      this.expr(root);
    }
    for (let k = chain.length - 1, steps = 1; k >= 0; k--, steps++) {
      const step = chain[k];
      if (step.type === 'GetAttr') {
        const [t, mods] = stepToken(kind, steps);
        this.add(step.name.range.start.offset, step.name.range.end.offset, t, mods);
      } else if (step.type === 'Index') this.children(step.object.range.end.offset, step.range.end.offset, [step.key]);
      else if (step.type === 'Splat') this.expr(step.each);
    }
  }

  /**
   * A quoted template or a heredoc's content between `start` and `end`: interpolations and
   * directives are coloured here, the literal text between them goes to `text`.
   */
  private template(parts: TemplatePart[], start: number, end: number, text: ((s: number, e: number) => void) | undefined): void {
    let cur = start;
    for (const part of parts) {
      if (part.type === 'TemplateLiteral') continue;
      const s = part.range.start.offset;
      if (s < cur) continue;
      if (s > cur) text?.(cur, s);
      this.templatePart(part, text);
      cur = part.range.end.offset;
    }
    if (end > cur) text?.(cur, end);
  }

  private templatePart(part: TemplatePart, text: ((s: number, e: number) => void) | undefined): void {
    const s = part.range.start.offset;
    const e = part.range.end.offset;
    switch (part.type) {
      case 'TemplateInterpolation': {
        const inner = part.expr.range;
        this.add(s, Math.min(inner.start.offset, s + (part.stripLeft ? 3 : 2)), KEYWORD);
        this.interp++;
        this.expr(part.expr);
        this.interp--;
        this.directive(inner.end.offset, e);
        return;
      }
      case 'TemplateIf': {
        this.directive(s, part.condition.range.start.offset);
        this.interp++;
        this.expr(part.condition);
        this.interp--;
        let cur = this.directiveClose(part.condition.range.end.offset, e);
        cur = this.section(part.then, cur, e, text);
        if (part.else) cur = this.section(part.else, this.directiveClose(cur, e), e, text);
        this.directive(cur, e);
        return;
      }
      case 'TemplateFor': {
        const names = [part.keyVar, part.valueVar].filter((n): n is string => !!n);
        this.directive(s, part.collection.range.start.offset);
        this.interp++;
        this.expr(part.collection);
        this.interp--;
        this.bound.push(...names);
        const cur = this.section(part.body, this.directiveClose(part.collection.range.end.offset, e), e, text);
        this.bound.length -= names.length;
        this.directive(cur, e);
        return;
      }
      default:
        return;
    }
  }

  /** The parts of a directive's branch, from `start` to the `%{` that ends it. Returns that. */
  private section(parts: TemplatePart[], start: number, limit: number, text: ((s: number, e: number) => void) | undefined): number {
    const after = parts.length ? Math.max(start, parts[parts.length - 1].range.end.offset) : start;
    let end = this.src.indexOf('%{', after);
    if (end < 0 || end > limit) end = limit;
    this.template(parts, start, end, text);
    return end;
  }

  /** Colours the directive from `start` to its closing `}`; returns the offset after it. */
  private directiveClose(start: number, limit: number): number {
    let close = this.src.indexOf('}', start);
    if (close < 0 || close >= limit) close = limit - 1;
    this.directive(start, close + 1);
    return close + 1;
  }

  /** Template directive text: `%{`, `~`, `}`, `if`/`for`/`in`/`else`/`endif`/`endfor`, bound names. */
  private directive(start: number, end: number): void {
    const src = this.src;
    let i = start;
    while (i < end) {
      const c = src.charCodeAt(i);
      if ((c === 37 || c === 36) && src.charCodeAt(i + 1) === 123) {
        this.add(i, i + 2, KEYWORD);
        i += 2;
      } else if (c === 126 || c === 125) {
        this.add(i, i + 1, KEYWORD);
        i++;
      } else if (isIdentStart(c)) {
        const e = identEnd(src, i, end);
        if (DIRECTIVE_KEYWORDS.has(src.slice(i, e))) this.add(i, e, KEYWORD);
        else this.add(i, e, PARAMETER, DECLARATION);
        i = e;
      } else i++;
    }
  }

  /** Between two children of an expression: operators, `for`/`in`/`if`, bound names. */
  private gap(start: number, end: number): void {
    // JSON punctuation is the JSON grammar's; only what a `${ }` holds is ours.
    if (this.json && this.interp === 0) return;
    const src = this.src;
    let i = start;
    while (i < end) {
      const c = src.charCodeAt(i);
      const d = src.charCodeAt(i + 1);
      if (c === 35 || (c === 47 && d === 47)) {
        // A comment: coloured from the file's comment list.
        while (i < end && src.charCodeAt(i) !== 10) i++;
      } else if (c === 47 && d === 42) {
        const close = src.indexOf('*/', i + 2);
        i = close < 0 || close + 2 > end ? end : close + 2;
      } else if (c === 34) {
        // A string here means the tree lost it (broken input): leave the rest uncoloured.
        return;
      } else if (isIdentStart(c)) {
        const e = identEnd(src, i, end);
        const word = src.slice(i, e);
        if (word === 'for' || word === 'in' || word === 'if') this.add(i, e, KEYWORD);
        else this.add(i, e, PARAMETER, DECLARATION);
        i = e;
      } else if (c === 46 && d === 46 && src.charCodeAt(i + 2) === 46) {
        this.add(i, i + 3, OPERATOR);
        i += 3;
      } else if (isOperator(c)) {
        const two = i + 1 < end && (d === 61 || (c === 61 && d === 62) || (c === 38 && d === 38) || (c === 124 && d === 124));
        const len = two ? 2 : 1;
        // `=` and `:` between an object's key and value, comparison and arithmetic alike.
        this.add(i, i + len, OPERATOR);
        i += len;
      } else i++;
    }
  }

  /** Literal text of a quoted template or a plain heredoc: a string token per line. */
  private text(start: number, end: number): void {
    const src = this.src;
    let s = start;
    while (s < end) {
      let nl = src.indexOf('\n', s);
      if (nl < 0 || nl > end) nl = end;
      let a = s;
      // A heredoc's indentation is no part of its text.
      if (a === 0 || src.charCodeAt(a - 1) === 10) while (a < nl && (src.charCodeAt(a) === 32 || src.charCodeAt(a) === 9)) a++;
      let b = nl;
      if (b > a && src.charCodeAt(b - 1) === 13) b--;
      this.add(a, b, STRING);
      s = nl + 1;
    }
  }

  private heredoc(e: HeredocExpr): void {
    const src = this.src;
    const start = e.range.start.offset;
    const content = e.contentRange;
    const opener = start + 2 + (e.indented ? 1 : 0) + e.marker.length;
    this.add(start, Math.min(opener, content.start.offset), KEYWORD);
    const jsonBody = firstNonSpace(src, content.start.offset, content.end.offset);
    const json = jsonBody === 123 || jsonBody === 91 ? new JsonScanner(src, (s, t, k) => this.add(s, t, k)) : undefined;
    this.template(e.parts, content.start.offset, content.end.offset, json ? (s, t) => json.scan(s, t) : (s, t) => this.text(s, t));
    const end = e.range.end.offset;
    if (src.startsWith(e.marker, end - e.marker.length) && end - e.marker.length >= content.end.offset) {
      this.add(end - e.marker.length, end, KEYWORD);
    }
  }
}

const enum Root {
  /** `var`, `local`, `module`, `path`, `terraform`: the next step is a name. */
  Named,
  /** `data`: a type, then a name. */
  Data,
  /** `each`, `count`: the next step is a value Terraform gives. */
  Instance,
  /** A name bound by `for` or a dynamic block. */
  Bound,
  /** A resource type: the next step is a resource's name. */
  Resource,
  /** `self` and whatever is not a name (a call, parentheses). */
  Other,
}

const ROOT_TOKEN: Record<Root, [number, number]> = {
  [Root.Named]: [NAMESPACE, DEFAULT_LIBRARY],
  [Root.Data]: [NAMESPACE, DEFAULT_LIBRARY],
  [Root.Instance]: [NAMESPACE, DEFAULT_LIBRARY],
  [Root.Bound]: [PARAMETER, 0],
  [Root.Resource]: [TYPE, 0],
  [Root.Other]: [NAMESPACE, DEFAULT_LIBRARY],
};

function rootOf(name: string, bound: readonly string[]): Root {
  if (bound.includes(name)) return Root.Bound;
  switch (name) {
    case 'var':
    case 'local':
    case 'module':
    case 'path':
    case 'terraform':
    case 'ephemeral':
      return Root.Named;
    case 'data':
      return Root.Data;
    case 'each':
    case 'count':
      return Root.Instance;
    case 'self':
      return Root.Other;
    default:
      return Root.Resource;
  }
}

function stepToken(root: Root, step: number): [number, number] {
  switch (root) {
    case Root.Named:
      return step === 1 ? [VARIABLE, READONLY] : [PROPERTY, 0];
    case Root.Data:
      return step === 1 ? [TYPE, 0] : step === 2 ? [VARIABLE, READONLY] : [PROPERTY, 0];
    case Root.Instance:
      return step === 1 ? [VARIABLE, READONLY | DEFAULT_LIBRARY] : [PROPERTY, 0];
    case Root.Resource:
      return step === 1 ? [VARIABLE, READONLY] : [PROPERTY, 0];
    default:
      return [PROPERTY, 0];
  }
}

function dynamicIterator(b: Block): string | undefined {
  for (const item of b.body.items) {
    if (item.type === 'Attribute' && item.name.name === 'iterator' && item.value?.type === 'Variable') return item.value.name;
  }
  return b.labels[0]?.value;
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function identEnd(src: string, i: number, end: number): number {
  i++;
  while (i < end) {
    const c = src.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45) i++;
    else break;
  }
  return i;
}

/** `= ! < > + - * / % & | ? :` */
function isOperator(c: number): boolean {
  return (
    c === 61 ||
    c === 33 ||
    c === 60 ||
    c === 62 ||
    c === 43 ||
    c === 45 ||
    c === 42 ||
    c === 47 ||
    c === 37 ||
    c === 38 ||
    c === 124 ||
    c === 63 ||
    c === 58
  );
}

function firstNonSpace(src: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return c;
  }
  return -1;
}

/**
 * JSON in a heredoc, read piece by piece between the heredoc's interpolations: a string cut
 * by `${ }` goes on after it. Keys and values are told apart by where they stand (after `{`
 * or `,` in an object, a key), so no look-ahead across pieces is needed.
 */
class JsonScanner {
  private stack: number[] = [];
  private expectKey = false;
  /** Inside a string: STRING or PROPERTY, else -1. */
  private inString = -1;

  constructor(
    private readonly src: string,
    private readonly emit: (start: number, end: number, type: number) => void,
  ) {}

  scan(start: number, end: number): void {
    const src = this.src;
    let i = start;
    while (i < end) {
      if (this.inString >= 0) {
        i = this.stringRun(i, i, end);
        continue;
      }
      const c = src.charCodeAt(i);
      if (c === 34) {
        this.inString = this.expectKey && this.stack[this.stack.length - 1] === 123 ? PROPERTY : STRING;
        i = this.stringRun(i, i + 1, end);
      } else if (c === 123 || c === 91) {
        this.stack.push(c);
        this.expectKey = c === 123;
        i++;
      } else if (c === 125 || c === 93) {
        this.stack.pop();
        this.expectKey = false;
        i++;
      } else if (c === 44) {
        this.expectKey = this.stack[this.stack.length - 1] === 123;
        i++;
      } else if (c === 58) {
        this.expectKey = false;
        i++;
      } else if (c === 45 || (c >= 48 && c <= 57)) {
        let j = i + 1;
        while (j < end && isNumberPart(src.charCodeAt(j))) j++;
        this.emit(i, j, NUMBER);
        i = j;
      } else if (c >= 97 && c <= 122) {
        let j = i + 1;
        while (j < end && src.charCodeAt(j) >= 97 && src.charCodeAt(j) <= 122) j++;
        const word = src.slice(i, j);
        if (word === 'true' || word === 'false' || word === 'null') this.emit(i, j, KEYWORD);
        i = j;
      } else i++;
    }
  }

  /**
   * The string that started at `from` (or before this piece), read from `i`: it ends at its
   * closing quote or a line break, or goes on into the next piece. Returns where to go on.
   */
  private stringRun(from: number, i: number, end: number): number {
    const src = this.src;
    let j = i;
    for (; j < end; j++) {
      const d = src.charCodeAt(j);
      if (d === 92) j++;
      else if (d === 34 || d === 10) break;
    }
    j = Math.min(j, end);
    const closed = j < end && src.charCodeAt(j) === 34;
    this.emit(from, closed ? j + 1 : j, this.inString);
    if (j < end) this.inString = -1;
    return closed ? j + 1 : j;
  }
}

function isNumberPart(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45;
}

/**
 * Comments, a token per line; in a suppression comment the directive and the rule ids get
 * their own colour so that a mistyped id stands out.
 */
function commentTokens(comments: Comment[], src: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (const c of comments) {
    const s = c.range.start.offset;
    const e = c.range.end.offset;
    if (e < from || s > to) continue;
    let a = s;
    while (a < e) {
      let nl = src.indexOf('\n', a);
      if (nl < 0 || nl > e) nl = e;
      let b = nl;
      if (b > a && src.charCodeAt(b - 1) === 13) b--;
      lineComment(src, a, b, out);
      a = nl + 1;
    }
  }
  return out;
}

function lineComment(src: string, a: number, b: number, out: number[]): void {
  if (b <= a) return;
  const line = src.slice(a, b);
  const m = line.includes(':') ? SUPPRESSION.exec(line) : null;
  if (!m) {
    out.push(a, b - a, COMMENT, 0);
    return;
  }
  const d = a + m.index;
  if (d > a) out.push(a, d - a, COMMENT, 0);
  out.push(d, m[0].length, KEYWORD, 0);
  let cur = d + m[0].length;
  // Rule ids before the reason (`--`) only.
  const reason = line.indexOf('--', cur - a);
  const idsEnd = reason < 0 ? b : a + reason;
  RULE_ID.lastIndex = cur - a;
  for (let r = RULE_ID.exec(line); r && a + r.index < idsEnd; r = RULE_ID.exec(line)) {
    const rs = a + r.index;
    if (rs > cur) out.push(cur, rs - cur, COMMENT, 0);
    out.push(rs, r[0].length, ENUM_MEMBER, 0);
    cur = rs + r[0].length;
  }
  if (b > cur) out.push(cur, b - cur, COMMENT, 0);
}

/** Two sorted token lists as one (comments sit between the tree's tokens). */
function mergeComments(tree: number[], comments: number[]): Tokens {
  if (comments.length === 0) return { data: tree, count: tree.length / 4 };
  const out: number[] = [];
  let i = 0;
  let j = 0;
  let last = 0;
  const take = (arr: number[], k: number) => {
    // A tree token that overlaps a comment is the tree's mistake on broken input: drop it.
    if (arr[k] < last) return;
    out.push(arr[k], arr[k + 1], arr[k + 2], arr[k + 3]);
    last = arr[k] + arr[k + 1];
  };
  while (i < tree.length || j < comments.length) {
    if (j >= comments.length || (i < tree.length && tree[i] < comments[j])) {
      take(tree, i);
      i += 4;
    } else {
      take(comments, j);
      j += 4;
    }
  }
  return { data: out, count: out.length / 4 };
}

/**
 * LSP's relative encoding (line delta, start delta, length, type, modifiers), a token per
 * line: a token that runs past a line break is cut at each.
 */
export function encodeTokens(tokens: Tokens, lineStarts: readonly number[], src: string): number[] {
  const out: number[] = [];
  const d = tokens.data;
  let line = 0;
  let prevLine = 0;
  let prevChar = 0;
  const nLines = lineStarts.length;
  for (let k = 0; k < d.length; k += 4) {
    let s = d[k];
    const e = s + d[k + 1];
    while (s < e) {
      while (line + 1 < nLines && lineStarts[line + 1] <= s) line++;
      let lineEnd = line + 1 < nLines ? lineStarts[line + 1] - 1 : src.length;
      if (lineEnd > 0 && src.charCodeAt(lineEnd - 1) === 13 && line + 1 < nLines) lineEnd--;
      const t = Math.min(e, lineEnd);
      if (t > s) {
        const ch = s - lineStarts[line];
        out.push(line - prevLine, line === prevLine ? ch - prevChar : ch, t - s, d[k + 2], d[k + 3]);
        prevLine = line;
        prevChar = ch;
      }
      if (t >= e || line + 1 >= nLines) break;
      s = lineStarts[line + 1];
    }
  }
  return out;
}

/** A token decoded, for tests and tools: zero-based line and character. */
export interface DecodedToken {
  line: number;
  character: number;
  length: number;
  type: TokenType;
  modifiers: TokenModifier[];
}

export function decodeTokens(data: readonly number[]): DecodedToken[] {
  const out: DecodedToken[] = [];
  let line = 0;
  let ch = 0;
  for (let k = 0; k + 4 < data.length + 1; k += 5) {
    line += data[k];
    ch = data[k] === 0 ? ch + data[k + 1] : data[k + 1];
    out.push({
      line,
      character: ch,
      length: data[k + 2],
      type: TOKEN_TYPES[data[k + 3]],
      modifiers: TOKEN_MODIFIERS.filter((_, i) => (data[k + 4] & (1 << i)) !== 0),
    });
  }
  return out;
}
