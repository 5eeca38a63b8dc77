import * as assert from 'node:assert/strict';
import { workspaceFromFiles } from '../../server/src/model/testing';
import type { ModuleInstance, ResourceInstance } from '../../server/src/model/types';
import { str, toJson, type Value } from '../../server/src/model/value';
import { moduleOf } from './model-helpers';

function json(v: Value | undefined): unknown {
  return v === undefined ? 'ABSENT' : (toJson(v) ?? 'UNKNOWN');
}

function one(m: ModuleInstance, type: string, address?: string): ResourceInstance {
  const list = m.resources(type).filter((r) => address === undefined || r.address === address);
  assert.equal(
    list.length,
    1,
    `one ${address ?? type}, got ${m
      .resources(type)
      .map((r) => r.address)
      .join(', ')}`,
  );
  return list[0];
}

describe('module model', () => {
  describe('index', () => {
    it('indexes every kind of declaration by address across files', () => {
      const m = moduleOf({
        '/ws/main.tf': `
resource "aws_vpc" "main" {}
data "aws_iam_policy_document" "x" {}
variable "region" {}
locals {
  endpoints = []
  other = 1
}
module "vpc" { source = "terraform-aws-modules/vpc/aws" }
output "id" { value = 1 }
terraform {}
`,
        '/ws/providers.tf': 'provider "aws" {}\nprovider "aws" {\n  alias = "west"\n}\n',
      });
      const addresses = [...m.index.keys()].sort();
      assert.deepEqual(addresses, [
        'aws_vpc.main',
        'data.aws_iam_policy_document.x',
        'local.endpoints',
        'local.other',
        'module.vpc',
        'output.id',
        'provider.aws',
        'provider.aws.west',
        'terraform',
        'var.region',
      ]);
      const local = m.index.get('local.endpoints')![0];
      assert.equal(local.kind, 'local');
      assert.equal(local.attribute?.name.name, 'endpoints');
      assert.equal(local.block.blockType.name, 'locals');
      assert.equal(m.index.get('provider.aws.west')![0].uri, '/ws/providers.tf');
      assert.equal(m.index.get('aws_vpc.main')![0].type, 'aws_vpc');
      assert.equal(m.index.get('aws_vpc.main')![0].name, 'main');
    });

    it('keeps every entry of a duplicate declaration', () => {
      const m = moduleOf({ '/ws/a.tf': 'resource "aws_vpc" "main" {}\n', '/ws/b.tf': 'resource "aws_vpc" "main" {}\n' });
      assert.deepEqual(
        m.index.get('aws_vpc.main')!.map((e) => e.uri),
        ['/ws/a.tf', '/ws/b.tf'],
      );
      assert.equal(m.resources('aws_vpc').length, 1);
    });
  });

  describe('the seed-style module', () => {
    const files = {
      '/ws/variables.tf': 'variable "region" {\n  default = "us-east-1"\n}\n',
      '/ws/vpc.tf': 'resource "aws_vpc" "main" {\n  cidr_block           = "10.0.0.0/16"\n  enable_dns_support   = true\n}\n',
      '/ws/endpoints.tf': `
locals {
  interface_endpoints = ["ecr.api", "ecr.dkr", "logs", "ecr.dkr"]
}

resource "aws_vpc_endpoint" "this" {
  for_each            = toset(local.interface_endpoints)
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${var.region}.\${each.value}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = each.key != "logs"
  tags = {
    Name = "ep-\${each.key}"
  }
}
`,
    };

    it('expands for_each over a set into instances with each.key and each.value', () => {
      const m = moduleOf(files);
      const eps = m.resources('aws_vpc_endpoint');
      assert.deepEqual(
        eps.map((e) => e.address),
        ['aws_vpc_endpoint.this["ecr.api"]', 'aws_vpc_endpoint.this["ecr.dkr"]', 'aws_vpc_endpoint.this["logs"]'],
      );
      assert.deepEqual(
        eps.map((e) => e.key),
        ['ecr.api', 'ecr.dkr', 'logs'],
      );
      assert.ok(eps.every((e) => e.expanded && e.mode === 'managed' && e.module === m));
      assert.deepEqual(
        eps.map((e) => str(e.attr('service_name'))),
        ['com.amazonaws.us-east-1.ecr.api', 'com.amazonaws.us-east-1.ecr.dkr', 'com.amazonaws.us-east-1.logs'],
      );
      assert.deepEqual(
        eps.map((e) => json(e.attr('private_dns_enabled'))),
        [true, true, false],
      );
      assert.deepEqual(json(eps[2].attr('tags')), { Name: 'ep-logs' });
    });

    it('follows vpc_id = aws_vpc.main.id to the VPC in another file', () => {
      const m = moduleOf(files);
      for (const ep of m.resources('aws_vpc_endpoint')) {
        const v = ep.attr('vpc_id');
        assert.equal(v?.kind, 'ref');
        assert.deepEqual(v?.kind === 'ref' && v.path, ['id']);
        const vpc = m.resolve(v);
        assert.equal(vpc?.address, 'aws_vpc.main');
        assert.equal(vpc?.uri, '/ws/vpc.tf');
        assert.equal(json(vpc?.attr('enable_dns_support')), true);
        assert.equal(vpc, one(m, 'aws_vpc'));
      }
    });

    it('keeps the known pieces of the service name when the region is unknown', () => {
      const m = moduleOf({ ...files, '/ws/variables.tf': 'variable "region" {}\n' });
      const v = m.resources('aws_vpc_endpoint')[1].attr('service_name');
      assert.equal(v?.kind, 'unknown');
      assert.deepEqual(v?.kind === 'unknown' && v.parts, ['com.amazonaws.', null, '.ecr.dkr']);
    });

    it('attr is undefined for an absent attribute and attrNode gives its syntax', () => {
      const ep = moduleOf(files).resources('aws_vpc_endpoint')[0];
      assert.equal(ep.attr('policy'), undefined);
      assert.equal(ep.attrNode('policy'), undefined);
      assert.equal(ep.attrNode('vpc_id')?.name.name, 'vpc_id');
      assert.equal(ep.attrNode('vpc_id')?.range.start.line, 7);
    });
  });

  describe('resource attributes', () => {
    const m = () =>
      moduleOf({
        '/ws/main.tf': `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
data "aws_vpc" "shared" {
  id = "vpc-123"
}
data "aws_region" "current" {}
locals {
  cidr     = aws_vpc.main.cidr_block
  id       = aws_vpc.main.id
  dns      = aws_vpc_endpoint.ep.dns_entry[0].dns_name
  whole    = aws_vpc.main
  region   = data.aws_region.current.name
  shared   = data.aws_vpc.shared.cidr_block
  shared_id = data.aws_vpc.shared.id
  svc      = "com.amazonaws.\${data.aws_region.current.name}.s3"
}
resource "aws_vpc_endpoint" "ep" {}
`,
      });

    it('a configured attribute is known at plan time', () => {
      const v = m().local('cidr');
      assert.equal(json(v), '10.0.0.0/16');
      assert.equal(v.origin?.range.start.line, 2);
    });

    it('a computed attribute is a ref to the instance with its path', () => {
      const mod = m();
      const id = mod.local('id');
      assert.ok(id.kind === 'ref' && id.target.address === 'aws_vpc.main');
      const dns = mod.local('dns');
      assert.ok(dns.kind === 'ref');
      assert.deepEqual(dns.kind === 'ref' && dns.path, ['dns_entry', 0, 'dns_name']);
      assert.equal(mod.resolve(dns)?.address, 'aws_vpc_endpoint.ep');
      const whole = mod.local('whole');
      assert.ok(whole.kind === 'ref' && whole.path.length === 0);
    });

    it('data source attributes not in the configuration stay unknown', () => {
      const mod = m();
      assert.notEqual(json(mod.local('region')), 'us-east-1');
      assert.equal(json(mod.local('region')), 'UNKNOWN');
      assert.equal(json(mod.local('shared')), 'UNKNOWN');
      const sid = mod.local('shared_id');
      assert.equal(json(sid), 'vpc-123');
      const svc = mod.local('svc');
      assert.deepEqual(svc.kind === 'unknown' && svc.parts, ['com.amazonaws.', null, '.s3']);
      assert.equal(mod.dataSources('aws_vpc')[0].mode, 'data');
      assert.equal(mod.dataSources('aws_vpc')[0].address, 'data.aws_vpc.shared');
      assert.equal(mod.dataSources().length, 2);
      assert.equal(mod.resources().length, 2);
    });

    it('an argument set to null is computed by the provider: a ref', () => {
      const mod = moduleOf({
        '/ws/main.tf':
          'data "aws_vpc_endpoint_service" "s" {\n  service_name = null\n}\nlocals {\n  n = data.aws_vpc_endpoint_service.s.service_name\n}\n',
      });
      const n = mod.local('n');
      assert.ok(n.kind === 'ref' && n.path[0] === 'service_name');
    });

    it('a reference to an undeclared resource is an error (try falls back)', () => {
      const mod = moduleOf({ '/ws/main.tf': 'locals {\n  a = try(aws_vpc.nope.id, "none")\n}\n' });
      assert.equal(json(mod.local('a')), 'none');
    });
  });

  describe('count and splats', () => {
    const files = {
      '/ws/main.tf': `
variable "azs" {
  default = ["a", "b", "c"]
}
variable "n" {}
resource "aws_subnet" "private" {
  count      = length(var.azs)
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
  availability_zone = "us-east-1\${var.azs[count.index]}"
}
resource "aws_subnet" "dyn" {
  count = var.n
  cidr_block = cidrsubnet("10.1.0.0/16", 8, count.index)
}
resource "aws_route_table" "rt" {
  count = 0
}
resource "aws_vpc_endpoint" "ep" {
  subnet_ids = aws_subnet.private[*].id
  route_table_ids = aws_route_table.rt[*].id
  first = aws_subnet.private[0].id
  dyn_first = aws_subnet.dyn[0].id
  dyn_all = aws_subnet.dyn[*].id
  cidrs = aws_subnet.private.*.cidr_block
  legacy = aws_subnet.private.1.availability_zone
}
`,
    };

    it('count expands into instances with count.index', () => {
      const m = moduleOf(files);
      const subnets = m.resources('aws_subnet').filter((s) => s.name === 'private');
      assert.deepEqual(
        subnets.map((s) => s.address),
        ['aws_subnet.private[0]', 'aws_subnet.private[1]', 'aws_subnet.private[2]'],
      );
      assert.deepEqual(
        subnets.map((s) => json(s.attr('cidr_block'))),
        ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'],
      );
      assert.deepEqual(
        subnets.map((s) => json(s.attr('availability_zone'))),
        ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      );
      assert.equal(m.resources('aws_route_table').length, 0);
    });

    it('a splat over a counted resource is a list of refs to each instance', () => {
      const m = moduleOf(files);
      const ep = one(m, 'aws_vpc_endpoint');
      const ids = ep.attr('subnet_ids');
      assert.equal(ids?.kind, 'list');
      const targets = ids?.kind === 'list' ? ids.items.map((i) => m.resolve(i)?.address) : [];
      assert.deepEqual(targets, ['aws_subnet.private[0]', 'aws_subnet.private[1]', 'aws_subnet.private[2]']);
      assert.deepEqual(json(ep.attr('route_table_ids')), []);
      assert.equal(m.resolve(ep.attr('first'))?.address, 'aws_subnet.private[0]');
      assert.deepEqual(json(ep.attr('cidrs')), ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
      assert.equal(json(ep.attr('legacy')), 'us-east-1b');
    });

    it('an unknown count gives one unexpanded instance that any index selects', () => {
      const m = moduleOf(files);
      const dyn = m.resources('aws_subnet').filter((s) => s.name === 'dyn');
      assert.equal(dyn.length, 1);
      assert.equal(dyn[0].expanded, false);
      assert.equal(dyn[0].key, undefined);
      assert.equal(dyn[0].address, 'aws_subnet.dyn');
      assert.equal(json(dyn[0].attr('cidr_block')), 'UNKNOWN');
      const ep = one(m, 'aws_vpc_endpoint');
      assert.equal(m.resolve(ep.attr('dyn_first')), dyn[0]);
      assert.equal(json(ep.attr('dyn_all')), 'UNKNOWN');
    });
  });

  describe('for_each over maps', () => {
    it('each.key and each.value of a map of objects, instances by sorted key', () => {
      const m = moduleOf({
        '/ws/main.tf': `
locals {
  services = {
    sqs = { private_dns = true }
    ecr_api = { private_dns = false, name = "ecr.api" }
  }
}
resource "aws_vpc_endpoint" "svc" {
  for_each = local.services
  service_name = "com.amazonaws.us-east-1.\${try(each.value.name, each.key)}"
  private_dns_enabled = each.value.private_dns
}
`,
      });
      const eps = m.resources('aws_vpc_endpoint');
      assert.deepEqual(
        eps.map((e) => e.address),
        ['aws_vpc_endpoint.svc["ecr_api"]', 'aws_vpc_endpoint.svc["sqs"]'],
      );
      assert.deepEqual(
        eps.map((e) => json(e.attr('service_name'))),
        ['com.amazonaws.us-east-1.ecr.api', 'com.amazonaws.us-east-1.sqs'],
      );
      assert.deepEqual(
        eps.map((e) => json(e.attr('private_dns_enabled'))),
        [false, true],
      );
    });

    it('selects an instance by key and lists all by map', () => {
      const m = moduleOf({
        '/ws/main.tf': `
resource "aws_security_group" "sg" {
  for_each = toset(["a", "b"])
  name = each.key
}
locals {
  b = aws_security_group.sg["b"].id
  names = [for k, sg in aws_security_group.sg : sg.name]
  ids = values(aws_security_group.sg)[*].id
}
`,
      });
      assert.equal(m.resolve(m.local('b'))?.address, 'aws_security_group.sg["b"]');
      assert.deepEqual(json(m.local('names')), ['a', 'b']);
      const ids = m.local('ids');
      assert.deepEqual(ids.kind === 'list' && ids.items.map((i) => m.resolve(i)?.key), ['a', 'b']);
    });

    it('an unknown for_each gives one unexpanded instance with unknown each', () => {
      const m = moduleOf({
        '/ws/main.tf':
          'variable "eps" {}\nresource "aws_vpc_endpoint" "x" {\n  for_each = var.eps\n  service_name = each.value\n  vpc_endpoint_type = "Interface"\n}\nlocals {\n  id = aws_vpc_endpoint.x["any"].id\n}\n',
      });
      const eps = m.resources('aws_vpc_endpoint');
      assert.equal(eps.length, 1);
      assert.equal(eps[0].expanded, false);
      assert.equal(json(eps[0].attr('service_name')), 'UNKNOWN');
      assert.equal(json(eps[0].attr('vpc_endpoint_type')), 'Interface');
      assert.equal(m.resolve(m.local('id')), eps[0]);
    });

    it('caps a huge for_each as unexpanded, with a note', () => {
      const m = moduleOf({
        '/ws/main.tf':
          'resource "aws_route53_record" "r" {\n  for_each = toset([for i in range(100000) : tostring(i)])\n  name = each.key\n}\n',
      });
      const rs = m.resources('aws_route53_record');
      assert.equal(rs.length, 1);
      assert.equal(rs[0].expanded, false);
      assert.ok(m.notes?.some((n) => /100000 instances/.test(n.message) && n.uri === '/ws/main.tf'));
    });
  });

  describe('variables from tfvars', () => {
    const base = {
      '/ws/variables.tf': `
variable "region" {
  default = "us-east-1"
}
variable "env" {
  default = "dev"
}
variable "port" {
  type = number
  default = 1
}
variable "zones" {}
variable "untouched" {
  default = "d"
}
`,
      '/ws/terraform.tfvars': 'region = "eu-west-1"\nenv = "stage"\nport = "443"\n',
      '/ws/b.auto.tfvars': 'env = "prod-b"\n',
      '/ws/a.auto.tfvars.json': '{\n  "env": "prod-a",\n  "zones": ["a", "b"]\n}\n',
    };

    it('terraform.tfvars overrides defaults and *.auto.tfvars override it, by file name', () => {
      const m = moduleOf(base);
      assert.equal(json(m.variable('region')), 'eu-west-1');
      assert.equal(json(m.variable('env')), 'prod-b');
      assert.deepEqual(json(m.variable('zones')), ['a', 'b']);
      assert.equal(json(m.variable('untouched')), 'd');
      assert.equal(json(m.variable('port')), 443);
    });

    it('values from tfvars point at their line', () => {
      const m = moduleOf(base);
      assert.equal(m.variable('region').origin?.uri, '/ws/terraform.tfvars');
      assert.equal(m.variable('region').origin?.range.start.line, 0);
      const z = m.variable('zones');
      assert.equal(z.origin?.uri, '/ws/a.auto.tfvars.json');
      assert.equal(z.origin?.range.start.line, 2);
    });

    it('a tfvars value with a reference is unknown', () => {
      const m = moduleOf({ ...base, '/ws/terraform.tfvars': 'region = var.env\n' });
      assert.equal(json(m.variable('region')), 'UNKNOWN');
    });
  });

  describe('local child modules', () => {
    const files = {
      '/ws/main.tf': `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
module "endpoints" {
  source = "./modules/endpoints"
  vpc_id = aws_vpc.main.id
  services = ["s3", "sqs"]
}
module "registry" {
  source = "example-org/network/aws"
}
module "per_env" {
  source   = "../shared/sg"
  for_each = { dev = "10.1.0.0/16", prod = "10.2.0.0/16" }
  cidr     = each.value
}
locals {
  ep_ids   = module.endpoints.endpoint_ids
  vpc_back = module.endpoints.vpc
  reg      = module.registry.vpc_id
  prod_cidr = module.per_env["prod"].cidr
  all_cidrs = [for k, m in module.per_env : m.cidr]
}
`,
      '/ws/modules/endpoints/main.tf': `
variable "vpc_id" {}
variable "services" {
  default = []
}
variable "region" {
  default = "us-east-1"
}
resource "aws_vpc_endpoint" "this" {
  for_each     = toset(var.services)
  vpc_id       = var.vpc_id
  service_name = "com.amazonaws.\${var.region}.\${each.value}"
}
output "endpoint_ids" {
  value = [for e in aws_vpc_endpoint.this : e.id]
}
output "vpc" {
  value = var.vpc_id
}
`,
      '/shared/sg/main.tf':
        'variable "cidr" {}\nresource "aws_security_group" "sg" {\n  ingress {\n    cidr_blocks = [var.cidr]\n  }\n}\noutput "cidr" {\n  value = var.cidr\n}\n',
    };

    it('evaluates the child with the caller inputs; refs lead back to the parent', () => {
      const ws = workspaceFromFiles(files);
      const root = ws.module('/ws')!;
      const kids = root.children();
      assert.deepEqual([...kids.keys()].sort(), ['endpoints', 'per_env']);
      const child = kids.get('endpoints')![0];
      assert.equal(child.dir, '/ws/modules/endpoints');
      assert.equal(child.path, 'module.endpoints');
      assert.equal(child.parent?.module, root);
      assert.equal(child.parent?.call.address, 'module.endpoints');
      const eps = child.resources('aws_vpc_endpoint');
      assert.deepEqual(
        eps.map((e) => e.address),
        ['module.endpoints.aws_vpc_endpoint.this["s3"]', 'module.endpoints.aws_vpc_endpoint.this["sqs"]'],
      );
      const vpc = child.resolve(eps[0].attr('vpc_id'));
      assert.equal(vpc?.address, 'aws_vpc.main');
      assert.equal(vpc?.module, root);
      assert.equal(vpc?.uri, '/ws/main.tf');
      assert.equal(json(eps[1].attr('service_name')), 'com.amazonaws.us-east-1.sqs');
    });

    it('module outputs evaluate in the child and keep refs', () => {
      const root = workspaceFromFiles(files).module('/ws')!;
      const ids = root.local('ep_ids');
      assert.ok(ids.kind === 'list' && ids.items.length === 2);
      assert.deepEqual(ids.kind === 'list' && ids.items.map((i) => root.resolve(i)?.address), [
        'module.endpoints.aws_vpc_endpoint.this["s3"]',
        'module.endpoints.aws_vpc_endpoint.this["sqs"]',
      ]);
      assert.equal(root.resolve(root.local('vpc_back'))?.address, 'aws_vpc.main');
      assert.equal(json(root.local('reg')), 'UNKNOWN');
    });

    it('for_each on a module call expands instances with their own inputs', () => {
      const root = workspaceFromFiles(files).module('/ws')!;
      const envs = root.children().get('per_env')!;
      assert.deepEqual(
        envs.map((m) => m.path),
        ['module.per_env["dev"]', 'module.per_env["prod"]'],
      );
      assert.deepEqual(
        envs.map((m) => m.parent?.key),
        ['dev', 'prod'],
      );
      assert.equal(envs[0].dir, '/shared/sg');
      const sg = envs[1].resources('aws_security_group')[0];
      assert.equal(sg.address, 'module.per_env["prod"].aws_security_group.sg');
      assert.deepEqual(json(sg.blocks('ingress')[0].attr('cidr_blocks')), ['10.2.0.0/16']);
      assert.equal(json(root.local('prod_cidr')), '10.2.0.0/16');
      assert.deepEqual(json(root.local('all_cidrs')), ['10.1.0.0/16', '10.2.0.0/16']);
    });

    it('the child folder analysed as a root of its own has unknown inputs', () => {
      const ws = workspaceFromFiles(files);
      assert.deepEqual(
        ws.roots().map((r) => r.dir),
        ['/shared/sg', '/ws', '/ws/modules/endpoints'],
      );
      const alone = ws.module('/ws/modules/endpoints')!;
      assert.equal(alone.parent, undefined);
      assert.equal(json(alone.variable('vpc_id')), 'UNKNOWN');
      assert.equal(alone.resources('aws_vpc_endpoint').length, 0);
    });

    it('count on a module call, and an unknown count gives one instance', () => {
      const root = moduleOf({
        '/ws/main.tf':
          'variable "n" {}\nmodule "a" {\n  source = "./m"\n  count = 2\n  name = "a${count.index}"\n}\nmodule "b" {\n  source = "./m"\n  count = var.n\n  name = "b"\n}\nlocals {\n  second = module.a[1].name\n  b_any = module.b[0].name\n}\n',
        '/ws/m/main.tf': 'variable "name" {}\noutput "name" {\n  value = var.name\n}\n',
      });
      assert.deepEqual(
        root
          .children()
          .get('a')!
          .map((m) => m.path),
        ['module.a[0]', 'module.a[1]'],
      );
      assert.equal(json(root.local('second')), 'a1');
      assert.equal(root.children().get('b')!.length, 1);
      assert.equal(json(root.local('b_any')), 'b');
    });

    it('stops at modules that call themselves or each other', () => {
      const root = moduleOf({
        '/ws/main.tf':
          'module "self" {\n  source = "./"\n}\nmodule "a" {\n  source = "./a"\n}\nlocals {\n  x = module.self.out\n}\noutput "out" {\n  value = "o"\n}\n',
        '/ws/a/main.tf': 'module "b" {\n  source = "../b"\n}\noutput "out" {\n  value = module.b.out\n}\n',
        '/ws/b/main.tf': 'module "a" {\n  source = "../a"\n}\noutput "out" {\n  value = module.a.out\n}\n',
      });
      assert.equal(root.children().has('self'), false);
      assert.equal(json(root.local('x')), 'UNKNOWN');
      const a = root.children().get('a')![0];
      const b = a.children().get('b')![0];
      assert.equal(b.children().has('a'), false);
      assert.ok(root.notes?.some((n) => /calls a module that contains it/.test(n.message)));
    });

    it('bounds the fan-out of module calls under one root', () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 6; i++) files[`/ws/m${i}/main.tf`] = `module "next" {\n  source = "../m${i + 1}"\n  count = 10\n}\n`;
      files['/ws/m6/main.tf'] = 'resource "aws_vpc" "v" {}\n';
      const root = workspaceFromFiles(files).module('/ws/m0')!;
      let total = 0;
      const walk = (m: ModuleInstance) => {
        for (const list of m.children().values())
          for (const c of list) {
            total++;
            walk(c);
          }
      };
      walk(root);
      assert.ok(total > 0 && total <= 2000, `${total} module instances`);
    });

    it('follows long chains only to the depth limit', () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 15; i++)
        files[`/ws/m${i}/main.tf`] = `module "next" {\n  source = "../m${i + 1}"\n}\nresource "aws_vpc" "v" {}\n`;
      files['/ws/m15/main.tf'] = 'resource "aws_vpc" "v" {}\n';
      const ws = workspaceFromFiles(files);
      let m = ws.module('/ws/m0')!;
      let depth = 0;
      while (m.children().get('next')?.length) {
        m = m.children().get('next')![0];
        depth++;
      }
      assert.equal(depth, 10);
    });
  });

  describe('providers', () => {
    it("the provider meta-argument, the default, and the caller's for child modules", () => {
      const ws = workspaceFromFiles({
        '/ws/main.tf': `
provider "aws" {
  region = "us-east-1"
}
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
resource "aws_vpc" "a" {}
resource "aws_vpc" "b" {
  provider = aws.west
}
module "c" {
  source = "./c"
  providers = {
    aws = aws.west
  }
}
module "d" {
  source = "./c"
}
`,
        '/ws/c/main.tf': 'resource "aws_vpc" "x" {}\n',
      });
      const root = ws.module('/ws')!;
      const [a, b] = root.resources('aws_vpc');
      assert.equal(json(root.providerOf(a)?.attr('region')), 'us-east-1');
      assert.equal(json(root.providerOf(b)?.attr('region')), 'us-west-2');
      const c = root.children().get('c')![0];
      assert.equal(json(c.providerOf(c.resources()[0])?.attr('region')), 'us-west-2');
      const d = root.children().get('d')![0];
      assert.equal(json(d.providerOf(d.resources()[0])?.attr('region')), 'us-east-1');
      assert.equal(ws.module('/ws/c')!.providerOf(ws.module('/ws/c')!.resources()[0]), undefined);
    });
  });

  it("a child's aliased provider follows the caller's providers map", () => {
    const ws = workspaceFromFiles({
      '/ws/main.tf':
        'provider "aws" {\n  alias  = "usw2"\n  region = "us-west-2"\n}\nmodule "c" {\n  source = "./c"\n  providers = {\n    aws.peer = aws.usw2\n  }\n}\n',
      '/ws/c/main.tf': 'resource "aws_vpc" "x" {\n  provider = aws.peer\n}\n',
    });
    const c = ws.module('/ws')!.children().get('c')![0];
    assert.equal(json(c.providerOf(c.resources()[0])?.attr('region')), 'us-west-2');
  });

  it('evaluate() sees the variables of the scope it is given', () => {
    const m = moduleOf({ '/ws/main.tf': 'locals {\n  t = "${each.key}-${count.index}"\n}\n' });
    const expr = m.index.get('local.t')![0].attribute!.value!;
    const scope = new Map<string, Value>([
      ['each', { kind: 'map', entries: new Map<string, Value>([['key', { kind: 'string', value: 'k' }]]) }],
      ['count', { kind: 'map', entries: new Map<string, Value>([['index', { kind: 'number', value: 3 }]]) }],
    ]);
    assert.equal(json(m.evaluate(expr, { vars: scope })), 'k-3');
    assert.equal(json(m.evaluate(expr)), 'UNKNOWN');
  });

  it('reads terraform.tfvars.json with a byte order mark', () => {
    const m = moduleOf({ '/ws/main.tf': 'variable "r" {}\n', '/ws/terraform.tfvars.json': '\uFEFF{"r": "eu-north-1"}' });
    assert.equal(json(m.variable('r')), 'eu-north-1');
    assert.equal(m.variable('r').origin?.range.start.character, 7);
  });

  describe('nested and dynamic blocks', () => {
    const files = {
      '/ws/main.tf': `
variable "unknown_rules" {}
locals {
  ports = { https = 443, http = 80 }
}
resource "aws_security_group" "sg" {
  ingress {
    from_port = 22
    to_port   = 22
  }
  dynamic "ingress" {
    for_each = local.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      description = ingress.key
    }
  }
  dynamic "egress" {
    for_each = toset(["0.0.0.0/0"])
    iterator = rule
    content {
      cidr_blocks = [rule.value]
      description = rule.key
    }
  }
  dynamic "ingress" {
    for_each = var.unknown_rules
    content {
      from_port = ingress.value
    }
  }
}
resource "aws_lb_listener" "l" {
  default_action {
    type = "forward"
    forward {
      target_group {
        arn = "tg"
      }
    }
  }
}
`,
    };

    it('blocks() returns static blocks and expands dynamic ones with known for_each', () => {
      const m = moduleOf(files);
      const sg = one(m, 'aws_security_group');
      const ing = sg.blocks('ingress');
      assert.deepEqual(
        ing.map((b) => json(b.attr('from_port'))),
        [22, 80, 443],
      );
      assert.deepEqual(
        ing.map((b) => json(b.attr('description'))),
        ['ABSENT', 'http', 'https'],
      );
      assert.ok(ing.every((b) => b.type === 'ingress' && b.uri === '/ws/main.tf'));
      const eg = sg.blocks('egress');
      assert.equal(eg.length, 1);
      assert.deepEqual(json(eg[0].attr('cidr_blocks')), ['0.0.0.0/0']);
      assert.equal(json(eg[0].attr('description')), '0.0.0.0/0');
      assert.deepEqual(sg.blocks('nothing'), []);
    });

    it('blocks nest', () => {
      const l = one(moduleOf(files), 'aws_lb_listener');
      const tg = l.blocks('default_action')[0].blocks('forward')[0].blocks('target_group');
      assert.equal(json(tg[0].attr('arn')), 'tg');
    });
  });

  describe('memoization', () => {
    it('attr() evaluates once per instance', () => {
      const m = moduleOf({ '/ws/main.tf': 'resource "aws_vpc" "v" {\n  tags = { a = "b" }\n}\n' });
      const v = one(m, 'aws_vpc');
      assert.equal(v.attr('tags'), v.attr('tags'));
      assert.equal(m.resources('aws_vpc')[0], v);
    });

    it('a resource attribute that refers to itself is unknown', () => {
      const m = moduleOf({ '/ws/main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = aws_vpc.v.cidr_block\n}\n' });
      assert.equal(json(one(m, 'aws_vpc').attr('cidr_block')), 'UNKNOWN');
    });
  });
});
