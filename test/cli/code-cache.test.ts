// The CLI's compiled code, written by the build beside its bundle: used when it was compiled
// from that very bundle, never trusted otherwise (another build, even of the same length, or
// damaged bytes), never written at run time, and giving exactly the output of a run without it.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtCacheOf, loadWithBuiltCache } from '../../server/src/code-cache';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const EXAMPLES = path.join(ROOT, 'examples');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

describe("the CLI's built code cache", () => {
  let dir: string;
  let bundle: string;

  const write = (answer: number) => {
    fs.writeFileSync(
      bundle,
      `#!/usr/bin/env node\nconst path = require('node:path');\nfunction answer() { return ${answer}; }\nmodule.exports = { answer, base: path.basename(__filename) };\nanswer();\n`,
    );
  };
  type Exports = { answer(): number; base: string };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-built-cache-'));
    bundle = path.join(dir, 'cli-main.js');
    write(42);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is written only when asked (the build), beside the bundle, and used on the next load', () => {
    const first = loadWithBuiltCache(bundle);
    assert.equal((first.exports as Exports).answer(), 42);
    assert.equal((first.exports as Exports).base, 'cli-main.js');
    assert.equal(first.fromCache, false);
    // Loading writes nothing.
    assert.deepEqual(filesUnder(dir), ['cli-main.js']);
    first.writeBuilt();
    assert.deepEqual(filesUnder(dir), ['cli-main.js', 'cli-main.js.cache']);
    assert.equal(builtCacheOf(bundle), path.join(dir, 'cli-main.js.cache'));

    const second = loadWithBuiltCache(bundle);
    assert.equal(second.fromCache, true);
    assert.equal((second.exports as Exports).answer(), 42);
    assert.deepEqual(filesUnder(dir), ['cli-main.js', 'cli-main.js.cache']);
  });

  it('is not used for another bundle, even one of the same length', () => {
    loadWithBuiltCache(bundle).writeBuilt();
    const size = fs.statSync(bundle).size;
    write(43);
    assert.equal(fs.statSync(bundle).size, size);
    const again = loadWithBuiltCache(bundle);
    assert.equal(again.fromCache, false);
    assert.equal((again.exports as Exports).answer(), 43);
  });

  it('is not handed to V8 when damaged or cut short', () => {
    loadWithBuiltCache(bundle).writeBuilt();
    const file = builtCacheOf(bundle);
    const bytes = fs.readFileSync(file);
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 8] ^= 0xff;
    fs.writeFileSync(file, damaged);
    const m = loadWithBuiltCache(bundle);
    assert.equal(m.fromCache, false);
    assert.equal((m.exports as Exports).answer(), 42);
    fs.writeFileSync(file, bytes.subarray(0, 40));
    assert.equal(loadWithBuiltCache(bundle).fromCache, false);
    fs.writeFileSync(file, bytes);
    assert.equal(loadWithBuiltCache(bundle).fromCache, true);
  });

  describe('dist/cli.js', () => {
    const run = (cli: string, args: string[]) =>
      spawnSync(process.execPath, [cli, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const usesCache = (cli: string) =>
      spawnSync(process.execPath, ['-e', `process.stdout.write(String(require(${JSON.stringify(cli)}).fromCodeCache))`], {
        encoding: 'utf8',
      }).stdout;

    before(function () {
      if (!fs.existsSync(path.join(DIST, 'cli-main.js.cache'))) assert.fail('dist/cli-main.js.cache is missing: run npm run build');
    });

    it("runs with the build's compiled code and gives what the bundle alone gives", () => {
      assert.equal(usesCache(path.join(DIST, 'cli.js')), 'true');
      for (const args of [[EXAMPLES], ['--format', 'json', EXAMPLES]]) {
        const cached = run(path.join(DIST, 'cli.js'), args);
        const plain = run(path.join(DIST, 'cli-main.js'), args);
        assert.equal(cached.status, plain.status);
        assert.ok(cached.stdout.length > 100, cached.stderr);
        assert.equal(cached.stdout, plain.stdout);
        assert.equal(cached.stderr, plain.stderr);
      }
    });

    it('compiles from the source when the cache beside it is damaged, and says nothing of it', () => {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-cli-copy-'));
      try {
        for (const f of ['cli.js', 'cli-main.js', 'cli-main.js.cache']) fs.copyFileSync(path.join(DIST, f), path.join(copy, f));
        const cache = path.join(copy, 'cli-main.js.cache');
        const bytes = fs.readFileSync(cache);
        bytes[Math.floor(bytes.length / 2)] ^= 0xff;
        fs.writeFileSync(cache, bytes);
        assert.equal(usesCache(path.join(copy, 'cli.js')), 'false');
        const damaged = run(path.join(copy, 'cli.js'), [EXAMPLES]);
        const plain = run(path.join(DIST, 'cli-main.js'), [EXAMPLES]);
        assert.equal(damaged.status, plain.status);
        assert.equal(damaged.stdout, plain.stdout);
        assert.equal(damaged.stderr, plain.stderr);
        // Nothing was written beside it.
        assert.deepEqual(filesUnder(copy), ['cli-main.js', 'cli-main.js.cache', 'cli.js']);
      } finally {
        fs.rmSync(copy, { recursive: true, force: true });
      }
    });
  });
});
