import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
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
});
