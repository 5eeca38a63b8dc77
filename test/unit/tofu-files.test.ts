// OpenTofu's files: a module is every `.tf` and `.tofu` file of its folder, and where
// `name.tofu` and `name.tf` both exist the `.tofu` file is read and the `.tf` file ignored.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { loadedConfigNames } from '../../server/src/model/paths';
import { workspaceFromFiles } from '../../server/src/model/testing';
import { moduleOf } from './model-helpers';

const VPC = (hostnames: boolean) =>
  `resource "aws_vpc" "main" {\n  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = ${hostnames}\n}\n`;
const ENDPOINT = `resource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true\n}\n`;
const REPO = path.resolve(__dirname, '..', '..');

const pl101 = (files: Record<string, string>) =>
  analyze(workspaceFromFiles(files), { dirs: new Set(['/ws']) }).filter((f) => f.rule === 'PL101');

describe('OpenTofu files', () => {
  it('loads .tofu and JSON files, and name.tofu in place of name.tf (name.tofu.json in place of name.tf.json)', () => {
    assert.deepEqual(
      loadedConfigNames([
        'vpc.tf',
        'vpc.tofu',
        'main.tf',
        'only.tofu',
        'terraform.tfvars',
        'x.tfvars.json',
        'vpc.tf.json',
        'a.tf.json',
        'a.tofu.json',
      ]),
      ['a.tofu.json', 'main.tf', 'only.tofu', 'vpc.tf.json', 'vpc.tofu'],
    );
  });

  it('ignores hidden files as Terraform and OpenTofu do (.main.tf, .x_override.tf)', () => {
    assert.deepEqual(loadedConfigNames(['.hidden.tf', '.x_override.tf', 'main.tf', '.a.tofu.json']), ['main.tf']);
    // A hidden file that would turn the hostnames on (by override, or as a duplicate that sorts first) is not read.
    const hostnamesOn = 'resource "aws_vpc" "main" {\n  enable_dns_hostnames = true\n}\n';
    assert.equal(pl101({ '/ws/vpc.tf': VPC(false), '/ws/endpoints.tf': ENDPOINT, '/ws/.vpc_override.tf': hostnamesOn }).length, 1);
    assert.equal(pl101({ '/ws/vpc.tf': VPC(false), '/ws/endpoints.tf': ENDPOINT, '/ws/vpc_override.tf': hostnamesOn }).length, 0);
  });

  it('a module of .tofu files is analysed like one of .tf files', () => {
    const found = pl101({ '/ws/vpc.tofu': VPC(false), '/ws/endpoints.tofu': ENDPOINT });
    assert.equal(found.length, 1);
    assert.equal(found[0].uri, '/ws/endpoints.tofu');
  });

  it('vpc.tofu shadows vpc.tf: its values count, the .tf file is not read', () => {
    assert.equal(pl101({ '/ws/vpc.tf': VPC(false), '/ws/endpoints.tf': ENDPOINT }).length, 1, 'the .tf VPC alone has hostnames off');
    assert.equal(
      pl101({ '/ws/vpc.tf': VPC(false), '/ws/vpc.tofu': VPC(true), '/ws/endpoints.tf': ENDPOINT }).length,
      0,
      'the .tofu VPC wins',
    );
    // No duplicate-resource confusion the other way round either.
    const found = pl101({ '/ws/vpc.tf': VPC(true), '/ws/vpc.tofu': VPC(false), '/ws/endpoints.tf': ENDPOINT });
    assert.equal(found.length, 1);
    assert.ok(
      found[0].related?.some((r) => r.uri === '/ws/vpc.tofu'),
      'the VPC is the .tofu one',
    );
  });

  it('a .tofu file appearing beside a .tf file takes its place in the kept model', () => {
    const ws = workspaceFromFiles({ '/ws/vpc.tf': VPC(false), '/ws/endpoints.tf': ENDPOINT });
    const run = () => analyze(ws, { dirs: new Set(['/ws']), keep: true }).filter((f) => f.rule === 'PL101').length;
    assert.equal(run(), 1);
    ws.setFile('/ws/vpc.tofu', VPC(true));
    assert.equal(run(), 0);
    ws.removeFile('/ws/vpc.tofu');
    assert.equal(run(), 1);
  });

  it('lifecycle { enabled }: false leaves no instance, true one, unknown one that may not exist (OpenTofu 1.11)', () => {
    const endpoint = (enabled: string) => ENDPOINT.replace(/\}\n$/, `\n  lifecycle {\n    enabled = ${enabled}\n  }\n}\n`);
    const files = (enabled: string) => ({
      '/ws/vpc.tofu': VPC(false),
      '/ws/variables.tofu': 'variable "on" {\n  type = bool\n}\n',
      '/ws/endpoints.tofu': endpoint(enabled),
      '/ws/outputs.tofu': 'locals {\n  whole = aws_vpc_endpoint.ssm\n  id    = aws_vpc_endpoint.ssm.id\n}\n',
    });
    assert.equal(pl101(files('false')).length, 0);
    assert.equal(pl101(files('true')).length, 1);
    assert.equal(pl101(files('var.on')).length, 1);
    const off = moduleOf(files('false'));
    assert.deepEqual(off.resources('aws_vpc_endpoint'), []);
    assert.equal(off.local('whole').kind, 'null');
    assert.equal(off.local('id').kind, 'unknown');
    const unknown = moduleOf(files('var.on')).resources('aws_vpc_endpoint');
    assert.deepEqual(
      unknown.map((r) => [r.address, r.expanded]),
      [['aws_vpc_endpoint.ssm', false]],
    );
  });

  it('the CLI finds a folder of .tofu files only', () => {
    execFileSync(process.execPath, [path.join(REPO, 'build.mjs')], { cwd: REPO });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-tofu-'));
    try {
      fs.mkdirSync(path.join(dir, 'stack'));
      fs.writeFileSync(path.join(dir, 'stack', 'vpc.tofu'), VPC(false));
      fs.writeFileSync(path.join(dir, 'stack', 'endpoints.tofu'), ENDPOINT);
      let out = '';
      try {
        execFileSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), '--rule', 'PL101', dir], { encoding: 'utf8' });
      } catch (e) {
        out = (e as { stdout: string }).stdout;
      }
      assert.match(out, /endpoints\.tofu:5:3 error PL101/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
