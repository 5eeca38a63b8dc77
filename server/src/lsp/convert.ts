// Conversions between the engine's types (paths, ranges with offsets, findings) and LSP types.
// The engine never sees a URI; everything crossing the LSP edge goes through here.

import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Range } from '../hcl/ast';
import { positionToOffset } from '../hcl/positions';
import type { SourceFile } from '../model/types';
import { docsUrl, type Finding, type Fix, type Severity, type TextEdit } from '../rules/types';
import { printable } from '../engine/printable';

export const SOURCE = 'privatelink';

/** Absolute path of a `file:` URI; undefined for other schemes (untitled, git, ...). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * A `file:` URI for a path. Clients send URIs in their own spelling (VS Code encodes `:` in
 * drive letters), so the server answers with the spelling the client used when it knows it.
 */
export function pathToUri(p: string, known?: ReadonlyMap<string, string>): string {
  const k = known?.get(p);
  if (k) return k;
  // The usual path needs no escaping: its URI is the path behind the scheme.
  if (PLAIN_PATH !== undefined && PLAIN_PATH.test(p)) return `file://${p}`;
  let u = made.get(p);
  if (!u) {
    // Related information repeats the same few files many times per publication.
    if (made.size > 10_000) made.clear();
    u = pathToFileURL(p).href;
    made.set(p, u);
  }
  return u;
}

const made = new Map<string, string>();

/**
 * An absolute POSIX path of plain segments (letters, digits, `.`, `_`, `-`; none `.` or `..`,
 * none empty), which `pathToFileURL` leaves as it is. On Windows every path goes through it.
 */
const PLAIN_PATH = process.platform === 'win32' ? undefined : /^(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9._-]+)+$/;

export function toLspRange(r: Range): LspRange {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

export function offsetAt(file: SourceFile, line: number, character: number): number {
  return positionToOffset(file.ast.lineStarts, line, character, file.text);
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * What rides on a diagnostic, for clients that show fixes themselves. The server never reads
 * it back: its code actions come from its own findings (handlers/codeActions.ts).
 */
export interface DiagnosticData {
  fixes: Fix[];
}

export function toDiagnostic(f: Finding, uris?: ReadonlyMap<string, string>): Diagnostic {
  const d: Diagnostic = {
    range: toLspRange(f.range),
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.rule,
    // What a message quotes of files is shown as text: no control or bidirectional formatting
    // character of theirs reorders or breaks it in the editor's lists.
    message: printable(f.message),
  };
  if (/^PL\d{3}$/.test(f.rule)) d.codeDescription = { href: docsUrl(f.rule) };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r): DiagnosticRelatedInformation => ({
      location: { uri: pathToUri(r.uri, uris), range: toLspRange(r.range) },
      message: printable(r.message),
    }));
  }
  if (f.rule === 'unused-suppression') d.tags = [DiagnosticTag.Unnecessary];
  const data: DiagnosticData = { fixes: f.fixes ?? [] };
  d.data = data;
  return d;
}

/** Engine edits (paths, several files) as one WorkspaceEdit. */
export function toWorkspaceEdit(edits: readonly TextEdit[], uris?: ReadonlyMap<string, string>): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const e of edits) {
    const uri = pathToUri(e.uri, uris);
    (changes[uri] ??= []).push({ range: toLspRange(e.range), newText: e.newText });
  }
  return { changes };
}
