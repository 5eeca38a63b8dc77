// Edits to policy documents in whichever style they are written: an HCL object inside
// jsonencode, JSON in a heredoc or a quoted string, or a data "aws_iam_policy_document".

import type { Node, ObjectExpr } from '../hcl/ast';
import { forEachChild } from '../hcl/walk';
import type { Node as JsonNode } from 'jsonc-parser';
import type { ModuleInstance, SourceFile } from '../model/types';
import { bodyIndent, eol, indentUnit, lineIndent, rangeOf } from './edits';
import type { TextEdit } from './types';
import type { PNode, PolicyDoc } from '../query/policy/document';
import { mapEnd, mapOffset } from '../query/policy/text';
import { statementBlock } from '../query/policy/convert';

export const ORG_PLACEHOLDER = 'o-xxxxxxxxxx';

function fileAt(module: ModuleInstance, uri: string): SourceFile | undefined {
  return module.files.find((f) => f.path === uri || f.uri === uri);
}

/** The object expression written exactly at a range of a file. */
function objectAt(file: SourceFile, start: number, end: number): ObjectExpr | undefined {
  let found: ObjectExpr | undefined;
  const visit = (n: Node) => {
    if (found) return;
    const r = (n as { range?: { start: { offset: number }; end: { offset: number } } }).range;
    if (r && (r.end.offset < start || r.start.offset > end)) return;
    if (n.type === 'Object' && n.range.start.offset === start && n.range.end.offset === end) {
      found = n;
      return;
    }
    if (n.type === 'Body') {
      // Items are in source order: go straight to those around the range rather than through
      // every item of the file (asked once per policy, that made fixes quadratic in its size).
      const items = n.items;
      let lo = 0;
      let hi = items.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (items[mid].range.end.offset < start) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < items.length && !found && items[i].range.start.offset <= end; i++) visit(items[i]);
      return;
    }
    forEachChild(n, visit);
  };
  visit(file.ast);
  return found;
}

function lineEndOffset(file: SourceFile, line: number): number {
  const next = file.ast.lineStarts[line + 1];
  if (next === undefined) return file.text.length;
  let e = next - 1;
  if (e > 0 && file.text[e - 1] === '\r') e--;
  return e;
}

/**
 * Adds `key = value` as the last item of an HCL object expression. `lines` are the value's
 * lines for a multi-line object; `oneLine` is used when the object is written on one line.
 */
export function appendObjectItem(file: SourceFile, obj: ObjectExpr, key: string, lines: string[], oneLine: string): TextEdit | undefined {
  const nl = eol(file);
  const last = obj.items[obj.items.length - 1];
  if (!last) return undefined;
  const multi = obj.range.end.line > obj.range.start.line;
  if (!multi) {
    return { uri: file.path, range: rangeOf(file, last.range.end.offset, last.range.end.offset), newText: `, ${key} = ${oneLine}` };
  }
  if (last.range.end.line === obj.range.end.line) return undefined;
  let at = last.range.end.offset;
  const rest = file.text.slice(at, lineEndOffset(file, last.range.end.line));
  const comma = rest.trimStart().startsWith(',');
  if (comma) at += rest.indexOf(',') + 1;
  const indent = lineIndent(file, last.range.start.line);
  const value = lines.map((l, i) => (i === 0 ? l : indent + l)).join(nl);
  return { uri: file.path, range: rangeOf(file, at, at), newText: `${nl}${indent}${key} = ${value}${comma ? ',' : ''}` };
}

/** Adds a Condition on aws:PrincipalOrgID to a statement, in the policy's own style. */
export function addOrgCondition(p: PolicyDoc, statement: PNode, module: ModuleInstance): TextEdit[] | undefined {
  const loc = statement.loc;
  if (!loc || statement.kind !== 'object') return undefined;
  if (p.form.kind === 'jsonencode') {
    const file = fileAt(module, loc.uri);
    const obj = file && objectAt(file, loc.range.start.offset, loc.range.end.offset);
    if (!file || !obj) return undefined;
    const u = indentUnit(file);
    const lines = ['{', `${u}StringEquals = {`, `${u}${u}"aws:PrincipalOrgID" = "${ORG_PLACEHOLDER}"`, `${u}}`, '}'];
    const e = appendObjectItem(file, obj, 'Condition', lines, `{ StringEquals = { "aws:PrincipalOrgID" = "${ORG_PLACEHOLDER}" } }`);
    return e ? [e] : undefined;
  }
  if (p.form.kind === 'text') return jsonCondition(p.form, statement);
  if (p.form.kind === 'data') {
    const st = statementBlock(p.form.source, statement);
    const file = st && fileAt(module, st.uri);
    if (!st || !file || !st.block.closeBrace || st.block.closeBrace.start.line === st.block.range.start.line) return undefined;
    const items = st.block.body.items;
    const lastLine = items.length ? items[items.length - 1].range.end.line : st.block.range.start.line;
    const at = lineEndOffset(file, lastLine);
    const nl = eol(file);
    const bi = bodyIndent(file, st.block);
    const u = indentUnit(file);
    const text = [
      '',
      `${bi}condition {`,
      `${bi}${u}test     = "StringEquals"`,
      `${bi}${u}variable = "aws:PrincipalOrgID"`,
      `${bi}${u}values   = ["${ORG_PLACEHOLDER}"]`,
      `${bi}}`,
    ].join(nl);
    return [{ uri: file.path, range: rangeOf(file, at, at), newText: (items.length ? nl : '') + text }];
  }
  return undefined;
}

function jsonObjectAt(tree: JsonNode | undefined, offset: number): JsonNode | undefined {
  if (!tree) return undefined;
  if (tree.type === 'object' && tree.offset === offset) return tree;
  for (const c of tree.children ?? []) {
    if (c.offset <= offset && offset < c.offset + c.length) return jsonObjectAt(c, offset);
  }
  return undefined;
}

function jsonCondition(form: Extract<PolicyDoc['form'], { kind: 'text' }>, statement: PNode): TextEdit[] | undefined {
  if (statement.span === undefined) return undefined;
  const obj = jsonObjectAt(form.tree, statement.span);
  const last = obj?.children?.[obj.children.length - 1];
  if (!obj || !last) return undefined;
  const file = form.file;
  const t = { text: form.json, map: form.map, ends: form.ends };
  const at = mapEnd(t, last.offset + last.length - 1);
  const openLine = rangeOf(file, mapOffset(t, obj.offset), mapOffset(t, obj.offset)).start.line;
  const lastLine = rangeOf(file, at, at).start.line;
  if (form.quoted || openLine === lastLine) {
    const json = `, "Condition": {"StringEquals": {"aws:PrincipalOrgID": "${ORG_PLACEHOLDER}"}}`;
    const text = form.quoted ? json.replace(/ /g, '').replace(/"/g, '\\"') : json;
    return [{ uri: file.path, range: rangeOf(file, at, at), newText: text }];
  }
  const nl = eol(file);
  const indent = lineIndent(file, rangeOf(file, mapOffset(t, last.offset), mapOffset(t, last.offset)).start.line);
  const outer = lineIndent(file, openLine);
  const u = indent.length > outer.length && indent.startsWith(outer) ? indent.slice(outer.length) : '  ';
  const text = [
    ',',
    `${indent}"Condition": {`,
    `${indent}${u}"StringEquals": {`,
    `${indent}${u}${u}"aws:PrincipalOrgID": "${ORG_PLACEHOLDER}"`,
    `${indent}${u}}`,
    `${indent}}`,
  ].join(nl);
  return [{ uri: file.path, range: rangeOf(file, at, at), newText: text }];
}
