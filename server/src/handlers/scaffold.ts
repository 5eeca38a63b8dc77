// Scaffolding requests: MODULES_REQUEST lists the module folders a command can write
// into, SCAFFOLD_CHOICES_REQUEST the services and bundles it can add, SCAFFOLD_REQUEST computes
// a command's edits as one WorkspaceEdit (new files as CreateFile operations). The client only
// asks the questions and applies the edit, so it carries none of the engine's data; the summary
// rides on the edit's change annotation, which is also what a preview shows.

import * as path from 'node:path';
import {
  ErrorCodes,
  ResponseError,
  type AnnotatedTextEdit,
  type ChangeAnnotation,
  type CreateFile,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { WorkspaceModel } from '../model/types';
import { insideAny, realOf } from '../model/boundary';
import { createWorkspace } from '../model/workspace';
import { catalog } from '../query/catalog';
import { BUNDLES, listModules, runScaffold, SCAFFOLD_COMMANDS, ScaffoldError, type ScaffoldResult } from '../scaffold/index';
import { pathToUri, toLspRange, uriToPath } from '../lsp/convert';
import { describeError } from '../lsp/safe';
import type { Session } from '../lsp/session';
import { findModuleDirs } from '../lsp/walk';
import {
  MODULES_REQUEST,
  SCAFFOLD_ANNOTATION,
  SCAFFOLD_CHOICES_REQUEST,
  SCAFFOLD_REQUEST,
  type ModulesResult,
  type ScaffoldChoicesResult,
  type ScaffoldParams,
} from '../protocol';

export function registerScaffold(session: Session): void {
  const { connection } = session;
  connection.onRequest(SCAFFOLD_REQUEST, (params: ScaffoldParams) => scaffold(session, params));
  connection.onRequest(SCAFFOLD_CHOICES_REQUEST, (): ScaffoldChoicesResult => scaffoldChoices());
  connection.onRequest(MODULES_REQUEST, async (): Promise<ModulesResult> => {
    try {
      return await modules(session);
    } catch (e) {
      session.error(`Listing modules failed: ${describeError(e)}`);
      return { modules: [] };
    }
  });
}

/** What "Add interface endpoints" offers: every service with an endpoint type, and the bundles. */
export function scaffoldChoices(): ScaffoldChoicesResult {
  return {
    services: catalog.services.filter((s) => s.interface || s.gateway).map((s) => ({ name: s.name, title: s.title })),
    bundles: BUNDLES.map((b) => ({ id: b.id, label: b.label, detail: b.detail, services: [...b.services] })),
  };
}

function toPath(dirOrUri: string): string | undefined {
  if (dirOrUri.startsWith('file:')) return uriToPath(dirOrUri);
  return path.isAbsolute(dirOrUri) ? path.normalize(dirOrUri) : undefined;
}

export function scaffold(session: Session, params: ScaffoldParams): WorkspaceEdit {
  const dir = typeof params?.moduleDir === 'string' ? toPath(params.moduleDir) : undefined;
  if (!dir) throw new ResponseError(ErrorCodes.InvalidParams, 'moduleDir must be a file: URI or an absolute path.');
  if (!SCAFFOLD_COMMANDS.includes(params.command))
    throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command "${String(params.command)}".`);
  const options = { ...((params.options ?? {}) as Record<string, unknown>) };
  const dirs = new Set([dir]);
  // What a command connects to may be in another module, named by a URI or a path.
  for (const key of ['service', 'configuration']) {
    const other = options[key] as { dir?: unknown; address?: unknown } | undefined;
    if (!other || typeof other.dir !== 'string') continue;
    const otherDir = toPath(other.dir) ?? other.dir;
    options[key] = { ...other, dir: otherDir };
    dirs.add(otherDir);
  }
  let result: ScaffoldResult;
  try {
    result = runScaffold(session.viewOf(dirs), { command: params.command, moduleDir: dir, options });
  } catch (e) {
    if (e instanceof ScaffoldError) throw new ResponseError(ErrorCodes.InvalidParams, e.message);
    session.error(`${params.command} failed: ${describeError(e)}`);
    throw new ResponseError(ErrorCodes.InternalError, `${params.command} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  // Scaffolding writes where fixes may: files inside the workspace folders, reached through
  // no symlink, whatever folder the request names.
  const created = new Set(result.createFiles);
  for (const p of [...created, ...result.edits.map((e) => e.uri).filter((u) => !created.has(u))]) {
    const why = created.has(p)
      ? realOf(path.dirname(p)) === path.dirname(p) && insideAny(p, session.boundary.write)
        ? undefined
        : 'it is not in a workspace folder reached through no symlink'
      : session.writeRefusalOf(p);
    if (why) throw new ResponseError(ErrorCodes.InvalidParams, `${params.command} would write ${p}, which it may not: ${why}.`);
  }
  return toScaffoldEdit(result, session.uris, (uri) => session.documents.get(uri)?.version ?? null);
}

/** The engine's result as a WorkspaceEdit: CreateFile first, then one annotated edit per file. */
export function toScaffoldEdit(
  result: ScaffoldResult,
  uris: ReadonlyMap<string, string>,
  versionOf: (uri: string) => number | null,
): WorkspaceEdit {
  const [label, ...rest] = result.summary.split('\n');
  const annotation: ChangeAnnotation = { label, description: rest.join(' '), needsConfirmation: false };
  const documentChanges: (CreateFile | TextDocumentEdit)[] = [];
  const created = new Set(result.createFiles);
  for (const p of result.createFiles) {
    documentChanges.push({
      kind: 'create',
      uri: pathToUri(p, uris),
      options: { ignoreIfExists: false, overwrite: false },
      annotationId: SCAFFOLD_ANNOTATION,
    });
  }
  const byFile = new Map<string, AnnotatedTextEdit[]>();
  for (const e of result.edits) {
    const list = byFile.get(e.uri) ?? [];
    list.push({ range: toLspRange(e.range), newText: e.newText, annotationId: SCAFFOLD_ANNOTATION });
    byFile.set(e.uri, list);
  }
  for (const [p, edits] of byFile) {
    const uri = pathToUri(p, uris);
    // A file created by this edit has no version yet.
    documentChanges.push({ textDocument: { uri, version: created.has(p) ? null : versionOf(uri) }, edits });
  }
  return { documentChanges, changeAnnotations: { [SCAFFOLD_ANNOTATION]: annotation } };
}

async function modules(session: Session): Promise<ModulesResult> {
  const { dirs } = await findModuleDirs(session.folders);
  const active = session.activeDirs();
  // Folders not open in the editor are read into a throw-away model, as the index does.
  let scratch: WorkspaceModel | undefined;
  const pick = (d: string) => (active.has(d) ? session.ws : (scratch ??= createWorkspace(session.host)));
  const out: ModulesResult['modules'] = [];
  for (const d of dirs) {
    for (const m of listModules(pick(d), [d])) out.push({ ...m, uri: pathToUri(m.dir, session.uris) });
  }
  return { modules: out };
}
