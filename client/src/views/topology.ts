// "PrivateLink: Show Topology" (the cost report is in cost-report.ts). The panel asks the server for
// the graph of the active module (or the workspace) and asks again, debounced, when Terraform
// files change: the server keeps open documents current, so the next answer has the edit.

import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  TOPOLOGY_EXPORT_REQUEST,
  TOPOLOGY_REQUEST,
  type Scope,
  type ScopeParams,
  type TopologyExportFormat,
  type TopologyExportParams,
  type TopologyExportResult,
  type TopologyResult,
} from '../../../server/src/protocol';
import { isTerraformPath } from '../documents';
import { registerCostCommands } from './cost-report';
import { makeNonce, topologyHtml } from './html';

/** Quiet time after an edit before the picture is redrawn. */
const REFRESH_DEBOUNCE_MS = 600;

type GetClient = () => LanguageClient | undefined;

interface LspLocation {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

type FromPage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'open'; location: LspLocation }
  | { type: 'scope'; scope: Scope }
  | { type: 'export'; format: TopologyExportFormat };

function isTerraform(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === 'file' && isTerraformPath(doc.uri.path);
}

function activeTerraformUri(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && isTerraform(doc) ? doc.uri.toString() : undefined;
}

class TopologyPanel {
  static current: TopologyPanel | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stale = false;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly getClient: GetClient,
    private uri: string | undefined,
    private scope: Scope,
  ) {
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    panel.webview.onDidReceiveMessage((m: FromPage) => void this.onMessage(m), undefined, this.disposables);
    panel.onDidChangeViewState(
      () => {
        if (panel.visible && this.stale) void this.refresh();
      },
      undefined,
      this.disposables,
    );
    const later = (doc: vscode.TextDocument) => {
      if (isTerraform(doc)) this.scheduleRefresh();
    };
    vscode.workspace.onDidChangeTextDocument((e) => later(e.document), undefined, this.disposables);
    vscode.workspace.onDidSaveTextDocument(later, undefined, this.disposables);
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{tf,tfvars}');
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.scheduleRefresh()),
      watcher.onDidDelete(() => this.scheduleRefresh()),
      watcher.onDidChange(() => this.scheduleRefresh()),
    );
    // The module view follows the editor to another module.
    vscode.window.onDidChangeActiveTextEditor(
      (ed) => {
        if (!ed || !isTerraform(ed.document) || this.scope !== 'module') return;
        const dir = (u: string | undefined) => (u ? vscode.Uri.parse(u).path.replace(/\/[^/]*$/, '') : undefined);
        if (dir(ed.document.uri.toString()) === dir(this.uri)) return;
        this.uri = ed.document.uri.toString();
        void this.refresh();
      },
      undefined,
      this.disposables,
    );
  }

  static show(context: vscode.ExtensionContext, getClient: GetClient): void {
    const uri = activeTerraformUri();
    const scope: Scope = uri ? 'module' : 'workspace';
    if (TopologyPanel.current) {
      const p = TopologyPanel.current;
      p.uri = uri ?? p.uri;
      p.scope = scope;
      p.panel.reveal(p.panel.viewColumn ?? vscode.ViewColumn.Active);
      void p.refresh();
      return;
    }
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    // A tab of the editor group in use, as wide as the editor: a picture of cards and arrows
    // is unreadable in a side column split off half of it.
    const panel = vscode.window.createWebviewPanel('privatelink.topology', 'PrivateLink topology', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [dist],
    });
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    panel.iconPath = { light: vscode.Uri.joinPath(media, 'topology-light.svg'), dark: vscode.Uri.joinPath(media, 'topology-dark.svg') };
    panel.webview.html = topologyHtml({
      cspSource: panel.webview.cspSource,
      nonce: makeNonce((n) => crypto.randomBytes(n)),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
    });
    TopologyPanel.current = new TopologyPanel(panel, getClient, uri, scope);
  }

  private params(): ScopeParams & { scope: Scope } {
    return this.scope === 'module' && this.uri ? { uri: this.uri, scope: 'module' } : { scope: 'workspace' };
  }

  private scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.panel.visible) void this.refresh();
      else this.stale = true;
    }, REFRESH_DEBOUNCE_MS);
  }

  async refresh(): Promise<void> {
    this.stale = false;
    const client = this.getClient();
    if (!client) {
      void this.panel.webview.postMessage({ type: 'error', message: 'the language server is not running' });
      return;
    }
    void this.panel.webview.postMessage({ type: 'busy' });
    try {
      const params: ScopeParams = this.params();
      const graph = await client.sendRequest<TopologyResult>(TOPOLOGY_REQUEST, params);
      if (!graph) throw new Error('the server could not build the graph (see the PrivateLink output)');
      void this.panel.webview.postMessage({ type: 'graph', graph, scope: this.params().scope });
    } catch (e) {
      void this.panel.webview.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

  private async onMessage(m: FromPage): Promise<void> {
    switch (m.type) {
      case 'ready':
      case 'refresh':
        return this.refresh();
      case 'scope':
        this.scope = m.scope;
        if (m.scope === 'module') this.uri = activeTerraformUri() ?? this.uri;
        return this.refresh();
      case 'open': {
        const r = m.location.range;
        const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(m.location.uri));
        // The block's first line, selected: the whole block would scroll the editor to its end.
        // Beside the picture, which stays in view.
        await vscode.window.showTextDocument(doc, {
          viewColumn: vscode.ViewColumn.Beside,
          selection: new vscode.Range(
            range.start,
            range.start.line === range.end.line ? range.end : doc.lineAt(range.start.line).range.end,
          ),
        });
        return;
      }
      case 'export':
        return this.export(m.format);
    }
  }

  private async export(format: TopologyExportFormat): Promise<void> {
    const client = this.getClient();
    if (!client) return;
    const params: TopologyExportParams = { ...this.params(), format };
    const r = await client.sendRequest<TopologyExportResult>(TOPOLOGY_EXPORT_REQUEST, params);
    if (!r) {
      void vscode.window.showErrorMessage('PrivateLink: the export failed (see the PrivateLink output).');
      return;
    }
    if (format === 'mermaid') {
      await vscode.env.clipboard.writeText(r.text);
      void vscode.window.showInformationMessage('PrivateLink: the topology was copied as Mermaid text.');
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      filters: { SVG: ['svg'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'privatelink-topology.svg') } : {}),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(r.text, 'utf8'));
    void vscode.window.showInformationMessage(`PrivateLink: topology saved to ${vscode.workspace.asRelativePath(target)}.`);
  }

  private dispose(): void {
    TopologyPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** Registers the topology command and the cost commands. */
export function registerTopologyCommands(context: vscode.ExtensionContext, getClient: GetClient): void {
  context.subscriptions.push(vscode.commands.registerCommand('privatelink.showTopology', () => TopologyPanel.show(context, getClient)));
  registerCostCommands(context, getClient);
}
