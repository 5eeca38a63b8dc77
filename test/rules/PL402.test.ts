import { rule } from '../../server/src/rules/PL402';
import { testRule } from './rule-tester';
import { LATTICE_MODULE } from './lattice-fixtures';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;

testRule(rule, {
  valid: [
    {
      name: 'Gateway endpoints for S3 and DynamoDB',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
}

resource "aws_vpc_endpoint" "ddb" {
  vpc_id            = aws_vpc.main.id
  service_name      = "cn.com.amazonaws.cn-north-1.dynamodb"
  vpc_endpoint_type = "Gateway"
}
`,
      },
    },
    {
      name: 'type absent is PL401, not this rule',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sqs" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.sqs"
}
`,
      },
    },
    {
      name: 'service unknown',
      files: {
        'main.tf': `${vpc}
variable "service_name" {}

resource "aws_vpc_endpoint" "x" {
  vpc_id            = aws_vpc.main.id
  service_name      = var.service_name
  vpc_endpoint_type = "Gateway"
}
`,
      },
    },
    {
      name: 'S3 looked up by a data source, Gateway',
      files: {
        'main.tf': `${vpc}
data "aws_vpc_endpoint_service" "s3" {
  service      = "s3"
  service_type = "Gateway"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = data.aws_vpc_endpoint_service.s3.service_name
  vpc_endpoint_type = "Gateway"
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
      name: 'Gateway for SQS',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Gateway"
}
`,
      },
      errors: [{ line: 8, column: 3, endColumn: 32, severity: 'error', message: 'sqs has no Gateway endpoint' }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'Gateway for a workspace endpoint service behind an NLB',
      files: {
        'service.tf': `resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.app.arn]
}

resource "aws_lb" "app" {
  load_balancer_type = "network"
  internal           = true
}
`,
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "app" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Gateway"
}
`,
      },
      errors: [{ line: 8, message: 'aws_vpc_endpoint_service.app has no Gateway endpoint', related: 1 }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "app" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'type from a local: reported, no fix',
      files: {
        'main.tf': `${vpc}
locals {
  type = "Gateway"
}

resource "aws_vpc_endpoint" "kms" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.kms-fips"
  vpc_endpoint_type = local.type
}
`,
      },
      errors: [{ line: 12, message: 'kms has no Gateway endpoint' }],
    },
    {
      name: 'a misspelt "gateway" is checked as the Gateway endpoint it means',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "gateway"
}
`,
      },
      errors: [{ line: 8, column: 3, message: 'sqs has no Gateway endpoint' }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'Gateway for a service looked up by a data source',
      files: {
        'main.tf': `${vpc}
data "aws_vpc_endpoint_service" "sqs" {
  service = "sqs"
}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = data.aws_vpc_endpoint_service.sqs.service_name
  vpc_endpoint_type = "Gateway"
}
`,
      },
      errors: [{ line: 12, column: 3, message: 'sqs has no Gateway endpoint' }],
    },
  ],
});
