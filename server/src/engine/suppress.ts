// Suppression comments: `# privatelink:ignore PL202 -- reason` on the line above a block or
// attribute (or at the end of its line), `# privatelink:ignore-file PL701` anywhere in a file,
// and checkov's `#checkov:skip=CKV_AWS_123` inside a resource for the one overlapping check.

import type { Attribute, Block, Body, Comment, Range } from '../hcl/ast';
import type { SourceFile } from '../model/types';
import { eol, lineIndent, rangeOf } from '../fixes/edits';
import type { Finding, TextEdit } from '../rules/types';

export interface Suppression {
  rules: string[];
  scope: 'lines' | 'file';
  /** Lines covered (inclusive, zero-based) for scope 'lines'. */
  from: number;
  to: number;
  comment: Comment;
  /** checkov's syntax: never reported as unused (checkov itself reads it). */
  foreign: boolean;
  /** Rule ids that silenced something. */
  used: Set<string>;
}

/** checkov check ids with the same meaning as one of ours. */
export const CHECKOV_EQUIVALENTS: Readonly<Record<string, string>> = { CKV_AWS_123: 'PL602' };

const OURS = /privatelink:(ignore-file|ignore)\b([^\n]*)/;
const CHECKOV = /checkov:skip=\s*([A-Z0-9_]+)/g;

export function parseSuppressions(file: SourceFile): Suppression[] {
  const out: Suppression[] = [];
  for (const c of file.ast.comments) {
    const m = OURS.exec(c.text);
    if (m) {
      const list = m[2].split('--')[0].replace(/\*\/\s*$/, '');
      const rules = list.split(/[\s,]+/).filter((x) => /^PL\d{3}$/.test(x));
      if (rules.length === 0) continue;
      if (m[1] === 'ignore-file') {
        out.push({ rules, scope: 'file', from: 0, to: Infinity, comment: c, foreign: false, used: new Set() });
      } else {
        const [from, to] = coveredLines(file, c);
        out.push({ rules, scope: 'lines', from, to, comment: c, foreign: false, used: new Set() });
      }
      continue;
    }
    CHECKOV.lastIndex = 0;
    let k: RegExpExecArray | null;
    const rules: string[] = [];
    while ((k = CHECKOV.exec(c.text))) {
      const ours = CHECKOV_EQUIVALENTS[k[1]];
      if (ours) rules.push(ours);
    }
    if (rules.length) {
      const block = innermostTopBlock(file.ast.body, c.range);
      const from = block ? block.range.start.line : c.range.start.line;
      const to = block ? block.range.end.line : c.range.start.line + 1;
      out.push({ rules, scope: 'lines', from, to, comment: c, foreign: true, used: new Set() });
    }
  }
  return out;
}

/** The top-level block that contains a position. */
function innermostTopBlock(body: Body, r: Range): Block | undefined {
  for (const it of body.items) {
    if (it.type === 'Block' && it.range.start.offset <= r.start.offset && r.end.offset <= it.range.end.offset) return it;
  }
  return undefined;
}

/** The item (block or attribute) that starts on a line, outermost first. */
function itemStartingAt(body: Body, line: number): Block | Attribute | undefined {
  for (const it of body.items) {
    if (it.range.start.line === line) return it;
    if (it.type === 'Block' && it.range.start.line < line && line <= it.range.end.line) {
      const inner = itemStartingAt(it.body, line);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** The innermost attribute, or block whose header is on the line, that holds a line. */
function itemContaining(body: Body, line: number): Block | Attribute | undefined {
  for (const it of body.items) {
    if (it.range.start.line > line || line > it.range.end.line) continue;
    if (it.type === 'Block' && line > it.range.start.line) return itemContaining(it.body, line) ?? it;
    return it;
  }
  return undefined;
}

function coveredLines(file: SourceFile, c: Comment): [number, number] {
  const line = c.range.start.line;
  const before = file.text.slice(file.ast.lineStarts[line], c.range.start.offset).trim();
  // A comment alone on its line covers the next item; at the end of a line, that line's item.
  const target = before === '' ? nextCodeLine(file, line) : line;
  const item = itemStartingAt(file.ast.body, target);
  return item ? [item.range.start.line, item.range.end.line] : [target, target];
}

/** The next line after `line` that is not blank and not only a comment. */
function nextCodeLine(file: SourceFile, line: number): number {
  const comments = new Set(file.ast.comments.filter((c) => c.range.start.line === c.range.end.line).map((c) => c.range.start.line));
  for (let l = line + 1; l < file.ast.lineStarts.length; l++) {
    const start = file.ast.lineStarts[l];
    const end = file.ast.lineStarts[l + 1] ?? file.text.length;
    const text = file.text.slice(start, end).trim();
    if (text === '') continue;
    if (comments.has(l) && (text.startsWith('#') || text.startsWith('//') || text.startsWith('/*'))) continue;
    return l;
  }
  return line + 1;
}

/** Drops suppressed findings; marks the suppressions that were used. */
export function applySuppressions(findings: Finding[], byFile: ReadonlyMap<string, Suppression[]>): Finding[] {
  return findings.filter((f) => {
    const list = byFile.get(f.uri);
    if (!list) return true;
    for (const s of list) {
      if (!s.rules.includes(f.rule)) continue;
      const line = f.range.start.line;
      if (s.scope === 'file' || (s.from <= line && line <= s.to)) {
        s.used.add(f.rule);
        return false;
      }
    }
    return true;
  });
}

/** Hints for suppressions of enabled rules that silenced nothing. */
export function unusedSuppressions(byFile: ReadonlyMap<string, Suppression[]>, enabled: (rule: string) => boolean): Finding[] {
  const out: Finding[] = [];
  for (const [uri, list] of byFile) {
    for (const s of list) {
      if (s.foreign) continue;
      for (const r of s.rules) {
        if (s.used.has(r) || !enabled(r)) continue;
        out.push({
          rule: 'unused-suppression',
          severity: 'hint',
          message: `Unused suppression: ${r} reports nothing ${s.scope === 'file' ? 'in this file' : 'here'}.`,
          uri,
          range: s.comment.range,
          fixes: [],
        });
      }
    }
  }
  return out;
}

/** The edit that writes a suppression comment for a finding (code action "Ignore ... "). */
export function suppressionEdit(file: SourceFile, finding: Finding, scope: 'line' | 'file'): TextEdit {
  const nl = eol(file);
  const reason = '-- reason';
  if (scope === 'file') {
    return { uri: file.path, range: rangeOf(file, 0, 0), newText: `# privatelink:ignore-file ${finding.rule} ${reason}${nl}` };
  }
  // Above the innermost attribute or block holding the finding: never inside a heredoc or a
  // multi-line expression, where a comment line would change the value.
  const item = itemContaining(file.ast.body, finding.range.start.line);
  const line = item ? item.range.start.line : finding.range.start.line;
  const start = file.ast.lineStarts[line] ?? 0;
  const indent = lineIndent(file, line);
  return { uri: file.path, range: rangeOf(file, start, start), newText: `${indent}# privatelink:ignore ${finding.rule} ${reason}${nl}` };
}
