import { rule } from '../../server/src/rules/PL104';
import { testRule } from './rule-tester';
import { latticeEndpoints } from './lattice-fixtures';

const vpcs = `resource "aws_vpc" "a" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_vpc" "b" {
  cidr_block           = "10.1.0.0/16"
  enable_dns_hostnames = true
}
`;

const ep = (name: string, vpc: string, service: string, dns = 'true') => `
resource "aws_vpc_endpoint" "${name}" {
  vpc_id              = aws_vpc.${vpc}.id
  service_name        = "${service}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = ${dns}
}
`;

testRule(rule, {
  valid: [
    {
      name: 'same service in two VPCs',
      files: { 'main.tf': vpcs + ep('x', 'a', 'com.amazonaws.eu-west-1.ssm') + ep('y', 'b', 'com.amazonaws.eu-west-1.ssm') },
    },
    {
      name: 'two services in one VPC',
      files: { 'main.tf': vpcs + ep('x', 'a', 'com.amazonaws.eu-west-1.ssm') + ep('y', 'a', 'com.amazonaws.eu-west-1.kms') },
    },
    {
      name: 'second one has private DNS off',
      files: { 'main.tf': vpcs + ep('x', 'a', 'com.amazonaws.eu-west-1.ssm') + ep('y', 'a', 'com.amazonaws.eu-west-1.ssm', 'false') },
    },
    {
      name: 'FIPS and non-FIPS names differ',
      files: { 'main.tf': vpcs + ep('x', 'a', 'com.amazonaws.us-east-1.kms') + ep('y', 'a', 'com.amazonaws.us-east-1.kms-fips') },
    },
    {
      name: 'private DNS of the second from a variable without a default',
      files: {
        'main.tf':
          `variable "dns" {\n  type = bool\n}\n${vpcs}` +
          ep('x', 'a', 'com.amazonaws.eu-west-1.ssm') +
          ep('y', 'a', 'com.amazonaws.eu-west-1.ssm', 'var.dns'),
      },
    },
    {
      name: 'VPC of one unknown',
      files: {
        'main.tf':
          `variable "vpc_id" {\n  type = string\n}\n${vpcs}` +
          ep('x', 'a', 'com.amazonaws.eu-west-1.ssm') +
          ep('y', 'a', 'com.amazonaws.eu-west-1.ssm').replace('aws_vpc.a.id', 'var.vpc_id'),
      },
    },
    {
      name: 'count unknown: the instance may not exist',
      files: {
        'main.tf':
          `variable "n" {\n  type = number\n}\n${vpcs}` +
          ep('x', 'a', 'com.amazonaws.eu-west-1.ssm') +
          ep('y', 'a', 'com.amazonaws.eu-west-1.ssm').replace('  vpc_id ', '  count               = var.n\n  vpc_id '),
      },
    },
  ],
  invalid: [
    {
      name: 'seven copies of one endpoint: each finding names five others and counts the rest',
      files: { 'main.tf': vpcs + ['p', 'q', 'r', 's', 't', 'u', 'v'].map((n) => ep(n, 'a', 'com.amazonaws.eu-west-1.ssm')).join('') },
      errors: ['p', 'q', 'r', 's', 't', 'u', 'v'].map((n, i) => ({
        line: 15 + 7 * i,
        column: 3,
        message: `aws_vpc_endpoint.${n} and ${['p', 'q', 'r', 's', 't', 'u', 'v']
          .filter((o) => o !== n)
          .slice(0, 5)
          .map((o) => `aws_vpc_endpoint.${o}`)
          .join(', ')} and 1 more both have private DNS on`,
        related: 6,
      })),
    },
    {
      name: 'two endpoints for ssm in one VPC: both reported, each pointing at the other',
      files: { 'main.tf': vpcs + ep('x', 'a', 'com.amazonaws.eu-west-1.ssm') + ep('y', 'a', 'com.amazonaws.eu-west-1.ssm') },
      errors: [
        {
          line: 15,
          column: 3,
          severity: 'error',
          message: 'aws_vpc_endpoint.x and aws_vpc_endpoint.y both have private DNS on for ssm in aws_vpc.a',
          related: 1,
        },
        { line: 22, column: 3, message: 'aws_vpc_endpoint.y and aws_vpc_endpoint.x', related: 1 },
      ],
    },
    {
      name: 'regions written differently still collide (the VPC fixes the region)',
      files: {
        'main.tf':
          `variable "region" {\n  type = string\n}\n${vpcs}` +
          ep('x', 'a', 'com.amazonaws.eu-west-1.ssm') +
          ep('y', 'a', 'com.amazonaws.${var.region}.ssm'),
      },
      errors: [{ line: 18 }, { line: 25 }],
    },
    {
      name: 'across files, one through aws_vpc_endpoint_private_dns',
      files: {
        'a.tf': vpcs + ep('x', 'a', 'com.amazonaws.eu-west-1.ecr.dkr'),
        'b.tf': `resource "aws_vpc_endpoint" "y" {
  vpc_id            = aws_vpc.a.id
  service_name      = "com.amazonaws.eu-west-1.ecr.dkr"
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint_private_dns" "y" {
  vpc_endpoint_id     = aws_vpc_endpoint.y.id
  private_dns_enabled = true
}
`,
      },
      errors: [
        { file: 'a.tf', line: 15 },
        { file: 'b.tf', line: 9, column: 3 },
      ],
    },
    {
      name: 'for_each: two keys mapping to the same service',
      files: {
        'main.tf': `${vpcs}
locals {
  endpoints = {
    ssm        = "ssm"
    ssm_legacy = "ssm"
    kms        = "kms"
  }
}

resource "aws_vpc_endpoint" "this" {
  for_each            = local.endpoints
  vpc_id              = aws_vpc.a.id
  service_name        = "com.amazonaws.eu-west-1.\${each.value}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`,
      },
      errors: [{ line: 24, message: /aws_vpc_endpoint\.this\["ssm(_legacy)?"\] and aws_vpc_endpoint\.this\["ssm(_legacy)?"\]/ }],
    },
  ],
});

// The rule is about Interface endpoints: Resource and ServiceNetwork endpoints with the same
// settings stay silent.

testRule(rule, {
  valid: [
    { name: 'Resource and ServiceNetwork endpoints, private DNS off', files: { 'main.tf': vpcs + latticeEndpoints('a', 'false') } },
    { name: 'Resource and ServiceNetwork endpoints, private DNS on', files: { 'main.tf': vpcs + latticeEndpoints('a', 'true') } },
    {
      name: 'Resource and ServiceNetwork endpoints with dns_options for inbound resolvers',
      files: {
        'main.tf':
          vpcs + latticeEndpoints('a', 'true', '\n  dns_options {\n    private_dns_only_for_inbound_resolver_endpoint = true\n  }\n'),
      },
    },
  ],
  invalid: [],
});
