// The rules' documentation links the VS Code client turns into links to the bundled pages:
// only a rule's published page, never another address, and each into the one command the
// hover trusts.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docsCommandLink, docsUriPath, localDocsMarkdown, ruleOfDocsUriPath, ruleOfDocsUrl } from '../../client/src/docs-links';
import { docsUrl, SHOW_DOCS_COMMAND } from '../../server/src/protocol';

describe('documentation links inside the editor', () => {
  it('knows a rule by its published page, and nothing else', () => {
    assert.equal(ruleOfDocsUrl(docsUrl('PL101')), 'PL101');
    assert.equal(ruleOfDocsUrl(docsUrl('PL101') + '#why'), undefined);
    assert.equal(ruleOfDocsUrl(docsUrl('../README')), undefined);
    assert.equal(ruleOfDocsUrl('https://example.com/docs/rules/PL101.md'), undefined);
    assert.equal(ruleOfDocsUrl(docsUrl('PL1011')), undefined);
  });

  it('turns the hover links to rules into the documentation command, other links stay', () => {
    const md = `**PL202**: why\n\n[Documentation](${docsUrl('PL202')}) and [AWS](https://docs.aws.amazon.com/vpc/)`;
    const out = localDocsMarkdown(md);
    assert.equal(out.changed, true);
    assert.ok(out.text.includes(`[Documentation](${docsCommandLink('PL202')})`), out.text);
    assert.ok(out.text.includes('[AWS](https://docs.aws.amazon.com/vpc/)'));
    assert.ok(!out.text.includes(docsUrl('PL202')));
    assert.deepEqual(localDocsMarkdown('no links'), { text: 'no links', changed: false });
  });

  it('builds a command link whose arguments are the rule id as JSON', () => {
    const link = docsCommandLink('PL101');
    assert.ok(link.startsWith(`command:${SHOW_DOCS_COMMAND}?`));
    assert.deepEqual(JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1))), ['PL101']);
  });

  it("reads back only the paths of the extension's own documentation URIs", () => {
    assert.equal(ruleOfDocsUriPath(docsUriPath('PL405')), 'PL405');
    for (const bad of ['/docs/PL405/x', '/docs/../PL405', '/docs/README', '/other/PL405', '/docs/'])
      assert.equal(ruleOfDocsUriPath(bad), undefined, bad);
  });

  it('every rule linked has its page shipped with the extension', () => {
    const ignore = fs.readFileSync(path.resolve(__dirname, '../../.vscodeignore'), 'utf8');
    assert.match(ignore, /^!docs\/rules\/\*\.md$/m);
    for (const id of ['PL101', 'PL202', 'PL702']) assert.ok(fs.existsSync(path.resolve(__dirname, `../../docs/rules/${id}.md`)), id);
  });
});
