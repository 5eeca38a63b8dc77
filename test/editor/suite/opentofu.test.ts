import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, fixtureUri, waitForDiagnostics } from './harness';

const ENDPOINT = `resource "aws_vpc_endpoint" "sts" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`;
const DNS_LINE = ENDPOINT.split('\n').findIndex((l) => l.includes('private_dns_enabled'));

const vpcJson = (hostnames: boolean) =>
  JSON.stringify({ resource: { aws_vpc: { main: { cidr_block: '10.30.0.0/16', enable_dns_hostnames: hostnames } } } }, null, 2) + '\n';

// A module of its own, written for this test and removed after it: an endpoint in a .tofu
// file, its VPC in a .tf.json file.
describe('OpenTofu and JSON configuration in the editor', function () {
  this.timeout(120_000);
  const folder = fixtureUri('tofu');
  const tofu = fixtureUri('tofu/main.tofu');
  const json = fixtureUri('tofu/vpc.tf.json');
  const pl101 = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'PL101' && d.range.start.line === DNS_LINE);

  before(async () => {
    fs.mkdirSync(folder.fsPath, { recursive: true });
    fs.writeFileSync(tofu.fsPath, ENDPOINT);
    fs.writeFileSync(json.fsPath, vpcJson(false));
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(folder.fsPath, { recursive: true, force: true });
  });

  it('opens a .tofu file as opentofu and reports PL101 on it', async () => {
    const doc = await vscode.workspace.openTextDocument(tofu);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'opentofu');
    await waitForDiagnostics(tofu, pl101, 60_000);
  });

  it('a .tf.json file open as json is read as the module’s configuration', async () => {
    const doc = await vscode.workspace.openTextDocument(json);
    const editor = await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'json');
    const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    assert.ok(await editor.edit((b) => b.replace(whole, vpcJson(true))));
    // Unsaved: the open document's text is what the server reads.
    await waitForDiagnostics(tofu, (ds) => !pl101(ds), 60_000);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
