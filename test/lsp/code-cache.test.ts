// The server bundle's code cache: used when it fits the bundle, written once, never trusted
// when it does not (another build, damaged bytes), and kept in the user's cache folder (the
// client's storage, else the system's cache folder), never next to the bundle.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CACHE_DIR_ENV, cacheDirOf, cacheFileOf, loadWithCodeCache } from '../../server/src/code-cache';
import { ensureServerBuilt } from './build-server';
import { REPO, TestClient } from './lsp-client';

/** Every file under a folder (relative paths). */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)))
    .sort();
}

describe('server code cache', () => {
  let dir: string;
  let bundle: string;
  let cacheRoot: string;
  let cacheDir: string;
  const cacheFile = () => cacheFileOf(bundle, cacheDir);

  const write = (answer: number) => {
    // Enough code for V8 to cache something worth checking.
    fs.writeFileSync(
      bundle,
      `const path = require('node:path');\nfunction answer() { return ${answer}; }\nmodule.exports = { answer, base: path.basename(__filename), dir: __dirname };\nanswer();\n`,
    );
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-cache-'));
    bundle = path.join(dir, 'bundle.js');
    cacheRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-cache-dir-'));
    // Not there yet: the cache creates its folder.
    cacheDir = path.join(cacheRoot, 'storage', 'code-cache');
    write(42);
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(cacheRoot, { recursive: true, force: true });
  });

  type Exports = { answer(): number; base: string; dir: string };

  it('runs the bundle as a module, writes the cache once in its folder (mode 0700), and uses it on the next load', () => {
    const first = loadWithCodeCache(bundle, cacheDir);
    const ex = first.exports as Exports;
    assert.equal(ex.answer(), 42);
    assert.equal(ex.base, 'bundle.js');
    assert.equal(ex.dir, dir);
    assert.equal(first.fromCache, false);
    assert.ok(!fs.existsSync(cacheFile()));
    first.save();
    const written = fs.statSync(cacheFile()).mtimeMs;
    if (process.platform !== 'win32') assert.equal(fs.statSync(cacheDir).mode & 0o777, 0o700);
    first.save();
    assert.equal(fs.statSync(cacheFile()).mtimeMs, written);
    // Nothing was written next to the bundle.
    assert.deepEqual(filesUnder(dir), ['bundle.js']);
    assert.deepEqual(filesUnder(cacheDir), [path.basename(cacheFile())]);

    const second = loadWithCodeCache(bundle, cacheDir);
    assert.equal(second.fromCache, true);
    assert.equal((second.exports as Exports).answer(), 42);
    // Nothing to write when the cache was taken.
    fs.rmSync(cacheFile());
    second.save();
    assert.ok(!fs.existsSync(cacheFile()));
  });

  it('ignores a cache written for another build of the bundle', () => {
    loadWithCodeCache(bundle, cacheDir).save();
    write(7);
    const again = loadWithCodeCache(bundle, cacheDir);
    assert.equal(again.fromCache, false);
    assert.equal((again.exports as Exports).answer(), 7);
    again.save();
    assert.equal(loadWithCodeCache(bundle, cacheDir).fromCache, true);
  });

  it('keeps two installs of the bundle apart in one cache folder', () => {
    const other = path.join(cacheRoot, 'other-install');
    fs.mkdirSync(other);
    fs.copyFileSync(bundle, path.join(other, 'bundle.js'));
    assert.notEqual(cacheFileOf(bundle, cacheDir), cacheFileOf(path.join(other, 'bundle.js'), cacheDir));
  });

  it('ignores a damaged cache instead of handing it to V8', () => {
    loadWithCodeCache(bundle, cacheDir).save();
    const file = cacheFile();
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 8] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const again = loadWithCodeCache(bundle, cacheDir);
    assert.equal(again.fromCache, false);
    assert.equal((again.exports as Exports).answer(), 42);
    fs.writeFileSync(file, bytes.subarray(0, 20));
    assert.equal(loadWithCodeCache(bundle, cacheDir).fromCache, false);
  });

  it('goes on without a cache when its folder cannot be written', function () {
    if (process.getuid?.() === 0) this.skip(); // root writes anywhere
    fs.chmodSync(cacheRoot, 0o555);
    try {
      const m = loadWithCodeCache(bundle, cacheDir);
      assert.equal((m.exports as Exports).answer(), 42);
      m.save();
      assert.ok(!fs.existsSync(cacheFile()));
    } finally {
      fs.chmodSync(cacheRoot, 0o755);
    }
  });

  it("never writes into the bundle's folder or the extension folder above dist/, even when told to", () => {
    const ext = path.join(dir, 'ext');
    fs.mkdirSync(path.join(ext, 'dist'), { recursive: true });
    const inDist = path.join(ext, 'dist', 'bundle.js');
    fs.copyFileSync(bundle, inDist);
    for (const target of [path.join(ext, 'dist'), path.join(ext, 'dist', 'cache'), ext, path.join(ext, 'cache')]) {
      const m = loadWithCodeCache(inDist, target);
      m.save();
      assert.deepEqual(filesUnder(ext), ['dist/bundle.js'], `nothing written for ${target}`);
    }
    // Without a folder, nothing is cached.
    const none = loadWithCodeCache(inDist, undefined);
    none.save();
    assert.deepEqual(filesUnder(ext), ['dist/bundle.js']);
  });

  it("finds the cache folder: the client's storage, else the system's cache folder", () => {
    const home = '/home/u';
    assert.equal(cacheDirOf({ [CACHE_DIR_ENV]: '/store/code-cache', XDG_CACHE_HOME: '/x' }, 'linux', home), '/store/code-cache');
    // A relative path is not a folder anyone chose.
    assert.equal(cacheDirOf({ [CACHE_DIR_ENV]: 'rel', XDG_CACHE_HOME: '/x' }, 'linux', home), '/x/privatelink-terraform');
    assert.equal(cacheDirOf({}, 'linux', home), '/home/u/.cache/privatelink-terraform');
    assert.equal(cacheDirOf({ XDG_CACHE_HOME: 'relative' }, 'linux', home), '/home/u/.cache/privatelink-terraform');
    assert.equal(cacheDirOf({}, 'darwin', '/Users/u'), '/Users/u/Library/Caches/privatelink-terraform');
    assert.equal(
      cacheDirOf({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u'),
      'C:\\Users\\u\\AppData\\Local\\privatelink-terraform\\Cache',
    );
  });
});

describe('server code cache, through the server itself', function () {
  this.timeout(60_000);
  let dir: string;
  let ws: string;
  let storage: string;

  before(() => ensureServerBuilt());

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-cache-server-')));
    // A copy of the built server, so that its cache is its own.
    for (const f of ['server.js', 'server-main.js']) fs.copyFileSync(path.join(REPO, 'dist', f), path.join(dir, f));
    ws = path.join(dir, 'ws');
    fs.cpSync(path.join(REPO, 'test', 'fixtures', 'lsp'), ws, { recursive: true });
    storage = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-cache-storage-')));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(storage, { recursive: true, force: true });
  });

  /** Starts the copy, opens a file, types into it (which makes the server collect garbage), stops. */
  async function session(
    env: Record<string, string | undefined> = { [CACHE_DIR_ENV]: path.join(storage, 'code-cache') },
    cache = cacheFileOf(path.join(dir, 'server-main.js'), path.join(storage, 'code-cache')),
  ): Promise<void> {
    const client = new TestClient({ folder: ws, server: path.join(dir, 'server.js'), settings: { debounceMs: 0 }, env });
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
      for (let i = 0; i < 100 && !fs.existsSync(cache); i++) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await client.stop();
    }
  }

  it("is written by the first start into the client's storage and taken, not written again, by the next ones", async () => {
    const before = filesUnder(dir);
    const cache = cacheFileOf(path.join(dir, 'server-main.js'), path.join(storage, 'code-cache'));
    await session();
    assert.ok(fs.existsSync(cache), 'the first start wrote the cache');
    assert.deepEqual(filesUnder(dir), before, 'nothing written next to the bundle nor in the workspace');
    const written = fs.statSync(cache).mtimeMs;
    for (let i = 0; i < 2; i++) {
      await session();
      // A cache V8 rejects (compiled under other flags, say) would be written again.
      assert.equal(fs.statSync(cache).mtimeMs, written, `start ${i + 2} took the cache`);
    }
  });

  it("without the client's folder, is written in the system's cache folder and not next to the bundle", async function () {
    if (process.platform !== 'linux') this.skip();
    const before = filesUnder(dir);
    const xdg = path.join(storage, 'xdg');
    const cache = cacheFileOf(path.join(dir, 'server-main.js'), path.join(xdg, 'privatelink-terraform'));
    await session({ [CACHE_DIR_ENV]: undefined, XDG_CACHE_HOME: xdg }, cache);
    assert.ok(fs.existsSync(cache), 'written under $XDG_CACHE_HOME/privatelink-terraform');
    assert.equal(fs.statSync(path.dirname(cache)).mode & 0o777, 0o700);
    assert.deepEqual(filesUnder(dir), before);
  });
});
