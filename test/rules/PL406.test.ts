import { rule } from '../../server/src/rules/PL406';
import { testRule } from './rule-tester';
import { LATTICE_MODULE } from './lattice-fixtures';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}
`;

const s3Interface = `resource "aws_vpc_endpoint" "s3_interface" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = ["subnet-a", "subnet-b"]
  security_group_ids  = ["sg-1"]
  private_dns_enabled = true

  dns_options {
    private_dns_only_for_inbound_resolver_endpoint = true
  }
}
`;

testRule(rule, {
  valid: [
    {
      name: 'the VPC also has the Gateway endpoint (hybrid pattern)',
      files: {
        'main.tf': `${vpc}
${s3Interface}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = [aws_route_table.private.id]
}
`,
      },
    },
    {
      name: 'Gateway endpoint made in a local child module with the VPC passed in',
      files: {
        'main.tf': `${vpc}
${s3Interface}
module "gateways" {
  source = "./modules/gateways"
  vpc_id = aws_vpc.main.id
}
`,
        'modules/gateways/main.tf': `variable "vpc_id" {}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = var.vpc_id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
      },
    },
    {
      name: 'a registry module might create the Gateway endpoint',
      files: {
        'main.tf': `${vpc}
${s3Interface}
module "endpoints" {
  source  = "example-org/endpoints/aws"
  vpc_id  = aws_vpc.main.id
}
`,
      },
    },
    {
      name: 'cross-region S3 access through service_region; VPC unknown; another endpoint of unknown service',
      files: {
        'main.tf': `${vpc}
variable "vpc_id" {}

resource "aws_vpc_endpoint" "s3_remote" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.s3"
  service_region    = "us-east-1"
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint" "ddb" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.eu-west-1.dynamodb"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'an endpoint of unknown service in the same VPC might be the Gateway',
      files: {
        'main.tf': `${vpc}
${s3Interface}
variable "service" {}

resource "aws_vpc_endpoint" "other" {
  vpc_id       = aws_vpc.main.id
  service_name = var.service
}
`,
      },
    },
    {
      name: 'Resource and ServiceNetwork endpoints: no service name, no route tables, no policy',
      files: {
        'lattice.tf': LATTICE_MODULE,
      },
    },
  ],
  invalid: [
    {
      name: 'S3 Interface endpoint only: cost in the message, conversion fix',
      files: {
        'main.tf': `${vpc}
${s3Interface}`,
      },
      errors: [
        {
          line: 12,
          column: 3,
          severity: 'information',
          related: 1,
          message: 'costs about USD 14.60 per month in 2 AZs (USD 7.30 per AZ) plus USD 0.01 per GB',
        },
      ],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3_interface" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private.id]
}
`,
      },
    },
    {
      name: 'DynamoDB, Gateway endpoint in another VPC does not count; subnet count unknown',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc" "other" {
  cidr_block = "10.1.0.0/16"
}

variable "subnets" {}

resource "aws_vpc_endpoint" "ddb_gw_other" {
  vpc_id       = aws_vpc.other.id
  service_name = "com.amazonaws.eu-west-1.dynamodb"
}

resource "aws_vpc_endpoint" "ddb" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.dynamodb"
  vpc_endpoint_type = "Interface"
  subnet_ids        = var.subnets
}
`,
      },
      errors: [{ line: 23, message: 'about USD 7.30 per AZ per month plus USD 0.01 per GB' }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc" "other" {
  cidr_block = "10.1.0.0/16"
}

variable "subnets" {}

resource "aws_vpc_endpoint" "ddb_gw_other" {
  vpc_id       = aws_vpc.other.id
  service_name = "com.amazonaws.eu-west-1.dynamodb"
}

resource "aws_vpc_endpoint" "ddb" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.dynamodb"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private.id]
}
`,
      },
    },
    {
      name: 'with a subnet association resource: reported without a fix',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Interface"
  subnet_ids        = ["subnet-a"]
}

resource "aws_vpc_endpoint_subnet_association" "b" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  subnet_id       = "subnet-b"
}
`,
      },
      errors: [{ line: 12, message: 'USD 14.60 per month in 2 AZs' }],
    },
  ],
});
