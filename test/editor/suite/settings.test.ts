import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, fixtureUri, openFixture, waitForDiagnostics } from './harness';

describe('settings', function () {
  this.timeout(120_000);
  const endpoints = fixtureUri('endpoints.tf');
  const pl101 = (ds: vscode.Diagnostic[]) => ds.find((d) => codeOf(d) === 'PL101');
  const config = () => vscode.workspace.getConfiguration('privatelink', endpoints);

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await openFixture('endpoints.tf');
    await waitForDiagnostics(endpoints, (ds) => pl101(ds)?.severity === vscode.DiagnosticSeverity.Error, 60_000);
  });

  after(async () => {
    await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    // Later tests expect the rule at its own severity again.
    await waitForDiagnostics(endpoints, (ds) => pl101(ds)?.severity === vscode.DiagnosticSeverity.Error, 60_000);
  });

  it('privatelink.rules turns PL101 into a warning, then off', async () => {
    await config().update('rules', { PL101: 'warning' }, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(endpoints, (ds) => pl101(ds)?.severity === vscode.DiagnosticSeverity.Warning, 60_000);

    await config().update('rules', { PL101: 'off' }, vscode.ConfigurationTarget.Workspace);
    const diags = await waitForDiagnostics(endpoints, (ds) => !pl101(ds), 60_000);
    assert.equal(pl101(diags), undefined);
  });
});
