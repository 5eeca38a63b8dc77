// The walks of a workspace find the same module folders: the language server's (its index and
// Lint workspace, which give the Problems of files nobody opened), the CLI's, and the model's
// own (for a workspace made without a list of folders): CI reports exactly what the editor
// shows. Hidden folders (tool state, caches, editors' histories, copies) and node_modules are
// skipped by all of them, whether reached as folders or through symlinks; a folder given by
// name is walked.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findModuleDirs as cliWalk } from '../../server/src/cli/walk';
import { findModuleDirs as serverWalk } from '../../server/src/lsp/walk';
import { nodeHost } from '../../server/src/model/node-host';
import { createWorkspace } from '../../server/src/model/workspace';

describe('the workspace walks agree', () => {
  let root: string;
  const modules = ['a', 'a/b', 'c', 'c/.history/a', '.terragrunt-cache/x/y', '.hidden', 'node_modules/m', 'a/.terraform/modules/vpc'];

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-walks-')));
    for (const d of modules) {
      fs.mkdirSync(path.join(root, d), { recursive: true });
      fs.writeFileSync(path.join(root, d, 'main.tf'), 'locals {}\n');
    }
    // A plain symlink to a module in a hidden folder is walked; a hidden symlink is not.
    for (const d of ['.store/m', '.store/n']) {
      fs.mkdirSync(path.join(root, d), { recursive: true });
      fs.writeFileSync(path.join(root, d, 'vpc.tf'), 'locals {}\n');
    }
    fs.symlinkSync(path.join(root, '.store/m'), path.join(root, 'linked'));
    fs.symlinkSync(path.join(root, '.store/n'), path.join(root, '.link'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  // The model's own walk follows no symlinks (its host lists a symlink as neither file nor folder).
  const modelListing = (folders: string[]) =>
    createWorkspace(nodeHost(), { folders })
      .roots()
      .map((m) => m.dir)
      .sort();

  it('finds the same module folders, none hidden', async () => {
    const expected = ['a', 'a/b', 'c', 'linked'].map((d) => path.join(root, d)).sort();
    const cli = cliWalk(root, () => undefined);
    const server = (await serverWalk([root])).dirs.sort();
    assert.deepEqual(cli, expected, 'the CLI');
    assert.deepEqual(server, expected, "the server's index");
    assert.deepEqual(
      modelListing([root]),
      expected.filter((d) => d !== path.join(root, 'linked')),
      "the model's own",
    );
  });

  it('walks a hidden folder given by name', async () => {
    const given = path.join(root, '.hidden');
    assert.deepEqual(
      cliWalk(given, () => undefined),
      [given],
    );
    assert.deepEqual((await serverWalk([given])).dirs, [given]);
    assert.deepEqual(modelListing([given]), [given]);
  });
});
