import { rule } from '../../server/src/rules/PL106';
import { testRule } from './rule-tester';
import { latticeEndpoints } from './lattice-fixtures';

const vpc = `resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
`;

const rts = `
resource "aws_route_table" "private" {
  count  = 2
  vpc_id = aws_vpc.main.id
}
`;

const s3 = (service = 's3', option = 'true', dns = 'true') => `
resource "aws_vpc_endpoint" "${service}" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.${service}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = ${dns}

  dns_options {
    private_dns_only_for_inbound_resolver_endpoint = ${option}
  }
}
`;

const gateway = (service = 's3', vpcId = 'aws_vpc.main.id') => `
resource "aws_vpc_endpoint" "${service}_gateway" {
  vpc_id       = ${vpcId}
  service_name = "com.amazonaws.eu-west-1.${service}"
}
`;

testRule(rule, {
  valid: [
    { name: 'Gateway endpoint present', files: { 'main.tf': vpc + s3() + gateway() } },
    { name: 'Gateway endpoint in another file', files: { 'main.tf': vpc + s3(), 'gw.tf': gateway() } },
    { name: 'option off', files: { 'main.tf': vpc + s3('s3', 'false') } },
    { name: 'private DNS off', files: { 'main.tf': vpc + s3('s3', 'true', 'false') } },
    { name: 'DynamoDB with its Gateway endpoint', files: { 'main.tf': vpc + s3('dynamodb') + gateway('dynamodb') } },
    {
      name: 'a Gateway endpoint whose VPC is unknown might be the one',
      files: { 'main.tf': `variable "vpc_id" {\n  type = string\n}\n${vpc}` + s3() + gateway('s3', 'var.vpc_id') },
    },
    {
      name: 'a registry module given the VPC might create it',
      files: {
        'main.tf':
          vpc +
          s3() +
          `
module "endpoints" {
  source = "example-org/endpoints/aws"
  vpc_id = aws_vpc.main.id
}
`,
      },
    },
    {
      name: 'Gateway endpoint in a local child module',
      files: {
        'main.tf':
          vpc +
          s3() +
          `
module "gw" {
  source = "./gw"
  vpc_id = aws_vpc.main.id
}
`,
        'gw/main.tf': `variable "vpc_id" {\n  type = string\n}\n\nresource "aws_vpc_endpoint" "s3" {\n  vpc_id       = var.vpc_id\n  service_name = "com.amazonaws.eu-west-1.s3"\n}\n`,
      },
    },
    { name: 'VPC unknown', files: { 'main.tf': s3().replace('aws_vpc.main.id', '"vpc-0123"') } },
  ],
  invalid: [
    {
      name: "no Gateway endpoint: fix adds one with the VPC's route tables",
      files: { 'main.tf': vpc + rts + s3() },
      errors: [{ line: 18, column: 5, severity: 'error', message: 'aws_vpc.main has no Gateway endpoint for s3', related: 1 }],
      output: {
        'main.tf':
          vpc +
          rts +
          s3() +
          `
resource "aws_vpc_endpoint" "s3_gateway" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = aws_route_table.private[*].id
}
`,
      },
    },
    {
      name: 'only a Gateway endpoint for another service',
      files: { 'main.tf': vpc + s3('dynamodb') + gateway('s3') },
      errors: [{ line: 13, message: 'no Gateway endpoint for dynamodb' }],
      output: {
        'main.tf':
          vpc +
          s3('dynamodb') +
          `
resource "aws_vpc_endpoint" "dynamodb_gateway" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.dynamodb"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = ["rtb-REPLACE-ME"]
}
` +
          gateway('s3'),
      },
    },
    {
      name: 'route tables written singly and with for_each are all listed',
      files: {
        'main.tf':
          vpc +
          `
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table" "private" {
  for_each = toset(["a", "b"])
  vpc_id   = aws_vpc.main.id
}
` +
          s3(),
      },
      errors: [{ line: 22 }],
      output: {
        'main.tf':
          vpc +
          `
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table" "private" {
  for_each = toset(["a", "b"])
  vpc_id   = aws_vpc.main.id
}
` +
          s3() +
          `
resource "aws_vpc_endpoint" "s3_gateway" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = concat([aws_route_table.public.id], values(aws_route_table.private)[*].id)
}
`,
      },
    },
    {
      name: 'the new Gateway endpoint takes the policy and tags of the Interface endpoint',
      files: {
        'main.tf':
          vpc +
          rts +
          `
resource "aws_vpc_endpoint" "s3" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
  tags = { Name = "s3" }

  dns_options {
    private_dns_only_for_inbound_resolver_endpoint = true
  }
}
`,
      },
      errors: [{ line: 22 }],
      output: {
        'main.tf':
          vpc +
          rts +
          `
resource "aws_vpc_endpoint" "s3" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
  tags = { Name = "s3" }

  dns_options {
    private_dns_only_for_inbound_resolver_endpoint = true
  }
}

resource "aws_vpc_endpoint" "s3_gateway" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = aws_route_table.private[*].id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
  tags = { Name = "s3" }
}
`,
      },
    },
    {
      name: 'a Gateway endpoint in another VPC does not count',
      files: {
        'main.tf':
          vpc +
          s3() +
          `
resource "aws_vpc" "other" {
  cidr_block = "10.9.0.0/16"
}
` +
          gateway('s3', 'aws_vpc.other.id'),
      },
      errors: [{ line: 13 }],
    },
  ],
});

// The rule is about Interface endpoints: Resource and ServiceNetwork endpoints with the same
// settings stay silent.

testRule(rule, {
  valid: [
    { name: 'Resource and ServiceNetwork endpoints, private DNS off', files: { 'main.tf': vpc + latticeEndpoints('main', 'false') } },
    { name: 'Resource and ServiceNetwork endpoints, private DNS on', files: { 'main.tf': vpc + latticeEndpoints('main', 'true') } },
    {
      name: 'Resource and ServiceNetwork endpoints with dns_options for inbound resolvers',
      files: {
        'main.tf':
          vpc + latticeEndpoints('main', 'true', '\n  dns_options {\n    private_dns_only_for_inbound_resolver_endpoint = true\n  }\n'),
      },
    },
  ],
  invalid: [],
});
