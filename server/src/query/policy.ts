// Reads endpoint policy documents, whichever way the module writes them: `jsonencode({...})`,
// a heredoc or a quoted string of JSON, `data.aws_iam_policy_document.x.json`, on the endpoint
// or through an `aws_vpc_endpoint_policy`. The result is a small JSON-like tree whose nodes may
// be unknown and remember where they were written, so rules can point at a statement.

import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Attribute, Block, Expression, Node, Range, TemplatePart } from '../hcl/ast';
import { walk } from '../hcl/walk';
import type { ModuleInstance, NestedBlock, ResourceInstance, SourceFile } from '../model/types';
import { str, type Value } from '../model/value';
import { pos } from '../fixes/edits';
import { headerRange, policyOf } from './wiring';
import { query, type Anchored } from '../incremental/memo';

export interface Loc {
  uri: string;
  range: Range;
}

/** `span`: offsets in the JSON text, for documents read from a heredoc or a string. */
export type PNode =
  | { kind: 'unknown'; loc?: Loc; span?: number }
  | { kind: 'scalar'; value: string | number | boolean | null; loc?: Loc; span?: number }
  | { kind: 'array'; items: PNode[]; loc?: Loc; span?: number }
  | { kind: 'object'; props: Map<string, PProp>; loc?: Loc; span?: number };

export interface PProp {
  key: string;
  value: PNode;
  /** The whole `key = value` / `"key": value`. */
  loc?: Loc;
}

/** How the policy text is written, with what a fix needs to edit it. */
export type PolicyForm =
  | { kind: 'jsonencode'; call: Expression }
  | { kind: 'text'; file: SourceFile; json: string; tree: JsonNode | undefined; map: number[]; ends: number[]; quoted: boolean }
  | { kind: 'data'; source: ResourceInstance }
  | { kind: 'other' };

export interface SyntaxError {
  message: string;
  loc: Loc;
}

export interface PolicyDoc {
  /** The resource whose `policy` argument holds it: the endpoint or an `aws_vpc_endpoint_policy`. */
  holder: ResourceInstance;
  attr: Attribute;
  doc: PNode;
  form: PolicyForm;
  /** JSON syntax errors of a literal heredoc or string (first one first). */
  syntaxErrors: SyntaxError[];
  /** Where the policy is written (the attribute value, or the data source's header). */
  loc: Loc;
}

const UNKNOWN: PNode = { kind: 'unknown' };
/** Stands for an interpolation inside policy text; a private-use character JSON accepts in strings. */
const HOLE = '\uE000';

// ---------------------------------------------------------------------------------------------
// Access helpers, three-valued: `undefined` means unknown.

export function prop(n: PNode | undefined, key: string): PProp | undefined {
  return n && n.kind === 'object' ? n.props.get(key) : undefined;
}

/** A string, or a list of strings; undefined when any piece is unknown or not a string. */
export function stringsOf(n: PNode | undefined): string[] | undefined {
  if (!n) return undefined;
  if (n.kind === 'scalar') return typeof n.value === 'string' ? [n.value] : undefined;
  if (n.kind !== 'array') return undefined;
  const out: string[] = [];
  for (const i of n.items) {
    if (i.kind !== 'scalar' || typeof i.value !== 'string') return undefined;
    out.push(i.value);
  }
  return out;
}

export function scalarString(n: PNode | undefined): string | undefined {
  return n && n.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined;
}

/** The statements of a document: `Statement` may be one object or a list. */
export function statementsOf(doc: PNode): PNode[] | undefined {
  const s = prop(doc, 'Statement');
  if (!s) return undefined;
  if (s.value.kind === 'object') return [s.value];
  if (s.value.kind === 'array') return s.value.items;
  return undefined;
}

/** True when the node and everything inside it is known. */
export function wholly(n: PNode): boolean {
  if (n.kind === 'unknown') return false;
  if (n.kind === 'array') return n.items.every(wholly);
  if (n.kind === 'object') return [...n.props.values()].every((p) => wholly(p.value));
  return true;
}

/** The best location for a node: its own, else its parent's. */
export function locOf(n: PNode | PProp | undefined, fallback: Loc): Loc {
  return n?.loc ?? fallback;
}

// ---------------------------------------------------------------------------------------------
// Reading the policy of an endpoint.

/**
 * policyOf, with `policy = null` (as modules write `try(each.value.policy, null)`) counted as
 * absent, the way Terraform treats a null argument.
 */
export function endpointPolicy(ep: ResourceInstance): ReturnType<typeof policyOf> {
  const p = policyOf(ep);
  if (p.present && p.value?.kind === 'null') {
    if (!p.resource) return { present: false, value: undefined };
    return { present: undefined, value: undefined };
  }
  return p;
}

/**
 * Whether the module declares policy documents as data sources (then a fix writing a policy
 * writes one too). One pass over the module's names per run, not one per endpoint: a module
 * with thousands of endpoints without a policy would otherwise cost endpoints x names.
 */
export const usesPolicyDocuments: (m: ModuleInstance) => boolean = query((m: ModuleInstance): boolean => {
  for (const k of m.index.keys()) if (k.startsWith('data.aws_iam_policy_document.')) return true;
  return false;
});

/** The endpoint's policy document; undefined when it has none or none can be seen. */
export function readEndpointPolicy(ep: ResourceInstance): PolicyDoc | undefined {
  const p = endpointPolicy(ep);
  if (p.present !== true || !p.attr) return undefined;
  return readPolicyAttr(p.resource ?? ep);
}

/**
 * Reads the `policy` argument of a resource (an endpoint or an `aws_vpc_endpoint_policy`).
 * Three rules read every endpoint's policy, and a shared policy is read once per endpoint: a
 * query, kept across edits while nothing it read changed. A document read from text holds
 * places worked out from offsets in its file; when an edit above moves the text, they move
 * with it.
 */
export function readPolicyAttr(holder: ResourceInstance): PolicyDoc | undefined {
  return policyDocOf(holder);
}

const policyDocOf = query(
  (holder: ResourceInstance): PolicyDoc | undefined => {
    const attr = holder.attrNode('policy');
    if (!attr) return undefined;
    const made: Range[] = [];
    const outer = placesMade;
    placesMade = made;
    try {
      const doc = readPolicyAttrNow(holder, attr, holder.attr('policy'));
      if (doc?.form.kind === 'text') madeIn.set(doc, made);
      return doc;
    } finally {
      placesMade = outer;
    }
  },
  { anchored: (doc) => (doc?.form.kind === 'text' ? textAnchor(doc) : undefined) },
);

/** Ranges made while a document is read from text (they do not move with the syntax tree). */
let placesMade: Range[] | undefined;
const madeIn = new WeakMap<PolicyDoc, Range[]>();

/**
 * How a document read from text follows it: its start in the syntax tree moves with edits
 * above; its own places, offset map and file move by as much.
 */
function textAnchor(doc: PolicyDoc): Anchored {
  return {
    anchor: () => doc.loc.range.start,
    shift(dOffset, dLine) {
      const form = doc.form;
      if (form.kind !== 'text') return false;
      const file = doc.holder.module.files.find((f) => f.path === form.file.path);
      if (!file) return false;
      for (const r of madeIn.get(doc) ?? []) {
        r.start.offset += dOffset;
        r.start.line += dLine;
        if (r.end !== r.start) {
          r.end.offset += dOffset;
          r.end.line += dLine;
        }
      }
      form.map = form.map.map((o) => o + dOffset);
      form.ends = form.ends.map((o) => o + dOffset);
      form.file = file;
      return true;
    },
  };
}

function readPolicyAttrNow(holder: ResourceInstance, attr: Attribute, value: Value | undefined): PolicyDoc | undefined {
  if (!attr.value || value?.kind === 'null') return undefined;
  const module = holder.module;
  const followed = followLocal(module, attr.value, holder.uri);
  const expr = followed.expr;
  const uri = followed.uri;
  const base = { holder, attr, syntaxErrors: [] as SyntaxError[], loc: { uri, range: expr.range } };

  if (expr.type === 'FunctionCall' && expr.name.name === 'jsonencode' && expr.args.length === 1 && !expr.expandFinal) {
    const arg = expr.args[0];
    let doc: PNode = UNKNOWN;
    if (!mentionsInstance(arg) && followed.sameModule) {
      doc = fromValue(module.evaluate(arg), arg, uri);
    } else if (value && value.kind === 'string') {
      doc = fromPlain(safeJson(value.value), arg, uri);
    }
    return { ...base, doc, form: { kind: 'jsonencode', call: expr } };
  }

  if (expr.type === 'Heredoc' || expr.type === 'Template') {
    const file = module.files.find((f) => f.path === uri || f.uri === uri);
    const t = file ? templateText(file, expr.parts, expr.type === 'Heredoc') : undefined;
    if (!file || !t) return { ...base, doc: UNKNOWN, form: { kind: 'other' } };
    return readText(base, file, t, expr.type === 'Template', module, mentionsInstance(expr) || !followed.sameModule);
  }

  const ds = dataSourceOf(module, expr, value);
  if (ds) return { ...base, loc: { uri: ds.uri, range: headerRange(ds) }, doc: fromDataSource(ds), form: { kind: 'data', source: ds } };

  // Anything else (a variable, a file() call, a module output): read its value when known.
  if (value && value.kind === 'string') {
    const plain = safeJson(value.value);
    return { ...base, doc: plain === undefined ? UNKNOWN : fromPlain(plain, undefined, uri), form: { kind: 'other' } };
  }
  return { ...base, doc: UNKNOWN, form: { kind: 'other' } };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `local.x` written in this module: the expression that defines it. */
function followLocal(module: ModuleInstance, expr: Expression, uri: string): { expr: Expression; uri: string; sameModule: boolean } {
  let e = expr;
  let u = uri;
  for (let depth = 0; depth < 5; depth++) {
    // "${data.aws_iam_policy_document.x.json}", the old interpolation-only style.
    if (e.type === 'Template' && e.parts.length === 1 && e.parts[0].type === 'TemplateInterpolation') {
      e = e.parts[0].expr;
      continue;
    }
    if (e.type !== 'GetAttr' || e.object.type !== 'Variable' || e.object.name !== 'local') break;
    const entry = module.index.get(`local.${e.name.name}`)?.[0];
    const value = entry?.attribute?.value;
    if (!entry || !value) break;
    e = value;
    u = entry.uri;
  }
  return { expr: e, uri: u, sameModule: true };
}

/** Does the expression use `each`, `count` or `self` (values that differ per instance)? */
export function mentionsInstance(expr: Node): boolean {
  // A syntax node's answer never changes (edits replace nodes), so it is kept with the node.
  let found = instanceMentions.get(expr);
  if (found !== undefined) return found;
  found = false;
  walk(expr, (n) => {
    if (found) return false;
    if (n.type === 'Variable' && (n.name === 'each' || n.name === 'count' || n.name === 'self')) found = true;
    return !found;
  });
  instanceMentions.set(expr, found);
  return found;
}

const instanceMentions = new WeakMap<Node, boolean>();

// ---------------------------------------------------------------------------------------------
// jsonencode: values with locations from the object expression written beside them.

function objectItem(expr: Expression | undefined, key: string): { value: Expression; range: Range } | undefined {
  if (!expr || expr.type !== 'Object') return undefined;
  for (const it of expr.items) {
    if (keyText(it.key) === key) return { value: it.value, range: it.range };
  }
  return undefined;
}

/** The text of an object key written as an identifier or a plain quoted string. */
export function keyText(k: Expression): string | undefined {
  if (k.type === 'Variable') return k.name;
  if (k.type === 'Template' && k.parts.length === 1 && k.parts[0].type === 'TemplateLiteral') return k.parts[0].value;
  if (k.type === 'Template' && k.parts.length === 0) return '';
  return undefined;
}

function tupleItem(expr: Expression | undefined, i: number): Expression | undefined {
  return expr && expr.type === 'Tuple' ? expr.items[i] : undefined;
}

function locFrom(uri: string, expr: Expression | undefined, origin: { uri: string; range: Range } | undefined): Loc | undefined {
  if (expr) return { uri, range: expr.range };
  return origin ? { uri: origin.uri, range: origin.range } : undefined;
}

export function fromValue(v: Value, expr: Expression | undefined, uri: string): PNode {
  const loc = locFrom(uri, expr, v.origin);
  switch (v.kind) {
    case 'unknown':
    case 'ref':
      return { kind: 'unknown', loc };
    case 'null':
      return { kind: 'scalar', value: null, loc };
    case 'string':
    case 'number':
    case 'bool':
      return { kind: 'scalar', value: v.value, loc };
    case 'list':
      return { kind: 'array', items: v.items.map((x, i) => fromValue(x, tupleItem(expr, i), uri)), loc };
    case 'map': {
      const props = new Map<string, PProp>();
      for (const [k, x] of v.entries) {
        const it = objectItem(expr, k);
        props.set(k, { key: k, value: fromValue(x, it?.value, uri), loc: it ? { uri, range: it.range } : undefined });
      }
      return { kind: 'object', props, loc };
    }
  }
}

export function fromPlain(j: unknown, expr: Expression | undefined, uri: string): PNode {
  const loc = expr ? { uri, range: expr.range } : undefined;
  if (j === undefined) return { kind: 'unknown', loc };
  if (j === null || typeof j === 'string' || typeof j === 'number' || typeof j === 'boolean') return { kind: 'scalar', value: j, loc };
  if (Array.isArray(j)) return { kind: 'array', items: j.map((x, i) => fromPlain(x, tupleItem(expr, i), uri)), loc };
  const props = new Map<string, PProp>();
  for (const [k, x] of Object.entries(j as Record<string, unknown>)) {
    const it = objectItem(expr, k);
    props.set(k, { key: k, value: fromPlain(x, it?.value, uri), loc: it ? { uri, range: it.range } : undefined });
  }
  return { kind: 'object', props, loc };
}

// ---------------------------------------------------------------------------------------------
// Heredocs and quoted strings: the JSON text, with every character mapped back to the file.

export interface MappedText {
  text: string;
  /** File offset of every character of `text`. */
  map: number[];
  /** File offset just after every character of `text` (escapes take several). */
  ends: number[];
  /** Offsets in `text` of interpolations (each stands as one HOLE character). */
  holes: { offset: number; expr: Expression }[];
}

/**
 * Rebuilds the text of a template from its parts, mapping each character to the file. Returns
 * undefined for templates with directives (`%{ if }`), whose text is not fixed.
 */
export function templateText(file: SourceFile, parts: TemplatePart[], heredoc: boolean): MappedText | undefined {
  let text = '';
  const map: number[] = [];
  const ends: number[] = [];
  const holes: MappedText['holes'] = [];
  for (const p of parts) {
    if (p.type === 'TemplateInterpolation') {
      holes.push({ offset: text.length, expr: p.expr });
      text += HOLE;
      map.push(p.range.start.offset);
      ends.push(p.range.end.offset);
      continue;
    }
    if (p.type !== 'TemplateLiteral') return undefined;
    const m = mapLiteral(file, p.range, p.value, heredoc);
    if (!m) return undefined;
    text += p.value;
    map.push(...m.starts);
    ends.push(...m.ends);
  }
  return { text, map, ends, holes };
}

/**
 * File offsets of each character of a literal's decoded value, by walking its source text:
 * escapes (`\"`, `\n`, `\uXXXX` in quoted strings; `$${`, `%%{` everywhere) and, in `<<-`
 * heredocs, the indentation removed at the start of each line.
 */
function mapLiteral(file: SourceFile, range: Range, value: string, heredoc: boolean): { starts: number[]; ends: number[] } | undefined {
  const raw = file.text.slice(range.start.offset, range.end.offset);
  const base = range.start.offset;
  const out: number[] = [];
  const ends: number[] = [];
  let i = 0;
  let v = 0;
  let atLineStart = range.start.character === 0 || (heredoc && file.text[base - 1] === '\n');
  while (v < value.length) {
    if (i >= raw.length) return undefined;
    if (heredoc && atLineStart) {
      // Skip the indentation that `<<-` removed: the raw line has more leading blanks than the value line.
      const rawEnd = lineEnd(raw, i);
      const valEnd = lineEnd(value, v);
      let extra = decodedLength(raw.slice(i, rawEnd)) - (valEnd - v);
      while (extra > 0 && (raw[i] === ' ' || raw[i] === '\t')) {
        i++;
        extra--;
      }
      atLineStart = false;
    }
    const c = raw[i];
    if (c === '\r' && value[v] !== '\r') {
      i++;
      continue;
    }
    if (!heredoc && c === '\\') {
      const n = escapeLength(raw, i);
      const produced = decodeEscape(raw.slice(i, i + n));
      for (let k = 0; k < produced.length; k++) {
        out.push(base + i);
        ends.push(base + i + n);
      }
      v += produced.length;
      i += n;
      continue;
    }
    if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      out.push(base + i, base + i + 2);
      ends.push(base + i + 2, base + i + 3);
      v += 2;
      i += 3;
      continue;
    }
    if (value[v] !== c) return undefined;
    out.push(base + i);
    ends.push(base + i + 1);
    if (c === '\n') atLineStart = true;
    v++;
    i++;
  }
  return { starts: out, ends };
}

function lineEnd(s: string, from: number): number {
  const n = s.indexOf('\n', from);
  const e = n < 0 ? s.length : n;
  return e > from && s[e - 1] === '\r' ? e - 1 : e;
}

function decodedLength(s: string): number {
  return s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{').length;
}

function escapeLength(raw: string, i: number): number {
  const c = raw[i + 1];
  if (c === 'u') return 6;
  if (c === 'U') return 10;
  return 2;
}

function decodeEscape(e: string): string {
  switch (e[1]) {
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'u':
    case 'U': {
      const cp = parseInt(e.slice(2), 16);
      return Number.isNaN(cp) ? '' : String.fromCodePoint(cp);
    }
    default: return e[1] ?? '';
  }
}

const ERROR_TEXT: Record<number, string> = {
  1: 'unexpected character',
  2: 'invalid number',
  3: 'a property name in double quotes is expected',
  4: 'a value is expected',
  5: 'a colon is expected',
  6: 'a comma is expected',
  7: 'a closing brace is expected',
  8: 'a closing bracket is expected',
  9: 'nothing may follow the document',
  10: 'comments are not allowed',
  11: 'a comment is not closed',
  12: 'a string is not closed',
  13: 'a number is not finished',
  14: 'invalid unicode escape',
  15: 'invalid escape character',
  16: 'invalid character in a string',
};

function readText(
  base: Omit<PolicyDoc, 'doc' | 'form'>,
  file: SourceFile,
  t: MappedText,
  quoted: boolean,
  module: ModuleInstance,
  perInstance: boolean,
): PolicyDoc {
  const errors: ParseError[] = [];
  const tree = parseTree(t.text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const form: PolicyForm = { kind: 'text', file, json: t.text, tree, map: t.map, ends: t.ends, quoted };
  const uri = file.path;
  const locAt = (start: number, end: number): Loc => {
    const range = mapRange(file, t, start, end);
    placesMade?.push(range);
    return { uri, range };
  };

  // An interpolation outside a JSON string changes the document's shape: nothing can be said.
  const strings: [number, number][] = [];
  const collect = (n: JsonNode | undefined) => {
    if (!n) return;
    if (n.type === 'string') strings.push([n.offset, n.offset + n.length]);
    n.children?.forEach(collect);
  };
  collect(tree);
  const holeInString = (h: number) => strings.some(([s, e]) => s < h && h < e - 1);
  if (!t.holes.every((h) => holeInString(h.offset))) return { ...base, doc: UNKNOWN, form };

  const syntaxErrors = errors.map((e) => ({
    message: ERROR_TEXT[e.error] ?? 'invalid JSON',
    loc: locAt(e.offset, e.offset + Math.max(1, e.length)),
  }));
  if (errors.length || !tree) return { ...base, doc: UNKNOWN, form, syntaxErrors };

  const holeValue = new Map<number, string | undefined>();
  for (const h of t.holes) {
    const v = perInstance ? undefined : str(module.evaluate(h.expr));
    holeValue.set(h.offset, v);
  }
  const stringValue = (n: JsonNode): string | undefined => {
    const s = String(n.value);
    if (!s.includes(HOLE)) return s;
    // Substitute known interpolations in order; any unknown one makes the string unknown.
    const inside = t.holes.filter((h) => h.offset > n.offset && h.offset < n.offset + n.length);
    let k = 0;
    let bad = false;
    const out = s.replace(new RegExp(HOLE, 'g'), () => {
      const h = inside[k++];
      const x = h ? holeValue.get(h.offset) : undefined;
      if (x === undefined) bad = true;
      return x ?? '';
    });
    return bad ? undefined : out;
  };
  const conv = (n: JsonNode): PNode => ({ ...convNode(n), span: n.offset });
  const convNode = (n: JsonNode): PNode => {
    const loc = locAt(n.offset, n.offset + n.length);
    switch (n.type) {
      case 'object': {
        const props = new Map<string, PProp>();
        for (const p of n.children ?? []) {
          const [k, v] = p.children ?? [];
          if (!k || !v) continue;
          const key = stringValue(k);
          if (key === undefined) return { kind: 'unknown', loc };
          props.set(key, { key, value: conv(v), loc: locAt(p.offset, p.offset + p.length) });
        }
        return { kind: 'object', props, loc };
      }
      case 'array':
        return { kind: 'array', items: (n.children ?? []).map(conv), loc };
      case 'string': {
        const s = stringValue(n);
        return s === undefined ? { kind: 'unknown', loc } : { kind: 'scalar', value: s, loc };
      }
      default:
        return { kind: 'scalar', value: n.value as number | boolean | null, loc };
    }
  };
  return { ...base, doc: conv(tree), form, syntaxErrors };
}

/** File range of text offsets [start, end) of a mapped text. */
export function mapRange(file: SourceFile, t: { text: string; map: number[]; ends: number[] }, start: number, end: number): Range {
  return { start: pos(file, mapOffset(t, start)), end: pos(file, mapEnd(t, end - 1)) };
}

/** File offset just after a text offset's character. */
export function mapEnd(t: { map: number[]; ends: number[] }, offset: number): number {
  if (t.ends.length === 0) return 0;
  if (offset < 0) return t.map[0];
  if (offset >= t.ends.length) return t.ends[t.ends.length - 1];
  return t.ends[offset];
}

/** File offset of a text offset; past the end, just after the last character. */
export function mapOffset(t: { text: string; map: number[] }, offset: number): number {
  if (t.map.length === 0) return 0;
  if (offset < 0) return t.map[0];
  if (offset >= t.map.length) return t.map[t.map.length - 1] + 1;
  return t.map[offset];
}

// ---------------------------------------------------------------------------------------------
// data "aws_iam_policy_document": the JSON the data source renders, built from its blocks.

function dataSourceOf(module: ModuleInstance, expr: Expression, value: Value | undefined): ResourceInstance | undefined {
  if (value && value.kind === 'ref' && value.target.type === 'aws_iam_policy_document' && value.path[0] === 'json') {
    return value.target;
  }
  // data.aws_iam_policy_document.NAME.json
  if (expr.type !== 'GetAttr' || expr.name.name !== 'json') return undefined;
  const nameNode = expr.object;
  if (nameNode.type !== 'GetAttr') return undefined;
  const typeNode = nameNode.object;
  if (typeNode.type !== 'GetAttr' || typeNode.name.name !== 'aws_iam_policy_document') return undefined;
  if (typeNode.object.type !== 'Variable' || typeNode.object.name !== 'data') return undefined;
  const found = module.dataSources('aws_iam_policy_document').filter((d) => d.name === nameNode.name.name);
  return found.length === 1 && found[0].key === undefined ? found[0] : undefined;
}

function hasDynamic(b: Block, type: string): boolean {
  return b.body.items.some((it) => it.type === 'Block' && it.blockType.name === 'dynamic' && it.labels[0]?.value === type);
}

function attrNode(nb: NestedBlock, name: string, uri: string): PNode | undefined {
  const v = nb.attr(name);
  if (v === undefined) return undefined;
  const a = nb.attrNode(name);
  return fromValue(v, a?.value, uri);
}

function attrLoc(nb: NestedBlock, name: string): Loc | undefined {
  const a = nb.attrNode(name);
  return a ? { uri: nb.uri, range: a.range } : undefined;
}

/** One string or a list, as the data source renders single-element lists. */
function compact(n: PNode): PNode {
  if (n.kind === 'array' && n.items.length === 1) return n.items[0];
  return n;
}

export function fromDataSource(ds: ResourceInstance): PNode {
  const uri = ds.uri;
  const headerLoc: Loc = { uri, range: headerRange(ds) };
  for (const merged of ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']) {
    if (ds.attr(merged) !== undefined) return { kind: 'unknown', loc: headerLoc };
  }
  if (hasDynamic(ds.block, 'statement')) return { kind: 'unknown', loc: headerLoc };
  const props = new Map<string, PProp>();
  const version = attrNode(ds, 'version', uri) ?? { kind: 'scalar', value: '2012-10-17', loc: headerLoc };
  props.set('Version', { key: 'Version', value: version, loc: attrLoc(ds, 'version') ?? headerLoc });
  const id = attrNode(ds, 'policy_id', uri);
  if (id) props.set('Id', { key: 'Id', value: id, loc: attrLoc(ds, 'policy_id') });

  const statements: PNode[] = [];
  let unknown = false;
  for (const st of ds.blocks('statement')) {
    const sLoc: Loc = { uri: st.uri, range: headerRange(st) };
    const sp = new Map<string, PProp>();
    const put = (key: string, attr: string, single = true) => {
      const n = attrNode(st, attr, st.uri);
      if (!n) return;
      if (n.kind === 'unknown') unknown = true;
      sp.set(key, { key, value: single ? compact(n) : n, loc: attrLoc(st, attr) });
    };
    put('Sid', 'sid');
    const effect = attrNode(st, 'effect', st.uri) ?? { kind: 'scalar', value: 'Allow', loc: sLoc };
    if (effect.kind === 'unknown') unknown = true;
    sp.set('Effect', { key: 'Effect', value: effect, loc: attrLoc(st, 'effect') ?? sLoc });
    put('Action', 'actions');
    put('NotAction', 'not_actions');
    put('Resource', 'resources');
    put('NotResource', 'not_resources');
    for (const [blockType, key] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
      if (hasDynamic(st.block, blockType)) unknown = true;
      const blocks = st.blocks(blockType);
      if (!blocks.length) continue;
      const byType = new Map<string, PProp>();
      let star = false;
      for (const b of blocks) {
        const type = str(b.attr('type'));
        const ids = attrNode(b, 'identifiers', b.uri);
        if (type === undefined || !ids || ids.kind === 'unknown') {
          unknown = true;
          continue;
        }
        const idList = stringsOf(ids);
        if (type === '*' && idList && idList.length === 1 && idList[0] === '*') star = true;
        byType.set(type, { key: type, value: compact(ids), loc: { uri: b.uri, range: b.block.range } });
      }
      const loc: Loc = { uri: blocks[0].uri, range: blocks[0].block.range };
      const value: PNode = star && byType.size === 1 ? { kind: 'scalar', value: '*', loc } : { kind: 'object', props: byType, loc };
      sp.set(key, { key, value, loc });
    }
    if (hasDynamic(st.block, 'condition')) unknown = true;
    const conds = st.blocks('condition');
    if (conds.length) {
      const ops = new Map<string, PProp>();
      for (const c of conds) {
        const test = str(c.attr('test'));
        const variable = str(c.attr('variable'));
        const values = attrNode(c, 'values', c.uri);
        if (test === undefined || variable === undefined || !values) {
          unknown = true;
          continue;
        }
        const cLoc: Loc = { uri: c.uri, range: c.block.range };
        let op = ops.get(test);
        if (!op) {
          op = { key: test, value: { kind: 'object', props: new Map(), loc: cLoc }, loc: cLoc };
          ops.set(test, op);
        }
        if (op.value.kind === 'object') op.value.props.set(variable, { key: variable, value: compact(values), loc: cLoc });
      }
      const loc: Loc = { uri: conds[0].uri, range: conds[0].block.range };
      sp.set('Condition', { key: 'Condition', value: { kind: 'object', props: ops, loc }, loc });
    }
    statements.push({ kind: 'object', props: sp, loc: sLoc });
  }
  if (unknown) return { kind: 'unknown', loc: headerLoc };
  props.set('Statement', { key: 'Statement', value: { kind: 'array', items: statements, loc: headerLoc }, loc: headerLoc });
  const doc: PNode = { kind: 'object', props, loc: headerLoc };
  return wholly(doc) ? doc : { kind: 'unknown', loc: headerLoc };
}

/** The statement block of a data source that a statement node came from. */
export function statementBlock(ds: ResourceInstance, statement: PNode): NestedBlock | undefined {
  const r = statement.loc?.range;
  return r ? ds.blocks('statement').find((b) => b.block.range.start.offset === r.start.offset && b.uri === statement.loc?.uri) : undefined;
}
