// Arguments as Terraform reads them (query/wiring.ts `argument`): null is unset, so the
// provider's default applies; a null that a root module's variable defaults to is an input left
// to its callers, not known. And association resources with an unknown count or for_each add an
// unknown number of subnets, not one.

import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { workspaceFromFiles } from '../../server/src/model/testing';
import type { ModuleInstance, ResourceInstance } from '../../server/src/model/types';
import { endpointPolicy } from '../../server/src/query/policy/read';
import { argument, nullFromInput, privateDns, subnetCount } from '../../server/src/query/wiring';
import { rule as PL102 } from '../../server/src/rules/PL102';
import { rule as PL301 } from '../../server/src/rules/PL301';
import { testRule } from '../rules/rule-tester';

function rootOf(files: Record<string, string>): ModuleInstance {
  const ws = workspaceFromFiles(files);
  const m = ws.module('/ws');
  assert.ok(m, 'the root module');
  return m;
}

function resource(m: ModuleInstance, address: string): ResourceInstance {
  const r = m.resources().find((x) => x.address === address);
  assert.ok(r, `${address} in ${m.path || 'the root'}`);
  return r;
}

function child(m: ModuleInstance, name: string): ModuleInstance {
  const c = m.children().get(name)?.[0];
  assert.ok(c, `module.${name}`);
  return c;
}

const endpoint = (name: string, dns: string) => `
resource "aws_vpc_endpoint" "${name}" {
  vpc_id              = "vpc-0123456789abcdef0"
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = ${dns}
}
`;

describe('arguments: null is unset', () => {
  it('absent and null are unset; a known value is itself; a variable without a value is unknown', () => {
    const m = rootOf({
      '/ws/main.tf':
        'variable "dns" {\n  type = bool\n}\n' +
        endpoint('literal_null', 'null') +
        endpoint('on', 'true') +
        endpoint('unknown', 'var.dns') +
        endpoint('cond_null', 'false ? true : null'),
    });
    assert.equal(argument(resource(m, 'aws_vpc_endpoint.literal_null'), 'private_dns_enabled'), undefined);
    assert.equal(argument(resource(m, 'aws_vpc_endpoint.literal_null'), 'policy'), undefined);
    assert.equal(argument(resource(m, 'aws_vpc_endpoint.cond_null'), 'private_dns_enabled'), undefined);
    assert.deepEqual(
      { ...argument(resource(m, 'aws_vpc_endpoint.on'), 'private_dns_enabled'), origin: undefined },
      { kind: 'bool', value: true, origin: undefined },
    );
    assert.equal(argument(resource(m, 'aws_vpc_endpoint.unknown'), 'private_dns_enabled')?.kind, 'unknown');
    assert.equal(privateDns(resource(m, 'aws_vpc_endpoint.literal_null')).value, false);
  });

  it("a root module's variable defaulting to null is an input left to callers; a tfvars null is a decision", () => {
    const files = {
      '/ws/main.tf':
        'variable "dns" {\n  type    = bool\n  default = null\n}\n\nvariable "set_null" {\n  type    = bool\n  default = true\n}\n\nlocals {\n  dns = var.dns\n}\n' +
        endpoint('input', 'var.dns') +
        endpoint('through_local', 'local.dns') +
        endpoint('from_tfvars', 'var.set_null'),
      '/ws/terraform.tfvars': 'set_null = null\n',
    };
    const m = rootOf(files);
    const input = resource(m, 'aws_vpc_endpoint.input');
    assert.equal(nullFromInput(input, 'private_dns_enabled'), true);
    assert.equal(argument(input, 'private_dns_enabled')?.kind, 'unknown');
    assert.equal(privateDns(input).value, undefined);
    assert.equal(argument(resource(m, 'aws_vpc_endpoint.through_local'), 'private_dns_enabled')?.kind, 'unknown');
    const decided = resource(m, 'aws_vpc_endpoint.from_tfvars');
    assert.equal(nullFromInput(decided, 'private_dns_enabled'), false);
    assert.equal(argument(decided, 'private_dns_enabled'), undefined);
    assert.equal(privateDns(decided).value, false);
  });

  it("inside a called module: try(x, null) and a variable the caller leaves out are unset; a root's input passed down is not known", () => {
    const m = rootOf({
      '/ws/main.tf': `variable "root_dns" {
  type    = bool
  default = null
}

module "left_out" {
  source = "./endpoints"
}

module "passed_down" {
  source = "./endpoints"
  dns    = var.root_dns
}
`,
      '/ws/endpoints/main.tf': `variable "dns" {
  type    = bool
  default = null
}

variable "entries" {
  type    = any
  default = { ssm = {} }
}

resource "aws_vpc_endpoint" "from_var" {
  vpc_id              = "vpc-0123456789abcdef0"
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = var.dns
}

resource "aws_vpc_endpoint" "from_try" {
  for_each            = var.entries
  vpc_id              = "vpc-0123456789abcdef0"
  service_name        = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = try(each.value.private_dns_enabled, null)
}
`,
    });
    const left = child(m, 'left_out');
    assert.equal(argument(resource(left, 'module.left_out.aws_vpc_endpoint.from_var'), 'private_dns_enabled'), undefined);
    assert.equal(privateDns(resource(left, 'module.left_out.aws_vpc_endpoint.from_var')).value, false);
    assert.equal(argument(resource(left, 'module.left_out.aws_vpc_endpoint.from_try["ssm"]'), 'private_dns_enabled'), undefined);
    assert.equal(privateDns(resource(left, 'module.left_out.aws_vpc_endpoint.from_try["ssm"]')).value, false);
    const passed = child(m, 'passed_down');
    assert.equal(argument(resource(passed, 'module.passed_down.aws_vpc_endpoint.from_var'), 'private_dns_enabled')?.kind, 'unknown');
    assert.equal(privateDns(resource(passed, 'module.passed_down.aws_vpc_endpoint.from_var')).value, undefined);
  });

  it('a policy set to null is no policy; one from an input left to callers is not known', () => {
    const m = rootOf({
      '/ws/main.tf':
        'variable "policy" {\n  type    = string\n  default = null\n}\n' +
        endpoint('none', 'true').replace('vpc_endpoint_type', 'policy              = null\n  vpc_endpoint_type') +
        endpoint('input', 'true').replace('vpc_endpoint_type', 'policy              = var.policy\n  vpc_endpoint_type'),
    });
    assert.equal(endpointPolicy(resource(m, 'aws_vpc_endpoint.none')).present, false);
    assert.equal(endpointPolicy(resource(m, 'aws_vpc_endpoint.input')).present, true);
    assert.equal(endpointPolicy(resource(m, 'aws_vpc_endpoint.input')).value?.kind, 'unknown');
  });

  it('terraform-aws-modules vpc-endpoints entries that leave private_dns_enabled out get PL102; those that turn it on do not', () => {
    const main = `
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"

  name            = "main"
  azs             = ["eu-west-1a", "eu-west-1b"]
  private_subnets = ["10.0.1.0/24", "10.0.2.0/24"]
}

module "vpc_endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "~> 5.0"

  vpc_id     = module.vpc.vpc_id
  subnet_ids = module.vpc.private_subnets

  endpoints = {
    ssm = {
      service = "ssm"
    }
    sts = {
      service             = "sts"
      private_dns_enabled = true
    }
  }
}
`;
    const findings = analyze(workspaceFromFiles({ '/ws/main.tf': main }), { root: '/ws' }).filter((f) => f.rule === 'PL102');
    assert.deepEqual(
      findings.map((f) => `${f.uri}:${f.range.start.line + 1}`),
      ['/ws/main.tf:19'],
    );
    assert.match(findings[0].message, /module\.vpc_endpoints\.aws_vpc_endpoint\.this\["ssm"\] has private DNS off/);
  });
});

describe('arguments: associations with an unknown count or for_each', () => {
  const files = (assoc: string, subnetIds = '') => ({
    '/ws/main.tf': `variable "n" {
  type = number
}

variable "subnets" {
  type = list(string)
}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = "vpc-0123456789abcdef0"
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Interface"
${subnetIds}}

resource "aws_vpc_endpoint_subnet_association" "sqs" {
${assoc}
  vpc_endpoint_id = aws_vpc_endpoint.sqs.id
}
`,
  });
  const count = (assoc: string, subnetIds = '') => subnetCount(resource(rootOf(files(assoc, subnetIds)), 'aws_vpc_endpoint.sqs'));

  it('counts the instances of a known count or for_each', () => {
    assert.equal(count('  subnet_id = "subnet-a"'), 1);
    assert.equal(count('  count     = 2\n  subnet_id = ["subnet-a", "subnet-b"][count.index]'), 2);
    assert.equal(count('  count     = 2\n  subnet_id = ["subnet-a", "subnet-b"][count.index]', '  subnet_ids        = ["subnet-c"]\n'), 3);
    assert.equal(count('  for_each  = toset(["subnet-a", "subnet-b"])\n  subnet_id = each.value'), 2);
    assert.equal(count('  count     = 0\n  subnet_id = "subnet-a"', '  subnet_ids        = null\n'), 0);
  });

  it('an unknown count or for_each makes the number unknown', () => {
    assert.equal(count('  count     = var.n\n  subnet_id = "subnet-a"'), undefined);
    assert.equal(count('  for_each  = toset(var.subnets)\n  subnet_id = each.value'), undefined);
    assert.equal(count('  count     = var.n\n  subnet_id = "subnet-a"', '  subnet_ids        = ["subnet-c"]\n'), undefined);
  });
});

// PL102 and PL301 read private DNS and the policy through the same query: null is unset there too.
const vpc = `resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
`;

const ssm = (extra: string) => `
resource "aws_vpc_endpoint" "ssm" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type = "Interface"
${extra}}
`;

const endpointsModule = `variable "vpc_id" {
  type = string
}

variable "dns" {
  type    = bool
  default = null
}

variable "endpoints" {
  type    = any
  default = {}
}

resource "aws_vpc_endpoint" "this" {
  for_each            = var.endpoints
  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = try(each.value.private_dns_enabled, var.dns)
  policy              = try(each.value.policy, null)
}
`;

const call = (inputs: string) => `${vpc}
module "endpoints" {
  source = "./endpoints"
  vpc_id = aws_vpc.main.id
${inputs}}
`;

testRule(PL102, {
  valid: [
    {
      name: 'reusable module analysed alone: private DNS from a variable defaulting to null (an input left to callers)',
      files: { 'main.tf': `variable "dns" {\n  type    = bool\n  default = null\n}\n${vpc}` + ssm('  private_dns_enabled = var.dns\n') },
    },
    {
      name: "a called module's entries that turn private DNS on",
      files: { 'main.tf': call('  endpoints = { ssm = { private_dns_enabled = true } }\n'), 'endpoints/main.tf': endpointsModule },
    },
    {
      name: "the caller passes on its own variable defaulting to null (an input left to the root's callers)",
      files: {
        'main.tf':
          `variable "dns" {\n  type    = bool\n  default = null\n}\n` + call('  dns       = var.dns\n  endpoints = { ssm = {} }\n'),
        'endpoints/main.tf': endpointsModule,
      },
    },
  ],
  invalid: [
    {
      name: 'private_dns_enabled = null is off (the provider default): the null is replaced',
      files: { 'main.tf': vpc + ssm('  private_dns_enabled = null\n') },
      errors: [{ line: 10, column: 3, message: 'aws_vpc_endpoint.ssm has private DNS off' }],
      output: { 'main.tf': vpc + ssm('  private_dns_enabled = true\n') },
    },
    {
      name: "a called module's try(each.value.private_dns_enabled, var.dns) for an entry that leaves it out, the caller leaving dns out too",
      files: {
        'main.tf': call('  endpoints = {\n    ssm = {}\n    kms = { private_dns_enabled = true }\n  }\n'),
        'endpoints/main.tf': endpointsModule,
      },
      errors: [
        { file: 'endpoints/main.tf', line: 20, column: 3, message: 'module.endpoints.aws_vpc_endpoint.this["ssm"] has private DNS off' },
      ],
    },
  ],
});

testRule(PL301, {
  valid: [
    {
      name: 'reusable module analysed alone: the policy from a variable defaulting to null (an input left to callers)',
      files: {
        'main.tf':
          `variable "policy" {\n  type    = string\n  default = null\n}\n${vpc}` +
          ssm('  private_dns_enabled = true\n  policy              = var.policy\n'),
      },
    },
    {
      name: "a called module's entries with a policy",
      files: {
        'main.tf': call(
          '  endpoints = { ssm = { private_dns_enabled = true, policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "*", Resource = "*" }] }) } }\n',
        ),
        'endpoints/main.tf': endpointsModule,
      },
    },
  ],
  invalid: [
    {
      name: "a called module's try(each.value.policy, null) for an entry that leaves it out",
      files: { 'main.tf': call('  endpoints = { ssm = { private_dns_enabled = true } }\n'), 'endpoints/main.tf': endpointsModule },
      errors: [
        { file: 'endpoints/main.tf', line: 15, message: 'module.endpoints.aws_vpc_endpoint.this["ssm"] (ssm) has no endpoint policy' },
      ],
    },
  ],
});
