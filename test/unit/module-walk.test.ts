// The language server's walk for module folders: every folder with .tf files found, and the
// walk gives way to the caller before each folder (the index waits while the user types).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findModuleDirs } from '../../server/src/lsp/walk';

describe('module folder walk (language server)', () => {
  let root: string;

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-walk-')));
    for (const d of ['a', 'a/b', 'c', 'empty']) fs.mkdirSync(path.join(root, d), { recursive: true });
    for (const f of ['a/main.tf', 'a/b/main.tf', 'c/vpc.tf']) fs.writeFileSync(path.join(root, f), 'locals {}\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds the folders with .tf files', async () => {
    const { dirs } = await findModuleDirs([root]);
    assert.deepEqual(
      [...dirs].sort(),
      ['a', 'a/b', 'c'].map((d) => path.join(root, d)),
    );
  });

  it('waits for the caller before each folder, and stops when cancelled there', async () => {
    let waits = 0;
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let done = false;
    const walk = findModuleDirs(
      [root],
      () => false,
      async () => {
        waits++;
        // The second folder waits until the test lets it go.
        if (waits === 2) await held;
      },
    ).then((r) => {
      done = true;
      return r;
    });
    // Until the walk reaches the second folder (however loaded the machine), then a while more.
    for (let i = 0; i < 500 && waits < 2; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(done, false, 'the walk waited');
    assert.equal(waits, 2);
    release();
    const { dirs } = await walk;
    // root, a, c, empty, a/b: one wait per folder visited.
    assert.equal(waits, 5);
    assert.equal(dirs.length, 3);

    let seen = 0;
    let cancelled = false;
    const partial = await findModuleDirs(
      [root],
      () => cancelled,
      () => {
        if (++seen === 2) cancelled = true;
        return Promise.resolve();
      },
    );
    assert.equal(partial.dirs.length, 0, 'nothing after the cancel was read');
  });
});
