// The extension's manifest and client as the editor reads them: which documents it serves
// (Terraform's and OpenTofu's language ids, configuration in JSON open as `json`), when it
// activates, and what it contributes to those languages.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isTerraformPath, SELECTOR } from '../../client/src/documents';
import { CONFIG_FILE } from '../../server/src/engine/config';
import { isConfigFile } from '../../server/src/model/paths';
import { isTfvarsName } from '../../server/src/model/tfvars';
import { WATCHED_GLOBS } from '../../server/src/protocol';
import { isTerraformFile } from '../../server/src/lsp/walk';

const ROOT = path.resolve(__dirname, '../..');

interface Manifest {
  activationEvents: string[];
  contributes: {
    languages: { id: string; extensions?: string[] }[];
    snippets: { language: string; path: string }[];
    grammars: { injectTo?: string[] }[];
    menus?: Record<string, { when?: string }[]>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

/** A VS Code glob (`**`, `*`, `{a,b}`) as a regular expression over a `/` path. */
function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (glob.startsWith('**/', i)) {
      re += '(?:.*/)?';
      i += 2;
    } else if (c === '*') re += '[^/]*';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      re += `(?:${glob
        .slice(i + 1, end)
        .split(',')
        .map((s) => s.replace(/[.]/g, '\\.'))
        .join('|')})`;
      i = end;
    } else re += c.replace(/[.+^$()|[\]\\?]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether the client hands the server a document of this path and language id. */
function served(file: string, languageId: string): boolean {
  return SELECTOR.some((f: { scheme: string; language: string; pattern?: string }) => {
    return f.scheme === 'file' && f.language === languageId && (f.pattern === undefined || globRegExp(f.pattern).test(file));
  });
}

const LANGUAGES = ['terraform', 'terraform-vars', 'opentofu', 'opentofu-vars'];

describe('extension manifest and client', () => {
  it('serves Terraform and OpenTofu language ids, and .tf.json / .tofu.json open as json', () => {
    for (const id of LANGUAGES) assert.ok(served('/ws/main.tf', id), id);
    assert.ok(served('/ws/env/main.tf.json', 'json'));
    assert.ok(served('/ws/main.tofu.json', 'json'));
    // Look-alikes stay with the JSON language alone.
    for (const other of ['/ws/package.json', '/ws/main.tfvars.json', '/ws/tf.json', '/ws/main.tf.jsonc', '/ws/x.tfstate.json'])
      assert.ok(!served(other, 'json'), other);
    assert.ok(!served('/ws/main.tf', 'hcl'));
  });

  it('the server takes every document the client serves as Terraform', () => {
    for (const p of ['/ws/main.tf', '/ws/main.tofu', '/ws/main.tf.json', '/ws/main.tofu.json', '/ws/terraform.tfvars'])
      assert.ok(isTerraformFile(p) && isTerraformPath(p), p);
    assert.ok(!isTerraformFile('/ws/package.json') && !isTerraformPath('/ws/package.json'));
  });

  it('activates on every language it serves and in workspaces of .tf, .tofu and JSON configuration', () => {
    for (const id of LANGUAGES) assert.ok(manifest.activationEvents.includes(`onLanguage:${id}`), `onLanguage:${id}`);
    for (const ext of ['tf', 'tofu', 'tf.json', 'tofu.json'])
      assert.ok(manifest.activationEvents.includes(`workspaceContains:**/*.${ext}`), `workspaceContains:**/*.${ext}`);
    assert.ok(!manifest.activationEvents.includes('onLanguage:json'), 'not on every JSON file');
  });

  it('opens .tofu files as opentofu when no other extension does, and leaves JSON files to json', () => {
    const tofu = manifest.contributes.languages.find((l) => l.id === 'opentofu');
    assert.deepEqual(tofu?.extensions, ['.tofu']);
    for (const l of manifest.contributes.languages)
      assert.ok(!(l.extensions ?? []).some((e) => e.endsWith('.json')), `${l.id} claims no JSON file`);
  });

  it('contributes the snippets to opentofu as to terraform', () => {
    const paths = (lang: string) => manifest.contributes.snippets.filter((s) => s.language === lang).map((s) => s.path);
    assert.deepEqual(paths('opentofu'), paths('terraform'));
    assert.ok(paths('terraform').length > 0);
  });

  it('injects its grammars into the scope OpenTofu’s grammar uses too', () => {
    for (const g of manifest.contributes.grammars) assert.ok(g.injectTo?.includes('source.hcl.terraform'));
  });

  it('every menu condition on a Terraform language id names the OpenTofu one as well', () => {
    for (const items of Object.values(manifest.contributes.menus ?? {}))
      for (const { when } of items) {
        if (!when) continue;
        if (/editorLangId == terraform\b(?!-)/.test(when)) assert.match(when, /editorLangId == opentofu\b(?!-)/, when);
        if (/editorLangId == terraform-vars/.test(when)) assert.match(when, /editorLangId == opentofu-vars/, when);
      }
  });

  it('titles commands in Title Case, in the PrivateLink category', () => {
    // Short words stay lower case inside a title, as VS Code's own commands write them.
    const minor = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'over', 'the', 'to', 'with']);
    const commands = (manifest as unknown as { contributes: { commands: { command: string; title: string; category?: string }[] } })
      .contributes.commands;
    assert.ok(commands.length > 0);
    for (const c of commands) {
      assert.equal(c.category, 'PrivateLink', c.command);
      c.title.split(/\s+/).forEach((word, i) => {
        const letter = /[A-Za-z]/.exec(word)?.[0];
        if (!letter || (i > 0 && minor.has(word.toLowerCase()))) return;
        assert.equal(letter, letter.toUpperCase(), `${c.command}: "${word}" in "${c.title}"`);
      });
    }
  });

  it('watches every kind of file the server reads, and nothing it does not read', () => {
    // `**/*.x` and `**/name` as the editor reads them, for the file names below.
    const watched = (name: string) =>
      WATCHED_GLOBS.some((g) => (g.startsWith('**/*') ? name.endsWith(g.slice('**/*'.length)) : name === g.slice('**/'.length)));
    const names = [
      'main.tf',
      'main.tofu',
      'main.tf.json',
      'main.tofu.json',
      'terraform.tfvars',
      'prod.auto.tfvars',
      'terraform.tfvars.json',
      'prod.auto.tfvars.json',
    ];
    const read = (name: string) => isConfigFile(name) || isTfvarsName(name) || name === CONFIG_FILE;
    for (const name of [...names, CONFIG_FILE]) {
      assert.ok(read(name), `${name} is one the server reads`);
      assert.ok(watched(name), `${name} is watched`);
    }
    for (const name of ['README.md', 'main.tf.bak', 'package.json']) assert.equal(watched(name), read(name), name);
  });
});
