// Rules over modules with override files, as rule table tests: findings placed in the file that
// holds the winning value, fixes editing that file, and answers kept across edits (item by
// item, in main.tf and in the override files) equal to a fresh analysis.

import { rule as PL101 } from '../../server/src/rules/PL101';
import { rule as PL202 } from '../../server/src/rules/PL202';
import { testRule } from '../rules/rule-tester';

const VPC = (hostnames: string) =>
  `resource "aws_vpc" "main" {\n  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = ${hostnames}\n}\n`;
const ENDPOINT = (privateDns = 'true', extra = '') =>
  `resource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = ${privateDns}\n${extra}}\n`;
const HOSTNAMES = (v: string) => `resource "aws_vpc" "main" {\n  enable_dns_hostnames = ${v}\n}\n`;

testRule(PL101, {
  valid: [
    {
      name: 'override: main_override.tf turns enable_dns_hostnames on',
      files: { 'main.tf': VPC('false') + '\n' + ENDPOINT(), 'main_override.tf': HOSTNAMES('true') },
    },
    {
      name: 'override: a local value replaced in override.tf',
      files: {
        'main.tf': `locals {\n  dns = false\n}\n\n${VPC('local.dns')}\n${ENDPOINT()}`,
        'override.tf': `locals {\n  dns = true\n}\n`,
      },
    },
    {
      name: "override: a variable's default replaced",
      files: {
        'variables.tf': `variable "dns" {\n  type    = bool\n  default = false\n}\n`,
        'variables_override.tf': `variable "dns" {\n  default = true\n}\n`,
        'main.tf': `${VPC('var.dns')}\n${ENDPOINT()}`,
      },
    },
    {
      name: "override: a module call's argument replaced",
      files: {
        'main.tf': `module "net" {\n  source = "./modules/net"\n  dns    = false\n}\n`,
        'main_override.tf': `module "net" {\n  dns = true\n}\n`,
        'modules/net/main.tf': `variable "dns" {\n  type = bool\n}\n\n${VPC('var.dns')}\n${ENDPOINT()}`,
      },
    },
    {
      name: 'override: the endpoint turns private DNS off in its override',
      files: {
        'main.tf': VPC('false') + '\n' + ENDPOINT(),
        'endpoints_override.tf': `resource "aws_vpc_endpoint" "ssm" {\n  private_dns_enabled = false\n}\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'override: main_override.tf turns enable_dns_hostnames off; the fix edits the override',
      files: { 'main.tf': VPC('true') + '\n' + ENDPOINT(), 'main_override.tf': HOSTNAMES('false') },
      errors: [{ file: 'main.tf', line: 10, message: 'enable_dns_hostnames = false', related: 2 }],
      output: { 'main_override.tf': HOSTNAMES('true'), 'main.tf': VPC('true') + '\n' + ENDPOINT() },
    },
    {
      name: 'override: the endpoint turns private DNS on in its override; the VPC is fixed where it is written',
      files: {
        'main.tf': VPC('false') + '\n' + ENDPOINT('false'),
        'endpoints_override.tf': `resource "aws_vpc_endpoint" "ssm" {\n  private_dns_enabled = true\n}\n`,
      },
      errors: [{ file: 'endpoints_override.tf', line: 2, related: 2 }],
      output: { 'main.tf': VPC('true') + '\n' + ENDPOINT('false') },
    },
    {
      name: 'override look-alike: overrides.tf is an ordinary file, its aws_vpc.main a duplicate that does not merge',
      files: { 'main.tf': VPC('false') + '\n' + ENDPOINT(), 'overrides.tf': HOSTNAMES('true') },
      errors: [{ file: 'main.tf', line: 10 }],
    },
    {
      name: 'override look-alike: my-override.tf is an ordinary file',
      files: { 'main.tf': VPC('false') + '\n' + ENDPOINT(), 'my-override.tf': HOSTNAMES('true') },
      errors: [{ file: 'main.tf', line: 10 }],
    },
  ],
});

const SG = (port: number) =>
  `resource "aws_security_group" "ep" {\n  vpc_id = aws_vpc.main.id\n\n  ingress {\n    from_port   = ${port}\n    to_port     = ${port}\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/16"]\n  }\n}\n`;
const SG_ENDPOINT = ENDPOINT('true', '  security_group_ids  = [aws_security_group.ep.id]\n');
const INGRESS = (port: number) =>
  `resource "aws_security_group" "ep" {\n  ingress {\n    from_port   = ${port}\n    to_port     = ${port}\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/16"]\n  }\n}\n`;

testRule(PL202, {
  valid: [
    {
      name: "override: the override's ingress admits 443, replacing the original's",
      files: { 'main.tf': `${VPC('true')}\n${SG_ENDPOINT}\n${SG(22)}`, 'sg_override.tf': INGRESS(443) },
    },
  ],
  invalid: [
    {
      name: "override: the override's ingress replaces the one that admitted 443; the new rule goes into the override",
      files: { 'main.tf': `${VPC('true')}\n${SG_ENDPOINT}\n${SG(443)}`, 'sg_override.tf': INGRESS(22) },
      errors: [{ file: 'main.tf', line: 11 }],
      output: {
        'sg_override.tf': `resource "aws_security_group" "ep" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/16"]\n  }\n\n  ingress {\n    description = "HTTPS from the VPC to ssm"\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = [aws_vpc.main.cidr_block]\n  }\n}\n`,
      },
    },
  ],
});
