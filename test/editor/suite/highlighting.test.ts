// Colour in a real workbench: with no other Terraform extension installed, the extension's
// semantic tokens colour a .tf file (asked through VS Code's own command), and the editor
// shows them (the rendered lines use several colours, and a screenshot is kept).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, fixtureUri, openFixture, requestScreenshot, sleep, suiteLog } from './harness';

/** The tokens of a document as `text type` by `line:character`. */
function decode(doc: vscode.TextDocument, tokens: vscode.SemanticTokens, legend: vscode.SemanticTokensLegend): Map<string, string> {
  const out = new Map<string, string>();
  const d = tokens.data;
  let line = 0;
  let ch = 0;
  for (let k = 0; k < d.length; k += 5) {
    line += d[k];
    ch = d[k] === 0 ? ch + d[k + 1] : d[k + 1];
    out.set(`${line}:${ch}`, `${doc.lineAt(line).text.slice(ch, ch + d[k + 2])} ${legend.tokenTypes[d[k + 3]]}`);
  }
  return out;
}

function placeOf(doc: vscode.TextDocument, needle: string): string {
  const p = doc.positionAt(doc.getText().indexOf(needle));
  return `${p.line}:${p.character}`;
}

/** Monaco gives each colour of a line's text its own `mtkN` class. */
const COLOUR_CLASSES = Array.from({ length: 40 }, (_, i) => `.editor-group-container .view-lines .mtk${i + 1}`);

describe('highlighting', function () {
  this.timeout(120_000);
  const network = fixtureUri('network.tf');

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('colours a .tf file from the server when no other Terraform extension is installed', async () => {
    assert.equal(vscode.extensions.getExtension('hashicorp.terraform'), undefined, 'the suite runs without HashiCorp’s extension');
    const doc = (await openFixture('network.tf')).document;
    let legend: vscode.SemanticTokensLegend | undefined;
    let tokens: vscode.SemanticTokens | undefined;
    const deadline = Date.now() + 60_000;
    while (!tokens?.data.length) {
      legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>(
        'vscode.provideDocumentSemanticTokensLegend',
        network,
      );
      tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', network);
      if (Date.now() > deadline) throw new Error('no semantic tokens for network.tf');
      if (!tokens?.data.length) await sleep(250);
    }
    assert.ok(legend);
    const seen = decode(doc, tokens, legend);
    const expect: [string, string][] = [
      ['# The VPC', '# The VPC leaves enable_dns_hostnames at its default (false), so the interface comment'],
      ['resource "aws_vpc"', 'resource keyword'],
      ['"aws_vpc" "main"', '"aws_vpc" type'],
      ['"main" {', '"main" variable'],
      ['cidr_block =', 'cidr_block property'],
      ['"10.20.0.0/16"', '"10.20.0.0/16" string'],
      ['aws_vpc.main.id', 'aws_vpc type'],
      ['ingress {', 'ingress type'],
      ['443', '443 number'],
    ];
    for (const [needle, want] of expect) assert.equal(seen.get(placeOf(doc, needle)), want, needle);
  });

  it('shows the colours in the editor (screenshot)', async function () {
    await openFixture('network.tf');
    let used: string[] = [];
    const deadline = Date.now() + 30_000;
    for (;;) {
      const shot = await requestScreenshot('highlighting', COLOUR_CLASSES);
      if (!shot) return this.skip();
      used = COLOUR_CLASSES.filter((sel) => (shot.dom[sel] ?? []).length > 0);
      // Default text, comments, keywords, types, properties, strings, numbers: far more than one.
      if (used.length >= 5 || Date.now() > deadline) break;
      await sleep(500);
    }
    suiteLog(`colours on screen: ${used.length}`);
    assert.ok(used.length >= 5, `the editor shows ${used.length} colours: ${used.join(' ')}`);
  });
});
