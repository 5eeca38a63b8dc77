// The edit builders of edits.ts for files in Terraform's JSON syntax. Fixes are written as HCL
// native text (a value such as `true`, `[aws_security_group.x.id]` or `"Gateway"`; whole
// blocks from renderBlock); here that text is parsed and written as the JSON that means the
// same (hcl/json-syntax.ts says how each argument is read): literals as JSON values, other
// expressions as `"${…}"` templates, references where Terraform reads references, new blocks
// merged into the nesting of block types and labels. The edits keep the file's indentation and
// line endings, and add or remove commas so the result is JSON. What cannot be written (an
// expression where Terraform reads a literal) gives an edit that is not JSON, so the engine
// drops the fix for that file (engine/analyze.ts checks every fix to a JSON file).

import { findNodeAtOffset, parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { Attribute, Block, Body, Expression, TemplatePart } from '../hcl/ast';
import { blockBodySchema, jsonBodySchema, jsonModeOf, modeIn, nestedSchema, type BodySchema, type JsonMode } from '../hcl/json-syntax';
import { parse } from '../hcl/parser';
import type { SourceFile } from '../model/types';
import type { TextEdit } from './types';
import { WeakCache } from '../model/weak-cache';

/** What a fix that cannot be written in JSON leaves: not JSON, so the fix is dropped. */
const UNWRITABLE = '/* this fix cannot be written in JSON syntax */';

// ---- JSON values to write ----------------------------------------------------------------

/** A JSON value to render: raw text (a literal or a quoted string), an array or an object. */
type J = { raw: string } | { arr: J[] } | { obj: [string, J][]; body?: boolean };

const str = (s: string): J => ({ raw: JSON.stringify(s) });

/** `${` and `%{` written so that a template reads them as text. */
const escapeTemplate = (s: string) => s.replace(/\$\{/g, () => '$${').replace(/%\{/g, '%%{');

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** The JSON for an HCL expression (`src` is the text it was parsed from), read in `mode`. */
function exprToJson(e: Expression, src: string, mode: JsonMode): J | undefined {
  const text = src.slice(e.range.start.offset, e.range.end.offset);
  if (mode === 'expression') {
    if (e.type === 'Tuple') return list(e.items, src, mode);
    if (e.type === 'Object') return object(e, src, mode);
    if (e.type === 'Literal') return literal(e.value, e.raw);
    return str(text);
  }
  switch (e.type) {
    case 'Literal':
      return literal(e.value, e.raw);
    case 'UnaryOp':
      if (e.operator === '-' && e.operand.type === 'Literal' && typeof e.operand.value === 'number') {
        const n = literal(e.operand.value, e.operand.raw);
        return n && 'raw' in n ? { raw: '-' + n.raw } : undefined;
      }
      break;
    case 'Template':
    case 'Heredoc': {
      const t = templateText(e.parts, src, mode);
      if (t !== undefined) return str(t);
      break;
    }
    case 'Tuple':
      return list(e.items, src, mode);
    case 'Object':
      return object(e, src, mode);
    default:
      break;
  }
  return mode === 'template' ? str('${' + text + '}') : undefined;
}

function literal(value: number | boolean | null, raw: string): J | undefined {
  if (typeof value !== 'number') return { raw: String(value) };
  if (JSON_NUMBER.test(raw)) return { raw };
  return Number.isFinite(value) ? { raw: String(value) } : undefined;
}

function list(items: Expression[], src: string, mode: JsonMode): J | undefined {
  const out: J[] = [];
  for (const i of items) {
    const j = exprToJson(i, src, mode);
    if (!j) return undefined;
    out.push(j);
  }
  return { arr: out };
}

function object(e: Extract<Expression, { type: 'Object' }>, src: string, mode: JsonMode): J | undefined {
  const out: [string, J][] = [];
  for (const item of e.items) {
    const k = item.key;
    let key: string | undefined;
    if (k.type === 'Variable') key = k.name;
    else if (k.type === 'Template') key = templateText(k.parts, src, mode === 'expression' ? 'literal' : mode);
    else if (mode === 'template') key = '${' + src.slice(k.range.start.offset, k.range.end.offset) + '}';
    else if (mode === 'expression') key = src.slice(k.range.start.offset, k.range.end.offset);
    const v = exprToJson(item.value, src, mode);
    if (key === undefined || !v) return undefined;
    out.push([key, v]);
  }
  return { obj: out };
}

/** A template's text as a JSON string holds it (literal mode: only plain text). */
function templateText(parts: TemplatePart[], src: string, mode: JsonMode): string | undefined {
  let out = '';
  for (const p of parts) {
    if (p.type === 'TemplateLiteral') out += mode === 'template' ? escapeTemplate(p.value) : p.value;
    else if (p.type === 'TemplateInterpolation' && mode === 'template') out += src.slice(p.range.start.offset, p.range.end.offset);
    // Directives hold literal text written with the native string's escapes: not rewritten.
    else return undefined;
  }
  return out;
}

/** The JSON for HCL value text, read in `mode`. */
function valueToJson(valueText: string, mode: JsonMode): J | undefined {
  const src = `x = ${valueText}\n`;
  const f = parse(src, 'value.tf');
  const a = f.body.items[0];
  if (f.diagnostics.length || f.body.items.length !== 1 || a.type !== 'Attribute' || !a.value) return undefined;
  return exprToJson(a.value, src, mode);
}

/** A block body as a JSON object, its nested blocks by the schema. */
function bodyToJson(body: Body, schema: BodySchema, src: string): J | undefined {
  const out: [string, J][] = [];
  const byType = new Map<string, Block[]>();
  for (const it of body.items) {
    if (it.type === 'Attribute') {
      const v = it.value && exprToJson(it.value, src, modeIn(schema, it.name.name));
      if (!v) return undefined;
      out.push([it.name.name, v]);
    } else {
      const list = byType.get(it.blockType.name);
      if (list) list.push(it);
      else byType.set(it.blockType.name, [it]);
    }
  }
  for (const [type, blocks] of byType) {
    const ns = nestedSchema(schema, type);
    const chains: J[] = [];
    for (const b of blocks) {
      const inner = blockBodySchemaIn(schema, type, b);
      let j = bodyToJson(b.body, inner, src);
      if (!j || (ns && ns.labels.length !== b.labels.length)) return undefined;
      for (let i = b.labels.length - 1; i >= 0; i--) j = { obj: [[b.labels[i].value, j]] };
      chains.push(j);
    }
    // One block is its object; several, an array of them (the general form, which keeps their order).
    out.push([type, chains.length === 1 ? chains[0] : { arr: chains }]);
  }
  return { obj: out, body: true };
}

function blockBodySchemaIn(parent: BodySchema, type: string, b: Block): BodySchema {
  const ns = nestedSchema(parent, type);
  if (!ns) return {};
  return typeof ns.body === 'function' ? ns.body(b.labels.map((l) => l.value)) : ns.body;
}

// ---- rendering -----------------------------------------------------------------------------

interface Style {
  unit: string;
  nl: string;
}

/** The value's text, its continuation lines starting with `indent`. */
function render(j: J, indent: string, style: Style): string {
  if ('raw' in j) return j.raw;
  const inner = indent + style.unit;
  if ('arr' in j) {
    if (j.arr.length === 0) return '[]';
    if (j.arr.every((x) => 'raw' in x)) {
      const one = `[${j.arr.map((x) => x.raw).join(', ')}]`;
      if (one.length <= 80) return one;
    }
    return `[${style.nl}${j.arr.map((x) => inner + render(x, inner, style)).join(',' + style.nl)}${style.nl}${indent}]`;
  }
  if (j.obj.length === 0) return '{}';
  return `{${style.nl}${j.obj.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${render(v, inner, style)}`).join(',' + style.nl)}${style.nl}${indent}}`;
}

/** The value on one line. */
function renderFlat(j: J): string {
  if ('raw' in j) return j.raw;
  if ('arr' in j) return `[${j.arr.map(renderFlat).join(', ')}]`;
  return `{${j.obj.map(([k, v]) => `${JSON.stringify(k)}: ${renderFlat(v)}`).join(', ')}}`;
}

const styles = new WeakCache<SourceFile, Style>();

/** The file's indentation unit (the smallest indentation of a line; two spaces when none) and line ending. */
function styleOf(file: SourceFile): Style {
  let s = styles.get(file);
  if (!s) {
    const t = file.text;
    let unit = '';
    for (const m of t.matchAll(/\n([ \t]+)\S/g)) {
      const w = m[1];
      if (w.startsWith('\t')) {
        unit = '\t';
        break;
      }
      if (unit === '' || w.length < unit.length) unit = w;
    }
    s = { unit: unit || '  ', nl: t.includes('\r\n') ? '\r\n' : '\n' };
    styles.set(file, s);
  }
  return s;
}

/** One level of indentation as a file in JSON syntax uses it. */
export function jsonIndentUnit(file: SourceFile): string {
  return styleOf(file).unit;
}

// ---- the file's JSON tree ------------------------------------------------------------------

const trees = new WeakCache<SourceFile, JsonNode | null>();

function treeOf(file: SourceFile): JsonNode | undefined {
  let t = trees.get(file);
  if (t === undefined) {
    try {
      t = parseTree(file.text, [], { disallowComments: true }) ?? null;
    } catch {
      t = null;
    }
    trees.set(file, t);
  }
  return t ?? undefined;
}

function lineStartOf(text: string, offset: number): number {
  const i = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1));
  return i + 1;
}

function indentAt(text: string, offset: number): string {
  const s = lineStartOf(text, offset);
  let i = s;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text.slice(s, i);
}

const end = (n: JsonNode) => n.offset + n.length;

/** The property whose key starts at `offset`. */
function propertyAt(root: JsonNode, offset: number): JsonNode | undefined {
  const key = findNodeAtOffset(root, offset);
  const p = key?.parent;
  return p && p.type === 'property' && p.children?.[0] === key ? p : undefined;
}

/** The object or array that starts at `offset`. */
function containerAt(root: JsonNode, offset: number): JsonNode | undefined {
  const n = findNodeAtOffset(root, offset);
  return n && (n.type === 'object' || n.type === 'array') && n.offset === offset ? n : undefined;
}

type Edit = { start: number; end: number; text: string };

function toTextEdit(file: SourceFile, e: Edit, rangeOf: RangeOf): TextEdit {
  return { uri: file.path, range: rangeOf(file, e.start, e.end), newText: e.text };
}

type RangeOf = (file: SourceFile, start: number, end: number) => TextEdit['range'];

/** A member (`"key": value`) or, with no key, an array element. */
type Item = [string | undefined, J];

/** Adds items at the end of an object or array, with the commas and line breaks its layout needs. */
function appendItems(file: SourceFile, container: JsonNode, add: readonly Item[]): Edit {
  const style = styleOf(file);
  const text = file.text;
  const items = container.children ?? [];
  const head = (key: string | undefined) => (key === undefined ? '' : `${JSON.stringify(key)}: `);
  if (items.length === 0) {
    const outer = indentAt(text, container.offset);
    const inner = outer + style.unit;
    const body = add.map(([k, v]) => `${inner}${head(k)}${render(v, inner, style)}`).join(',' + style.nl);
    return { start: container.offset + 1, end: end(container) - 1, text: `${style.nl}${body}${style.nl}${outer}` };
  }
  const last = end(items[items.length - 1]);
  if (lineStartOf(text, items[0].offset) === lineStartOf(text, container.offset)) {
    return { start: last, end: last, text: add.map(([k, v]) => `, ${head(k)}${renderFlat(v)}`).join('') };
  }
  const indent = indentAt(text, items[0].offset);
  return { start: last, end: last, text: add.map(([k, v]) => `,${style.nl}${indent}${head(k)}${render(v, indent, style)}`).join('') };
}

/**
 * Removes an item (a property or an array element) with its comma. A block's label levels
 * (`labels` of them) left empty go too, up to the block type's property: Terraform rejects a
 * label level with no property.
 */
function removeNode(node: JsonNode, labels: number): Edit {
  let n = node;
  let levels = labels;
  for (;;) {
    const c = n.parent;
    if (!c || (c.children?.length ?? 0) !== 1) break;
    if (c.type === 'array') {
      // An array left empty holds no blocks: the property that holds it goes instead (at a
      // label level, an empty array is an error).
      if (c.parent?.type !== 'property') break;
      n = c.parent;
      continue;
    }
    if (levels === 0) break;
    levels--;
    const holder = c.parent;
    if (holder?.type === 'property') n = holder;
    else if (holder?.type === 'array') n = c;
    else break;
  }
  const container = n.parent!;
  const items = container.children ?? [];
  const i = items.indexOf(n);
  if (i < items.length - 1) return { start: n.offset, end: items[i + 1].offset, text: '' };
  if (i > 0) return { start: end(items[i - 1]), end: end(n), text: '' };
  return { start: container.offset + 1, end: end(container) - 1, text: '' };
}

// ---- the builders --------------------------------------------------------------------------

/** `replaceValue` for a file in JSON syntax. */
export function jsonReplaceValue(file: SourceFile, attr: Attribute, valueText: string, rangeOf: RangeOf): TextEdit {
  const root = treeOf(file);
  const p = root && propertyAt(root, attr.range.start.offset);
  const v = p?.children?.[1];
  const j = valueToJson(valueText, jsonModeOf(attr));
  if (!p || !v || !j) return unwritable(file, attr.range.start.offset, rangeOf);
  const style = styleOf(file);
  return toTextEdit(file, { start: v.offset, end: end(v), text: render(j, indentAt(file.text, p.offset), style) }, rangeOf);
}

/** `insertAttribute` for a file in JSON syntax. */
export function jsonInsertAttribute(file: SourceFile, block: Block, name: string, valueText: string, rangeOf: RangeOf): TextEdit[] {
  const root = treeOf(file);
  const open = block.openBrace?.start.offset;
  const body = root && open !== undefined ? containerAt(root, open) : undefined;
  const schema = jsonBodySchema(block) ?? {};
  const j = valueToJson(valueText, modeIn(schema, name));
  if (!body || body.type !== 'object' || !j) return [unwritable(file, block.range.start.offset, rangeOf)];
  // A property of that name already there (`null`, say) is given the value: JSON keys are not repeated.
  const had = (body.children ?? []).find((p) => p.children?.[0]?.value === name)?.children?.[1];
  if (had)
    return [
      toTextEdit(file, { start: had.offset, end: end(had), text: render(j, indentAt(file.text, had.offset), styleOf(file)) }, rangeOf),
    ];
  return [toTextEdit(file, appendItems(file, body, [[name, j]]), rangeOf)];
}

/** `removeItem` for a file in JSON syntax. */
export function jsonRemoveItem(file: SourceFile, item: Attribute | Block, rangeOf: RangeOf): TextEdit {
  const root = treeOf(file);
  let node: JsonNode | undefined;
  let labels = 0;
  if (root && item.type === 'Attribute') node = propertyAt(root, item.range.start.offset);
  else if (root && item.type === 'Block' && item.openBrace) {
    const body = containerAt(root, item.openBrace.start.offset);
    // The body is a property's value, or an element of an array of bodies.
    node = body?.parent?.type === 'property' ? body.parent : body;
    labels = item.labels.length;
  }
  if (!node || !node.parent) return unwritable(file, item.range.start.offset, rangeOf);
  return toTextEdit(file, removeNode(node, labels), rangeOf);
}

/**
 * `insertAfterBlock` and `appendToFile` for a file in JSON syntax: the blocks of `text` merged
 * into the file's. One edit: when the blocks go into several objects, it spans them.
 */
export function jsonAddBlocks(file: SourceFile, text: string, rangeOf: RangeOf): TextEdit {
  const edits = addBlocks(file, text);
  if (!edits) return unwritable(file, 0, rangeOf);
  edits.sort((a, b) => a.start - b.start);
  const start = edits[0].start;
  let out = '';
  let at = start;
  for (const e of edits) {
    out += file.text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return toTextEdit(file, { start, end: at, text: out }, rangeOf);
}

function addBlocks(file: SourceFile, text: string): Edit[] | undefined {
  const root = treeOf(file);
  const src = text.replace(/\r\n/g, '\n');
  const f = parse(src, 'blocks.tf');
  if (!root || root.type !== 'object' || f.diagnostics.length) return undefined;
  // The new blocks as one tree of block types and labels, so that two of a type share its key.
  const tree: [string, J][] = [];
  for (const it of f.body.items) {
    if (it.type !== 'Block') return undefined;
    const path = [it.blockType.name, ...it.labels.map((l) => l.value)];
    let j = bodyToJson(it.body, blockBodySchema(path), src);
    if (!j) return undefined;
    for (let i = it.labels.length - 1; i >= 0; i--) j = { obj: [[it.labels[i].value, j]] };
    if (!mergeJ(tree, it.blockType.name, j)) return undefined;
  }
  const adds = new Map<JsonNode, Item[]>();
  if (!mergeInto(root, tree, adds) || adds.size === 0) return undefined;
  return [...adds].map(([container, items]) => appendItems(file, container, items));
}

/** Adds `key: value` to a tree being built, merging objects of label levels. */
function mergeJ(into: [string, J][], key: string, value: J): boolean {
  const had = into.find(([k]) => k === key);
  if (!had) {
    into.push([key, value]);
    return true;
  }
  const a = had[1];
  // Two blocks of one type and labels (two `provider "aws"`, two `locals`): an array of bodies.
  if ('obj' in value && value.body && (('obj' in a && a.body) || 'arr' in a)) {
    had[1] = { arr: 'arr' in a ? [...a.arr, value] : [a, value] };
    return true;
  }
  if (!('obj' in a) || !('obj' in value) || a.body || value.body) return false;
  for (const [k, v] of value.obj) if (!mergeJ(a.obj, k, v)) return false;
  return true;
}

/** The items to add to each container so that the object `node` gets the members of `tree`, going down the levels it already has. */
function mergeInto(node: JsonNode, tree: [string, J][], adds: Map<JsonNode, Item[]>): boolean {
  const add = (container: JsonNode, item: Item) => {
    const list = adds.get(container);
    if (list) list.push(item);
    else adds.set(container, [item]);
  };
  for (const [key, value] of tree) {
    const props = (node.children ?? []).filter((p) => p.children?.[0]?.value === key);
    const existing = props[props.length - 1]?.children?.[1];
    if (!existing) add(node, [key, value]);
    // A block whose body is there already: Terraform would reject the second.
    else if ('obj' in value && value.body) return false;
    else if (existing.type === 'object' && 'obj' in value) {
      if (!mergeInto(existing, value.obj, adds)) return false;
    } else if (existing.type === 'array' && 'obj' in value) add(existing, [undefined, value]);
    else return false;
  }
  return true;
}

function unwritable(file: SourceFile, at: number, rangeOf: RangeOf): TextEdit {
  return { uri: file.path, range: rangeOf(file, at, at), newText: UNWRITABLE };
}
