// The VS Code face: starts the bundled language server, shows its state, and offers the
// commands. Thin on purpose; the analysis lives in the server.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerScaffoldCommands } from './commands/scaffold';
import { registerTopologyCommands } from './views/topology';
import {
  LanguageClient,
  TransportKind,
  WorkDoneProgress,
  type LanguageClientOptions,
  type ServerOptions,
  type WorkDoneProgressBegin,
  type WorkDoneProgressReport,
} from 'vscode-languageclient/node';
import {
  docsUrl,
  LINT_WORKSPACE_REQUEST,
  SHOW_DOCS_COMMAND,
  STATUS_NOTIFICATION,
  WATCHED_GLOBS,
  type InitializationOptions,
  type LintWorkspaceParams,
  type LintWorkspaceResult,
  type StatusParams,
} from '../../server/src/protocol';
import { docsUriPath, localDocsMarkdown, ruleOfDocsUriPath, ruleOfDocsUrl } from './docs-links';
import { SELECTOR } from './documents';
import { serverHighlights } from './highlighting';
import { serverEnv } from './server-env';

export const CLIENT_ID = 'privatelink';
/** Where the server keeps its code cache (read by server/src/server.ts). */
const CACHE_DIR_ENV = 'PRIVATELINK_CACHE_DIR';

let client: LanguageClient | undefined;

/** The running client, for the other parts of the extension (topology, scaffolding). */
export function languageClient(): LanguageClient | undefined {
  return client;
}

/**
 * How long activation took, in milliseconds: the extension's own part (everything before the
 * server is asked to start) and the wait for the language server to start and answer
 * `initialize`. Handed to whoever asks the extension's exports (the editor suite prints it).
 */
export interface ActivationTimes {
  ownMs: number;
  serverStartMs: number;
}

export async function activate(
  context: vscode.ExtensionContext,
): Promise<{ client: () => LanguageClient | undefined; activation: ActivationTimes }> {
  const t0 = performance.now();
  const output = vscode.window.createOutputChannel('PrivateLink', { log: true });
  const status = vscode.languages.createLanguageStatusItem('privatelink.status', SELECTOR);
  status.name = 'PrivateLink';
  status.text = 'PrivateLink';
  status.command = { title: 'Show Output', command: 'privatelink.showOutput' };
  context.subscriptions.push(output, status);

  const serverModule = context.asAbsolutePath('dist/server.js');
  // The server keeps its compiled code in the extension's storage, never in the extension's
  // own folder (see server/src/code-cache.ts).
  const env = { ...serverEnv(), [CACHE_DIR_ENV]: path.join(context.globalStorageUri.fsPath, 'code-cache') };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const watchers = WATCHED_GLOBS.map((g) => vscode.workspace.createFileSystemWatcher(g));
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    outputChannel: output,
    synchronize: { fileEvents: watchers },
    // The client forwards file events and runs the commands itself: the server need not
    // register watchers nor offer the commands.
    initializationOptions: { clientWatchers: true, clientCommands: true } satisfies InitializationOptions,
    // The server links each rule to its published page; here the bundled page opens instead.
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => {
        for (const d of diagnostics) localCodeTarget(context, d);
        next(uri, diagnostics);
      },
      provideHover: async (document, position, token, next) => {
        const h = await next(document, position, token);
        return h ? localHover(h) : h;
      },
    },
  };

  // Whether the server colours the files is a capability it declares at start: asked again at
  // each start, and a change of the setting or of the installed extensions restarts it.
  let highlights = highlightingWanted();
  const start = async () => {
    highlights = highlightingWanted();
    (clientOptions.initializationOptions as InitializationOptions).semanticTokens = highlights;
    client = new LanguageClient(CLIENT_ID, 'PrivateLink', serverOptions, clientOptions);
    client.onNotification(STATUS_NOTIFICATION, (s: StatusParams) => showStatus(status, s));
    await client.start();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('privatelink.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('privatelink.restartServer', async () => {
      status.busy = true;
      status.text = 'PrivateLink: restarting';
      if (client) await client.stop().catch(() => undefined);
      await start();
    }),
    vscode.commands.registerCommand('privatelink.lintWorkspace', () => lintWorkspace(output)),
    vscode.commands.registerCommand(SHOW_DOCS_COMMAND, (ruleId: unknown, url?: unknown) => showDocs(context, output, ruleId, url)),
    // The rule code in Problems and in the squiggle's hover links here (see localCodeTarget).
    vscode.window.registerUriHandler({
      handleUri: (uri) => {
        const id = ruleOfDocsUriPath(uri.path);
        if (id) void showDocs(context, output, id);
        else output.warn(`Ignored the link ${uri.path.slice(0, 100)}: not a rule's documentation.`);
      },
    }),
    { dispose: () => void client?.stop() },
  );

  const rehighlight = () => {
    if (highlightingWanted() !== highlights) void vscode.commands.executeCommand('privatelink.restartServer');
  };
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('privatelink.highlighting')) rehighlight();
    }),
    vscode.extensions.onDidChange(rehighlight),
  );

  registerScaffoldCommands(context, () => client);
  registerTopologyCommands(context, () => client);
  const own = performance.now();
  await start();
  return { client: () => client, activation: { ownMs: own - t0, serverStartMs: performance.now() - own } };
}

/** `privatelink.highlighting` with the extensions enabled now. */
function highlightingWanted(): boolean {
  const setting = vscode.workspace.getConfiguration('privatelink').get<unknown>('highlighting');
  return serverHighlights(setting, (id) => vscode.extensions.getExtension(id) !== undefined);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function showStatus(item: vscode.LanguageStatusItem, s: StatusParams): void {
  item.busy = s.state !== 'idle';
  // The three severities Problems lists (hints it does not), in its order.
  const counts = `${plural(s.counts.error, 'error')}, ${plural(s.counts.warning, 'warning')}, ${s.counts.information} information`;
  item.text = s.state === 'indexing' ? `PrivateLink: indexing ${s.done}/${s.total}` : `PrivateLink: ${counts}`;
  item.detail = s.state === 'idle' ? `${s.total} modules indexed` : undefined;
  item.severity =
    s.counts.error > 0
      ? vscode.LanguageStatusSeverity.Error
      : s.counts.warning > 0
        ? vscode.LanguageStatusSeverity.Warning
        : vscode.LanguageStatusSeverity.Information;
}

/** Every module's findings into the Problems panel, with progress and a Cancel button. */
async function lintWorkspace(output: vscode.LogOutputChannel): Promise<LintWorkspaceResult | undefined> {
  const c = client;
  if (!c) {
    void vscode.window.showWarningMessage('PrivateLink: the language server is not running.');
    return undefined;
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'PrivateLink: linting the workspace', cancellable: true },
    async (progress, token) => {
      const workDoneToken = `privatelink-lint-${Date.now()}`;
      let last = 0;
      const sub = c.onProgress(
        WorkDoneProgress.type,
        workDoneToken,
        (v: WorkDoneProgressBegin | WorkDoneProgressReport | { kind: 'end' }) => {
          if (v.kind === 'end') return;
          const pct = v.percentage ?? last;
          progress.report({ message: v.message, increment: Math.max(0, pct - last) });
          last = pct;
        },
      );
      try {
        const params: LintWorkspaceParams = { workDoneToken };
        const r = await c.sendRequest<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, params, token);
        const msg = `PrivateLink: ${plural(r.modules, 'module')}${r.cancelled ? ' (cancelled)' : ''}: ${plural(r.counts.error, 'error')}, ${plural(r.counts.warning, 'warning')}, ${r.counts.information} information.`;
        output.info(msg);
        void vscode.window.showInformationMessage(msg);
        if (!r.cancelled) void vscode.commands.executeCommand('workbench.actions.view.problems');
        return r;
      } catch (e) {
        if (!token.isCancellationRequested) output.error(`Lint workspace failed: ${String(e)}`);
        return undefined;
      } finally {
        sub.dispose();
      }
    },
  );
}

/**
 * A diagnostic's rule code links to the rule's bundled page through the extension's own URI:
 * the Problems panel and the squiggle's hover open it with the editor's URI handler, which
 * shows the page in the editor, where a web address would ask to leave for a website.
 */
function localCodeTarget(context: vscode.ExtensionContext, d: vscode.Diagnostic): void {
  if (typeof d.code !== 'object' || !d.code.target) return;
  const id = ruleOfDocsUrl(d.code.target.toString(true));
  if (!id) return;
  d.code = {
    value: d.code.value,
    target: vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: context.extension.id, path: docsUriPath(id) }),
  };
}

/** A hover whose links to rules' pages run the documentation command, the only command it trusts. */
function localHover(h: vscode.Hover): vscode.Hover {
  let changed = false;
  const contents = h.contents.map((c) => {
    const value = typeof c === 'string' ? c : c instanceof vscode.MarkdownString ? c.value : undefined;
    if (value === undefined) return c;
    const local = localDocsMarkdown(value);
    if (!local.changed) return c;
    changed = true;
    const md = new vscode.MarkdownString(local.text);
    if (c instanceof vscode.MarkdownString) md.supportThemeIcons = c.supportThemeIcons;
    md.isTrusted = { enabledCommands: [SHOW_DOCS_COMMAND] };
    return md;
  });
  return changed ? new vscode.Hover(contents, h.range) : h;
}

/**
 * The rule's page shipped with the extension (works offline), else its published page. Only
 * a rule of the catalog (one with a shipped page) is shown, and only its own page: the URL
 * argument is never opened, so a command from elsewhere cannot open `command:`, `file:` or
 * any other link through here.
 */
async function showDocs(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, ruleId: unknown, url?: unknown): Promise<void> {
  const id = typeof ruleId === 'string' && /^PL\d{3}$/.test(ruleId) ? ruleId : undefined;
  const local = id ? context.asAbsolutePath(path.join('docs', 'rules', `${id}.md`)) : undefined;
  if (!id || !local || !fs.existsSync(local)) {
    output.warn(`${SHOW_DOCS_COMMAND} ignored: ${JSON.stringify(ruleId)?.slice(0, 100)} is not a rule of the catalog.`);
    return;
  }
  const web = docsUrl(id);
  if (url !== undefined && url !== web)
    output.warn(`${SHOW_DOCS_COMMAND}: ignoring the link given for ${id}; showing the rule's own page.`);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(local));
  } catch {
    await vscode.env.openExternal(vscode.Uri.parse(web, true));
  }
}
