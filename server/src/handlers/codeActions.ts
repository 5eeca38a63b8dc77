// Code actions. Everything a quick fix needs rides on the diagnostic (`data.fixes`), so this
// handler keeps no state: the rule's fixes, "ignore for this line / file", the rule's
// documentation, and `source.fixAll.privatelink` for the whole file.

import * as path from 'node:path';
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type ExecuteCommandParams,
} from 'vscode-languageserver/node';
import { analyze } from '../engine/analyze';
import { compatibleFixes } from '../engine/fix-all';
import { suppressionEdit } from '../engine/suppress';
import type { Range } from '../hcl/ast';
import type { SourceFile } from '../model/types';
import { docsUrl, type Finding } from '../rules/types';
import { fixesOf, offsetAt, SOURCE, toWorkspaceEdit } from '../lsp/convert';
import { safe } from '../lsp/safe';
import type { Session } from '../lsp/session';
import { effectiveConfig } from '../lsp/settings';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;
export const SHOW_DOCS_COMMAND = 'privatelink.showDocs';

export function registerCodeActions(session: Session): void {
  const { connection } = session;
  connection.onCodeAction(safe(connection, 'codeAction', [], (params: CodeActionParams) => codeActions(session, params)));
  // For clients that do not implement the command themselves: ask them to open the page.
  connection.onExecuteCommand(safe(connection, 'executeCommand', null, async (params: ExecuteCommandParams) => {
    if (params.command !== SHOW_DOCS_COMMAND) return null;
    const [id, url] = params.arguments ?? [];
    const href = typeof url === 'string' ? url : typeof id === 'string' && /^PL\d{3}$/.test(id) ? docsUrl(id) : undefined;
    if (href) await connection.window.showDocument({ uri: href, external: true });
    return null;
  }));
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export async function codeActions(session: Session, params: CodeActionParams): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const p = session.pathOf(uri);
  const file = p ? session.file(p) : undefined;
  if (!p || !file || file.readError) return [];
  const only = params.context.only;
  const out: CodeAction[] = [];

  if (wants(only, CodeActionKind.QuickFix)) {
    const ignored = new Set<string>();
    for (const d of params.context.diagnostics) {
      if (d.source !== SOURCE || typeof d.code !== 'string') continue;
      for (const fix of fixesOf(d)) {
        out.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: fix.isPreferred === true,
          edit: toWorkspaceEdit(fix.edits, session.uris),
        });
      }
      if (!/^PL\d{3}$/.test(d.code)) continue;
      const finding = findingOf(file, d);
      const key = `${d.code}:${d.range.start.line}`;
      if (!ignored.has(key)) {
        ignored.add(key);
        out.push(ignoreAction(session, file, finding, d, 'line'));
        out.push(ignoreAction(session, file, finding, d, 'file'));
        out.push({
          title: `Show documentation for ${d.code}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          command: { title: `Show documentation for ${d.code}`, command: SHOW_DOCS_COMMAND, arguments: [d.code, docsUrl(d.code)] },
        });
      }
    }
  }

  if (only && wants(only, FIX_ALL_KIND)) {
    const action = await fixAll(session, p);
    if (action) out.push(action);
  }
  return out;
}

/** A finding rebuilt from a diagnostic, with offsets from the current text. */
function findingOf(file: SourceFile, d: Diagnostic): Finding {
  const at = (line: number, character: number) => ({ line, character, offset: offsetAt(file, line, character) });
  const range: Range = { start: at(d.range.start.line, d.range.start.character), end: at(d.range.end.line, d.range.end.character) };
  return { rule: String(d.code), severity: 'warning', message: typeof d.message === 'string' ? d.message : d.message.value, uri: file.path, range };
}

function ignoreAction(session: Session, file: SourceFile, finding: Finding, d: Diagnostic, scope: 'line' | 'file'): CodeAction {
  const edit = suppressionEdit(file, finding, scope);
  return {
    title: scope === 'line' ? `Ignore ${finding.rule} for this line` : `Ignore ${finding.rule} for this file`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: toWorkspaceEdit([edit], session.uris),
  };
}

/** Every preferred fix of the file's findings that does not overlap another, as one edit. */
async function fixAll(session: Session, p: string): Promise<CodeAction | undefined> {
  const s = await session.currentSettings(session.uris.get(p));
  if (!s.enable) return undefined;
  const dir = path.dirname(p);
  const root = session.rootOf(p);
  // Fresh findings: the published ones may predate the last keystroke.
  const findings = analyze(session.viewOf(new Set([dir])), { config: effectiveConfig(session.committedConfig(root), s), root, dirs: new Set([dir]) })
    .filter((f) => f.uri === p);
  const chosen = compatibleFixes(findings);
  if (chosen.length === 0) return undefined;
  return {
    title: `Fix all PrivateLink problems (${chosen.length})`,
    kind: FIX_ALL_KIND,
    edit: toWorkspaceEdit(chosen.flatMap((c) => c.fix.edits), session.uris),
  };
}
