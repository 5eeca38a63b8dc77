// "PrivateLink: Estimate Cost": the server's Markdown report shown rendered, in the editor's
// Markdown preview of a read-only document of our own scheme. Nothing is written and no
// unsaved document is left behind; "Save Cost Estimate As…" writes the report where the user
// chooses.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COST_REPORT_REQUEST, type CostReportResult, type ScopeParams } from '../../../server/src/protocol';
import { isTerraformPath } from '../documents';

export const COST_SCHEME = 'privatelink-cost';
export const SAVE_COST_COMMAND = 'privatelink.saveCostReport';
/** Set while a report has been shown: the save command appears in the palette. */
const SHOWN_CONTEXT = 'privatelink.costReportShown';

type GetClient = () => LanguageClient | undefined;

/** The reports shown, by document URI, for the content provider and the save command. */
class Reports implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;
  /** The report shown last: what the save command saves when no preview says otherwise. */
  last: vscode.Uri | undefined;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  set(uri: vscode.Uri, text: string): void {
    const had = this.texts.has(uri.toString());
    this.texts.set(uri.toString(), text);
    this.last = uri;
    if (had) this.changes.fire(uri);
  }

  text(uri: vscode.Uri): string | undefined {
    return this.texts.get(uri.toString());
  }

  dispose(): void {
    this.changes.dispose();
  }
}

/** A name for the report from the module folder it describes, safe as a file name. */
function reportName(fileUri: string | undefined): string {
  if (!fileUri) return 'all modules';
  const parts = vscode.Uri.parse(fileUri).path.split('/');
  const folder = parts.at(-2) || 'module';
  return folder.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'module';
}

function activeTerraformUri(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.uri.scheme === 'file' && isTerraformPath(doc.uri.path) ? doc.uri.toString() : undefined;
}

async function estimateCost(reports: Reports, getClient: GetClient): Promise<vscode.Uri | undefined> {
  const client = getClient();
  if (!client) {
    void vscode.window.showWarningMessage('PrivateLink: the language server is not running.');
    return undefined;
  }
  const uri = activeTerraformUri();
  const params: ScopeParams = uri ? { uri, scope: 'module' } : { scope: 'workspace' };
  const r = await client.sendRequest<CostReportResult>(COST_REPORT_REQUEST, params);
  if (!r) {
    void vscode.window.showErrorMessage('PrivateLink: the cost estimate failed (see the PrivateLink output).');
    return undefined;
  }
  const doc = vscode.Uri.from({ scheme: COST_SCHEME, path: `/PrivateLink cost estimate (${reportName(uri)}).md` });
  reports.set(doc, r.markdown);
  void vscode.commands.executeCommand('setContext', SHOWN_CONTEXT, true);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', doc);
  } catch {
    // Without the Markdown preview (disabled), the read-only text: still nothing to save.
    await vscode.window.showTextDocument(doc, { preview: false });
  }
  return doc;
}

/**
 * Writes a report where the user chooses (a save dialog), or to `target` when a caller inside
 * the editor passes one in a workspace folder (the tests do, as no dialog can be answered there).
 */
async function saveReport(reports: Reports, target?: unknown): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const source = active?.scheme === COST_SCHEME ? active : reports.last;
  const text = source && reports.text(source);
  if (!source || text === undefined) {
    void vscode.window.showInformationMessage('PrivateLink: no cost estimate to save; run "PrivateLink: Estimate Cost" first.');
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  let dest: vscode.Uri | undefined;
  if (target instanceof vscode.Uri) {
    if (!vscode.workspace.getWorkspaceFolder(target)) return undefined;
    dest = target;
  } else {
    const name = source.path.replace(/^\//, '').replace(/[^A-Za-z0-9._() -]+/g, '-');
    dest = await vscode.window.showSaveDialog({
      filters: { Markdown: ['md'] },
      title: 'Save Cost Estimate',
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    });
  }
  if (!dest) return undefined;
  await vscode.workspace.fs.writeFile(dest, Buffer.from(text, 'utf8'));
  void vscode.window.showInformationMessage(`PrivateLink: cost estimate saved to ${vscode.workspace.asRelativePath(dest)}.`);
  return dest;
}

/** Registers the cost commands and the report documents' provider. */
export function registerCostCommands(context: vscode.ExtensionContext, getClient: GetClient): void {
  const reports = new Reports();
  context.subscriptions.push(
    reports,
    vscode.workspace.registerTextDocumentContentProvider(COST_SCHEME, reports),
    vscode.commands.registerCommand('privatelink.estimateCost', () => estimateCost(reports, getClient)),
    vscode.commands.registerCommand(SAVE_COST_COMMAND, (target?: unknown) => saveReport(reports, target)),
  );
}
