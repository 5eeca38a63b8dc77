// initialize / initialized, settings and workspace folders: what the server offers, what it
// learns about the client, and when the background index starts.

import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { uriToPath } from '../lsp/convert';
import { guard } from '../lsp/safe';
import type { Session } from '../lsp/session';
import { SHOW_DOCS_COMMAND, WATCHED_GLOBS, type InitializationOptions } from '../protocol';
import { FIX_ALL_KIND } from './codeActions';
import { offersSemanticTokens, SEMANTIC_TOKENS_OPTIONS } from './semanticTokens';

/**
 * `onServed` is called (maybe more than once) when the open files have been served and the
 * server has a quiet moment: before the index starts if an analysis ran, when the index is
 * built, at shutdown.
 */
export function registerLifecycle(session: Session, onInit: (params: InitializeParams) => void, onServed: () => void = () => {}): void {
  const { connection } = session;
  let dynamicConfig = false;
  let folderEvents = false;
  let clientWatchers = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    onInit(params);
    const caps = params.capabilities;
    session.caps = {
      configuration: caps.workspace?.configuration === true,
      watchedFilesDynamic: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      workDoneProgress: caps.window?.workDoneProgress === true,
    };
    dynamicConfig = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    folderEvents = caps.workspace?.workspaceFolders === true;
    // Untrusted: each option counts only when it is exactly `true`.
    const opts = params.initializationOptions as { [K in keyof InitializationOptions]?: unknown } | undefined;
    clientWatchers = opts?.clientWatchers === true;
    // Our VS Code client implements the commands; other clients get them run here.
    const serverCommands = opts?.clientCommands !== true;
    const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri)) ?? [
      params.rootUri ? uriToPath(params.rootUri) : (params.rootPath ?? undefined),
    ];
    session.folders = folders.filter((f): f is string => !!f);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', '.', '{'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(serverCommands ? { executeCommandProvider: { commands: [SHOW_DOCS_COMMAND] } } : {}),
        ...(offersSemanticTokens(params.initializationOptions) ? { semanticTokensProvider: SEMANTIC_TOKENS_OPTIONS } : {}),
      },
      serverInfo: { name: 'privatelink-terraform', version: '0.1.0' },
    };
  });

  connection.onInitialized(
    guard(connection, 'initialized', async () => {
      // Clients that forward their own file events (ours) need no second set of watchers.
      if (session.caps.watchedFilesDynamic && !clientWatchers) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
        });
      }
      if (dynamicConfig) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'privatelink' });
        // Every change will be reported: no need to ask again before each analysis.
        session.settings.keepUntilChanged();
      }
      if (folderEvents) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard(connection, 'workspaceFolders', (e: WorkspaceFoldersChangeEvent) => {
            // Folder settings come and go with their folders.
            session.settings.changed();
            const removed = new Set(e.removed.map((f: WorkspaceFolder) => uriToPath(f.uri)));
            session.folders = [
              ...session.folders.filter((f) => !removed.has(f)),
              ...e.added.map((f: WorkspaceFolder) => uriToPath(f.uri)).filter((f): f is string => !!f),
            ];
            void session.indexWorkspace();
          }),
        );
      }
      // Open files are served first: editors send didOpen right after initialized, and the
      // index gives way to any analysis waiting for the user.
      setTimeout(() => {
        if (session.timings.analyses > 0) onServed();
        session.indexWorkspace().then(onServed, (e) => session.error(`Indexing failed: ${String(e)}`));
      }, 200);
    }),
  );

  connection.onShutdown(() => onServed());
}
