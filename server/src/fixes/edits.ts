// Edit builders shared by fixes, commands and snippets. Each returns minimal text edits that
// keep the file's formatting: the body's indentation, `=` alignment as `terraform fmt` lays
// it out, and the file's line endings. Values and blocks are given as native syntax text; in a
// file in JSON syntax, the builders write the JSON that means the same (json-edits.ts).

import type { Attribute, Block, Position, Range, TupleExpr } from '../hcl/ast';
import { editTarget, placedIn } from '../model/overrides';
import { isJsonConfigFile } from '../model/paths';
import type { SourceFile } from '../model/types';
import { jsonAddBlocks, jsonIndentUnit, jsonInsertAttribute, jsonRemoveItem, jsonReplaceValue } from './json-edits';
import type { TextEdit } from './types';
import { WeakCache } from '../model/weak-cache';

const EOLS = new WeakCache<SourceFile, string>();

/** The file's line ending; remembered per file, since every fix asks and files are large. */
export function eol(file: SourceFile): string {
  let e = EOLS.get(file);
  if (e === undefined) {
    e = file.text.includes('\r\n') ? '\r\n' : '\n';
    EOLS.set(file, e);
  }
  return e;
}

/** The whitespace at the start of a line. */
export function lineIndent(file: SourceFile, line: number): string {
  const start = file.ast.lineStarts[line] ?? 0;
  let i = start;
  const t = file.text;
  while (i < t.length && (t[i] === ' ' || t[i] === '\t')) i++;
  return t.slice(start, i);
}

/** One level of indentation as the file uses it (two spaces unless it uses tabs). */
export function indentUnit(file: SourceFile): string {
  if (isJsonConfigFile(file.path)) return jsonIndentUnit(file);
  for (const item of file.ast.body.items) {
    if (item.type !== 'Block') continue;
    for (const inner of item.body.items) {
      const ind = lineIndent(file, inner.range.start.line);
      if (ind.length > 0 && inner.range.start.line !== item.range.start.line) {
        return ind.startsWith('\t') ? '\t' : ind;
      }
    }
  }
  return '  ';
}

/** Indentation of the items of a block's body. */
export function bodyIndent(file: SourceFile, block: Block): string {
  ({ file, node: block } = editTarget(file, block));
  for (const item of block.body.items) {
    if (item.range.start.line !== block.range.start.line) return lineIndent(file, item.range.start.line);
  }
  return lineIndent(file, block.range.start.line) + indentUnit(file);
}

export function pos(file: SourceFile, offset: number): Position {
  const starts = file.ast.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo], offset };
}

export function rangeOf(file: SourceFile, start: number, end: number): Range {
  return placedIn(file, { start: pos(file, start), end: pos(file, end) });
}

function lineEndOffset(file: SourceFile, line: number): number {
  const next = file.ast.lineStarts[line + 1];
  if (next === undefined) return file.text.length;
  let e = next - 1;
  if (e > 0 && file.text[e - 1] === '\r') e--;
  return e;
}

function isSingleLineAttr(a: Block | Attribute): a is Attribute {
  return a.type === 'Attribute' && a.range.start.line === a.range.end.line;
}

/**
 * The run of consecutive one-line attributes that `terraform fmt` aligns together, ending with
 * `last` (no blank line, comment line or block between them).
 */
function alignmentGroup(block: Block, last: Attribute): Attribute[] {
  const items = block.body.items;
  const idx = items.indexOf(last);
  const group: Attribute[] = [last];
  for (let i = idx - 1; i >= 0; i--) {
    const it = items[i];
    if (!isSingleLineAttr(it) || it.range.end.line !== group[0].range.start.line - 1) break;
    group.unshift(it);
  }
  return group;
}

/**
 * Inserts `name = valueText` into a block, after its last one-line attribute (or at the top of
 * the body), aligned with its neighbours. `valueText` may span lines; its continuation lines
 * are indented relative to the body.
 */
export function insertAttribute(file: SourceFile, block: Block, name: string, valueText: string): TextEdit[] {
  ({ file, node: block } = editTarget(file, block));
  if (isJsonConfigFile(file.path)) return jsonInsertAttribute(file, block, name, valueText, rangeOf);
  const nl = eol(file);
  const indent = bodyIndent(file, block);
  const value = reindent(valueText, indent, nl);
  const items = block.body.items;
  const close = block.closeBrace;
  const open = block.openBrace;
  if (!open) return [];

  // One-line block: `resource "a" "b" {}` or `{ x = 1 }` becomes a multi-line block.
  if (close && close.start.line === open.start.line) {
    const outer = lineIndent(file, block.range.start.line);
    const inner = items.map((it) => indent + file.text.slice(it.range.start.offset, it.range.end.offset).trim() + nl).join('');
    return [
      {
        uri: file.path,
        range: { start: open.end, end: close.start },
        newText: nl + inner + `${indent}${name} = ${value}${nl}${outer}`,
      },
    ];
  }

  const attrs = items.filter((it): it is Attribute => it.type === 'Attribute');
  const lastOneLine = [...attrs].reverse().find(isSingleLineAttr);
  const edits: TextEdit[] = [];
  if (lastOneLine) {
    const group = alignmentGroup(block, lastOneLine);
    // `terraform fmt` leaves a line that opens a multi-line value out of the `=` alignment.
    const multiLine = valueText.includes('\n');
    // The new line joins the group, so even a lone neighbour gets aligned with it, as fmt does.
    const aligned = !multiLine;
    let width = name.length;
    if (aligned) {
      const col = Math.max(...group.map((a) => a.equals.start.character - lineIndent(file, a.range.start.line).length));
      width = Math.max(col - 1, name.length);
      // A longer name moves the whole group's `=` column, as fmt would.
      for (const a of group) {
        const want = width - a.name.name.length + 1;
        const have = a.equals.start.offset - a.name.range.end.offset;
        if (want !== have) {
          edits.push({ uri: file.path, range: { start: a.name.range.end, end: a.equals.start }, newText: ' '.repeat(want) });
        }
      }
    }
    const at = lineEndOffset(file, lastOneLine.range.end.line);
    edits.push({
      uri: file.path,
      range: rangeOf(file, at, at),
      newText: `${nl}${indent}${name.padEnd(width)} = ${value}`,
    });
    return edits;
  }
  // No one-line attribute: put it first in the body.
  const at = lineEndOffset(file, open.start.line);
  const blank = items.length > 0 ? nl : '';
  return [{ uri: file.path, range: rangeOf(file, at, at), newText: `${nl}${indent}${name} = ${value}${blank}` }];
}

/** Replaces an attribute's value expression. */
export function replaceValue(file: SourceFile, attr: Attribute, valueText: string): TextEdit {
  ({ file, node: attr } = editTarget(file, attr));
  if (isJsonConfigFile(file.path)) return jsonReplaceValue(file, attr, valueText, rangeOf);
  const indent = lineIndent(file, attr.range.start.line);
  const range = attr.value ? attr.value.range : { start: attr.equals.end, end: attr.equals.end };
  const lead = attr.value ? '' : ' ';
  return { uri: file.path, range, newText: lead + reindent(valueText, indent, eol(file)) };
}

/** Sets an attribute: replaces its value when present, inserts it otherwise. */
export function setAttribute(file: SourceFile, block: Block, name: string, valueText: string): TextEdit[] {
  const existing = block.body.items.find((it): it is Attribute => it.type === 'Attribute' && it.name.name === name);
  return existing ? [replaceValue(file, existing, valueText)] : insertAttribute(file, block, name, valueText);
}

/** Removes an attribute or nested block with its whole lines (and a trailing comment). */
export function removeItem(file: SourceFile, item: Attribute | Block): TextEdit {
  ({ file, node: item } = editTarget(file, item));
  if (isJsonConfigFile(file.path)) return jsonRemoveItem(file, item, rangeOf);
  const startLine = item.range.start.line;
  const lineStart = file.ast.lineStarts[startLine];
  const onlyWsBefore = file.text.slice(lineStart, item.range.start.offset).trim() === '';
  const endLineEnd = lineEndOffset(file, item.range.end.line);
  const rest = file.text.slice(item.range.end.offset, endLineEnd).trim();
  const onlyCommentAfter = rest === '' || rest.startsWith('#') || rest.startsWith('//');
  if (onlyWsBefore && onlyCommentAfter) {
    const next = file.ast.lineStarts[item.range.end.line + 1] ?? file.text.length;
    return { uri: file.path, range: rangeOf(file, lineStart, next), newText: '' };
  }
  return { uri: file.path, range: item.range, newText: '' };
}

/**
 * Inserts top-level text (new blocks) after a block, separated by a blank line. In a file in
 * JSON syntax the blocks join the file's nesting of block types and labels instead.
 */
export function insertAfterBlock(file: SourceFile, block: Block, text: string): TextEdit {
  if (isJsonConfigFile(file.path)) return jsonAddBlocks(file, text, rangeOf);
  const nl = eol(file);
  const at = lineEndOffset(file, block.range.end.line);
  return { uri: file.path, range: rangeOf(file, at, at), newText: nl + nl + text.replace(/\r?\n/g, nl).trimEnd() };
}

/**
 * Adds items (native syntax text) at the end of a literal list, keeping its layout: on the same
 * line in a one-line list, one per line at the last item's indentation in a multi-line one, and
 * a trailing comma where the list has one. Not for files in JSON syntax.
 */
export function appendToList(file: SourceFile, list: TupleExpr, items: readonly string[]): TextEdit {
  const close = list.range.end.offset - 1;
  const last = list.items[list.items.length - 1];
  if (!last) return { uri: file.path, range: rangeOf(file, close, close), newText: items.join(', ') };
  const after = file.text.slice(last.range.end.offset, close);
  const comma = after.indexOf(',');
  const at = comma >= 0 ? last.range.end.offset + comma + 1 : last.range.end.offset;
  if (list.range.start.line === list.range.end.line) {
    // `["a"]` → `["a", "b"]`; a trailing comma stays last: `["a", ]` → `["a", "b", ]`.
    return { uri: file.path, range: rangeOf(file, at, at), newText: items.map((i) => (comma >= 0 ? ` ${i},` : `, ${i}`)).join('') };
  }
  const nl = eol(file);
  const indent = lineIndent(file, last.range.start.line);
  return {
    uri: file.path,
    range: rangeOf(file, at, at),
    newText: items.map((i) => (comma >= 0 ? `${nl}${indent}${i},` : `,${nl}${indent}${i}`)).join(''),
  };
}

/** Appends top-level text at the end of a file, separated by a blank line (in JSON syntax, see insertAfterBlock). */
export function appendToFile(file: SourceFile, text: string): TextEdit {
  if (isJsonConfigFile(file.path)) return jsonAddBlocks(file, text, rangeOf);
  const nl = eol(file);
  const t = file.text;
  const end = t.length;
  const trimmedEnd = t.trimEnd().length;
  const lead = trimmedEnd === 0 ? '' : nl + nl;
  return {
    uri: file.path,
    range: rangeOf(file, trimmedEnd, end),
    newText: lead + text.replace(/\r?\n/g, nl).trimEnd() + nl,
  };
}

/** Indents every line after the first of a multi-line value by `indent`. */
export function reindent(text: string, indent: string, nl: string): string {
  const lines = text.split(/\r?\n/);
  return lines.map((l, i) => (i === 0 || l === '' ? l : indent + l)).join(nl);
}

/** An HCL quoted string literal. */
export function hclString(s: string): string {
  return (
    '"' +
    s
      .replace(/\\/g, '\\\\')
      .replace(/"/g, '\\"')
      .replace(/\n/g, '\\n')
      .replace(/\$\{/g, () => '$${')
      .replace(/%\{/g, '%%{') +
    '"'
  );
}

/**
 * Renders a block as `terraform fmt` would: one-line attributes aligned at `=`, nested
 * blocks after a blank line. Values are HCL source text (use hclString for strings).
 */
export function renderBlock(
  header: string,
  body: (readonly [string, string] | { block: string; body: BlockBody })[],
  indent = '  ',
  level = 0,
): string {
  const pad = indent.repeat(level + 1);
  const out: string[] = [`${header} {`];
  let group: (readonly [string, string])[] = [];
  const flush = () => {
    // fmt aligns runs of one-line attributes; a multi-line value stands alone and ends the run.
    let run: (readonly [string, string])[] = [];
    const emitRun = () => {
      const width = Math.max(0, ...run.map(([k]) => k.length));
      for (const [k, v] of run) out.push(`${pad}${k.padEnd(width)} = ${v}`);
      run = [];
    };
    for (const item of group) {
      if (!item[1].includes('\n')) {
        run.push(item);
        continue;
      }
      emitRun();
      out.push(`${pad}${item[0]} = ${reindent(item[1], pad, '\n')}`);
    }
    emitRun();
    group = [];
  };
  let sawBlock = false;
  for (const item of body) {
    if (Array.isArray(item)) {
      if (sawBlock) {
        out.push('');
        sawBlock = false;
      }
      group.push(item as readonly [string, string]);
    } else {
      const b = item as { block: string; body: BlockBody };
      flush();
      if (out.length > 1) out.push('');
      out.push(pad + renderBlock(b.block, b.body, indent, level + 1));
      sawBlock = true;
    }
  }
  flush();
  out.push(`${indent.repeat(level)}}`);
  return out.join('\n');
}

export type BlockBody = (readonly [string, string] | { block: string; body: BlockBody })[];
