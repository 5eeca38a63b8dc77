// The CLI as an npm package: `npm pack` of the repository gives a tarball that installs with
// `npm i -g` from the file alone (no registry: the bundle needs no dependency) and runs from
// a scratch folder with nothing but Node on PATH, giving what dist/cli.js gives.

import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const NPM_CLI = findNpmCli();

/** npm's own entry script, run with this Node, so the test does not depend on PATH. */
function findNpmCli(): string {
  const candidates = [
    // Set when the suite runs under npm (npm test).
    process.env.npm_execpath ?? '',
    path.join(path.dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js'),
    path.join(path.dirname(process.execPath), 'node_modules/npm/bin/npm-cli.js'),
  ];
  const found = candidates.find((c) => c.endsWith('.js') && fs.existsSync(c));
  if (!found) throw new Error(`npm not found beside ${process.execPath}`);
  return found;
}

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [NPM_CLI, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
}

interface PackEntry {
  filename: string;
  files: { path: string }[];
}

describe('npm package of the CLI', function () {
  this.timeout(180_000);
  let scratch: string;
  let tarball: string;
  let packed: string[];

  before(function () {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is missing: run npm run build');
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plt-npm-pack-'));
    // The build is already done (npm test builds first); prepack would only build it again.
    const pack = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], ROOT);
    assert.equal(pack.status, 0, pack.stderr);
    const [entry] = JSON.parse(pack.stdout) as PackEntry[];
    tarball = path.join(scratch, entry.filename);
    packed = entry.files.map((f) => f.path).sort();
  });

  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('packs the bundled CLI, its pre-commit entry, schema and rule pages, and no sources or tests', () => {
    for (const f of [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/cli.js',
      'dist/cli-main.js',
      'dist/cli-main.js.cache',
      'scripts/pre-commit-hook.cjs',
      'schemas/privatelink.schema.json',
      'docs/rules/PL101.md',
    ]) {
      assert.ok(packed.includes(f), `${f} is not in the tarball: ${packed.join(', ')}`);
    }
    const stray = packed.filter((f) => /^(server|client|test|bench|examples|node_modules)\//.test(f) || /\.(ts|map|vsix)$/.test(f));
    assert.deepEqual(stray, []);
  });

  it('declares no dependency for npm to fetch', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.dependencies, undefined, 'everything the bundles need is bundled: dependencies would be fetched by npm i -g');
    assert.equal((manifest.bin as Record<string, string>)['privatelink-lint'], './dist/cli.js');
  });

  it('installs with npm i -g from the tarball alone and lints examples/ from a scratch folder', () => {
    const prefix = path.join(scratch, 'prefix');
    const cache = path.join(scratch, 'npm-cache');
    // An empty cache and --offline: anything npm wanted from the registry would fail the install.
    const install = npm(
      ['install', '--global', '--prefix', prefix, '--offline', '--cache', cache, '--no-audit', '--no-fund', tarball],
      scratch,
    );
    assert.equal(install.status, 0, install.stderr);

    const bin = path.join(prefix, 'bin');
    const work = path.join(scratch, 'work');
    fs.cpSync(path.join(ROOT, 'examples'), path.join(work, 'examples'), { recursive: true });
    // Only Node and what the install put on PATH.
    const env = { HOME: scratch, PATH: [bin, path.dirname(process.execPath)].join(path.delimiter) };
    const installed = spawnSync(path.join(bin, 'privatelink-lint'), ['examples', '--format', 'json'], { cwd: work, env, encoding: 'utf8' });
    const direct = spawnSync(process.execPath, [CLI, 'examples', '--format', 'json'], { cwd: work, env, encoding: 'utf8' });
    assert.equal(installed.stderr, direct.stderr);
    // The examples' mistakes are deliberate: error-level findings, exit 1.
    assert.equal(installed.status, 1, installed.stderr);
    const findings = JSON.parse(installed.stdout) as { file: string; rule: string }[];
    assert.ok(findings.length > 0);
    assert.ok(
      findings.every((f) => f.file.startsWith(path.join(work, 'examples') + path.sep)),
      'findings point into the scratch copy',
    );
    assert.deepEqual(findings, JSON.parse(direct.stdout));

    const version = spawnSync(path.join(bin, 'privatelink-lint'), ['--version'], { cwd: work, env, encoding: 'utf8' });
    assert.equal(
      version.stdout.trim(),
      (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
    assert.ok(fs.existsSync(path.join(bin, 'privatelink-lint-pre-commit')), 'the pre-commit entry is installed too');
  });
});
