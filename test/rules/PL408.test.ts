import { rule } from '../../server/src/rules/PL408';
import { testRule } from './rule-tester';
import { LATTICE_MODULE } from './lattice-fixtures';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;

testRule(rule, {
  valid: [
    {
      name: 'region from the variable already',
      files: {
        'main.tf': `${vpc}
variable "region" {
  default = "eu-west-1"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.\${var.region}.s3"
}
`,
      },
    },
    {
      name: 'literal region but no region source in the module',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
      },
    },
    {
      name: 'aliased provider, cross-region endpoint, region from a local',
      files: {
        'main.tf': `${vpc}
variable "region" {}

locals {
  name = "com.amazonaws.eu-west-1.sqs"
}

resource "aws_vpc_endpoint" "a" {
  provider     = aws.west
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.us-west-2.s3"
}

resource "aws_vpc_endpoint" "b" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.sqs"
  service_region    = "us-east-1"
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint" "c" {
  vpc_id            = aws_vpc.main.id
  service_name      = local.name
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'endpoint service names are tied to their region',
      files: {
        'main.tf': `${vpc}
variable "region" {}

resource "aws_vpc_endpoint" "partner" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'a data source that names another region is not the module region',
      files: {
        'main.tf': `${vpc}
data "aws_region" "peer" {
  name = "us-east-1"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
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
      name: 'variable region: the region segment is rewritten',
      files: {
        'variables.tf': `variable "region" {
  type = string
}
`,
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
      },
      errors: [
        {
          line: 7,
          column: 33,
          endColumn: 42,
          severity: 'information',
          message: 'the region "eu-west-1" is written into service_name while the module has variable "region"',
        },
      ],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.\${var.region}.s3"
}
`,
      },
    },
    {
      name: 'data source in the module, provider v6 pinned: .region',
      files: {
        'versions.tf': `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
  }
}
`,
        'main.tf': `${vpc}
data "aws_region" "current" {}

resource "aws_vpc_endpoint" "svc" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.ecr.api"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 9, message: 'data "aws_region" "current"' }],
      output: {
        'main.tf': `${vpc}
data "aws_region" "current" {}

resource "aws_vpc_endpoint" "svc" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${data.aws_region.current.region}.ecr.api"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'provider region literal: a data source is added (name, no version pinned)',
      files: {
        'main.tf': `provider "aws" {
  region = "eu-west-1"
}

${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
      },
      errors: [{ line: 11, message: 'a provider region' }],
      output: {
        'main.tf': `provider "aws" {
  region = "eu-west-1"
}

${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.\${data.aws_region.current.name}.s3"
}

data "aws_region" "current" {}
`,
      },
    },
    {
      name: 'provider region from a variable of another name; for_each instances share one range',
      files: {
        'main.tf': `variable "deploy_region" {
  default = "eu-west-1"
}

provider "aws" {
  region = var.deploy_region
}

${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["ssm", "ssmmessages"])
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [
        { line: 16, message: 'aws_vpc_endpoint.this["ssm"]' },
        { line: 16, message: 'aws_vpc_endpoint.this["ssmmessages"]' },
      ],
      output: {
        'main.tf': `variable "deploy_region" {
  default = "eu-west-1"
}

provider "aws" {
  region = var.deploy_region
}

${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["ssm", "ssmmessages"])
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${var.deploy_region}.\${each.key}"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
  ],
});
