// The language server's wiring, run by the entry point (server.ts) once the bundle is loaded.
// The work is in handlers/ and lsp/.

import { createConnection, ProposedFeatures, type DidChangeConfigurationParams, type InitializeParams } from 'vscode-languageserver/node';
import { registerCodeActions } from '../handlers/codeActions';
import { registerCodeLens } from '../handlers/codeLens';
import { registerCompletion } from '../handlers/completion';
import { registerDiagnostics } from '../handlers/diagnostics';
import { registerHover } from '../handlers/hover';
import { registerLifecycle } from '../handlers/lifecycle';
import { registerTopology } from '../handlers/topology';
import { registerScaffold } from '../handlers/scaffold';
import { registerSemanticTokens } from '../handlers/semanticTokens';
import { registerWorkspace } from '../handlers/workspace';
import { describeError } from './safe';
import { Session } from './session';
import { DEFAULT_SETTINGS, normalizeSettings, settingsSource, type Settings } from './settings';

export interface StartOptions {
  /** Called when the first open files have been served and the server has a quiet moment. */
  onServed?: () => void;
}

export function start(options: StartOptions = {}): void {
  const connection = createConnection(ProposedFeatures.all);

  let initial: Settings = DEFAULT_SETTINGS;
  let pushed: unknown;
  const session: Session = new Session(
    connection,
    settingsSource(
      connection,
      () => session.caps.configuration,
      () => pushed,
      () => initial,
    ),
    DEFAULT_SETTINGS,
  );

  registerLifecycle(
    session,
    (params: InitializeParams) => {
      const opts = params.initializationOptions as { settings?: unknown } | undefined;
      initial = normalizeSettings(opts?.settings);
    },
    options.onServed,
  );
  registerDiagnostics(session);
  registerCodeActions(session);
  registerHover(session);
  registerCompletion(session);
  registerCodeLens(session);
  registerWorkspace(session);
  registerTopology(session);
  registerScaffold(session);
  registerSemanticTokens(session);

  connection.onDidChangeConfiguration((change: DidChangeConfigurationParams) => {
    pushed = (change.settings as { privatelink?: unknown } | undefined)?.privatelink;
    session.settings.changed();
    session.refreshAll().catch((e: unknown) => connection.console.error(`Settings change failed: ${describeError(e)}`));
  });

  // One odd input must not end the session: say what happened and go on.
  process.on('uncaughtException', (e) => connection.console.error(`Unexpected error: ${describeError(e)}`));
  process.on('unhandledRejection', (e) => connection.console.error(`Unexpected rejection: ${describeError(e)}`));

  session.documents.listen(connection);
  connection.listen();
}
