import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './harness';

const INTERFACE_SNIPPET = 'PrivateLink: interface endpoint with its security group';

describe('snippets', function () {
  this.timeout(120_000);

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  after(async () => {
    // The untitled document is not saved anywhere: close it without asking.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('the interface endpoint snippet expands into a security group and an endpoint', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'terraform', content: '' });
    const editor = await vscode.window.showTextDocument(doc);
    assert.equal(editor.document.languageId, 'terraform');
    // Contributed snippets load lazily: insert again until the workbench knows them.
    const deadline = Date.now() + 60_000;
    while (!doc.getText().includes('aws_vpc_endpoint')) {
      if (Date.now() > deadline) throw new Error(`the snippet did not expand; text: ${JSON.stringify(doc.getText())}`);
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'terraform', name: INTERFACE_SNIPPET });
      if (!doc.getText().includes('aws_vpc_endpoint')) await new Promise((r) => setTimeout(r, 250));
    }
    const text = doc.getText();
    assert.match(text, /resource "aws_security_group" "endpoints" \{/);
    // The endpoint's name is derived from the service placeholder by a transform.
    assert.match(text, /resource "aws_vpc_endpoint" "ssm" \{/);
    assert.match(text, /vpc_endpoint_type\s+= "Interface"/);
    assert.match(text, /service_name\s+= "com\.amazonaws\.\$\{var\.region\}\.ssm"/);
    assert.match(text, /security_group_ids\s+= \[aws_security_group\.endpoints\.id\]/);
    // Tab stops left as text would show up as `$1` or `${2:main}`.
    assert.doesNotMatch(text, /\$\d|\$\{\d/);
  });
});
