// Override files (`override.tf`, `*_override.tf`, and their `.tofu` and JSON forms) are merged
// into the module after its other files, by Terraform's rules: arguments one by one, nested
// blocks of a type all at once, local values by name, and the special cases of lifecycle,
// variable, module, provider and terraform blocks. A finding on a value an override set points
// at the override file, names the original, and its fix edits the override file.

import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { mainFix } from '../../server/src/engine/fix-all';
import { applyEditsToFiles } from '../../server/src/fixes/apply';
import { memoryHost, workspaceFromFiles } from '../../server/src/model/testing';
import { createWorkspace } from '../../server/src/model/workspace';
import { isOverrideFile } from '../../server/src/model/paths';
import type { ModuleInstance, NestedBlock, WorkspaceModel } from '../../server/src/model/types';
import type { Value } from '../../server/src/model/value';
import type { Finding } from '../../server/src/rules/types';
import type { Range } from '../../server/src/hcl/ast';
import { instancesOfBlock } from '../../server/src/query/modules';
import { rng } from './edit-helpers';

const VPC = (hostnames: string) =>
  `resource "aws_vpc" "main" {\n  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = ${hostnames}\n}\n`;
const ENDPOINT = (privateDns = 'true') =>
  `resource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = ${privateDns}\n}\n`;
const HOSTNAMES = (v: string) => `resource "aws_vpc" "main" {\n  enable_dns_hostnames = ${v}\n}\n`;

const findings = (files: Record<string, string>, rule?: string) =>
  analyze(workspaceFromFiles(files), { dirs: new Set(['/ws']) }).filter((f) => !rule || f.rule === rule);
const pl101 = (files: Record<string, string>) => findings(files, 'PL101');
const notes = (files: Record<string, string>) => findings(files, 'limit');
const moduleOf = (files: Record<string, string>, dir = '/ws'): ModuleInstance => workspaceFromFiles(files).module(dir)!;
const line = (r: Range) => r.start.line + 1;

function valueOf(v: Value | undefined): unknown {
  if (!v) return undefined;
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return v.value;
    case 'null':
      return null;
    case 'list':
      return v.items.map(valueOf);
    case 'map':
      return Object.fromEntries([...v.entries].map(([k, x]) => [k, valueOf(x)]));
    default:
      return v.kind;
  }
}

describe('override files', () => {
  it('are override.tf and *_override.tf in their .tofu and JSON forms; look-alikes are not', () => {
    for (const n of [
      'override.tf',
      'main_override.tf',
      'vpc_override.tofu',
      'override.tofu',
      'x_override.tf.json',
      'override.tofu.json',
      'a_b_override.tf',
    ])
      assert.ok(isOverrideFile(n), n);
    for (const n of [
      'overrides.tf',
      'my-override.tf',
      'override_vpc.tf',
      'mainoverride.tf',
      'main_override.tfvars',
      'override.tf.bak',
      'main_override.txt',
      'override.json',
    ])
      assert.ok(!isOverrideFile(n), n);
  });

  describe('the false alarm of the issue', () => {
    it('main_override.tf turning enable_dns_hostnames on: no PL101', () => {
      const files = { '/ws/main.tf': VPC('false') + ENDPOINT(), '/ws/main_override.tf': HOSTNAMES('true') };
      assert.equal(pl101({ '/ws/main.tf': VPC('false') + ENDPOINT() }).length, 1, 'without the override, PL101');
      assert.deepEqual(pl101(files), []);
      assert.deepEqual(notes(files), [], 'nothing noted');
    });

    it('files only named like overrides are ordinary files: their second aws_vpc.main is a duplicate, not merged', () => {
      for (const name of ['overrides.tf', 'my-override.tf', 'override_vpc.tf', 'vpc_override.tf.bak']) {
        const files = { '/ws/main.tf': VPC('false') + ENDPOINT(), [`/ws/${name}`]: HOSTNAMES('true') };
        assert.equal(pl101(files).length, 1, `${name} is not an override file: main.tf's VPC stands`);
      }
    });

    it('an override turning enable_dns_hostnames off: PL101, related on the override and on the original, the fix edits the override', () => {
      const files = { '/ws/main.tf': VPC('true') + ENDPOINT(), '/ws/main_override.tf': HOSTNAMES('false') };
      const [f, ...rest] = pl101(files);
      assert.equal(rest.length, 0);
      assert.equal(f.uri, '/ws/main.tf', 'the endpoint that turns private DNS on is in main.tf');
      assert.equal(line(f.range), 9);
      const onOverride = f.related?.find((r) => r.uri === '/ws/main_override.tf');
      assert.ok(onOverride, `related information on the override: ${JSON.stringify(f.related)}`);
      assert.equal(line(onOverride.range), 2);
      assert.match(onOverride.message, /enable_dns_hostnames = false/);
      const original = f.related?.find((r) => r.uri === '/ws/main.tf');
      assert.ok(original, 'related information on the original value');
      assert.equal(line(original.range), 3);
      assert.match(original.message, /enable_dns_hostnames as written in main\.tf, which main_override\.tf overrides/);

      const fix = mainFix(f);
      assert.ok(fix, 'a fix');
      assert.deepEqual(
        fix.edits.map((e) => e.uri),
        ['/ws/main_override.tf'],
        'the fix edits the file that holds the winning value',
      );
      const changed = applyEditsToFiles(new Map(Object.entries(files)), fix.edits);
      assert.equal(changed.get('/ws/main_override.tf'), HOSTNAMES('true'));
      assert.equal(changed.has('/ws/main.tf'), false, 'main.tf is left alone');
      assert.deepEqual(pl101({ ...files, ...Object.fromEntries(changed) }), [], 'fixed');
    });

    it('an override turning private DNS on for the endpoint: PL101 points at the override file', () => {
      const files = {
        '/ws/main.tf': VPC('false') + ENDPOINT('false'),
        '/ws/endpoints_override.tf': `resource "aws_vpc_endpoint" "ssm" {\n  private_dns_enabled = true\n}\n`,
      };
      assert.deepEqual(pl101({ '/ws/main.tf': VPC('false') + ENDPOINT('false') }), [], 'private DNS off in main.tf: nothing');
      const [f, ...rest] = pl101(files);
      assert.equal(rest.length, 0);
      assert.equal(f.uri, '/ws/endpoints_override.tf');
      assert.equal(line(f.range), 2);
      const original = f.related?.find((r) => r.uri === '/ws/main.tf' && line(r.range) === 9);
      assert.ok(original, `the original private_dns_enabled: ${JSON.stringify(f.related)}`);
    });

    it('override files apply in lexical order: the last one wins', () => {
      const base = { '/ws/main.tf': VPC('true') + ENDPOINT() };
      assert.equal(pl101({ ...base, '/ws/a_override.tf': HOSTNAMES('true'), '/ws/b_override.tf': HOSTNAMES('false') }).length, 1);
      assert.equal(pl101({ ...base, '/ws/a_override.tf': HOSTNAMES('false'), '/ws/b_override.tf': HOSTNAMES('true') }).length, 0);
      // `override.tf` sorts after `main_override.tf`.
      assert.equal(pl101({ ...base, '/ws/override.tf': HOSTNAMES('false'), '/ws/main_override.tf': HOSTNAMES('true') }).length, 1);
      // Two blocks in one file: in order.
      assert.equal(pl101({ ...base, '/ws/x_override.tf': HOSTNAMES('false') + HOSTNAMES('true') }).length, 0);
    });

    it('a .tofu override and a JSON override merge the same way', () => {
      assert.equal(pl101({ '/ws/main.tf': VPC('false') + ENDPOINT(), '/ws/main_override.tofu': HOSTNAMES('true') }).length, 0);
      const json = JSON.stringify({ resource: { aws_vpc: { main: { enable_dns_hostnames: true } } } });
      assert.equal(pl101({ '/ws/main.tf': VPC('false') + ENDPOINT(), '/ws/main_override.tf.json': json }).length, 0);
    });
  });

  describe('resource blocks', () => {
    const SG = `resource "aws_security_group" "ep" {
  name   = "ep"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }

  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;
    const ports = (blocks: NestedBlock[]) => blocks.map((b) => valueOf(b.attr('from_port')));

    it("nested blocks of a type in the override replace all the original's; other types stay", () => {
      const m = moduleOf({
        '/ws/main.tf': SG,
        '/ws/sg_override.tf': `resource "aws_security_group" "ep" {\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/16"]\n  }\n}\n`,
      });
      const sg = m.resources('aws_security_group')[0];
      const ingress = sg.blocks('ingress');
      assert.deepEqual(ports(ingress), [443]);
      assert.equal(ingress[0].uri, '/ws/sg_override.tf', 'the nested block is where it was written');
      assert.equal(sg.blocks('egress')[0].uri, '/ws/main.tf');
      assert.equal(valueOf(sg.attr('name')), 'ep', 'arguments the override leaves out stay');
    });

    it('dynamic blocks count as blocks of their type, either way', () => {
      const dynamic = `  dynamic "ingress" {\n    for_each = [8080, 8443]\n    content {\n      from_port   = ingress.value\n      to_port     = ingress.value\n      protocol    = "tcp"\n      cidr_blocks = ["10.0.0.0/16"]\n    }\n  }\n`;
      const over = workspaceFromFiles({ '/ws/main.tf': SG, '/ws/sg_override.tf': `resource "aws_security_group" "ep" {\n${dynamic}}\n` });
      const sg = over.module('/ws')!.resources('aws_security_group')[0];
      assert.deepEqual(ports(sg.blocks('ingress')), [8080, 8443], 'a dynamic ingress in the override replaces static ones');
      assert.ok(sg.blocks('ingress').every((b) => b.uri === '/ws/sg_override.tf'));

      const base = SG.replace(/ {2}ingress \{[^}]*\}\n\n {2}ingress \{[^}]*\}\n/, dynamic);
      const m = moduleOf({
        '/ws/main.tf': base,
        '/ws/sg_override.tf': `resource "aws_security_group" "ep" {\n  ingress {\n    from_port = 443\n    to_port   = 443\n    protocol  = "tcp"\n  }\n}\n`,
      });
      assert.deepEqual(ports(moduleOf({ '/ws/main.tf': base }).resources('aws_security_group')[0].blocks('ingress')), [8080, 8443]);
      assert.deepEqual(ports(m.resources('aws_security_group')[0].blocks('ingress')), [443], 'a static ingress replaces a dynamic one');
    });

    it('an override replacing the ingress that admitted 443 makes PL202 fire; one admitting 443 silences it', () => {
      const endpoint = ENDPOINT().replace('private_dns_enabled = true', 'security_group_ids  = [aws_security_group.ep.id]');
      const admits443 = SG.replace(/from_port {3}= 80\n {4}to_port {5}= 80/, 'from_port   = 443\n    to_port     = 443');
      const only22 = `resource "aws_security_group" "ep" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/16"]\n  }\n}\n`;
      const only443 = only22.replace(/22/g, '443');
      const base = VPC('true') + endpoint;
      assert.equal(findings({ '/ws/main.tf': base + admits443 }, 'PL202').length, 0);
      const blocked = findings({ '/ws/main.tf': base + admits443, '/ws/sg_override.tf': only22 }, 'PL202');
      assert.equal(blocked.length, 1, 'all the original ingress blocks are replaced');
      assert.equal(findings({ '/ws/main.tf': base + SG }, 'PL202').length, 1);
      assert.equal(findings({ '/ws/main.tf': base + SG, '/ws/sg_override.tf': only443 }, 'PL202').length, 0);
    });

    it('lifecycle merges argument by argument; depends_on is not overridden (noted)', () => {
      const files = {
        '/ws/main.tf': `resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n\n  lifecycle {\n    create_before_destroy = false\n    ignore_changes        = [tags]\n  }\n}\n\nresource "aws_vpc" "other" {\n  cidr_block = "10.1.0.0/16"\n}\n`,
        '/ws/vpc_override.tf': `resource "aws_vpc" "main" {\n  depends_on = [aws_vpc.other]\n\n  lifecycle {\n    create_before_destroy = true\n  }\n}\n`,
      };
      const vpc = moduleOf(files)
        .resources('aws_vpc')
        .find((r) => r.name === 'main')!;
      const lc = vpc.blocks('lifecycle');
      assert.equal(lc.length, 1);
      assert.equal(valueOf(lc[0].attr('create_before_destroy')), true);
      assert.ok(lc[0].attrNode('ignore_changes'), 'ignore_changes of the original is kept');
      assert.equal(vpc.attrNode('depends_on'), undefined, 'depends_on is not merged');
      const n = notes(files);
      assert.equal(n.length, 1);
      assert.equal(n[0].uri, '/ws/vpc_override.tf');
      assert.equal(line(n[0].range), 2);
      assert.match(n[0].message, /depends_on/);
    });

    it('an override block with nothing to override is noted and left out, and nothing throws', () => {
      const files = {
        '/ws/main.tf': VPC('false') + ENDPOINT(),
        '/ws/main_override.tf': `resource "aws_vpc" "other" {\n  enable_dns_hostnames = true\n}\n\nlocals {\n  nowhere = 1\n}\n\nvariable "ghost" {\n  default = 1\n}\n`,
      };
      assert.equal(pl101(files).length, 1, 'aws_vpc.main is not touched');
      const n = notes(files);
      assert.deepEqual(
        n.map((x) => [x.uri, line(x.range)]),
        [
          ['/ws/main_override.tf', 1],
          ['/ws/main_override.tf', 6],
          ['/ws/main_override.tf', 9],
        ],
      );
      assert.match(n[0].message, /resource "aws_vpc" "other" in main_override\.tf overrides nothing.*Missing resource to override/);
      assert.match(n[1].message, /local value "nowhere".*Missing base local value definition to override/);
      assert.equal(moduleOf(files).resources('aws_vpc').length, 1, 'aws_vpc.other is not declared by the override');
    });
  });

  describe('locals, variables, outputs, modules, providers, terraform', () => {
    const VPC_FROM = (expr: string) => VPC(expr);

    it('a local value in an override replaces the one of that name, whichever locals block holds it', () => {
      const files = {
        '/ws/main.tf': `locals {\n  other = 1\n}\n\nlocals {\n  dns   = false\n  kept  = "x"\n}\n\n${VPC_FROM('local.dns')}${ENDPOINT()}`,
        '/ws/locals_override.tf': `locals {\n  dns = true\n}\n`,
      };
      assert.equal(pl101({ '/ws/main.tf': files['/ws/main.tf'] }).length, 1);
      assert.equal(pl101(files).length, 0);
      const m = moduleOf(files);
      assert.equal(valueOf(m.local('dns')), true);
      assert.equal(m.local('dns').origin?.uri, '/ws/locals_override.tf', "the value's origin is the override");
      assert.equal(valueOf(m.local('kept')), 'x', 'the other values of its block stay');
      assert.equal(valueOf(m.local('other')), 1);
    });

    it("a variable's default in an override replaces the original's; the original's type still applies", () => {
      const variables = `variable "dns" {\n  type        = bool\n  description = "DNS hostnames"\n  default     = false\n}\n`;
      const base = { '/ws/variables.tf': variables, '/ws/main.tf': VPC_FROM('var.dns') + ENDPOINT() };
      assert.equal(pl101(base).length, 1);
      assert.equal(pl101({ ...base, '/ws/variables_override.tf': `variable "dns" {\n  default = true\n}\n` }).length, 0);
      // A description alone leaves the default.
      assert.equal(pl101({ ...base, '/ws/variables_override.tf': `variable "dns" {\n  description = "x"\n}\n` }).length, 1);
      // The original type converts the overridden default: "true" is a bool true.
      const m = moduleOf({ ...base, '/ws/variables_override.tf': `variable "dns" {\n  default = "true"\n}\n` });
      assert.deepEqual(valueOf(m.variable('dns')), true);
      // An overridden type converts the original default.
      const s = moduleOf({ ...base, '/ws/variables_override.tf': `variable "dns" {\n  type = string\n}\n` });
      assert.deepEqual(valueOf(s.variable('dns')), 'false');
    });

    it('an output: arguments one by one', () => {
      const files = {
        '/ws/main.tf': `output "x" {\n  value       = 1\n  description = "d"\n}\n\noutput "y" {\n  value = 2\n}\n`,
        '/ws/out_override.tf': `output "x" {\n  value = 3\n}\n`,
      };
      const outputs = moduleOf(files).index.get('output.x')!;
      assert.equal(outputs.length, 1);
      const items = outputs[0].block.body.items.map((i) => (i.type === 'Attribute' ? i.name.name : i.blockType.name));
      assert.deepEqual(items, ['value', 'description']);
    });

    it("a module call's arguments merge one by one, source included", () => {
      const child = (dns: string) => `variable "dns" {\n  type = bool\n}\n\n${VPC_FROM(dns)}${ENDPOINT()}`;
      const base = {
        '/ws/main.tf': `module "net" {\n  source = "./modules/a"\n  dns    = false\n}\n`,
        '/ws/modules/a/main.tf': child('var.dns'),
        '/ws/modules/b/main.tf': child('true'),
      };
      assert.equal(pl101(base).length, 1, 'the call passes dns = false');
      const on = { ...base, '/ws/main_override.tf': `module "net" {\n  dns = true\n}\n` };
      assert.equal(pl101(on).length, 0, 'the override passes dns = true');
      const moved = { ...base, '/ws/main_override.tf': `module "net" {\n  source = "./modules/b"\n}\n` };
      const net = moduleOf(moved).children().get('net')!;
      assert.equal(net[0].dir, '/ws/modules/b', 'the override moves the call to another folder');
      assert.equal(pl101(moved).length, 0);
    });

    it('a provider is merged by name and alias; a default one needs no original, an aliased one does', () => {
      const res = `resource "aws_vpc" "a" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_vpc" "b" {\n  provider   = aws.west\n  cidr_block = "10.1.0.0/16"\n}\n`;
      const files = {
        '/ws/main.tf': `provider "aws" {\n  region = "eu-west-1"\n}\n\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\n\n${res}`,
        '/ws/providers_override.tf': `provider "aws" {\n  alias  = "west"\n  region = "us-west-1"\n}\n`,
      };
      const m = moduleOf(files);
      const region = (name: string) => valueOf(m.providerOf(m.resources('aws_vpc').find((r) => r.name === name)!)?.attr('region'));
      assert.equal(region('a'), 'eu-west-1', 'the default configuration is untouched');
      assert.equal(region('b'), 'us-west-1', 'the aliased one takes the override');

      const noDefault = { '/ws/main.tf': res, '/ws/providers_override.tf': `provider "aws" {\n  region = "ap-south-1"\n}\n` };
      const d = moduleOf(noDefault);
      assert.equal(valueOf(d.providerOf(d.resources('aws_vpc')[0])?.attr('region')), 'ap-south-1', 'a default provider is added');
      assert.deepEqual(notes(noDefault), []);

      const n = notes({
        '/ws/main.tf': res,
        '/ws/providers_override.tf': `provider "aws" {\n  alias  = "east"\n  region = "us-east-1"\n}\n`,
      });
      assert.equal(n.length, 1);
      assert.match(n[0].message, /Missing base provider configuration for override/);
    });

    it('terraform: required_providers merged per provider, backend and cloud replacing each other', () => {
      const files = {
        '/ws/main.tf': `terraform {\n  required_version = ">= 1.5"\n\n  required_providers {\n    aws    = { source = "hashicorp/aws", version = "~> 5.0" }\n    random = { source = "hashicorp/random" }\n  }\n\n  cloud {\n    organization = "acme"\n  }\n}\n`,
        '/ws/terraform_override.tf': `terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "~> 6.0" }\n  }\n\n  backend "s3" {\n    bucket = "state"\n  }\n}\n`,
      };
      const tf = moduleOf(files).index.get('terraform')![0].block;
      const names = tf.body.items.map((i) => (i.type === 'Attribute' ? i.name.name : i.blockType.name));
      assert.deepEqual(names, ['required_version', 'required_providers', 'backend'], 'the backend replaces the cloud block');
      const rp = tf.body.items.find((i) => i.type === 'Block' && i.blockType.name === 'required_providers');
      assert.ok(rp && rp.type === 'Block');
      const providers = rp.body.items.map((i) => (i.type === 'Attribute' ? i.name.name : ''));
      assert.deepEqual(providers, ['aws', 'random'], 'random stays, aws is the override');
      const aws = rp.body.items[0];
      assert.ok(aws.type === 'Attribute' && aws.range.start.line === 2, 'aws as written in the override');
    });
  });

  describe('edits', () => {
    const at = (r: Range) => `${r.start.line}:${r.start.character}@${r.start.offset}-${r.end.line}:${r.end.character}@${r.end.offset}`;
    const project = (fs: Finding[]) =>
      fs.map((f) =>
        JSON.stringify({
          rule: f.rule,
          uri: f.uri,
          at: at(f.range),
          message: f.message,
          related: (f.related ?? []).map((r) => `${r.uri}@${at(r.range)}:${r.message}`),
          fixes: (f.fixes ?? []).map((x) => x.edits.map((e) => `${e.uri}@${at(e.range)}=${e.newText}`)),
        }),
      );
    const fresh = (files: Record<string, string>): WorkspaceModel => createWorkspace(memoryHost({ ...files }), { folders: ['/ws'] });

    it('typing in main_override.tf (and in main.tf) gives the findings of a fresh analysis at every step', () => {
      const files: Record<string, string> = {
        '/ws/main.tf': `locals {\n  pad = 1\n}\n\n${VPC('true')}\n${ENDPOINT()}\nlocals {\n  tail = 2\n}\n`,
        '/ws/main_override.tf': `locals {\n  pad = 2\n}\n\n${HOSTNAMES('false')}\nresource "aws_vpc_endpoint" "ssm" {\n  private_dns_enabled = true\n}\n`,
      };
      const ws = fresh(files);
      let compared = 0;
      const check = (what: string) => {
        const got = project(analyze(ws, { keep: true }));
        const want = project(analyze(fresh(files)));
        assert.deepEqual(got, want, what);
        compared += want.length;
      };
      check('start');
      const r = rng(16);
      const edits: [string, (t: string) => string][] = [
        ['false to true', (t) => t.replace('enable_dns_hostnames = false', 'enable_dns_hostnames = true')],
        ['true to false', (t) => t.replace('enable_dns_hostnames = true', 'enable_dns_hostnames = false')],
        ['a line above', (t) => `\n${t}`],
        ['a comment above', (t) => `# note\n${t}`],
        ['indent', (t) => t.replace('\n  enable_dns_hostnames', '\n   enable_dns_hostnames')],
        ['private DNS off', (t) => t.replace('private_dns_enabled = true', 'private_dns_enabled = false')],
        ['private DNS on', (t) => t.replace('private_dns_enabled = false', 'private_dns_enabled = true')],
        ['a block added', (t) => `${t}\nresource "aws_vpc" "main" {\n  enable_dns_support = false\n}\n`],
        ['emptied', () => ''],
        ['written again', (t) => t || `resource "aws_vpc" "main" {\n  enable_dns_hostnames = false\n}\n`],
      ];
      for (let step = 0; step < 80; step++) {
        const path = r() < 0.75 ? '/ws/main_override.tf' : '/ws/main.tf';
        const text = files[path];
        if (r() < 0.6) {
          const [, edit] = edits[Math.floor(r() * edits.length)];
          files[path] = edit(text);
        } else {
          // A keystroke anywhere: a character typed or deleted (the file may break).
          const i = Math.floor(r() * (text.length + 1));
          const ins = ['a', '1', '"', ' ', '}', '{', '\n', '='][Math.floor(r() * 8)];
          files[path] = text.slice(0, i) + (r() < 0.6 ? ins : '') + text.slice(i + (r() < 0.5 ? 1 : 0));
        }
        ws.setFile(path, files[path]);
        check(`step ${step}: ${path}`);
      }
      assert.ok(compared > 0, 'findings were compared');
    });
  });

  it('a block of an override file stands for the resource it is merged into (hover, code lens, completion)', () => {
    const ws = workspaceFromFiles({
      '/o/m/main.tf':
        'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_vpc" "other" {\n  cidr_block = "10.1.0.0/16"\n}\n',
      '/o/m/main_override.tf': '# turned on here\nresource "aws_vpc" "main" {\n  enable_dns_hostnames = true\n}\n',
    });
    const m = ws.roots()[0];
    const over = ws.file('/o/m/main_override.tf')!;
    const main = ws.file('/o/m/main.tf')!;
    const block = (f: typeof over, i: number) => f.ast.body.items.filter((x) => x.type === 'Block')[i];
    assert.deepEqual(
      instancesOfBlock(m, over, block(over, 0)).map((r) => r.address),
      ['aws_vpc.main'],
    );
    assert.deepEqual(
      instancesOfBlock(m, main, block(main, 0)).map((r) => r.address),
      ['aws_vpc.main'],
    );
    assert.deepEqual(
      instancesOfBlock(m, main, block(main, 1)).map((r) => r.address),
      ['aws_vpc.other'],
    );
  });
});
