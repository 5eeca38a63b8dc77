import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, fixtureUri, openFixture, tabs, until, waitForDiagnostics } from './harness';

interface LintResult {
  modules: number;
  cancelled?: boolean;
  counts: { error: number; warning: number; information: number };
}

describe('the client commands run', function () {
  this.timeout(180_000);
  const endpoints = fixtureUri('endpoints.tf');
  const hasPL101 = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'PL101');

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await openFixture('endpoints.tf');
    await waitForDiagnostics(endpoints, hasPL101, 60_000);
  });

  it('Lint workspace counts the modules and the fixture error', async () => {
    const r = await vscode.commands.executeCommand<LintResult | undefined>('privatelink.lintWorkspace');
    assert.ok(r, 'the lint request failed');
    assert.equal(r.cancelled ?? false, false);
    assert.ok(r.modules >= 1, `modules: ${r.modules}`);
    assert.ok(r.counts.error >= 1, `the fixture's PL101 should count as an error: ${JSON.stringify(r.counts)}`);
    assert.ok(hasPL101(vscode.languages.getDiagnostics(endpoints)));
  });

  it('Show output shows the PrivateLink log with the lint summary', async () => {
    await vscode.commands.executeCommand('privatelink.showOutput');
    // A shown output channel is an `output:` document whose text is the log.
    const log = await until(
      'the PrivateLink output',
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && /PrivateLink: \d+ modules?/.test(d.getText())),
      30_000,
    ).catch((e: Error) => {
      const seen = vscode.workspace.textDocuments.map((d) => d.uri.toString());
      throw new Error(`${e.message}; documents: ${seen.join(', ')}`);
    });
    assert.match(log.getText(), /1 error/);
  });

  it('Restart server brings the diagnostics back', async () => {
    const api = vscode.extensions.getExtension<{ client: () => unknown }>(EXTENSION_ID)?.exports;
    const old = api?.client();
    assert.ok(api && old, 'no client before the restart');
    await vscode.commands.executeCommand('privatelink.restartServer');
    assert.ok(api.client() && api.client() !== old, 'the restart should start a new client');
    // The stopped client clears its diagnostics; the new server publishes them again.
    await waitForDiagnostics(endpoints, hasPL101, 90_000);
    // The new server answers requests too.
    const r = await vscode.commands.executeCommand<LintResult | undefined>('privatelink.lintWorkspace');
    assert.ok(r && r.counts.error >= 1, `lint after restart: ${JSON.stringify(r)}`);
  });

  it('Show topology opens its webview panel', async () => {
    await openFixture('endpoints.tf');
    await vscode.commands.executeCommand('privatelink.showTopology');
    const tab = await until('the topology tab', () =>
      tabs().find((t) => t.label === 'PrivateLink topology' && t.input instanceof vscode.TabInputWebview),
    );
    assert.match((tab.input as vscode.TabInputWebview).viewType, /privatelink\.topology/);
    await vscode.window.tabGroups.close(tab);
  });
});
