// A CLI run reads a snapshot of the tree, and saves system calls on it: the walk resolves a
// folder's real path from its parent's, the host resolves a file's from its folder's, and the
// bytes the batch plan read are not read again. None of it may change what is read or refused:
// a symlink out of the repository is still refused, a cycle still walked once, a limit still
// applied to bytes already read.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findModuleDirs } from '../../server/src/cli/walk';
import { boundaryOf } from '../../server/src/model/boundary';
import { nodeHost } from '../../server/src/model/node-host';

const TF = 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n';

describe('CLI reads of a snapshot', () => {
  let top: string;
  let repo: string;
  let outside: string;

  beforeEach(() => {
    top = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pl-snapshot-')));
    repo = path.join(top, 'repo');
    outside = path.join(top, 'outside');
    for (const d of ['repo/.git', 'repo/a/b', 'repo/c', 'outside/m']) fs.mkdirSync(path.join(top, d), { recursive: true });
    fs.writeFileSync(path.join(repo, 'a', 'main.tf'), TF);
    fs.writeFileSync(path.join(repo, 'a', 'b', 'main.tf'), TF);
    fs.writeFileSync(path.join(outside, 'm', 'main.tf'), TF);
    fs.writeFileSync(path.join(outside, 'secret.tf'), TF);
    // A folder link out of the repository, a file link out of it, a link back up (a cycle), and
    // a link to a folder inside.
    fs.symlinkSync(path.join(outside, 'm'), path.join(repo, 'out'));
    fs.symlinkSync(path.join(outside, 'secret.tf'), path.join(repo, 'c', 'leak.tf'));
    fs.symlinkSync(repo, path.join(repo, 'a', 'b', 'loop'));
    fs.symlinkSync(path.join(repo, 'a', 'b'), path.join(repo, 'c', 'inside'));
  });

  afterEach(() => fs.rmSync(top, { recursive: true, force: true }));

  it('walks the same folders as resolving every path would, and warns of the link out', () => {
    const warnings: string[] = [];
    const dirs = findModuleDirs(repo, (m) => warnings.push(m), boundaryOf([repo]));
    // c/inside is a/b again (seen), loop is the repository again (seen), out leads outside.
    assert.deepEqual(dirs, [path.join(repo, 'a'), path.join(repo, 'a', 'b'), path.join(repo, 'c')]);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /out: a symlink to a folder outside the repository/);
  });

  it('refuses and reads exactly as the host without the snapshot does', () => {
    const boundary = boundaryOf([repo]);
    const plain = nodeHost({ boundary });
    const snapshot = nodeHost({ boundary, stableFolders: true });
    const files = [
      path.join(repo, 'a', 'main.tf'),
      path.join(repo, 'c', 'leak.tf'),
      path.join(repo, 'out', 'main.tf'),
      path.join(repo, 'c', 'inside', 'main.tf'),
      path.join(repo, 'a', 'b', 'loop', 'a', 'main.tf'),
      path.join(repo, 'missing.tf'),
      path.join(outside, 'secret.tf'),
    ];
    for (const f of files) {
      // Twice: the second answer comes from the remembered folder.
      for (let i = 0; i < 2; i++) {
        assert.deepEqual(snapshot.readFile(f), plain.readFile(f), f);
        assert.equal(snapshot.isOutside?.(f), plain.isOutside?.(f), f);
      }
    }
    assert.match((snapshot.readFile(path.join(repo, 'c', 'leak.tf')) as { error: string }).error, /symlink that leads outside/);
    assert.ok('text' in snapshot.readFile(path.join(repo, 'c', 'inside', 'main.tf')));
  });

  it('refuses and reads as before when its own listings said which files are plain', () => {
    const boundary = boundaryOf([repo]);
    const plain = nodeHost({ boundary });
    const snapshot = nodeHost({ boundary, stableFolders: true });
    // Listed first: the plain files of these folders are then read without an lstat.
    for (const d of ['a', 'c', 'out', path.join('a', 'b')]) snapshot.readDir(path.join(repo, d));
    for (const f of [path.join(repo, 'a', 'main.tf'), path.join(repo, 'c', 'leak.tf'), path.join(repo, 'out', 'main.tf')]) {
      assert.deepEqual(snapshot.readFile(f), plain.readFile(f), f);
      assert.equal(snapshot.isOutside?.(f), plain.isOutside?.(f), f);
    }
    assert.match((snapshot.readFile(path.join(repo, 'c', 'leak.tf')) as { error: string }).error, /symlink that leads outside/);
  });

  it('takes bytes already read, but still refuses links out, binary files and files over the limit', () => {
    const boundary = boundaryOf([repo]);
    const given = new Map<string, Buffer>([
      [path.join(repo, 'a', 'main.tf'), Buffer.from('variable "x" {}\n')],
      [path.join(repo, 'c', 'leak.tf'), Buffer.from('variable "y" {}\n')],
      [path.join(repo, 'a', 'b', 'main.tf'), Buffer.from([0x76, 0, 0x61])],
    ]);
    const host = nodeHost({ boundary, stableFolders: true, prefetched: (p) => given.get(p) });
    assert.deepEqual(host.readFile(path.join(repo, 'a', 'main.tf')), { text: 'variable "x" {}\n' });
    assert.match((host.readFile(path.join(repo, 'c', 'leak.tf')) as { error: string }).error, /symlink that leads outside/);
    assert.match((host.readFile(path.join(repo, 'a', 'b', 'main.tf')) as { error: string }).error, /NUL bytes/);
    // Over a read's limit, the file is read (and measured) again rather than taken as given.
    assert.match((host.readFile(path.join(repo, 'a', 'main.tf'), 4) as { error: string }).error, /over the .* limit/);
  });
});
