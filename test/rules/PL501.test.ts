import { rule } from '../../server/src/rules/PL501';
import { testRule } from './rule-tester';

const vpc = `variable "region" {
  default = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_route_table" "private" {
  count  = 2
  vpc_id = aws_vpc.main.id
}
`;

const ecr = `resource "aws_vpc_endpoint" "ecr_dkr" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${var.region}.ecr.dkr"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`;

testRule(rule, {
  valid: [
    {
      name: 'S3 gateway endpoint in the same VPC, another file',
      files: {
        'main.tf': vpc,
        'endpoints.tf': ecr,
        's3.tf': `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.\${var.region}.s3"
}
`,
      },
    },
    {
      name: 'S3 as a for_each instance',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each          = { s3 = "Gateway", "ecr.dkr" = "Interface" }
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${var.region}.\${each.key}"
  vpc_endpoint_type = each.value
}
`,
      },
    },
    {
      name: 'another endpoint with unknown service might be S3',
      files: {
        'main.tf': `${vpc}
${ecr}
variable "service" {}

resource "aws_vpc_endpoint" "other" {
  vpc_id       = aws_vpc.main.id
  service_name = var.service
}
`,
      },
    },
    {
      name: 'S3 endpoint with an unresolvable vpc_id might be in this VPC',
      files: {
        'main.tf': `${vpc}
${ecr}
variable "vpc_id" {}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = var.vpc_id
  service_name = "com.amazonaws.\${var.region}.s3"
}
`,
      },
    },
    {
      name: 'ECR endpoint with unknown VPC',
      files: {
        'main.tf': `variable "vpc_id" {}

resource "aws_vpc_endpoint" "ecr_dkr" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.eu-west-1.ecr.dkr"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'a registry module is given the VPC: it may create the S3 endpoint',
      files: {
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
      name: 'S3 endpoint created by a local child module',
      files: {
        'main.tf': `${vpc}
${ecr}
module "s3" {
  source = "./modules/s3"
  vpc_id = aws_vpc.main.id
}
`,
        'modules/s3/main.tf': `variable "vpc_id" {}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = var.vpc_id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
      },
    },
    {
      name: 'S3 endpoint whose name a data source looks up (service = "s3")',
      files: {
        'main.tf': `${vpc}
${ecr}
data "aws_vpc_endpoint_service" "s3" {
  service      = "s3"
  service_type = "Gateway"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = data.aws_vpc_endpoint_service.s3.service_name
}
`,
      },
    },
    {
      name: 'for_each over names known in part that include S3',
      files: {
        'main.tf': `${vpc}
data "aws_region" "current" {}

resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["com.amazonaws.\${data.aws_region.current.name}.ecr.dkr", "com.amazonaws.\${data.aws_region.current.name}.s3"])
  vpc_id            = aws_vpc.main.id
  service_name      = each.value
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'another endpoint over a for_each that is not known might be S3',
      files: {
        'main.tf': `${vpc}
${ecr}
data "aws_region" "current" {}
variable "services" {}

resource "aws_vpc_endpoint" "more" {
  for_each     = toset([for s in var.services : "com.amazonaws.\${data.aws_region.current.name}.\${s}"])
  vpc_id       = aws_vpc.main.id
  service_name = each.value
}
`,
      },
    },
    {
      name: 'data source filtered on another name: the endpoint might be S3',
      files: {
        'main.tf': `${vpc}
${ecr}
data "aws_vpc_endpoint_service" "x" {
  filter {
    name   = "service-type"
    values = ["Gateway"]
  }
}

resource "aws_vpc_endpoint" "x" {
  vpc_id       = aws_vpc.main.id
  service_name = data.aws_vpc_endpoint_service.x.service_name
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a Resource and a ServiceNetwork endpoint in the VPC are not for S3: still reported',
      files: {
        'main.tf': vpc,
        'endpoints.tf': ecr,
        'lattice.tf': `resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
}

resource "aws_vpc_endpoint" "mesh" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
}
`,
      },
      errors: [{ file: 'endpoints.tf', line: 1, message: /no S3 endpoint/ }],
    },
    {
      name: 'ecr.dkr without S3: Gateway endpoint added with the counted route tables',
      files: { 'main.tf': vpc, 'endpoints.tf': ecr },
      errors: [
        {
          file: 'endpoints.tf',
          line: 1,
          column: 1,
          message: 'aws_vpc.main has an ecr.dkr endpoint (aws_vpc_endpoint.ecr_dkr) but no S3 endpoint',
          severity: 'warning',
          related: 1,
        },
      ],
      output: {
        'endpoints.tf': `${ecr}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = aws_route_table.private[*].id

  tags = {
    Name = "s3-endpoint"
  }
}
`,
      },
    },
    {
      name: 'for_each over ECR services: a separate S3 block, the service taken from the template',
      files: {
        'main.tf': `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_route_table" "a" {
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_endpoint" "ecr" {
  for_each = toset(["ecr.api", "ecr.dkr"])

  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.value}"
  vpc_endpoint_type = "Interface"
  tags              = var.tags
}

variable "tags" {
  default = {}
}
`,
      },
      errors: [{ line: 9, message: 'aws_vpc_endpoint.ecr["ecr.dkr"]' }],
      output: {
        'main.tf': `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_route_table" "a" {
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_endpoint" "ecr" {
  for_each = toset(["ecr.api", "ecr.dkr"])

  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.value}"
  vpc_endpoint_type = "Interface"
  tags              = var.tags
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.a.id]
  tags              = var.tags
}

variable "tags" {
  default = {}
}
`,
      },
    },
    {
      name: 'ecr.api only, no route tables in the module: placeholder list',
      files: {
        'main.tf': `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc_endpoint" "ecr_api" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.ecr.api"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 5, message: 'an ecr.api endpoint' }],
      output: {
        'main.tf': `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc_endpoint" "ecr_api" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.ecr.api"
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [] # the VPC's private route tables

  tags = {
    Name = "s3-endpoint"
  }
}
`,
      },
    },
    {
      name: 'S3 endpoint in another VPC does not count',
      files: {
        'main.tf': `${vpc}
${ecr}
resource "aws_vpc" "other" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_vpc_endpoint" "s3_other" {
  vpc_id       = aws_vpc.other.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
      },
      errors: [{ line: 14, message: 'aws_vpc.main' }],
    },
    {
      name: 'ECR looked up by a data source: the S3 endpoint is written with the module region',
      files: {
        'main.tf': `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

data "aws_region" "current" {}

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
      errors: [{ line: 11, message: 'aws_vpc.main has an ecr.dkr endpoint (aws_vpc_endpoint.ecr_dkr) but no S3 endpoint' }],
      output: {
        'main.tf': `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

data "aws_region" "current" {}

data "aws_vpc_endpoint_service" "ecr_dkr" {
  service = "ecr.dkr"
}

resource "aws_vpc_endpoint" "ecr_dkr" {
  vpc_id            = aws_vpc.main.id
  service_name      = data.aws_vpc_endpoint_service.ecr_dkr.service_name
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${data.aws_region.current.name}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [] # the VPC's private route tables

  tags = {
    Name = "s3-endpoint"
  }
}
`,
      },
    },
    {
      name: 'for_each over service parts with the region from data.aws_region: one finding on the Docker registry instance',
      files: {
        'main.tf': `${vpc}
data "aws_region" "current" {}

resource "aws_vpc_endpoint" "ecr" {
  for_each          = toset(["ecr.api", "ecr.dkr"])
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${data.aws_region.current.name}.\${each.value}"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 16, message: 'an ecr.dkr endpoint (aws_vpc_endpoint.ecr["ecr.dkr"])' }],
    },
    {
      name: 'for_each over whole names whose region is unknown: the block stands for ecr.api and ecr.dkr',
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
      errors: [{ line: 16, message: 'an ecr.dkr endpoint (aws_vpc_endpoint.ecr) but no S3 endpoint' }],
    },
  ],
});
