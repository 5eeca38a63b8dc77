import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CodeAction as LspCodeAction, LanguageClient } from 'vscode-languageclient/node';
import { EXTENSION_ID, codeOf, fixtureUri, openFixture, requestScreenshot, waitForDiagnostics, type ScreenshotAnswer } from './harness';

// The fixture's one deliberate mistake: private DNS on an interface endpoint whose VPC
// leaves enable_dns_hostnames at false. The tests run in order: the fix comes last.
describe('PL101 in the editor', function () {
  this.timeout(120_000);
  const endpoints = fixtureUri('endpoints.tf');
  const network = fixtureUri('network.tf');
  const hasPL101 = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'PL101');
  let pl101: vscode.Diagnostic;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await openFixture('endpoints.tf');
  });

  it('reports PL101 on private_dns_enabled with its code, link and the VPC as related', async () => {
    const diags = await waitForDiagnostics(endpoints, hasPL101, 60_000);
    pl101 = diags.find((d) => codeOf(d) === 'PL101')!;
    const doc = await vscode.workspace.openTextDocument(endpoints);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('private_dns_enabled'));
    assert.equal(pl101.range.start.line, line);
    assert.equal(doc.getText(pl101.range).split('=')[0].trim(), 'private_dns_enabled');
    assert.equal(pl101.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(pl101.source, 'privatelink');
    assert.ok(typeof pl101.code === 'object', 'the code carries a link to the rule page');
    assert.match(pl101.code.target.toString(), /PL101/);
    const related = pl101.relatedInformation ?? [];
    assert.ok(
      related.some((r) => r.location.uri.toString() === network.toString()),
      `related information should point at the VPC in network.tf: ${JSON.stringify(related.map((r) => r.location.uri.toString()))}`,
    );
  });

  it('shows the squiggle and the Problems panel entry (screenshot)', async function () {
    await openFixture('endpoints.tf');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const problems = '.markers-panel .monaco-list-row';
    const squiggles = '.monaco-editor .squiggly-error';
    // Rendering lags the diagnostics a little; ask until both show or give up.
    let shot: ScreenshotAnswer | undefined;
    for (let i = 0; i < 20; i++) {
      shot = await requestScreenshot('problems-panel', [problems, squiggles]);
      if (!shot) this.skip(); // test-electron has no browser to ask: reported as pending
      if (shot.dom[squiggles]?.length && shot.dom[problems]?.some((t) => t.includes('PL101'))) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(shot!.dom[squiggles]?.length, 'no error squiggle in the editor');
    assert.ok(
      shot!.dom[problems]?.some((t) => t.includes('PL101')),
      `no PL101 row in the Problems panel: ${JSON.stringify(shot!.dom[problems])}`,
    );
  });

  it('ties each quick fix to the PL101 diagnostic it resolves', async () => {
    assert.ok(pl101, 'needs the PL101 diagnostic');
    // vscode.executeCodeActionProvider drops CodeAction.diagnostics, so ask the server
    // through the extension's client, as VS Code does for the light bulb.
    const api = vscode.extensions.getExtension<{ client: () => LanguageClient | undefined }>(EXTENSION_ID)?.exports;
    const client = api?.client();
    assert.ok(client, 'the extension exposes no running client');
    const diagnostic = client.code2ProtocolConverter.asDiagnostic(pl101);
    const actions = await client.sendRequest<LspCodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: client.code2ProtocolConverter.asUri(endpoints) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    const fixes = actions.filter((a) => a.edit);
    assert.ok(fixes.length > 0, 'no quick fix');
    for (const a of fixes) {
      assert.deepEqual(
        a.diagnostics?.map((d) => [d.code, d.range]),
        [['PL101', diagnostic.range]],
        `${a.title} is not tied to PL101`,
      );
    }
  });

  it('offers a quick fix that edits network.tf, and applying it clears PL101', async () => {
    assert.ok(pl101, 'needs the PL101 diagnostic');
    // The last argument asks VS Code to resolve lazily computed edits, as a click would.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      endpoints,
      pl101.range,
      vscode.CodeActionKind.QuickFix.value,
      10,
    );
    const describe = actions.map((a) => `${a.title} [${a.kind?.value}; ${a.diagnostics?.map(codeOf).join(',')}; edit: ${!!a.edit}]`);
    const fix = actions.find((a) => a.edit?.entries().some(([uri]) => uri.toString() === network.toString()));
    assert.ok(fix?.edit, `no PL101 quick fix among: ${describe.join(' | ')}`);
    assert.ok(
      fix.edit.entries().some(([uri]) => uri.toString() === network.toString()),
      'the fix should edit network.tf',
    );
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit refused the fix');
    const vpc = await vscode.workspace.openTextDocument(network);
    assert.match(vpc.getText(), /enable_dns_hostnames\s*=\s*true/);
    await vpc.save();
    await waitForDiagnostics(endpoints, (ds) => !hasPL101(ds), 60_000);
  });
});
