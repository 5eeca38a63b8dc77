#!/usr/bin/env node
// The pre-commit hook as a project uses it: Debian's `pre-commit` runs `try-repo` against a
// copy of this repository (its committed files plus the new ones not ignored, as a clone of
// it would hold once they are committed) in a scratch git repository with staged Terraform.
// try-repo installs into a fresh store each time, as a first use does:
// pre-commit builds the hook's environment the way it does for users: `npm install` in the
// copy, `npm pack` (whose prepack builds dist/), `npm install -g` of the tarball. npm prefers
// its cache (filled by `npm ci`), so this works without the registry once npm ci has run.
//
//   node test/hooks/pre-commit.mjs      (a step of npm test; prints "pre-commit: N passed, N failed")
import { spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plt-pre-commit-'));
const env = {
  ...process.env,
  PRE_COMMIT_HOME: path.join(scratch, 'cache'),
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
};
let passed = 0;
let failed = 0;

function git(cwd, ...args) {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], { cwd, env, encoding: 'utf8' });
}

/** A copy of the repository as a clone would hold it, committed, for pre-commit to install from. */
function hookRepo() {
  const dir = path.join(scratch, 'hook');
  fs.mkdirSync(dir);
  const files = git(root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean);
  for (const f of files) {
    const from = path.join(root, f);
    // A file deleted in the work tree but still in the index.
    if (!fs.existsSync(from) || !fs.lstatSync(from).isFile()) continue;
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, f));
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'hook');
  return dir;
}

const BAD_VPC = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = ["rtb-0123456789abcdef0"]
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`;
const GOOD_VPC = BAD_VPC.replace(
  'cidr_block = "10.0.0.0/16"',
  'cidr_block           = "10.0.0.0/16"\n  enable_dns_support   = true\n  enable_dns_hostnames = true',
);

function run(repo) {
  const r = spawnSync('pre-commit', ['try-repo', path.join(scratch, 'hook'), 'privatelink-lint', '--verbose'], {
    cwd: repo,
    env,
    encoding: 'utf8',
    timeout: 600_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function test(name, fn) {
  try {
    fn();
    passed++;
    console.log(`  ok  ${name}`);
  } catch (e) {
    failed++;
    console.log(`  FAIL ${name}\n${String(e.message ?? e).replace(/^/gm, '       ')}`);
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

function main() {
  const which = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  if (which.status !== 0) {
    console.error('pre-commit is not installed: run scripts/ensure-system-deps.sh');
    console.log('pre-commit: 0 passed, 1 failed');
    return 1;
  }
  console.log(`${which.stdout.trim()}, scratch ${scratch}`);
  hookRepo();
  const repo = path.join(scratch, 'project');
  fs.mkdirSync(path.join(repo, 'network'), { recursive: true });
  fs.mkdirSync(path.join(repo, 'untouched'), { recursive: true });
  git(repo, 'init', '-q');
  // A module with a mistake that no commit below touches: a hook that analysed every folder would report it.
  fs.writeFileSync(path.join(repo, 'untouched/main.tf'), BAD_VPC);
  git(repo, 'add', 'untouched/main.tf');
  git(repo, 'commit', '-q', '-m', 'untouched', '--no-verify');

  // A committed module whose only staged change is its variable file, which turns DNS off.
  fs.mkdirSync(path.join(repo, 'vars'));
  fs.writeFileSync(
    path.join(repo, 'vars/main.tf'),
    GOOD_VPC.replace('enable_dns_hostnames = true', 'enable_dns_hostnames = var.dns').concat(
      '\nvariable "dns" {\n  type    = bool\n  default = true\n}\n',
    ),
  );
  git(repo, 'add', 'vars/main.tf');
  git(repo, 'commit', '-q', '-m', 'modules', '--no-verify');
  fs.writeFileSync(path.join(repo, 'vars/terraform.tfvars'), 'dns = false\n');
  fs.writeFileSync(path.join(repo, 'network/main.tf'), BAD_VPC);
  git(repo, 'add', 'network/main.tf', 'vars/terraform.tfvars');

  let started = Date.now();
  const bad = run(repo);
  console.log(`  (try-repo with the hook's install: ${((Date.now() - started) / 1000).toFixed(1)}s)`);
  test('a staged module with a mistake fails the hook with the finding', () => {
    assert(bad.status === 1, `exit ${bad.status}, expected 1:\n${bad.out}`);
    assert(/network\/main\.tf:16:3 error PL101 aws_vpc_endpoint\.ssm/.test(bad.out), `no PL101 on network/main.tf:\n${bad.out}`);
  });
  test('a staged .tfvars file has its folder analysed', () => {
    assert(/vars\/main\.tf:\d+:\d+ error PL101/.test(bad.out), `no PL101 on vars/main.tf after terraform.tfvars:\n${bad.out}`);
  });
  test('folders without a staged change are not analysed', () => {
    assert(!/untouched/.test(bad.out), `the untouched module was reported:\n${bad.out}`);
  });

  fs.writeFileSync(path.join(repo, 'network/main.tf'), GOOD_VPC);
  fs.rmSync(path.join(repo, 'vars/terraform.tfvars'));
  git(repo, 'add', '-A');
  started = Date.now();
  const good = run(repo);
  console.log(`  (try-repo with the hook's install: ${((Date.now() - started) / 1000).toFixed(1)}s)`);
  test('the fixed module passes', () => {
    assert(good.status === 0, `exit ${good.status}, expected 0:\n${good.out}`);
    assert(/PrivateLink for Terraform\.+Passed/.test(good.out), `the hook did not report Passed:\n${good.out}`);
  });

  console.log(`pre-commit: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

let code = 1;
try {
  code = main();
} catch (e) {
  console.error(e.stack ?? String(e));
  console.log(`pre-commit: ${passed} passed, ${failed + 1} failed`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);
