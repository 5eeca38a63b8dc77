// Code actions: the rule's fixes, "ignore for this line / file", the rule's documentation,
// and `source.fixAll.privatelink` for the whole file. Fixes come from the server's own
// findings for the file, matched to the request's diagnostics by rule, range and message:
// the `data` a diagnostic carries back from the client is never trusted. A fix is offered
// only when every file it edits may be written (see `Session.writeRefusalOf`).

import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type ExecuteCommandParams,
} from 'vscode-languageserver/node';
import { compatibleFixes } from '../engine/fix-all';
import { suppressionEdit } from '../engine/suppress';
import { isJsonConfigFile } from '../model/paths';
import type { SourceFile } from '../model/types';
import { RULES_BY_ID } from '../rules/index';
import { docsUrl, type Finding } from '../rules/types';
import { SOURCE, toLspRange, toWorkspaceEdit } from '../lsp/convert';
import { safe } from '../lsp/safe';
import type { Session } from '../lsp/session';
import { SHOW_DOCS_COMMAND } from '../protocol';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;

/** A rule of the catalog, by id. */
export function isRuleId(id: unknown): id is string {
  return typeof id === 'string' && /^PL\d{3}$/.test(id) && RULES_BY_ID.has(id);
}

/**
 * The page SHOW_DOCS_COMMAND may open for its arguments: the documented page of a rule
 * of the catalog, and only when the URL given (if any) is that page; undefined otherwise.
 */
export function docsTarget(args: readonly unknown[] | undefined): string | undefined {
  const [id, url] = args ?? [];
  if (!isRuleId(id)) return undefined;
  const href = docsUrl(id);
  return url === undefined || url === href ? href : undefined;
}

export function registerCodeActions(session: Session): void {
  const { connection } = session;
  connection.onCodeAction(safe(connection, 'codeAction', [], (params: CodeActionParams) => codeActions(session, params)));
  // For clients that do not implement the command themselves: ask them to open the page.
  connection.onExecuteCommand(
    safe(connection, 'executeCommand', null, async (params: ExecuteCommandParams) => {
      if (params.command !== SHOW_DOCS_COMMAND) return null;
      const href = docsTarget(params.arguments);
      if (!href) {
        session.log(
          `${SHOW_DOCS_COMMAND} ignored: ${JSON.stringify(params.arguments ?? []).slice(0, 200)} is not a rule of the catalog with its documented page.`,
        );
        return null;
      }
      await connection.window.showDocument({ uri: href, external: true });
      return null;
    }),
  );
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
    const ours = params.context.diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string');
    const findings = ours.length ? await session.currentFindings(p) : [];
    const ignored = new Set<string>();
    for (const d of ours) {
      const finding = matching(findings, p, d);
      // Not one of the server's current findings (stale, or not from here): nothing to offer.
      if (!finding) continue;
      for (const fix of finding.fixes ?? []) {
        if (fix.edits.length === 0 || session.fixRefusal(fix)) continue;
        out.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: fix.isPreferred === true,
          edit: toWorkspaceEdit(fix.edits, session.uris),
        });
      }
      if (!isRuleId(finding.rule)) continue;
      const key = `${finding.rule}:${d.range.start.line}`;
      if (ignored.has(key)) continue;
      ignored.add(key);
      const ignoreLine = ignoreAction(session, file, finding, d, 'line');
      const ignoreFile = ignoreAction(session, file, finding, d, 'file');
      if (ignoreLine) out.push(ignoreLine);
      if (ignoreFile) out.push(ignoreFile);
      const title = `Show documentation for ${finding.rule}`;
      out.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title, command: SHOW_DOCS_COMMAND, arguments: [finding.rule, docsUrl(finding.rule)] },
      });
    }
  }

  if (only && wants(only, FIX_ALL_KIND)) {
    const action = await fixAll(session, p);
    if (action) out.push(action);
  }
  return out;
}

function messageOf(d: Diagnostic): string {
  const m: unknown = d.message;
  if (typeof m === 'string') return m;
  const v = (m as { value?: unknown } | undefined)?.value;
  return typeof v === 'string' ? v : '';
}

/** The server's finding a diagnostic stands for: same file, rule, range and message. */
function matching(findings: readonly Finding[], p: string, d: Diagnostic): Finding | undefined {
  const message = messageOf(d);
  const r = d.range;
  if (!r?.start || !r.end) return undefined;
  return findings.find((f) => {
    if (f.uri !== p || f.rule !== d.code || f.message !== message) return false;
    const fr = toLspRange(f.range);
    return (
      fr.start.line === r.start.line &&
      fr.start.character === r.start.character &&
      fr.end.line === r.end.line &&
      fr.end.character === r.end.character
    );
  });
}

function ignoreAction(session: Session, file: SourceFile, finding: Finding, d: Diagnostic, scope: 'line' | 'file'): CodeAction | undefined {
  // A suppression is a comment, and JSON has none.
  if (isJsonConfigFile(file.path)) return undefined;
  const edit = suppressionEdit(file, finding, scope);
  const title = scope === 'line' ? `Ignore ${finding.rule} for this line` : `Ignore ${finding.rule} for this file`;
  if (session.fixRefusal({ title, edits: [edit] })) return undefined;
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: toWorkspaceEdit([edit], session.uris),
  };
}

/**
 * Every preferred fix of the file's findings that does not overlap another, as one edit.
 * Fixes that edit a file that may not be written are left out.
 */
async function fixAll(session: Session, p: string): Promise<CodeAction | undefined> {
  const s = await session.currentSettings(session.uris.get(p));
  if (!s.enable) return undefined;
  const findings = (await session.currentFindings(p)).map((f) => ({ ...f, fixes: f.fixes?.filter((fix) => !session.fixRefusal(fix)) }));
  const chosen = compatibleFixes(findings);
  if (chosen.length === 0) return undefined;
  return {
    title: `Fix all PrivateLink problems (${chosen.length})`,
    kind: FIX_ALL_KIND,
    edit: toWorkspaceEdit(
      chosen.flatMap((c) => c.fix.edits),
      session.uris,
    ),
  };
}
