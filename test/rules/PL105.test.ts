import { rule } from '../../server/src/rules/PL105';
import { testRule } from './rule-tester';

const base = (attr: string) => `resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
${attr}}
`;

const separate = (value = 'true') => `
resource "aws_vpc_endpoint_private_dns" "ssm" {
  vpc_endpoint_id     = aws_vpc_endpoint.ssm.id
  private_dns_enabled = ${value}
}
`;

testRule(rule, {
  valid: [
    { name: 'only the attribute', files: { 'main.tf': base('  private_dns_enabled = true\n') } },
    { name: 'only the stand-alone resource', files: { 'main.tf': base('') + separate() } },
    {
      name: 'the stand-alone resource manages another endpoint',
      files: {
        'main.tf':
          base('  private_dns_enabled = true\n') +
          `
resource "aws_vpc_endpoint" "kms" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.kms"
  vpc_endpoint_type = "Interface"
}
` +
          separate().replace('aws_vpc_endpoint.ssm.id', 'aws_vpc_endpoint.kms.id'),
      },
    },
    {
      name: 'private_dns_enabled = null on the endpoint leaves the setting to the stand-alone resource',
      files: { 'main.tf': base('  private_dns_enabled = null\n') + separate() },
    },
    {
      name: "a called module's try(each.value.private_dns_enabled, null) for an entry that leaves it out",
      files: {
        'main.tf': `module "endpoints" {
  source    = "./modules/endpoints"
  endpoints = { ssm = {} }
}
`,
        'modules/endpoints/main.tf': `variable "endpoints" {
  type = any
}

resource "aws_vpc_endpoint" "this" {
  for_each            = var.endpoints
  vpc_id              = "vpc-0123456789abcdef0"
  service_name        = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = try(each.value.private_dns_enabled, null)
}

resource "aws_vpc_endpoint_private_dns" "this" {
  for_each            = var.endpoints
  vpc_endpoint_id     = aws_vpc_endpoint.this[each.key].id
  private_dns_enabled = true
}
`,
      },
    },
    {
      name: 'reusable module analysed alone: the argument from a variable defaulting to null (an input left to callers)',
      files: {
        'main.tf':
          `variable "private_dns" {
  type    = bool
  default = null
}
` +
          base('  private_dns_enabled = var.private_dns\n') +
          separate(),
      },
    },
    {
      name: 'the stand-alone resource has an unknown count: it may not exist',
      files: {
        'main.tf':
          'variable "manage_dns" {\n  type = bool\n}\n' +
          base('  private_dns_enabled = true\n') +
          separate().replace('vpc_endpoint_id', 'count               = var.manage_dns ? 1 : 0\n  vpc_endpoint_id'),
      },
    },
  ],
  invalid: [
    {
      name: 'set in both places, same value',
      files: { 'main.tf': base('  private_dns_enabled = true\n') + separate() },
      errors: [
        {
          line: 10,
          column: 3,
          endColumn: 29,
          severity: 'warning',
          message: 'aws_vpc_endpoint_private_dns.ssm manages it too:',
          related: 1,
        },
      ],
      output: { 'main.tf': base('') + separate() },
    },
    {
      name: 'opposite values are named',
      files: { 'main.tf': base('  private_dns_enabled = false # set by the stand-alone resource\n') + separate() },
      errors: [{ line: 10, message: 'with the opposite value (true)' }],
      output: { 'main.tf': base('') + separate() },
    },
    {
      name: 'stand-alone resource in another file',
      files: { 'main.tf': base('  private_dns_enabled = true\n'), 'dns.tf': separate() },
      errors: [{ line: 10 }],
      output: { 'main.tf': base(''), 'dns.tf': separate() },
    },
    {
      name: "a called module's try(each.value.private_dns_enabled, null) for an entry that sets it: that instance only",
      files: {
        'main.tf': `module "endpoints" {
  source    = "./modules/endpoints"
  endpoints = { ssm = {}, kms = { private_dns_enabled = false } }
}
`,
        'modules/endpoints/main.tf': `variable "endpoints" {
  type = any
}

resource "aws_vpc_endpoint" "this" {
  for_each            = var.endpoints
  vpc_id              = "vpc-0123456789abcdef0"
  service_name        = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = try(each.value.private_dns_enabled, null)
}

resource "aws_vpc_endpoint_private_dns" "this" {
  for_each            = var.endpoints
  vpc_endpoint_id     = aws_vpc_endpoint.this[each.key].id
  private_dns_enabled = true
}
`,
      },
      errors: [
        { file: 'modules/endpoints/main.tf', line: 10, message: 'module.endpoints.aws_vpc_endpoint.this["kms"] sets private_dns_enabled' },
      ],
    },
    {
      name: 'kept when dns_options needs the argument on the endpoint (no fix)',
      files: {
        'main.tf':
          base(`  private_dns_enabled = true

  dns_options {
    private_dns_only_for_inbound_resolver_endpoint = false
  }
`) + separate(),
      },
      errors: [{ line: 10 }],
    },
  ],
});
