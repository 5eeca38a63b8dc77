import { rule } from '../../server/src/rules/PL503';
import { testRule } from './rule-tester';

/** A `.privatelink.json` requiring these endpoints. */
const requires = (...services: string[]) => JSON.stringify({ requiredEndpoints: services }, null, 2) + '\n';

const vpc = `variable "region" {
  default = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "private" {
  count      = 2
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}
`;

const ecr = `resource "aws_security_group" "endpoints" {
  name_prefix = "endpoints-"
  vpc_id      = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}

resource "aws_vpc_endpoint" "ecr_api" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${var.region}.ecr.api"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.private[*].id
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true
}
`;

const ssm = `resource "aws_vpc_endpoint" "ssm" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${var.region}.ssm"
  vpc_endpoint_type = "Interface"
  subnet_ids        = aws_subnet.private[*].id
}
`;

testRule(rule, {
  valid: [
    {
      name: 'no .privatelink.json: nothing is required',
      files: { 'main.tf': vpc, 'endpoints.tf': ecr },
    },
    {
      name: 'the required endpoints are there, in another file',
      files: { '.privatelink.json': requires('ssm', 'ecr.api'), 'main.tf': vpc, 'endpoints.tf': ecr, 'ssm.tf': ssm },
    },
    {
      name: 'an endpoint of any type counts: S3 through an Interface endpoint',
      files: {
        '.privatelink.json': requires('s3'),
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${var.region}.s3"
  vpc_endpoint_type = "Interface"
  subnet_ids        = aws_subnet.private[*].id
}
`,
      },
    },
    {
      name: 'a VPC without endpoints is not judged',
      files: { '.privatelink.json': requires('ssm'), 'main.tf': vpc },
    },
    {
      name: 'the required service as a for_each instance',
      files: {
        '.privatelink.json': requires('ssm', 'ssmmessages'),
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["ssm", "ssmmessages"])
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${var.region}.\${each.key}"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'another endpoint of the VPC with a service that is not known might be the required one',
      files: {
        '.privatelink.json': requires('ssm'),
        'main.tf': `${vpc}
${ecr}
variable "service" {}

resource "aws_vpc_endpoint" "other" {
  vpc_id            = aws_vpc.main.id
  service_name      = var.service
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'an endpoint for the service whose VPC is not known might be in this VPC',
      files: {
        '.privatelink.json': requires('ssm'),
        'main.tf': `${vpc}
${ecr}
variable "vpc_id" {}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.\${var.region}.ssm"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'a registry module given the VPC may create the endpoints',
      files: {
        '.privatelink.json': requires('ssm'),
        'main.tf': `${vpc}
${ecr}
module "endpoints" {
  source = "example-org/endpoints/aws"
  vpc_id = aws_vpc.main.id
}
`,
      },
    },
    {
      name: 'the required endpoint made by a local child module',
      files: {
        '.privatelink.json': requires('ssm'),
        'main.tf': `${vpc}
${ecr}
module "ssm" {
  source = "./modules/ssm"
  vpc_id = aws_vpc.main.id
}
`,
        'modules/ssm/main.tf': `variable "vpc_id" {}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'ssm and s3 missing: added as the scaffolding writes them (Interface with the endpoint group, Gateway with the route tables)',
      files: { '.privatelink.json': requires('ssm', 's3', 'ecr.api'), 'main.tf': vpc, 'endpoints.tf': ecr },
      errors: [
        {
          line: 5,
          column: 1,
          endColumn: 26,
          message: 'aws_vpc.main has VPC endpoints but none for ssm, s3, which .privatelink.json requires (requiredEndpoints).',
          severity: 'warning',
        },
      ],
      output: {
        'endpoints.tf': `${ecr}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${var.region}.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.private[*].id
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true

  tags = {
    Name = "ssm-endpoint"
  }
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private.id]

  tags = {
    Name = "s3-gateway-endpoint"
  }
}
`,
      },
    },
    {
      name: 'the module lists its endpoints in a local: the fix extends the list',
      files: {
        '.privatelink.json': requires('ssm', 'ssmmessages', 'ec2messages'),
        'main.tf': `${vpc}
locals {
  endpoints = [
    "ssm",
  ]
}

resource "aws_vpc_endpoint" "this" {
  for_each            = toset(local.endpoints)
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${var.region}.\${each.value}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.private[*].id
  private_dns_enabled = true
}
`,
      },
      errors: [{ line: 5, message: 'none for ssmmessages, ec2messages' }],
      output: {
        'main.tf': `${vpc}
locals {
  endpoints = [
    "ssm",
    "ssmmessages",
    "ec2messages",
  ]
}

resource "aws_vpc_endpoint" "this" {
  for_each            = toset(local.endpoints)
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${var.region}.\${each.value}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.private[*].id
  private_dns_enabled = true
}
`,
      },
    },
    {
      name: 'each VPC with endpoints is judged on its own; one without endpoints is not',
      files: {
        '.privatelink.json': requires('ssm'),
        'main.tf': `${vpc}
${ecr}
resource "aws_vpc" "other" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_vpc" "empty" {
  cidr_block = "10.2.0.0/16"
}

resource "aws_vpc_endpoint" "other_ssm" {
  vpc_id            = aws_vpc.other.id
  service_name      = "com.amazonaws.\${var.region}.ssm"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 5, message: 'aws_vpc.main has VPC endpoints but none for ssm,' }],
    },
  ],
});
