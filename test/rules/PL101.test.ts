import { rule } from '../../server/src/rules/PL101';
import { testRule } from './rule-tester';

const endpoint = (extra = '  private_dns_enabled = true\n') => `resource "aws_vpc_endpoint" "ssm" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type = "Interface"
${extra}}
`;

const vpc = (body: string) => `resource "aws_vpc" "main" {
${body}}
`;

const endpointsModule = `variable "vpc_id" {
  type = string
}

variable "endpoints" {
  type    = any
  default = {}
}

resource "aws_vpc_endpoint" "this" {
  for_each            = var.endpoints
  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.eu-west-1.\${each.value.service}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = try(each.value.private_dns_enabled, null)
}
`;

const callEndpoints = (entries: string) => `module "endpoints" {
  source    = "./modules/endpoints"
  vpc_id    = aws_vpc.main.id
  endpoints = {
${entries}  }
}
`;

testRule(rule, {
  valid: [
    {
      name: 'both VPC DNS attributes on',
      files: {
        'main.tf':
          vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = true\n  enable_dns_support   = true\n') + endpoint(),
      },
    },
    {
      name: 'hostnames on, support left at its default (true)',
      files: { 'main.tf': vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = true\n') + endpoint() },
    },
    {
      name: 'private DNS off',
      files: { 'main.tf': vpc('  cidr_block = "10.0.0.0/16"\n') + endpoint('  private_dns_enabled = false\n') },
    },
    {
      name: 'private DNS absent (off by default)',
      files: { 'main.tf': vpc('  cidr_block = "10.0.0.0/16"\n') + endpoint('') },
    },
    {
      name: 'private DNS null (unset: off by default)',
      files: { 'main.tf': vpc('  cidr_block = "10.0.0.0/16"\n') + endpoint('  private_dns_enabled = null\n') },
    },
    {
      name: "a called module's try(each.value.private_dns_enabled, null): off for an entry that leaves it out",
      files: {
        'main.tf': vpc('  cidr_block = "10.0.0.0/16"\n') + callEndpoints('    ssm = { service = "ssm" }\n'),
        'modules/endpoints/main.tf': endpointsModule,
      },
    },
    {
      name: 'reusable module analysed alone: hostnames from a variable defaulting to null (an input left to callers)',
      files: {
        'main.tf':
          `variable "dns_hostnames" {
  type    = bool
  default = null
}

` +
          vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = var.dns_hostnames\n') +
          endpoint(),
      },
    },
    {
      name: 'Gateway endpoint (private DNS does not apply)',
      files: {
        'main.tf':
          vpc('  cidr_block = "10.0.0.0/16"\n') +
          `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
      },
    },
    {
      name: 'hostnames from a variable without a default (unknown)',
      files: {
        'main.tf':
          `variable "dns" {
  type = bool
}

` +
          vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = var.dns\n') +
          endpoint(),
      },
    },
    {
      name: 'VPC id from a variable (unknown VPC)',
      files: {
        'main.tf': `variable "vpc_id" {
  type = string
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`,
      },
    },
    {
      name: 'VPC from a data source',
      files: {
        'main.tf': `data "aws_vpc" "main" {
  default = true
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = data.aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`,
      },
    },
    {
      name: 'VPC from a registry module (not followed)',
      files: {
        'main.tf': `module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
  cidr   = "10.0.0.0/16"
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = module.vpc.vpc_id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`,
      },
    },
    {
      name: 'hostnames from a tfvars value',
      files: {
        'main.tf':
          `variable "dns" {
  type    = bool
  default = false
}

` +
          vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = var.dns\n') +
          endpoint(),
        'terraform.tfvars': 'dns = true\n',
      },
    },
  ],
  invalid: [
    {
      name: 'the VPC referred to in the long form resource.aws_vpc.main',
      files: { 'main.tf': vpc('  cidr_block = "10.0.0.0/16"\n') + endpoint().replace('aws_vpc.main.id', 'resource.aws_vpc.main.id') },
      errors: [{ line: 8, message: /enable_dns_hostnames = false \(the provider default\)/ }],
      output: {
        'main.tf':
          vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = true\n') +
          endpoint().replace('aws_vpc.main.id', 'resource.aws_vpc.main.id'),
      },
    },
    {
      name: 'hostnames = null is the provider default: the null is replaced',
      files: { 'main.tf': vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = null\n') + endpoint() },
      errors: [{ line: 9, column: 3, message: 'enable_dns_hostnames = false (the provider default)', related: 1 }],
      output: {
        'main.tf': vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = true\n') + endpoint(),
      },
    },
    {
      name: "a called module's try(each.value.private_dns_enabled, null): only the entry that turns it on",
      files: {
        'main.tf':
          vpc('  cidr_block = "10.0.0.0/16"\n') +
          callEndpoints('    ssm = { service = "ssm" }\n    kms = { service = "kms", private_dns_enabled = true }\n'),
        'modules/endpoints/main.tf': endpointsModule,
      },
      errors: [
        { file: 'modules/endpoints/main.tf', line: 15, message: 'module.endpoints.aws_vpc_endpoint.this["kms"] has private DNS on' },
      ],
    },
    {
      name: "hostnames from a called module's variable defaulting to null that the caller leaves out: the caller gets the input",
      files: {
        'main.tf': `module "network" {
  source = "./modules/network"
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = module.network.vpc_id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`,
        'modules/network/main.tf':
          `variable "dns_hostnames" {
  type    = bool
  default = null
}

` +
          vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = var.dns_hostnames\n') +
          `
output "vpc_id" {
  value = aws_vpc.main.id
}
`,
      },
      errors: [{ line: 9, message: 'enable_dns_hostnames = false (the provider default)' }],
      output: {
        'main.tf': `module "network" {
  source        = "./modules/network"
  dns_hostnames = true
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = module.network.vpc_id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`,
      },
    },
    {
      name: 'hostnames left at the default',
      files: { 'main.tf': vpc('  cidr_block = "10.0.0.0/16"\n') + endpoint() },
      errors: [
        {
          line: 8,
          column: 3,
          endColumn: 29,
          severity: 'error',
          message: 'enable_dns_hostnames = false (the provider default)',
          related: 1,
        },
      ],
      output: {
        'main.tf': vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = true\n') + endpoint(),
      },
    },
    {
      name: 'support explicitly off, hostnames absent: both are turned on',
      files: { 'main.tf': vpc('  cidr_block         = "10.0.0.0/16"\n  enable_dns_support = false\n') + endpoint() },
      errors: [{ line: 9, message: /enable_dns_hostnames = false \(the provider default\) and enable_dns_support = false/ }],
      output: {
        'main.tf':
          vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_support   = true\n  enable_dns_hostnames = true\n') + endpoint(),
      },
    },
    {
      name: 'hostnames explicitly false in another file',
      files: {
        'vpc.tf': vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = false\n'),
        'endpoints.tf': endpoint(),
      },
      errors: [{ file: 'endpoints.tf', line: 5, message: 'aws_vpc.main has enable_dns_hostnames = false:', related: 1 }],
      output: {
        'vpc.tf': vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = true\n'),
        'endpoints.tf': endpoint(),
      },
    },
    {
      name: 'private DNS turned on by aws_vpc_endpoint_private_dns',
      files: {
        'main.tf':
          vpc('  cidr_block = "10.0.0.0/16"\n') +
          endpoint('') +
          `
resource "aws_vpc_endpoint_private_dns" "ssm" {
  vpc_endpoint_id     = aws_vpc_endpoint.ssm.id
  private_dns_enabled = true
}
`,
      },
      errors: [{ line: 12, column: 3, message: 'aws_vpc_endpoint_private_dns.ssm turns private DNS on for aws_vpc_endpoint.ssm' }],
    },
    {
      name: 'for_each instances each get a finding naming the key',
      files: {
        'main.tf':
          vpc('  cidr_block = "10.0.0.0/16"\n') +
          `
resource "aws_vpc_endpoint" "this" {
  for_each            = toset(["ssm", "ssmmessages"])
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`,
      },
      errors: [
        { line: 10, message: 'aws_vpc_endpoint.this["ssm"]' },
        { line: 10, message: 'aws_vpc_endpoint.this["ssmmessages"]' },
      ],
    },
    {
      name: "VPC in a local child module: the child's block is edited",
      files: {
        'main.tf': `module "network" {
  source = "./modules/network"
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = module.network.vpc_id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`,
        'modules/network/main.tf':
          vpc('  cidr_block = "10.0.0.0/16"\n') +
          `
output "vpc_id" {
  value = aws_vpc.main.id
}
`,
      },
      errors: [{ line: 9, message: 'module.network.aws_vpc.main' }],
      output: {
        'modules/network/main.tf':
          vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = true\n') +
          `
output "vpc_id" {
  value = aws_vpc.main.id
}
`,
      },
    },
    {
      name: 'VPC in a local child module whose input the caller sets to false: the input changes',
      files: {
        'main.tf': `module "network" {
  source       = "./modules/network"
  dns_hostnames = false
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = module.network.vpc_id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`,
        'modules/network/main.tf':
          `variable "dns_hostnames" {
  type    = bool
  default = true
}

` +
          vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = var.dns_hostnames\n') +
          `
output "vpc_id" {
  value = aws_vpc.main.id
}
`,
      },
      errors: [{ line: 10, message: 'enable_dns_hostnames = false:' }],
      output: {
        'main.tf': `module "network" {
  source       = "./modules/network"
  dns_hostnames = true
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = module.network.vpc_id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`,
      },
    },
  ],
});

// Resource and ServiceNetwork endpoints: private DNS there is a private hosted zone per custom
// domain name, which needs the same two VPC attributes.

const resourceEp = (extra = '  private_dns_enabled        = true\n') => `resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
${extra}}
`;

const networkEp = (extra = '  private_dns_enabled = true\n') => `resource "aws_vpc_endpoint" "shared" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
${extra}}
`;

const dnsOn = '  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = true\n';

testRule(rule, {
  valid: [
    { name: 'Resource endpoint, VPC DNS attributes on', files: { 'main.tf': vpc(dnsOn) + resourceEp() } },
    { name: 'ServiceNetwork endpoint, VPC DNS attributes on', files: { 'main.tf': vpc(dnsOn) + networkEp() } },
    {
      name: 'Resource endpoint, private DNS absent: the provider sends false',
      files: { 'main.tf': vpc('  cidr_block = "10.0.0.0/16"\n') + resourceEp('') },
    },
    {
      name: 'ServiceNetwork endpoint, private DNS from an input left to callers',
      files: {
        'main.tf':
          'variable "private_dns" {\n  type = bool\n}\n\n' +
          vpc('  cidr_block = "10.0.0.0/16"\n') +
          networkEp('  private_dns_enabled = var.private_dns\n'),
      },
    },
    {
      name: 'ServiceNetwork endpoint in a VPC read with a data source',
      files: {
        'main.tf':
          'data "aws_vpc" "main" {\n  id = "vpc-0123456789abcdef0"\n}\n\n' + networkEp().replace('aws_vpc.main.id', 'data.aws_vpc.main.id'),
      },
    },
  ],
  invalid: [
    {
      name: 'Resource endpoint with private DNS on, hostnames at the provider default',
      files: { 'main.tf': vpc('  cidr_block = "10.0.0.0/16"\n') + resourceEp() },
      errors: [
        {
          line: 8,
          column: 3,
          message:
            'aws_vpc_endpoint.db has private DNS on, but its VPC aws_vpc.main has enable_dns_hostnames = false (the provider default): ' +
            "the private hosted zones that answer the resources' names only work in a VPC with both DNS attributes on.",
          related: 1,
        },
      ],
      output: { 'main.tf': vpc(dnsOn) + resourceEp() },
    },
    {
      name: 'ServiceNetwork endpoint turned on by aws_vpc_endpoint_private_dns, DNS support off',
      files: {
        'main.tf':
          vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = true\n  enable_dns_support   = false\n') +
          networkEp('') +
          `
resource "aws_vpc_endpoint_private_dns" "shared" {
  vpc_endpoint_id     = aws_vpc_endpoint.shared.id
  private_dns_enabled = true
}
`,
      },
      errors: [{ line: 14, column: 3, message: /aws_vpc_endpoint_private_dns.shared turns private DNS on for aws_vpc_endpoint.shared/ }],
      output: {
        'main.tf':
          vpc('  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = true\n  enable_dns_support   = true\n') +
          networkEp('') +
          `
resource "aws_vpc_endpoint_private_dns" "shared" {
  vpc_endpoint_id     = aws_vpc_endpoint.shared.id
  private_dns_enabled = true
}
`,
      },
    },
  ],
});
