import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { catalog } from '../../../server/src/query/catalog';
import { BUNDLES } from '../../../server/src/scaffold/bundles';
import { EXTENSION_ID, codeOf, openFixture, workspaceRoot } from './harness';

interface LintResult {
  modules: number;
  counts: { error: number; warning: number; information: number };
}

/** Every `resource "aws_vpc_endpoint"` block of the workspace's .tf files, with its range. */
async function endpointBlocks(): Promise<{ uri: vscode.Uri; text: string; range: vscode.Range }[]> {
  const out: { uri: vscode.Uri; text: string; range: vscode.Range }[] = [];
  for (const uri of await vscode.workspace.findFiles('**/*.tf')) {
    // The edit may still be unsaved: the open document is the truth.
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = doc.getText();
    for (const m of text.matchAll(/^resource "aws_vpc_endpoint" "[^"]+" \{[\s\S]*?^\}/gm)) {
      const start = doc.positionAt(m.index);
      out.push({ uri, text: m[0], range: new vscode.Range(start, doc.positionAt(m.index + m[0].length)) });
    }
  }
  return out;
}

// Runs last: it edits the fixture (new endpoints, and DNS hostnames on the VPC).
describe('scaffolding', function () {
  this.timeout(180_000);

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await openFixture('endpoints.tf');
  });

  it('Add interface endpoints, given its answers, writes the endpoints and they raise no error', async () => {
    const services = ['ecr.dkr', 'logs'];
    const before = await endpointBlocks();
    const summary = await vscode.commands.executeCommand<string | undefined>('privatelink.addInterfaceEndpoints', {
      moduleDir: workspaceRoot().fsPath,
      options: { services, vpc: 'aws_vpc.main' },
    });
    assert.equal(typeof summary, 'string', 'the command was cancelled or failed (see the notifications)');

    const after = await endpointBlocks();
    assert.equal(after.length, before.length + services.length, `endpoints now: ${after.map((b) => b.text.split('\n')[0]).join(' | ')}`);
    const added = after.filter((b) => !before.some((o) => o.text === b.text));
    for (const s of services) {
      const block = added.find((b) => b.text.includes(`.${s}"`));
      assert.ok(block, `no new endpoint for ${s}`);
      assert.match(block.text, /vpc_endpoint_type\s*=\s*"Interface"/);
      assert.match(block.text, /vpc_id\s*=\s*aws_vpc\.main\.id/);
    }

    await vscode.workspace.saveAll(false);
    // A full lint answers once the server has analysed the saved files.
    const r = await vscode.commands.executeCommand<LintResult | undefined>('privatelink.lintWorkspace');
    assert.ok(r, 'the lint request failed');
    for (const b of added) {
      const errors = vscode.languages
        .getDiagnostics(b.uri)
        .filter((d) => d.severity === vscode.DiagnosticSeverity.Error && d.range.intersection(b.range));
      assert.deepEqual(
        errors.map((d) => `${String(codeOf(d))}: ${d.message}`),
        [],
        `errors on ${b.text.split('\n')[0]}`,
      );
    }
  });

  it('Add interface endpoints offers the catalog and the bundles the server sends, and writes what is picked', async () => {
    // The questions are answered by standing in for the quick picks and the confirmation; the
    // extension shares this API object, so it calls these.
    type Item = vscode.QuickPickItem & { bundle?: string; service?: string; value?: unknown };
    const window = vscode.window as { -readonly [K in keyof typeof vscode.window]: (typeof vscode.window)[K] };
    const { showQuickPick, showInformationMessage } = window;
    const shown: { title?: string; items: Item[] }[] = [];
    window.showQuickPick = (async (items: readonly Item[] | Thenable<readonly Item[]>, options?: vscode.QuickPickOptions) => {
      const list = [...(await items)];
      shown.push({ title: options?.title, items: list });
      if (options?.title === 'Add interface endpoints') return list.filter((i) => i.bundle === 'ssm' || i.service === 'sts');
      if (options?.title === 'Endpoint policies') return list.find((i) => i.label === 'No policy');
      return undefined;
    }) as unknown as typeof vscode.window.showQuickPick;
    // Only the confirmation is modal: it is answered "Apply"; other messages are dismissed.
    window.showInformationMessage = (...args: unknown[]) =>
      Promise.resolve((args[1] as { modal?: boolean } | undefined)?.modal ? 'Apply' : undefined);
    const before = await endpointBlocks();
    let summary: string | undefined;
    try {
      summary = await vscode.commands.executeCommand<string | undefined>('privatelink.addInterfaceEndpoints');
    } finally {
      window.showQuickPick = showQuickPick;
      window.showInformationMessage = showInformationMessage;
    }
    assert.deepEqual(
      shown.map((q) => q.title),
      ['Add interface endpoints', 'Endpoint policies'],
    );
    const items = shown[0].items;
    assert.deepEqual(
      items.filter((i) => i.bundle).map((i) => [i.label, i.description]),
      BUNDLES.map((b) => [`$(package) ${b.label}`, b.detail]),
    );
    assert.deepEqual(
      items.filter((i) => i.service).map((i) => [i.label, i.description]),
      catalog.services.filter((s) => s.interface || s.gateway).map((s) => [s.name, s.title]),
    );
    assert.deepEqual(
      items.filter((i) => i.kind === vscode.QuickPickItemKind.Separator).map((i) => i.label),
      ['Bundles', 'Services'],
    );
    // The fixture's own endpoint is marked as present.
    assert.equal(items.find((i) => i.service === 'ecr.api')?.detail, 'already has an endpoint in this module');
    assert.equal(items.find((i) => i.service === 'sts')?.detail, undefined);

    assert.equal(typeof summary, 'string', 'the command was cancelled or failed (see the notifications)');
    const wanted = [...BUNDLES.find((b) => b.id === 'ssm')!.services, 'sts'];
    const added = (await endpointBlocks()).filter((b) => !before.some((o) => o.text === b.text));
    assert.equal(added.length, wanted.length, `new endpoints: ${added.map((b) => b.text.split('\n')[0]).join(' | ')}`);
    for (const s of wanted)
      assert.ok(
        added.some((b) => b.text.includes(`.${s}"`)),
        `no new endpoint for ${s}`,
      );
    await vscode.workspace.saveAll(false);
  });
});
