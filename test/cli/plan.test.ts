// --plan: what `terraform show -json <planfile>` knows, used by the rules; findings still at the
// source. The fixture is a consumer stack whose VPC is only looked up, with a local module per
// application (for_each from a pipeline variable), a resource whose keys only the plan knows,
// a registry module that is not installed, and unknown and sensitive values.

import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const STACK = path.join(ROOT, 'test/fixtures/plan/consumer');
const PLAN = path.join(STACK, 'plan.json');

interface JsonFinding {
  file: string;
  range: { start: { line: number; character: number } };
  rule: string;
  message: string;
  related: { file: string; range: { start: { line: number } } }[];
}

function cli(args: string[], cwd = STACK) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function findings(args: string[]): JsonFinding[] {
  const r = cli(['.', '--format', 'json', ...args]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as JsonFinding[];
}

/** The 0-based line of the first line matching `re` after the line matching `after`. */
function lineOf(file: string, re: RegExp, after?: RegExp): number {
  const lines = fs.readFileSync(path.join(STACK, file), 'utf8').split('\n');
  const from = after ? lines.findIndex((l) => after.test(l)) : 0;
  assert.ok(from >= 0);
  const i = lines.findIndex((l, n) => n >= from && re.test(l));
  assert.ok(i >= 0, `${re} in ${file}`);
  return i;
}

function scratch(name: string, text: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-plan-'));
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

describe('CLI --plan', function () {
  let withPlan: JsonFinding[];
  let without: JsonFinding[];

  before(function () {
    this.timeout(120_000);
    execFileSync(process.execPath, [path.join(ROOT, 'build.mjs')], { cwd: ROOT });
    withPlan = findings(['--plan', PLAN]);
    without = findings([]);
  });

  it('reads a looked-up VPC from the plan: PL101 at the endpoint, the data source as related place', () => {
    const hits = withPlan.filter((f) => f.rule === 'PL101' && f.message.startsWith('aws_vpc_endpoint.ssm '));
    assert.equal(hits.length, 1, JSON.stringify(withPlan.map((f) => f.message)));
    const f = hits[0];
    assert.equal(f.file, path.join(STACK, 'main.tf'));
    assert.equal(f.range.start.line, lineOf('main.tf', /private_dns_enabled\s*=\s*true/, /resource "aws_vpc_endpoint" "ssm"/));
    assert.match(f.message, /data\.aws_vpc\.shared, as the plan read it, has enable_dns_hostnames = false/);
    assert.equal(f.related[0].range.start.line, lineOf('main.tf', /^data "aws_vpc" "shared"/));
    // Without the plan, the lookup's settings are not in view.
    assert.equal(without.filter((f) => f.rule === 'PL101').length, 0);
  });

  it('follows a local module per instance key: only the instance whose VPC has DNS hostnames off', () => {
    const hits = withPlan.filter((f) => f.rule === 'PL101' && f.file === path.join(STACK, 'modules/app/main.tf'));
    assert.deepEqual(
      hits.map((f) => f.message.split(' ')[0]),
      ['module.app["billing"].aws_vpc_endpoint.sqs'],
    );
    assert.equal(hits[0].range.start.line, lineOf('modules/app/main.tf', /private_dns_enabled/));
  });

  it('expands a for_each whose keys only the plan knows', () => {
    assert.ok(
      !without.some((f) => f.message.includes('aws_vpc_endpoint.listed[')) && !without.some((f) => /listed \(2 instances/.test(f.message)),
    );
    const hit = withPlan.find((f) => f.rule === 'PL101' && f.message.startsWith('aws_vpc_endpoint.listed'));
    assert.ok(hit, 'PL101 on the planned instances');
    assert.match(hit.message, /2 instances: ecr\.api, logs/);
    assert.equal(hit.range.start.line, lineOf('main.tf', /private_dns_enabled/, /resource "aws_vpc_endpoint" "listed"/));
  });

  it("places a not-installed registry module's endpoint finding at the module call; unknown stays silent", () => {
    const call = lineOf('main.tf', /^module "shared_endpoints"/);
    const inModule = withPlan.filter((f) => f.message.includes('module.shared_endpoints.'));
    assert.ok(inModule.length > 0);
    for (const f of inModule) {
      assert.equal(f.file, path.join(STACK, 'main.tf'));
      assert.equal(f.range.start.line, call);
    }
    const pl201 = inModule.filter((f) => f.rule === 'PL201').map((f) => f.message.split(' ')[0]);
    // sts's security groups are unknown until apply: nothing is said about them.
    assert.deepEqual(pl201, ['module.shared_endpoints.aws_vpc_endpoint.this["ecr.dkr"]']);
    // ecr.dkr's policy is sensitive, so not known: PL301 speaks only of sts.
    assert.deepEqual(
      inModule.filter((f) => f.rule === 'PL301').map((f) => f.message.split(' ')[0]),
      ['module.shared_endpoints.aws_vpc_endpoint.this["sts"]'],
    );
    assert.equal(without.filter((f) => f.message.includes('module.shared_endpoints')).length, 0);
  });

  for (const format of ['text', 'json', 'sarif']) {
    it(`never prints a sensitive value (${format})`, () => {
      const r = cli(['.', '--format', format, '--plan', PLAN]);
      assert.equal(r.code, 1, r.stderr);
      // The same path prints a value that is not sensitive: the pipeline's extra_service.
      assert.match(r.stdout, /not-a-real-svc/);
      for (const secret of ['topsecretsvc', 'SECRETPOLICY']) {
        assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), `${secret} printed in ${format}`);
      }
    });
  }

  describe('input that cannot be used: a message and exit code 2', () => {
    const cases: [string, () => string, RegExp][] = [
      ['invalid JSON', () => scratch('plan.json', '{"format_version": "1.2", '), /not valid JSON/],
      [
        'another major format version',
        () => scratch('plan.json', JSON.stringify({ format_version: '2.0', planned_values: {} })),
        /format_version is "2\.0"/,
      ],
      ['no format_version', () => scratch('plan.json', JSON.stringify({ resource_changes: [] })), /no format_version/],
      [
        'a state, not a plan',
        () => scratch('state.json', JSON.stringify({ format_version: '1.0', values: { root_module: {} } })),
        /a state, not a plan/,
      ],
      ['not an object', () => scratch('plan.json', '[1, 2, 3]'), /not the JSON of a plan/],
      ['nested beyond the limit', () => scratch('plan.json', '['.repeat(100_000) + ']'.repeat(100_000)), /nests deeper/],
      ['binary bytes', () => scratch('plan.bin', Buffer.from([0, 1, 2, 0xff, 0xfe])), /not valid JSON/],
      [
        'larger than the limit',
        () => {
          const p = scratch('big.json', '');
          fs.truncateSync(p, 65 * 1024 * 1024);
          return p;
        },
        /larger than|exceeds|MB/,
      ],
      ['a folder', () => path.dirname(scratch('x', '')), /folder/],
      ['no such file', () => path.join(os.tmpdir(), 'no-such-plan-here.json'), /cannot read the plan/],
      [
        'a plan of another configuration',
        () => {
          const p = JSON.parse(fs.readFileSync(PLAN, 'utf8')) as { configuration: { root_module: { resources: { address: string }[] } } };
          p.configuration.root_module.resources.push({ address: 'aws_vpc_endpoint.elsewhere' });
          return scratch('plan.json', JSON.stringify(p));
        },
        /plan of another configuration.*aws_vpc_endpoint\.elsewhere/,
      ],
    ];
    for (const [name, make, message] of cases) {
      it(name, function () {
        this.timeout(60_000);
        const r = cli(['.', '--plan', make()]);
        assert.equal(r.code, 2, r.stdout + r.stderr);
        assert.match(r.stderr, message);
        assert.doesNotMatch(r.stderr, /internal error|at .*\.js:\d+/);
        assert.equal(r.stdout, '');
      });
    }

    it('the plan of the stack against another folder', function () {
      this.timeout(60_000);
      const r = cli([path.join(ROOT, 'examples'), '--plan', PLAN], ROOT);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /plan of another configuration/);
    });
  });
});
