import { rule } from '../../server/src/rules/PL403';
import { testRule } from './rule-tester';
import { LATTICE_MODULE } from './lattice-fixtures';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;

testRule(rule, {
  valid: [
    {
      name: 'reusable module: route tables from a variable defaulting to null',
      files: {
        'main.tf': `variable "route_table_ids" {
  type    = list(string)
  default = null
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id          = "vpc-1"
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = var.route_table_ids
}
`,
      },
    },
    {
      name: 'reusable module: route tables from a variable defaulting to an empty list',
      files: {
        'main.tf': `variable "route_tables" {
  type    = list(string)
  default = []
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id          = "vpc-1"
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = var.route_tables
}
`,
      },
    },
    {
      name: 'route_table_ids set',
      files: {
        'main.tf': `${vpc}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = [aws_route_table.private.id]
}
`,
      },
    },
    {
      name: 'route table association resource',
      files: {
        'main.tf': `${vpc}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

resource "aws_vpc_endpoint_route_table_association" "s3" {
  route_table_id  = aws_route_table.private.id
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
}
`,
      },
    },
    {
      name: 'route tables from a variable without a value',
      files: {
        'main.tf': `${vpc}
variable "route_table_ids" {
  type = list(string)
}

resource "aws_vpc_endpoint" "ddb" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.dynamodb"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = var.route_table_ids
}
`,
      },
    },
    {
      name: 'an association whose endpoint cannot be resolved might be for this one',
      files: {
        'main.tf': `${vpc}
variable "endpoint_id" {}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

resource "aws_vpc_endpoint_route_table_association" "x" {
  route_table_id  = "rtb-0123"
  vpc_endpoint_id = var.endpoint_id
}
`,
      },
    },
    {
      name: 'Interface S3 endpoint, and a Gateway SQS endpoint (PL402)',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
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
    {
      name: 'a Gateway type with a resource configuration or a service network: PL404 reports the target, not the route tables',
      files: {
        'main.tf': `resource "aws_vpc_endpoint" "db" {
  vpc_id                     = "vpc-1"
  vpc_endpoint_type          = "Gateway"
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id              = "vpc-1"
  service_name        = "com.amazonaws.eu-west-1.s3"
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'route tables of the VPC, counted and single, other VPCs left out',
      files: {
        'vpc.tf': `${vpc}
resource "aws_vpc" "other" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table" "private" {
  count  = 2
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table" "elsewhere" {
  vpc_id = aws_vpc.other.id
}
`,
        'endpoints.tf': `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
      },
      errors: [{ file: 'endpoints.tf', line: 1, column: 1, severity: 'warning', message: 's3 traffic still leaves' }],
      output: {
        'endpoints.tf': `resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = concat([aws_route_table.public.id], aws_route_table.private[*].id)
}
`,
      },
    },
    {
      name: 'no route table declared: the VPC main route table',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "ddb" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.dynamodb"
  vpc_endpoint_type = "Gateway"
}
`,
      },
      errors: [{ line: 5, message: 'aws_vpc_endpoint.ddb is a Gateway endpoint without route tables' }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "ddb" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.dynamodb"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_vpc.main.main_route_table_id]
}
`,
      },
    },
    {
      name: 'an empty list: the attribute is pointed at and replaced; for_each route tables of the same vpc_id',
      files: {
        'main.tf': `variable "vpc_id" {}

resource "aws_route_table" "private" {
  for_each = toset(["a", "b"])
  vpc_id   = var.vpc_id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id          = var.vpc_id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = []
}
`,
      },
      errors: [{ line: 11, column: 3, message: 'without route tables' }],
      output: {
        'main.tf': `variable "vpc_id" {}

resource "aws_route_table" "private" {
  for_each = toset(["a", "b"])
  vpc_id   = var.vpc_id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id          = var.vpc_id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = values(aws_route_table.private)[*].id
}
`,
      },
    },
    {
      name: 'an empty list given by terraform.tfvars, or by a caller, is a value (not an input left open)',
      files: {
        'main.tf': `variable "route_tables" {
  type    = list(string)
  default = null
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id          = "vpc-1"
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = var.route_tables
}

module "child" {
  source       = "./child"
  route_tables = []
}
`,
        'terraform.tfvars': 'route_tables = []\n',
        'child/main.tf': `variable "route_tables" {
  type    = list(string)
  default = ["rtb-1"]
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id          = "vpc-1"
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = var.route_tables
}
`,
      },
      errors: [
        { file: 'child/main.tf', line: 9, message: 'module.child.aws_vpc_endpoint.s3 is a Gateway endpoint without route tables' },
        { file: 'main.tf', line: 9, message: 'aws_vpc_endpoint.s3 is a Gateway endpoint without route tables' },
      ],
    },
    {
      name: 'nothing known about the VPC: a new input in variables.tf',
      files: {
        'variables.tf': `variable "vpc_id" {
  type = string
}

variable "region" {}
`,
        'main.tf': `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = var.vpc_id
  service_name = "com.amazonaws.\${var.region}.s3"
}
`,
      },
      errors: [{ line: 1 }],
      output: {
        'main.tf': `resource "aws_vpc_endpoint" "s3" {
  vpc_id          = var.vpc_id
  service_name    = "com.amazonaws.\${var.region}.s3"
  route_table_ids = var.route_table_ids
}
`,
        'variables.tf': `variable "vpc_id" {
  type = string
}

variable "region" {}

variable "route_table_ids" {
  description = "Route tables whose traffic uses the Gateway endpoints of this module."
  type        = list(string)
}
`,
      },
    },
    {
      name: 'route_table_ids = null counts as absent; for_each endpoint instances',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "gw" {
  for_each        = toset(["s3", "dynamodb"])
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.eu-west-1.\${each.key}"
  route_table_ids = null
}
`,
      },
      errors: [
        { line: 9, message: 'aws_vpc_endpoint.gw["dynamodb"]' },
        { line: 9, message: 'aws_vpc_endpoint.gw["s3"]' },
      ],
    },
  ],
});
