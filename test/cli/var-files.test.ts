// Variable values on the command line (--var-file, --var) and in .privatelink.json (varFiles),
// with Terraform's precedence, through the bundled dist/cli.js.

import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');

const MAIN = `variable "dns" {
  type    = bool
  default = false
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = var.dns
  tags                 = var.tags
}

resource "aws_vpc_endpoint" "sts" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`;
/** 1-based line of private_dns_enabled, where PL101 is reported. */
const PL101_LINE = MAIN.split('\n').findIndex((l) => l.includes('private_dns_enabled')) + 1;

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `folder/main.tf:line` of every PL101 finding of a run (text format). */
function pl101(args: string[], cwd: string): string[] {
  const r = cli([...args, '--rule', 'PL101'], cwd);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => / PL101 /.test(l))
    .map((l) => l.split(':').slice(0, 2).join(':'))
    .sort();
}

describe('CLI variable files and values', function () {
  this.timeout(180_000);
  let base: string;
  let repo: string;
  const prod = `env/prod/main.tf:${PL101_LINE}`;
  const dev = `env/dev/main.tf:${PL101_LINE}`;

  before(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'build.mjs')], { cwd: ROOT });
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pl-cli-vars-')));
    repo = path.join(base, 'repo');
    fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
    write(path.join(repo, 'env/prod/main.tf'), MAIN);
    write(path.join(repo, 'env/dev/main.tf'), MAIN);
    write(path.join(repo, 'vars/on.tfvars'), 'dns = true\n');
    write(path.join(repo, 'vars/off.tfvars.json'), '{ "dns": false }\n');
    write(path.join(repo, 'vars/tags-only.tfvars'), 'tags = { team = "net" }\n');
    write(path.join(repo, 'env/prod.tfvars'), 'dns = true\n');
    write(path.join(base, 'outside.tfvars'), 'dns = true\n');
    fs.symlinkSync(path.join(base, 'outside.tfvars'), path.join(repo, 'vars/link.tfvars'));
  });
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  it('--var-file changes a PL101 outcome; a file that sets another variable does not', () => {
    assert.deepEqual(pl101(['env/prod'], repo), [prod]);
    assert.deepEqual(pl101(['env/prod', '--var-file', 'vars/on.tfvars'], repo), []);
    assert.deepEqual(pl101(['env/prod', '--var-file', 'vars/tags-only.tfvars'], repo), [prod]);
    // Relative to the working folder, as terraform -var-file.
    assert.deepEqual(pl101(['prod', '--var-file', '../vars/on.tfvars'], path.join(repo, 'env')), []);
  });

  it('applies the command line values to every root module analysed', () => {
    assert.deepEqual(pl101(['.'], repo), [dev, prod]);
    assert.deepEqual(pl101(['.', '--var-file', 'vars/on.tfvars'], repo), []);
  });

  it('later --var-file and --var win, in the order given', () => {
    const run = (...flags: string[]) => pl101(['env/prod', ...flags], repo);
    assert.deepEqual(run('--var-file', 'vars/on.tfvars', '--var-file', 'vars/off.tfvars.json'), [prod], 'the later file (JSON) wins');
    assert.deepEqual(run('--var-file', 'vars/off.tfvars.json', '--var-file', 'vars/on.tfvars'), []);
    assert.deepEqual(run('--var-file', 'vars/off.tfvars.json', '--var', 'dns=true'), [], '--var after a file wins');
    assert.deepEqual(run('--var=dns=true', '--var-file', 'vars/off.tfvars.json'), [prod], 'a file after --var wins');
    assert.deepEqual(run('--var', 'dns=false', '--var', 'dns=true'), []);
    // A map variable takes an HCL expression; a bool variable the text true.
    assert.deepEqual(run('--var', 'tags={ team = "net" }', '--var', 'dns=true'), []);
  });

  it('reads .privatelink.json varFiles for the folders it names, before the command line', () => {
    write(path.join(repo, '.privatelink.json'), JSON.stringify({ varFiles: { 'env/prod': ['../prod.tfvars'] } }));
    try {
      // env/dev, which the configuration does not name, keeps its default.
      assert.deepEqual(pl101(['.'], repo), [dev]);
      assert.deepEqual(pl101(['.', '--var-file', 'vars/off.tfvars.json'], repo), [dev, prod], 'the command line comes after');
      assert.deepEqual(pl101(['.', '--jobs', '2'], repo), [dev]);
    } finally {
      fs.rmSync(path.join(repo, '.privatelink.json'));
    }
  });

  it('refuses a variable file outside the repository, or a symlink out of it, with exit 2 and a clear message', () => {
    const outside = cli(['env/prod', '--var-file', path.join(base, 'outside.tfvars')], repo);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /--var-file .*outside\.tfvars is not read: it is outside the repository \(.*repo\)/);
    assert.equal(outside.stdout, '');
    const link = cli(['env/prod', '--var-file', 'vars/link.tfvars'], repo);
    assert.equal(link.code, 2);
    assert.match(link.stderr, /link\.tfvars is not read: it is a symlink that leads outside the repository/);
    const missing = cli(['env/prod', '--var-file', 'vars/nope.tfvars'], repo);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.tfvars: no such file/);
    for (const bad of ['dns', '=true', 'dns =true']) {
      const r = cli(['env/prod', '--var', bad], repo);
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /--var/);
    }
  });

  it('does not read a varFiles entry outside the repository, says so, and goes on', () => {
    write(path.join(repo, '.privatelink.json'), JSON.stringify({ varFiles: { 'env/prod': ['../../../outside.tfvars', 'absent.tfvars'] } }));
    try {
      const r = cli(['.', '--rule', 'PL101'], repo);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /varFiles for env\/prod: \.\.\/outside\.tfvars is not read: it is outside the repository/);
      assert.match(r.stderr, /varFiles for env\/prod: env\/prod\/absent\.tfvars is not read: no such file/);
      assert.match(r.stdout, new RegExp(`${prod.replace(/\//g, '\\/')}:\\d+ error PL101`), 'the default stands');
    } finally {
      fs.rmSync(path.join(repo, '.privatelink.json'));
    }
  });

  it('carries the values into the processes of a batched run', () => {
    const many = path.join(base, 'many');
    fs.mkdirSync(path.join(many, '.git'), { recursive: true });
    for (let i = 0; i < 110; i++) write(path.join(many, `m${String(i).padStart(3, '0')}`, 'main.tf'), MAIN);
    write(path.join(many, 'on.tfvars'), 'dns = true\n');
    write(path.join(many, '.privatelink.json'), JSON.stringify({ varFiles: { m007: ['../on.tfvars'] } }));
    const count = (args: string[]) => pl101(args, many).length;
    for (const jobs of ['1', '3']) {
      assert.equal(count(['.', '--jobs', jobs]), 109, `--jobs ${jobs}: the configuration's file for m007`);
      assert.equal(count(['.', '--jobs', jobs, '--var-file', 'on.tfvars']), 0, `--jobs ${jobs}: --var-file everywhere`);
      assert.equal(count(['.', '--jobs', jobs, '--var', 'dns=false']), 110, `--jobs ${jobs}: --var everywhere, after the configuration`);
    }
  });
});
