import { rule } from '../../server/src/rules/PL702';
import { testRule } from './rule-tester';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;

const endpoint = `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`;

testRule(rule, {
  valid: [
    { name: 'VPC without endpoints', files: { 'main.tf': vpc } },
    {
      name: 'flow log on the VPC in another file',
      files: {
        'main.tf': `${vpc}\n${endpoint}`,
        'logs.tf': `resource "aws_flow_log" "main" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::logs"
}
`,
      },
    },
    {
      name: "a flow log whose vpc_id cannot be resolved might be this VPC's",
      files: {
        'main.tf': `${vpc}\n${endpoint}
variable "vpc_id" {}

resource "aws_flow_log" "x" {
  vpc_id       = var.vpc_id
  traffic_type = "ALL"
}
`,
      },
    },
    {
      name: 'subnet flow log in the VPC',
      files: {
        'main.tf': `${vpc}\n${endpoint}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_flow_log" "a" {
  subnet_id    = aws_subnet.a.id
  traffic_type = "ALL"
}
`,
      },
    },
    {
      name: 'flow log in a local child module given the VPC',
      files: {
        'main.tf': `${vpc}\n${endpoint}
module "logs" {
  source = "./modules/logs"
  vpc_id = aws_vpc.main.id
}
`,
        'modules/logs/main.tf': `variable "vpc_id" {}

resource "aws_flow_log" "this" {
  vpc_id       = var.vpc_id
  traffic_type = "ALL"
}
`,
      },
    },
    {
      name: 'flow log module from the registry given the VPC',
      files: {
        'main.tf': `${vpc}\n${endpoint}
module "flow_logs" {
  source = "cloudposse/vpc-flow-logs-s3-bucket/aws"
  vpc_id = aws_vpc.main.id
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'VPC with an endpoint in another file and no flow log',
      files: { 'vpc.tf': vpc, 'endpoints.tf': endpoint },
      errors: [
        {
          file: 'vpc.tf',
          line: 1,
          column: 1,
          endColumn: 26,
          message: 'aws_vpc.main has 1 VPC endpoint and no aws_flow_log',
          severity: 'hint',
          related: 1,
        },
      ],
    },
    {
      name: 'a flow log on another VPC does not count',
      files: {
        'main.tf': `${vpc}\n${endpoint}
resource "aws_vpc" "other" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_flow_log" "other" {
  vpc_id       = aws_vpc.other.id
  traffic_type = "ALL"
}
`,
      },
      errors: [{ line: 1, message: 'aws_vpc.main has 1 VPC endpoint' }],
    },
    {
      name: "endpoints in a child module count for the caller's VPC",
      files: {
        'main.tf': `${vpc}
module "endpoints" {
  source = "./modules/endpoints"
  vpc_id = aws_vpc.main.id
}
`,
        'modules/endpoints/main.tf': `variable "vpc_id" {}

resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["sts", "logs"])
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 1, message: 'aws_vpc.main has 2 VPC endpoints' }],
    },
  ],
});
