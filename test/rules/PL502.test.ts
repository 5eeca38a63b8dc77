import { rule } from '../../server/src/rules/PL502';
import { testRule } from './rule-tester';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;

const iface = (name: string, service: string) => `resource "aws_vpc_endpoint" "${name}" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${var.region}.${service}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.subnet_ids
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true
}
`;

const vars = `variable "region" {
  default = "eu-west-1"
}

variable "subnet_ids" {
  default = ["subnet-a", "subnet-b"]
}
`;

testRule(rule, {
  valid: [
    { name: 'both ECR endpoints', files: { 'main.tf': `${vpc}\n${vars}\n${iface('ecr_api', 'ecr.api')}\n${iface('ecr_dkr', 'ecr.dkr')}` } },
    {
      name: 'ssm with ssmmessages: ec2messages alone is not asked for (SSM Agent 3.3.40+)',
      files: { 'main.tf': `${vpc}\n${vars}\n${iface('ssm', 'ssm')}\n${iface('ssmmessages', 'ssmmessages')}` },
    },
    {
      name: 'the other ECR endpoint has an unknown service name',
      files: {
        'main.tf': `${vpc}\n${vars}\n${iface('ecr_api', 'ecr.api')}
variable "service" {}

resource "aws_vpc_endpoint" "other" {
  vpc_id       = aws_vpc.main.id
  service_name = var.service
}
`,
      },
    },
    {
      name: 'ECR endpoints in different VPCs but each VPC unknown',
      files: {
        'main.tf': `variable "vpc_id" {}

resource "aws_vpc_endpoint" "ecr_api" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.eu-west-1.ecr.api"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'ecs with ecs-agent and ecs-telemetry as for_each instances',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["ecs", "ecs-agent", "ecs-telemetry"])
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.value}"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'ecr.dkr looked up by a data source, ecr.api written',
      files: {
        'main.tf': `${vpc}\n${vars}\n${iface('ecr_api', 'ecr.api')}
data "aws_vpc_endpoint_service" "ecr_dkr" {
  service = "ecr.dkr"
}

resource "aws_vpc_endpoint" "ecr_dkr" {
  vpc_id            = aws_vpc.main.id
  service_name      = data.aws_vpc_endpoint_service.ecr_dkr.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'for_each over names known in part holding the whole ECR pair',
      files: {
        'main.tf': `${vpc}
data "aws_region" "current" {}

resource "aws_vpc_endpoint" "ecr" {
  for_each          = toset(["com.amazonaws.\${data.aws_region.current.name}.ecr.api", "com.amazonaws.\${data.aws_region.current.name}.ecr.dkr"])
  vpc_id            = aws_vpc.main.id
  service_name      = each.value
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'the other endpoint reads a data source that names no service: it might be ecr.dkr',
      files: {
        'main.tf': `${vpc}\n${vars}\n${iface('ecr_api', 'ecr.api')}
data "aws_vpc_endpoint_service" "other" {
  tags = {
    Name = "registry"
  }
}

resource "aws_vpc_endpoint" "other" {
  vpc_id            = aws_vpc.main.id
  service_name      = data.aws_vpc_endpoint_service.other.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'ecr.api without ecr.dkr: a new block copying subnets, security groups and private DNS',
      files: { 'main.tf': vars, 'endpoints.tf': `${vpc}\n${iface('ecr_api', 'ecr.api')}` },
      errors: [
        {
          file: 'endpoints.tf',
          line: 5,
          column: 1,
          message: 'aws_vpc.main has an endpoint for ecr.api (aws_vpc_endpoint.ecr_api) but none for ecr.dkr',
          severity: 'information',
          related: 1,
        },
      ],
      output: {
        'endpoints.tf': `${vpc}\n${iface('ecr_api', 'ecr.api')}
resource "aws_vpc_endpoint" "ecr_dkr" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${var.region}.ecr.dkr"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.subnet_ids
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true

  tags = {
    Name = "ecr-dkr-endpoint"
  }
}
`,
      },
    },
    {
      name: 'ecr.dkr with a policy: the new ecr.api endpoint gets the same policy (same IAM prefix)',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "ecr_dkr" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.ecr.dkr"
  vpc_endpoint_type = "Interface"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "ecr:*"
      Resource  = "*"
    }]
  })
  tags = var.tags
}
`,
      },
      errors: [{ line: 5, message: 'none for ecr.api' }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "ecr_dkr" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.ecr.dkr"
  vpc_endpoint_type = "Interface"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "ecr:*"
      Resource  = "*"
    }]
  })
  tags = var.tags
}

resource "aws_vpc_endpoint" "ecr_api" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.ecr.api"
  vpc_endpoint_type = "Interface"
  tags              = var.tags

  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "ecr:*"
      Resource  = "*"
    }]
  })
}
`,
      },
    },
    {
      name: 'ssm alone: ssmmessages and ec2messages added',
      files: { 'main.tf': `${vpc}\n${vars}\n${iface('ssm', 'ssm')}` },
      errors: [{ line: 13, message: 'none for ssmmessages or ec2messages' }],
      output: {
        'main.tf': `${vpc}\n${vars}\n${iface('ssm', 'ssm')}
resource "aws_vpc_endpoint" "ssmmessages" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${var.region}.ssmmessages"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.subnet_ids
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true

  tags = {
    Name = "ssmmessages-endpoint"
  }
}

resource "aws_vpc_endpoint" "ec2messages" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${var.region}.ec2messages"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.subnet_ids
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true

  tags = {
    Name = "ec2messages-endpoint"
  }
}
`,
      },
    },
    {
      name: 'for_each over a local list: the missing names are added to the list',
      files: {
        'main.tf': `${vpc}
locals {
  endpoints = [
    "ecs",
    "ecs-agent",
  ]
}

resource "aws_vpc_endpoint" "this" {
  for_each          = toset(local.endpoints)
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.value}"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 12, message: 'aws_vpc_endpoint.this["ecs"]) but none for ecs-telemetry:' }],
      output: {
        'main.tf': `${vpc}
locals {
  endpoints = [
    "ecs",
    "ecs-agent",
    "ecs-telemetry",
  ]
}

resource "aws_vpc_endpoint" "this" {
  for_each          = toset(local.endpoints)
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.value}"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'for_each over an inline one-line list',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["ecr.dkr", "logs"])
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 5, message: 'none for ecr.api' }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["ecr.dkr", "logs", "ecr.api"])
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'ecr.api looked up by a data source (service-name filter), no ecr.dkr',
      files: {
        'main.tf': `${vpc}
data "aws_vpc_endpoint_service" "ecr_api" {
  filter {
    name   = "service-name"
    values = ["com.amazonaws.eu-west-1.ecr.api"]
  }
}

resource "aws_vpc_endpoint" "ecr_api" {
  vpc_id            = aws_vpc.main.id
  service_name      = data.aws_vpc_endpoint_service.ecr_api.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 12, message: 'aws_vpc.main has an endpoint for ecr.api (aws_vpc_endpoint.ecr_api) but none for ecr.dkr' }],
    },
    {
      name: 'for_each over names whose region is unknown: ssm without ssmmessages',
      files: {
        'main.tf': `${vpc}
data "aws_region" "current" {}

resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["com.amazonaws.\${data.aws_region.current.name}.ssm", "com.amazonaws.\${data.aws_region.current.name}.logs"])
  vpc_id            = aws_vpc.main.id
  service_name      = each.value
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [
        { line: 7, message: 'aws_vpc.main has an endpoint for ssm (aws_vpc_endpoint.this) but none for ssmmessages or ec2messages' },
      ],
    },
  ],
});
