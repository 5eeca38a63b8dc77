// The server bundle's code cache: used when it fits the bundle, written once, and never
// trusted when it does not (another build, damaged bytes).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileOf, loadWithCodeCache } from '../../server/src/lsp/code-cache';
import { ensureServerBuilt } from './build-server';
import { REPO, TestClient } from './lsp-client';

describe('server code cache', () => {
  let dir: string;
  let bundle: string;

  const write = (answer: number) => {
    // Enough code for V8 to cache something worth checking.
    fs.writeFileSync(bundle, `const path = require('node:path');\nfunction answer() { return ${answer}; }\nmodule.exports = { answer, base: path.basename(__filename), dir: __dirname };\nanswer();\n`);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-cache-'));
    bundle = path.join(dir, 'bundle.js');
    write(42);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  type Exports = { answer(): number; base: string; dir: string };

  it('runs the bundle as a module, writes the cache once, and uses it on the next load', () => {
    const first = loadWithCodeCache(bundle);
    const ex = first.exports as Exports;
    assert.equal(ex.answer(), 42);
    assert.equal(ex.base, 'bundle.js');
    assert.equal(ex.dir, dir);
    assert.equal(first.fromCache, false);
    assert.ok(!fs.existsSync(cacheFileOf(bundle)));
    first.save();
    const written = fs.statSync(cacheFileOf(bundle)).mtimeMs;
    first.save();
    assert.equal(fs.statSync(cacheFileOf(bundle)).mtimeMs, written);

    const second = loadWithCodeCache(bundle);
    assert.equal(second.fromCache, true);
    assert.equal((second.exports as Exports).answer(), 42);
    // Nothing to write when the cache was taken.
    fs.rmSync(cacheFileOf(bundle));
    second.save();
    assert.ok(!fs.existsSync(cacheFileOf(bundle)));
  });

  it('ignores a cache written for another build of the bundle', () => {
    loadWithCodeCache(bundle).save();
    write(7);
    const again = loadWithCodeCache(bundle);
    assert.equal(again.fromCache, false);
    assert.equal((again.exports as Exports).answer(), 7);
    again.save();
    assert.equal(loadWithCodeCache(bundle).fromCache, true);
  });

  it('ignores a damaged cache instead of handing it to V8', () => {
    loadWithCodeCache(bundle).save();
    const file = cacheFileOf(bundle);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 8] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const again = loadWithCodeCache(bundle);
    assert.equal(again.fromCache, false);
    assert.equal((again.exports as Exports).answer(), 42);
    fs.writeFileSync(file, bytes.subarray(0, 20));
    assert.equal(loadWithCodeCache(bundle).fromCache, false);
  });

  it('goes on without a cache when its folder cannot be written', function () {
    if (process.getuid?.() === 0) this.skip(); // root writes anywhere
    fs.chmodSync(dir, 0o555);
    try {
      const m = loadWithCodeCache(bundle);
      m.save();
      assert.ok(!fs.existsSync(cacheFileOf(bundle)));
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });
});

describe('server code cache, through the server itself', function () {
  this.timeout(60_000);
  let dir: string;
  let ws: string;

  before(() => ensureServerBuilt());

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-cache-server-')));
    // A copy of the built server, so that its cache is its own.
    for (const f of ['server.js', 'server-main.js']) fs.copyFileSync(path.join(REPO, 'dist', f), path.join(dir, f));
    ws = path.join(dir, 'ws');
    fs.cpSync(path.join(REPO, 'test', 'fixtures', 'lsp'), ws, { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Starts the copy, opens a file, types into it (which makes the server collect garbage), stops. */
  async function session(): Promise<void> {
    const client = new TestClient({ folder: ws, server: path.join(dir, 'server.js'), settings: { debounceMs: 0 } });
    try {
      await client.initialize();
      const uri = await client.open(path.join(ws, 'pl101', 'endpoints.tf'));
      await client.waitFor(uri, () => true);
      for (let i = 0; i < 3; i++) {
        const next = client.waitFor(uri);
        await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ' ');
        await next;
      }
      // The cache is written once the first file is served; give the server the moment it takes.
      for (let i = 0; i < 100 && !fs.existsSync(cacheFileOf(path.join(dir, 'server-main.js'))); i++) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await client.stop();
    }
  }

  it('is written by the first start and taken, not written again, by the next ones', async () => {
    const cache = cacheFileOf(path.join(dir, 'server-main.js'));
    await session();
    assert.ok(fs.existsSync(cache), 'the first start wrote the cache');
    const written = fs.statSync(cache).mtimeMs;
    for (let i = 0; i < 2; i++) {
      await session();
      // A cache V8 rejects (compiled under other flags, say) would be written again.
      assert.equal(fs.statSync(cache).mtimeMs, written, `start ${i + 2} took the cache`);
    }
  });
});
