// `privatelink.highlighting`: the manifest's setting and the client's decision whether the
// server colours the files.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OTHER_HIGHLIGHTERS, serverHighlights } from '../../client/src/highlighting';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: {
    configuration: { properties: Record<string, { enum?: string[]; default?: unknown }> };
    configurationDefaults?: Record<string, Record<string, unknown>>;
  };
};

describe('highlighting setting', () => {
  it('is auto / on / off, auto by default', () => {
    const s = manifest.contributes.configuration.properties['privatelink.highlighting'];
    assert.deepEqual(s.enum, ['auto', 'on', 'off']);
    assert.equal(s.default, 'auto');
  });

  it('on auto, colours only when neither HashiCorp’s nor OpenTofu’s extension is there', () => {
    assert.equal(
      serverHighlights('auto', () => false),
      true,
    );
    for (const id of ['hashicorp.terraform', 'opentofu.vscode-opentofu']) {
      assert.ok(OTHER_HIGHLIGHTERS.includes(id));
      assert.equal(
        serverHighlights('auto', (x) => x === id),
        false,
        id,
      );
      assert.equal(
        serverHighlights('on', (x) => x === id),
        true,
        id,
      );
    }
    assert.equal(
      serverHighlights('off', () => false),
      false,
    );
    // A value the manifest does not allow counts as the default.
    assert.equal(
      serverHighlights(42, () => false),
      true,
    );
  });

  it('turns semantic highlighting on for the languages it colours, whatever the theme says', () => {
    for (const lang of ['terraform', 'terraform-vars', 'opentofu', 'opentofu-vars']) {
      assert.equal(manifest.contributes.configurationDefaults?.[`[${lang}]`]?.['editor.semanticHighlighting.enabled'], true, lang);
    }
  });
});
