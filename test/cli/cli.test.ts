// The CLI as CI runs it: the bundled dist/cli.js on real folders.

import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as hcl2json } from '@cdktf/hcl2json';
import Ajv from 'ajv';
import draft04 from 'ajv/lib/refs/json-schema-draft-04.json';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const EXAMPLES = path.join(ROOT, 'examples');

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: string;
  rule: string;
  message: string;
  fixes: { title: string; preferred: boolean }[];
}

/** The parts of a SARIF log the tests look at. */
interface SarifLog {
  version: string;
  runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: { fixes?: unknown[] }[] }[];
}

function tmpCopy(src: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-cli-'));
  fs.cpSync(src, dir, { recursive: true });
  return dir;
}

describe('CLI', function () {
  before(function () {
    this.timeout(120_000);
    execFileSync(process.execPath, [path.join(ROOT, 'build.mjs')], { cwd: ROOT });
  });

  it('prints the examples findings as file:line:col severity id message and exits 1 on errors', () => {
    const r = cli(['examples']);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    const findings = lines.slice(0, -1);
    assert.ok(findings.length > 0);
    for (const l of findings)
      assert.match(l, /^examples\/[\w/-]+\.tf:\d+:\d+ (error|warning|information|hint) (PL\d{3}|syntax|read-error|unused-suppression) \S/);
    assert.match(lines[lines.length - 1], /^\d+ findings?: \d+ errors?, \d+ warnings?, \d+ information, \d+ hints?$/);
  });

  for (const [name, folder] of Object.entries({ examples: 'examples', 'shared-services': 'test/fixtures/cli/shared-services' })) {
    it(`matches the golden findings of ${folder} (json)`, () => {
      const r = cli([folder, '--format', 'json']);
      const got = (JSON.parse(r.stdout) as JsonFinding[]).map((f) => ({
        file: path.relative(ROOT, f.file),
        line: f.range.start.line + 1,
        rule: f.rule,
        severity: f.severity,
        message: f.message,
      }));
      const golden: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, `golden/${name}.json`), 'utf8'));
      assert.deepEqual(got, golden);
    });
  }

  it('json findings carry zero-based ranges, rule, severity, message and fixes', () => {
    const out = JSON.parse(cli(['examples', '--format', 'json']).stdout) as JsonFinding[];
    const pl101 = out.find((f) => f.rule === 'PL101');
    assert.ok(pl101, 'PL101 in the examples');
    assert.ok(pl101.file.endsWith(path.join('consumer', 'endpoints.tf')));
    const text = fs.readFileSync(pl101.file, 'utf8').split('\n')[pl101.range.start.line];
    assert.ok(text.slice(pl101.range.start.character).startsWith('private_dns_enabled'), text);
    assert.ok(pl101.fixes.some((x) => x.preferred));
  });

  it('writes SARIF 2.1.0 that validates against the official schema', () => {
    const r = cli(['examples', '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout) as SarifLog;
    const schema = JSON.parse(
      fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv({ schemaId: 'auto', allErrors: true, logger: false });
    ajv.addMetaSchema(draft04);
    const valid = ajv.validate(schema, sarif);
    assert.ok(valid, JSON.stringify(ajv.errors?.slice(0, 5), null, 2));
    const run = sarif.runs[0];
    assert.ok(run.tool.driver.rules.some((x: { id: string; helpUri?: string }) => x.id === 'PL101' && x.helpUri?.endsWith('PL101.md')));
    assert.ok(run.results.length > 0);
    assert.ok(
      run.results.some((x: { fixes?: unknown[] }) => x.fixes && x.fixes.length > 0),
      'fixes are included',
    );
  });

  it('--rule and --ignore-rule select rules', () => {
    const only = JSON.parse(cli(['examples', '--format', 'json', '--rule', 'PL101']).stdout) as JsonFinding[];
    assert.ok(only.length > 0 && only.every((f) => f.rule === 'PL101'));
    const without = JSON.parse(cli(['examples', '--format', 'json', '--ignore-rule', 'PL101,PL202']).stdout) as JsonFinding[];
    assert.ok(without.length > 0 && without.every((f) => f.rule !== 'PL101' && f.rule !== 'PL202'));
  });

  it('--max-warnings turns too many warnings into exit 1', () => {
    const dir = tmpCopy(path.join(EXAMPLES, 'consumer-dns'));
    const warnings = (JSON.parse(cli([dir, '--format', 'json']).stdout) as JsonFinding[]).filter((f) => f.severity === 'warning').length;
    const errors = (JSON.parse(cli([dir, '--format', 'json']).stdout) as JsonFinding[]).filter((f) => f.severity === 'error').length;
    assert.equal(errors, 0);
    assert.ok(warnings > 0);
    assert.equal(cli([dir, '--max-warnings', String(warnings)]).code, 0);
    assert.equal(cli([dir, '--max-warnings', String(warnings - 1)]).code, 1);
  });

  it('exits 2 on usage and I/O problems', () => {
    assert.equal(cli(['--format', 'xml']).code, 2);
    assert.equal(cli(['--rule', 'PL999']).code, 2);
    assert.equal(cli(['--bogus']).code, 2);
    const r = cli([path.join(os.tmpdir(), 'no-such-folder-pl')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no such file or folder/);
  });

  it('reports broken, binary and unreadable files per file and goes on', () => {
    const dir = tmpCopy(path.join(EXAMPLES, 'consumer'));
    fs.writeFileSync(path.join(dir, 'broken.tf'), 'resource "aws_s3_bucket" "x" {\n  bucket = \n');
    fs.writeFileSync(path.join(dir, 'binary.tf'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0xff, 0xfe]));
    fs.symlinkSync(path.join(dir, 'missing-target.tf'), path.join(dir, 'dangling.tf'));
    const r = cli([dir, '--format', 'json']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as JsonFinding[];
    assert.ok(
      out.some((f) => f.rule === 'syntax' && f.file.endsWith('broken.tf')),
      'syntax error reported',
    );
    assert.ok(
      out.some((f) => f.rule === 'read-error' && f.file.endsWith('binary.tf')),
      'binary file reported',
    );
    assert.ok(
      out.some((f) => f.rule === 'PL101'),
      'the rest is still analysed',
    );
  });

  it('ends quietly, with the exit code of what it found, when the reader closes the pipe early (| head)', async () => {
    const clean = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-clean-'));
    fs.writeFileSync(path.join(clean, 'main.tf'), 'variable "x" {\n  default = 1\n}\n');
    const closedEarly = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const c = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        // Closed before the CLI writes anything: every write meets a closed pipe.
        c.stdout.destroy();
        let stderr = '';
        c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        c.on('close', (code) => resolve({ code, stderr }));
      });
    try {
      for (const [args, code] of [
        [['--format', 'json', EXAMPLES], 1],
        [[EXAMPLES], 1],
        [['--format', 'sarif', clean], 0],
        [[clean], 0],
      ] as const) {
        const r = await closedEarly([...args]);
        assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
        assert.doesNotMatch(r.stderr, /EPIPE|Error|at /, args.join(' '));
      }
    } finally {
      fs.rmSync(clean, { recursive: true, force: true });
    }
  });

  it('says it cannot write its report to a full disk and exits 2, not taking a cut report for a whole one', function () {
    if (!fs.existsSync('/dev/full')) this.skip();
    const full = fs.openSync('/dev/full', 'w');
    try {
      for (const args of [[EXAMPLES], ['--format', 'sarif', EXAMPLES]]) {
        const r = spawnSync(process.execPath, [CLI, ...args], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
        assert.equal(r.status, 2, r.stderr);
        assert.equal(r.stderr, 'privatelink-lint: cannot write the report: ENOSPC\n');
      }
      // Notices (here --stats) that cannot be written make the exit code 2 too.
      const r = spawnSync(process.execPath, [CLI, '--stats', path.join(EXAMPLES, 'provider')], {
        stdio: ['ignore', 'pipe', full],
        encoding: 'utf8',
      });
      assert.equal(r.status, 2);
      assert.match(r.stdout, /findings?:/);
    } finally {
      fs.closeSync(full);
    }
  });

  it('given a file, analyses its folder and reads nothing below it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-file-arg-'));
    try {
      fs.copyFileSync(path.join(EXAMPLES, 'provider', 'main.tf'), path.join(dir, 'main.tf'));
      fs.mkdirSync(path.join(dir, 'below', 'deeper'), { recursive: true });
      fs.copyFileSync(path.join(EXAMPLES, 'provider', 'main.tf'), path.join(dir, 'below', 'deeper', 'main.tf'));
      // Every file opened and folder listed, written out when the run ends.
      const log = path.join(dir, 'touched.json');
      const preload = path.join(dir, 'touch.js');
      fs.writeFileSync(
        preload,
        `const fs = require('node:fs'); const seen = [];
         for (const k of ['openSync', 'readdirSync', 'readFileSync']) { const f = fs[k]; fs[k] = function (p, ...a) { seen.push(String(p)); return f.call(this, p, ...a); }; }
         process.on('exit', () => fs.writeFileSync(${JSON.stringify(log)}, JSON.stringify(seen)));`,
      );
      const run = (arg: string) => {
        const r = spawnSync(process.execPath, ['-r', preload, CLI, '--format', 'json', arg], { encoding: 'utf8' });
        const touched = JSON.parse(fs.readFileSync(log, 'utf8')) as string[];
        return { files: new Set((JSON.parse(r.stdout) as JsonFinding[]).map((f) => f.file)), touched };
      };
      const one = run(path.join(dir, 'main.tf'));
      assert.deepEqual([...one.files], [path.join(dir, 'main.tf')]);
      assert.deepEqual(
        one.touched.filter((p) => p.startsWith(path.join(dir, 'below'))),
        [],
      );
      // The folder itself: the module below is found and analysed too.
      const all = run(dir);
      assert.deepEqual([...all.files].sort(), [path.join(dir, 'below', 'deeper', 'main.tf'), path.join(dir, 'main.tf')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('survives a symlink loop', () => {
    const dir = tmpCopy(path.join(EXAMPLES, 'provider'));
    fs.symlinkSync(dir, path.join(dir, 'loop'));
    const r = cli([dir, '--format', 'json']);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const out = JSON.parse(r.stdout) as JsonFinding[];
    assert.ok(out.some((f) => f.rule === 'PL601'));
  });

  it('--fix applies the preferred fixes, keeps files valid for the official parser, and reports what is left', async () => {
    const dir = tmpCopy(EXAMPLES);
    const before = JSON.parse(cli([dir, '--format', 'json']).stdout) as JsonFinding[];
    const fixable = before.filter((f) => f.fixes.some((x) => x.preferred));
    assert.ok(fixable.length > 0);
    const r = cli([dir, '--fix', '--format', 'json']);
    assert.match(r.stderr, /applied \d+ fix/);
    const after = JSON.parse(r.stdout) as JsonFinding[];
    assert.ok(after.length < before.length, `${after.length} findings after --fix, ${before.length} before`);
    for (const f of fixable) {
      assert.ok(!after.some((a) => a.rule === f.rule && a.message === f.message), `still there after --fix: ${f.rule} ${f.message}`);
    }
    const walk = (d: string): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const f of walk(dir).filter((p) => p.endsWith('.tf'))) await hcl2json(f, fs.readFileSync(f, 'utf8'));
  });

  it('reads .privatelink.json: severities, rules turned off, excluded paths', () => {
    const dir = tmpCopy(EXAMPLES);
    fs.writeFileSync(
      path.join(dir, '.privatelink.json'),
      JSON.stringify({ rules: { PL202: 'off', PL101: 'warning' }, exclude: ['provider/**'] }),
    );
    const out = JSON.parse(cli([dir, '--format', 'json']).stdout) as JsonFinding[];
    assert.ok(!out.some((f) => f.rule === 'PL202'));
    assert.ok(out.some((f) => f.rule === 'PL101') && out.filter((f) => f.rule === 'PL101').every((f) => f.severity === 'warning'));
    assert.ok(!out.some((f) => f.file.includes(`${path.sep}provider${path.sep}`)));
    fs.writeFileSync(path.join(dir, '.privatelink.json'), '{ "rules": { "PL999": "off" } }');
    const r = cli([dir, '--format', 'json']);
    assert.match(r.stderr, /unknown rule "PL999"/);
  });
});
