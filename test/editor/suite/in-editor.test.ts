import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  EXTENSION_ID,
  codeOf,
  fixtureUri,
  openFixture,
  requestScreenshot,
  suiteLog,
  tabs,
  until,
  waitForDiagnostics,
  type ScreenshotAnswer,
} from './harness';

// What stays inside the editor: the rules' documentation (bundled pages, not the website), the
// cost report (rendered, never an unsaved document) and the topology (a full-width tab whose
// cards mark every block a finding involves).

/** The Markdown preview tab of a file or document whose name includes `name`. */
function previewTab(name: string): vscode.Tab | undefined {
  return tabs().find(
    (t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType) && t.label.includes(name),
  );
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closeAllGroups').then(undefined, () => undefined);
}

describe('inside the editor', function () {
  this.timeout(180_000);
  const endpoints = fixtureUri('endpoints.tf');
  const hasPL101 = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'PL101');

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await closeAll();
    await openFixture('endpoints.tf');
    await waitForDiagnostics(endpoints, hasPL101, 60_000);
  });

  afterEach(closeAll);

  it("the rule code's link in Problems opens the bundled page, not the website", async () => {
    const d = vscode.languages.getDiagnostics(endpoints).find((x) => codeOf(x) === 'PL101')!;
    assert.ok(typeof d.code === 'object', 'the code carries a link');
    const target = d.code.target;
    assert.ok(!/^https?$/.test(target.scheme), `a web link: ${target.toString()}`);
    assert.equal(target.scheme, vscode.env.uriScheme);
    // What a click on the code in Problems or in the squiggle's hover does: open the link.
    await vscode.commands.executeCommand('vscode.open', target);
    const tab = await until('the preview of PL101.md', () => previewTab('PL101'));
    assert.ok(tab.label.includes('PL101.md'), tab.label);
  });

  it("the hover's documentation link runs the documentation command, trusted for it alone", async () => {
    const editor = await openFixture('endpoints.tf');
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('private_dns_enabled'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      endpoints,
      new vscode.Position(line, 4),
    );
    const texts = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
    const doc = texts.find((t) => t.includes('PL101'));
    assert.ok(doc, `no PL101 hover: ${JSON.stringify(texts).slice(0, 500)}`);
    assert.doesNotMatch(doc, /\]\(https?:/, 'the documentation link still leaves the editor');
    const m = /\]\(command:(privatelink\.showDocs)\?([^)]+)\)/.exec(doc);
    assert.ok(m, doc);
    const args = JSON.parse(decodeURIComponent(m[2])) as unknown[];
    assert.deepEqual(args, ['PL101']);
    // What a click on the link does.
    await vscode.commands.executeCommand(m[1], ...args);
    await until('the preview of PL101.md', () => previewTab('PL101'));
  });

  it('Estimate Cost shows the report rendered, leaves no unsaved document, and saves it only when asked', async function () {
    await openFixture('endpoints.tf');
    await vscode.commands.executeCommand('privatelink.estimateCost');
    const tab = await until('the cost preview', () => previewTab('cost estimate'));
    suiteLog(`cost preview tab: ${tab.label}`);
    const report = await until('the report document', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'privatelink-cost' && d.getText().includes('USD')),
    );
    assert.match(report.getText(), /USD \d/);
    const unsaved = vscode.workspace.textDocuments.filter((d) => d.isUntitled || d.isDirty).map((d) => d.uri.toString());
    assert.deepEqual(unsaved, [], 'nothing waits to be saved');

    // The preview renders in its own frame a moment after the tab opens.
    const rendered = (s: ScreenshotAnswer | undefined) => s?.dom.table?.some((t) => /USD \d/.test(t));
    let shot = await requestScreenshot('cost-preview', ['table', 'h1']);
    for (let i = 0; i < 20 && shot && !rendered(shot); i++) {
      await new Promise((r) => setTimeout(r, 500));
      shot = await requestScreenshot('cost-preview', ['table', 'h1']);
    }
    if (shot) assert.ok(rendered(shot), `the report is rendered: ${JSON.stringify(shot.dom).slice(0, 400)}`);

    const target = fixtureUri('cost-estimate.md');
    const saved = await vscode.commands.executeCommand<vscode.Uri | undefined>('privatelink.saveCostReport', target);
    assert.equal(saved?.toString(), target.toString());
    const written = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
    assert.equal(written, report.getText());
    await vscode.workspace.fs.delete(target);
    if (!shot) this.skip();
  });

  it('Show Topology opens a full-width tab, with every node a finding involves marked', async function () {
    await openFixture('endpoints.tf');
    await vscode.commands.executeCommand('privatelink.showTopology');
    const tab = await until('the topology tab', () =>
      tabs().find((t) => t.input instanceof vscode.TabInputWebview && /privatelink\.topology/.test(t.input.viewType)),
    );
    // In the editor group in use, not a new side column splitting the editor in two.
    assert.equal(vscode.window.tabGroups.all.length, 1, 'the editor was split');
    assert.equal(tab.group.viewColumn, vscode.window.tabGroups.activeTabGroup.viewColumn);

    // The graph the view draws: the VPC of the PL101 (its related place) is marked too.
    const api = vscode.extensions.getExtension<{ client: () => LanguageClient | undefined }>(EXTENSION_ID)?.exports;
    const client = api?.client();
    assert.ok(client);
    type Node = { address?: string; findings: { rule: string; involved?: boolean }[] };
    const graph = await client.sendRequest<{ nodes: Node[] }>('privatelink/topology', { uri: endpoints.toString(), scope: 'module' });
    const vpc = graph.nodes.find((n) => n.address === 'aws_vpc.main');
    assert.ok(
      vpc?.findings.some((f) => f.rule === 'PL101' && f.involved),
      JSON.stringify(vpc),
    );

    const editorPart = '.part.editor';
    const frame = 'iframe.webview.ready';
    const marked = 'g.node.severity-error';
    const selectors = [editorPart, frame, marked, 'g.node g.dns', 'g.node > text'];
    let shot = await requestScreenshot('topology', selectors);
    if (!shot) this.skip();
    for (let i = 0; i < 20 && !(shot!.dom[marked]?.length >= 2); i++) {
      await new Promise((r) => setTimeout(r, 500));
      shot = await requestScreenshot('topology', selectors);
    }
    const part = shot!.rects?.[editorPart]?.[0];
    const views = (shot!.rects?.[frame] ?? []).filter((r) => r.width > 0);
    assert.ok(part && views.length, `no editor part or webview: ${JSON.stringify(shot!.rects)}`);
    const widest = Math.max(...views.map((r) => r.width));
    assert.ok(widest >= part.width * 0.9, `the topology is ${widest}px wide in a ${part.width}px editor`);
    const red = shot!.dom[marked] ?? [];
    assert.ok(
      red.some((t) => t.includes('aws_vpc.main')),
      `the VPC is not marked: ${JSON.stringify(red)}`,
    );
    assert.ok(
      red.some((t) => t.includes('aws_vpc_endpoint.ecr_api')),
      `the endpoint is not marked: ${JSON.stringify(red)}`,
    );
    // The DNS state is drawn once per card: in its pill, not again in the detail line.
    assert.ok(
      (shot!.dom['g.node g.dns'] ?? []).some((t) => t === 'DNS on'),
      JSON.stringify(shot!.dom['g.node g.dns']),
    );
    assert.deepEqual(
      (shot!.dom['g.node > text'] ?? []).filter((t) => /\bDNS\b/.test(t)),
      [],
    );
  });
});
