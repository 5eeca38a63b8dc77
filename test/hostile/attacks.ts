// Hostile workspaces: one per attack on a tool that reads files an attacker wrote (a pull
// request in CI, an untrusted folder in the editor). Each is built afresh in a temporary
// folder, since most need what a repository cannot carry portably (symlinks to devices, FIFOs,
// hard links, files of many megabytes). Layout of every attack:
//
//   <base>/repo/            a git repository (a `.git` folder): the reading boundary
//   <base>/repo/<given>     the path given to the CLI / opened as the editor's folder
//   <base>/outside/         files of the runner, outside the repository: never written, and
//                           their content (SECRET below) never printed
//
// The suites (test/cli/hostile.test.ts, test/lsp/hostile-workspace.test.ts) run the CLI and the
// server on each and check the bounds, the outside files and every output.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A token that must never appear in any output. */
export const SECRET = 'ghp_S3CR3Tt0k3nFr0mTh3Runn3r';

/** Expressions that hang or exhaust a naive evaluator (also seeds of the fuzzer). */
export const VALUE_BOMBS = `locals {
  l0 = ["a", "a"]
${Array.from({ length: 32 }, (_, i) => `  l${i + 1} = concat(local.l${i}, local.l${i})`).join('\n')}
  flat   = flatten([local.l32, local.l32])
  pairs  = [for a in range(1000000) : [for b in range(1000000) : "\${a}-\${b}"]]
  big    = [for i in range(200000) : tostring(i)]
  same   = distinct(concat(local.big, local.big))
  common = setintersection(local.big, local.big)
  text   = join(",", local.l32)
  many   = format("%s", join("", [for i in range(100000) : join("", local.big)]))
  redos  = replace("${'a'.repeat(64)}!", "/(a+)+$/", "")
  all    = regexall("(x+x+)+y", "${'x'.repeat(64)}")
}
`;

export interface Attack {
  name: string;
  /** What it does, for the test title. */
  what: string;
  /** Builds the attack under `base`; returns the path to give (relative to base/repo). */
  build(base: string): string;
  /** A notice the run must print (stderr or findings) when a limit was hit. */
  notice?: RegExp;
  /** The notice is the CLI's alone (a --fix refusal), with the reason. */
  cliNotice?: string;
  /** The run should still find this rule (the attack must not silence real findings). */
  finds?: string;
  /** Only through the CLI (the server suite skips it), with the reason. */
  cliOnly?: string;
  /** Large: the CLI suite runs it in one format, not three. */
  heavy?: boolean;
  /** More to assert on the workspace after the runs, and on everything they printed. */
  check?(base: string, output: string): void;
}

const VPC_DNS_OFF = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`;

function write(p: string, text: string | Buffer): void {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

function repo(base: string, given = 'infra'): string {
  fs.mkdirSync(path.join(base, 'repo', '.git'), { recursive: true });
  fs.mkdirSync(path.join(base, 'repo', given), { recursive: true });
  fs.mkdirSync(path.join(base, 'outside'), { recursive: true });
  return path.join(base, 'repo', given);
}

/** A module that calls a folder elsewhere, whose file carries the secret and a fixable mistake. */
function outsideModule(dir: string): void {
  write(
    path.join(dir, 'main.tf'),
    VPC_DNS_OFF.replace('"com.amazonaws.eu-west-1.ssm"', `"${SECRET}"`) +
      `
resource "aws_vpc_endpoint" "token" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.${SECRET}"
  vpc_endpoint_type = "Interface"
}
`,
  );
}

export const ATTACKS: Attack[] = [
  {
    name: 'module-source-outside',
    what: 'a local module source that leaves the repository (fixes there, secrets there)',
    build(base) {
      const root = repo(base);
      outsideModule(path.join(base, 'outside', 'shared-net'));
      write(path.join(root, 'main.tf'), 'module "net" {\n  source = "../../outside/shared-net"\n}\n');
      write(path.join(root, 'own.tf'), VPC_DNS_OFF.replace(/main/g, 'own').replace('"ssm"', '"own_ssm"'));
      return 'infra';
    },
    finds: 'PL101',
    check(base, output) {
      assert.match(output, /<a value from shared-net\/main\.tf, outside the repository>/, 'says where the value comes from');
      assert.match(output, /was not applied: .*outside the paths given/, 'lists the fix outside as not applied');
      assert.match(
        fs.readFileSync(path.join(base, 'repo', 'infra', 'own.tf'), 'utf8'),
        /enable_dns_hostnames\s*=\s*true/,
        'the fix inside was applied',
      );
    },
  },
  {
    name: 'modules-json-dir-outside',
    what: 'an installed-module manifest whose Dir points outside',
    build(base) {
      const root = repo(base);
      outsideModule(path.join(base, 'outside', 'elsewhere'));
      write(path.join(root, 'main.tf'), 'module "net" {\n  source  = "example/net/aws"\n  version = "1.0.0"\n}\n');
      write(
        path.join(root, '.terraform', 'modules', 'modules.json'),
        JSON.stringify({
          Modules: [
            { Key: '', Source: '', Dir: '.' },
            { Key: 'net', Source: 'registry.terraform.io/example/net/aws', Version: '1.0.0', Dir: '../../outside/elsewhere' },
          ],
        }),
      );
      return 'infra';
    },
  },
  {
    name: 'tf-symlink-outside',
    what: 'a .tf file that is a symlink to a file outside',
    build(base) {
      const root = repo(base);
      write(path.join(base, 'outside', 'real.tf'), VPC_DNS_OFF.replace('"com.amazonaws.eu-west-1.ssm"', `"${SECRET}"`));
      fs.symlinkSync(path.join(base, 'outside', 'real.tf'), path.join(root, 'main.tf'));
      write(path.join(root, 'own.tf'), VPC_DNS_OFF.replace(/main/g, 'own').replace('"ssm"', '"own_ssm"'));
      return 'infra';
    },
    notice: /symlink that leads outside the repository/,
    finds: 'PL101',
  },
  {
    name: 'tf-hardlink-outside',
    what: 'a .tf file that is a hard link to a file outside',
    build(base) {
      const root = repo(base);
      write(path.join(base, 'outside', 'real.tf'), VPC_DNS_OFF);
      fs.linkSync(path.join(base, 'outside', 'real.tf'), path.join(root, 'main.tf'));
      return 'infra';
    },
    notice: /other hard links/,
    check(base) {
      assert.equal(fs.readFileSync(path.join(base, 'outside', 'real.tf'), 'utf8'), VPC_DNS_OFF, 'the linked file is unchanged');
    },
    cliOnly: 'the server offers no fix for it, which the fix-all check covers',
  },
  {
    name: 'tfvars-symlink-secret',
    what: 'terraform.tfvars.json committed as a symlink to a credentials file',
    build(base) {
      const root = repo(base);
      write(path.join(base, 'outside', 'credentials.json'), JSON.stringify({ svc: `com.amazonaws.vpce.${SECRET}` }));
      fs.symlinkSync(path.join(base, 'outside', 'credentials.json'), path.join(root, 'terraform.tfvars.json'));
      write(
        path.join(root, 'main.tf'),
        'variable "svc" {\n  type    = string\n  default = ""\n}\n\n' + VPC_DNS_OFF.replace('"com.amazonaws.eu-west-1.ssm"', 'var.svc'),
      );
      return 'infra';
    },
    notice: /symlink that leads outside the repository/,
  },
  {
    name: 'varfiles-outside-secret',
    what: '.privatelink.json varFiles naming a credentials file outside the repository, directly and through a symlink',
    build(base) {
      const root = repo(base);
      write(path.join(base, 'outside', 'secret.tfvars'), `svc = "com.amazonaws.vpce.${SECRET}"\n`);
      fs.symlinkSync(path.join(base, 'outside', 'secret.tfvars'), path.join(root, 'link.tfvars'));
      write(path.join(root, '.privatelink.json'), JSON.stringify({ varFiles: { '.': ['../../outside/secret.tfvars', 'link.tfvars'] } }));
      write(
        path.join(root, 'main.tf'),
        'variable "svc" {\n  type    = string\n  default = "com.amazonaws.eu-west-1.ssm"\n}\n\n' +
          VPC_DNS_OFF.replace('"com.amazonaws.eu-west-1.ssm"', 'var.svc'),
      );
      return 'infra';
    },
    // The CLI's warning, the server's output line.
    notice: /secret\.tfvars(, named in \S+ varFiles,)? is not read: it is outside the repository/,
    finds: 'PL101',
  },
  {
    name: 'config-symlink-device',
    what: '.privatelink.json and terraform.tfvars that are symlinks to /dev/zero and /dev/urandom',
    build(base) {
      const root = repo(base);
      fs.symlinkSync('/dev/zero', path.join(root, '.privatelink.json'));
      fs.symlinkSync('/dev/urandom', path.join(root, 'terraform.tfvars'));
      write(path.join(root, 'main.tf'), VPC_DNS_OFF);
      return 'infra';
    },
    finds: 'PL101',
  },
  {
    name: 'tf-device-and-fifo',
    what: 'a .tf file that is a symlink to /dev/zero (inside a folder the repository links to) and a FIFO',
    build(base) {
      const root = repo(base);
      fs.symlinkSync('/dev/zero', path.join(root, 'zero.tf'));
      execFileSync('mkfifo', [path.join(root, 'pipe.tf')]);
      execFileSync('mkfifo', [path.join(root, 'terraform.tfvars')]);
      write(path.join(root, 'main.tf'), VPC_DNS_OFF);
      return 'infra';
    },
    notice: /not read|not a regular file/,
    finds: 'PL101',
  },
  {
    name: 'dir-symlink-root',
    what: 'a folder symlink to / and a symlink loop',
    build(base) {
      const root = repo(base);
      fs.symlinkSync('/', path.join(root, 'everything'));
      fs.symlinkSync('..', path.join(root, 'loop'));
      write(path.join(root, 'main.tf'), VPC_DNS_OFF);
      return 'infra';
    },
    finds: 'PL101',
  },
  {
    name: 'regex-redos',
    what: 'replace() with a regular expression that backtracks exponentially',
    build(base) {
      const root = repo(base);
      write(
        path.join(root, 'main.tf'),
        `locals {
  bad = replace("${'a'.repeat(64)}!", "/(a+)+$/", "")
  all = regexall("(x+x+)+y", "${'x'.repeat(64)}")
}

` + VPC_DNS_OFF.replace('"Interface"', 'local.bad == "" ? "Interface" : "Interface"'),
      );
      return 'infra';
    },
    finds: 'PL101',
  },
  {
    name: 'glob-redos',
    what: 'an exclude glob that backtracks exponentially against a long path',
    build(base) {
      const root = repo(base);
      write(path.join(root, '.privatelink.json'), JSON.stringify({ exclude: ['**x'.repeat(30) + '**y'] }));
      const deep = path.join(root, 'x'.repeat(60), 'x'.repeat(60), 'x'.repeat(60));
      write(path.join(deep, 'main.tf'), VPC_DNS_OFF);
      write(path.join(root, 'main.tf'), VPC_DNS_OFF);
      return 'infra';
    },
    finds: 'PL101',
  },
  {
    name: 'value-bombs',
    what: 'a list doubled 32 times and flattened, nested for over range(1e6), quadratic set functions',
    build(base) {
      const root = repo(base);
      write(path.join(root, 'bombs.tf'), VALUE_BOMBS);
      write(path.join(root, 'main.tf'), VPC_DNS_OFF);
      return 'infra';
    },
    notice: /limit/,
    finds: 'PL101',
  },
  {
    name: 'brace-on-argument-line',
    what: 'an argument and the closing brace on one line, which Terraform rejects',
    build(base) {
      const root = repo(base);
      write(path.join(root, 'main.tf'), VPC_DNS_OFF.replace('  private_dns_enabled = true\n}', '  private_dns_enabled = true }'));
      return 'infra';
    },
    notice: /newline/i,
    check(base) {
      const text = fs.readFileSync(path.join(base, 'repo', 'infra', 'main.tf'), 'utf8');
      const block = text.slice(text.indexOf('resource "aws_vpc_endpoint" "ssm"'));
      assert.equal(
        block,
        VPC_DNS_OFF.slice(VPC_DNS_OFF.indexOf('resource "aws_vpc_endpoint"')).replace(
          '  private_dns_enabled = true\n}',
          '  private_dns_enabled = true }',
        ),
        'the block Terraform rejects is left as it was',
      );
    },
  },
  {
    name: 'not-utf8',
    what: 'a .tf file with a few bytes that are not UTF-8 (a Latin-1 comment) and a fixable mistake',
    build(base) {
      const root = repo(base);
      write(
        path.join(root, 'main.tf'),
        Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n'), Buffer.from(VPC_DNS_OFF)]),
      );
      return 'infra';
    },
    notice: /not valid UTF-8/,
    cliNotice: 'only --fix writes files; the editor applies fixes to its own buffer',
    finds: 'PL101',
    check(base) {
      const bytes = fs.readFileSync(path.join(base, 'repo', 'infra', 'main.tf'));
      assert.equal(bytes[5], 0xe9, 'the byte that is not UTF-8 is still there');
    },
  },
  {
    name: 'huge-files',
    what: 'five 19 MB files in one folder',
    build(base) {
      const root = repo(base);
      for (let f = 0; f < 5; f++) write(path.join(root, `f${f}.tf`), securityGroups(`${f}_`, 19 * MB));
      write(path.join(root, 'main.tf'), VPC_DNS_OFF);
      return 'infra';
    },
    notice: /over the \d+ MB limit/,
    heavy: true,
    finds: 'PL101',
  },
  {
    name: 'module-budget',
    what: 'three 9 MB files in one folder, each under the file limit, together over the folder limit',
    build(base) {
      const root = repo(base);
      for (let f = 0; f < 3; f++) write(path.join(root, `f${f}.tf`), securityGroups(`${f}_`, 9 * MB));
      write(path.join(root, 'a.tf'), VPC_DNS_OFF);
      return 'infra';
    },
    notice: /exceed \d+ MB in all/,
    heavy: true,
    finds: 'PL101',
  },
  {
    name: 'large-file',
    what: 'one 4 MB file of endpoints, each with its own security group',
    build(base) {
      const root = repo(base);
      const n = Math.ceil((4 * MB) / 330);
      write(
        path.join(root, 'main.tf'),
        VPC_DNS_OFF +
          Array.from(
            { length: n },
            (_, i) => `resource "aws_vpc_endpoint" "e${i}" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.s${i}.id]
}

resource "aws_security_group" "s${i}" {
  vpc_id = aws_vpc.main.id
}

`,
          ).join(''),
      );
      return 'infra';
    },
    finds: 'PL101',
    heavy: true,
  },
];

const MB = 1024 * 1024;

function securityGroups(prefix: string, bytes: number): string {
  const unit = (i: number) =>
    `resource "aws_security_group" "sg${prefix}${i}" {\n  vpc_id = aws_vpc.main.id\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/16"]\n  }\n}\n\n`;
  const n = Math.ceil(bytes / unit(0).length);
  return Array.from({ length: n }, (_, i) => unit(i)).join('');
}

/** Path → checksum of every file below `dir` (links not followed: their own target is recorded). */
export function checksums(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isSymbolicLink()) out.set(p, `-> ${fs.readlinkSync(p)}`);
      else if (e.isFile()) out.set(p, crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}
