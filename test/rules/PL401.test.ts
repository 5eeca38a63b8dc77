import { rule } from '../../server/src/rules/PL401';
import { testRule } from './rule-tester';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;

testRule(rule, {
  valid: [
    {
      name: 'S3 and DynamoDB default to Gateway, which they offer',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

resource "aws_vpc_endpoint" "ddb" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.\${var.region}.dynamodb"
}

variable "region" {}
`,
      },
    },
    {
      name: 'type written, for Interface and GatewayLoadBalancer',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "ecr" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.ecr.dkr"
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint" "fw" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = "GatewayLoadBalancer"
}
`,
      },
    },
    {
      name: 'type from a variable without default: unknown',
      files: {
        'main.tf': `${vpc}
variable "type" {}

resource "aws_vpc_endpoint" "ecr" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.ecr.dkr"
  vpc_endpoint_type = var.type
}
`,
      },
    },
    {
      name: 'service name unknown',
      files: {
        'main.tf': `${vpc}
variable "service" {}

resource "aws_vpc_endpoint" "x" {
  vpc_id       = aws_vpc.main.id
  service_name = var.service
}
`,
      },
    },
    {
      name: 'FIPS name of a Gateway service is left alone',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "ddb" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.us-east-1.dynamodb-fips"
}
`,
      },
    },
    {
      name: 'S3 through a data source lookup by service',
      files: {
        'main.tf': `${vpc}
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
      name: 'every value the provider accepts, spelt as it spells them',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "a" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint" "lattice" {
  vpc_id              = aws_vpc.main.id
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:123456789012:servicenetwork/sn-0123456789abcdef0"
  vpc_endpoint_type   = "ServiceNetwork"
}

resource "aws_vpc_endpoint" "rc" {
  vpc_id                     = aws_vpc.main.id
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0"
  vpc_endpoint_type          = "Resource"
}
`,
      },
    },
    {
      name: 'an empty string is a placeholder, not a choice',
      files: {
        'main.tf': `${vpc}
variable "type" {
  default = ""
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = var.type
}
`,
      },
    },
    {
      name: 'for_each over names known in part, all Gateway services',
      files: {
        'main.tf': `${vpc}
data "aws_region" "current" {}

resource "aws_vpc_endpoint" "gw" {
  for_each     = toset(["com.amazonaws.\${data.aws_region.current.name}.s3", "com.amazonaws.\${data.aws_region.current.name}.dynamodb"])
  vpc_id       = aws_vpc.main.id
  service_name = each.value
}
`,
      },
    },
    {
      name: 'for_each whose collection is not known',
      files: {
        'main.tf': `${vpc}
data "aws_region" "current" {}
variable "services" {}

resource "aws_vpc_endpoint" "x" {
  for_each     = toset([for s in var.services : "com.amazonaws.\${data.aws_region.current.name}.\${s}"])
  vpc_id       = aws_vpc.main.id
  service_name = each.value
}
`,
      },
    },
    {
      name: 'Resource and ServiceNetwork endpoints with their type written',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = aws_vpclattice_resource_configuration.db.arn
}

resource "aws_vpc_endpoint" "sn" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
}

resource "aws_vpclattice_resource_configuration" "db" {
  name = "db"
}
`,
      },
    },
    {
      name: 'no type, targets that a module input decides, a null target, or two targets (PL404 reports those)',
      files: {
        'main.tf': `${vpc}
variable "rc_arn" {}

variable "sn_arn" {
  default = null
}

resource "aws_vpc_endpoint" "input" {
  vpc_id                     = aws_vpc.main.id
  resource_configuration_arn = var.rc_arn
}

resource "aws_vpc_endpoint" "null_default" {
  vpc_id              = aws_vpc.main.id
  service_network_arn = var.sn_arn
}

resource "aws_vpc_endpoint" "s3_null_target" {
  vpc_id                     = aws_vpc.main.id
  service_name               = "com.amazonaws.eu-west-1.s3"
  resource_configuration_arn = null
}

resource "aws_vpc_endpoint" "both" {
  vpc_id                     = aws_vpc.main.id
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
  service_network_arn        = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'ECR without a type',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "ecr" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ecr.dkr"
  private_dns_enabled = true
}
`,
      },
      errors: [{ line: 5, column: 1, endColumn: 34, severity: 'error', message: 'aws_vpc_endpoint.ecr has no vpc_endpoint_type' }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "ecr" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ecr.dkr"
  private_dns_enabled = true
  vpc_endpoint_type   = "Interface"
}
`,
      },
    },
    {
      name: 'for_each instances: one finding per instance, service from the key',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each     = toset(["ssm", "ssmmessages"])
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.\${each.key}"
}
`,
      },
      errors: [
        { line: 5, message: 'aws_vpc_endpoint.this["ssm"]' },
        { line: 5, message: 'aws_vpc_endpoint.this["ssmmessages"]' },
      ],
    },
    {
      name: 'template with unknown region, a null type counts as not written',
      files: {
        'main.tf': `${vpc}
variable "region" {}

resource "aws_vpc_endpoint" "sts" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${var.region}.sts"
  vpc_endpoint_type = null
}
`,
      },
      errors: [{ line: 7, message: 'sts does not offer' }],
    },
    {
      name: 'endpoint service with a Gateway Load Balancer, in another file',
      files: {
        'provider.tf': `resource "aws_vpc_endpoint_service" "fw" {
  acceptance_required        = false
  gateway_load_balancer_arns = [aws_lb.fw.arn]
}

resource "aws_lb" "fw" {
  load_balancer_type = "gateway"
}
`,
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "fw" {
  vpc_id       = aws_vpc.main.id
  service_name = aws_vpc_endpoint_service.fw.service_name
}
`,
      },
      errors: [{ line: 5, message: 'vpc_endpoint_type = "GatewayLoadBalancer"', related: 1 }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "fw" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.fw.service_name
  vpc_endpoint_type = "GatewayLoadBalancer"
}
`,
      },
    },
    {
      name: 'local child module: the service comes from the caller, the fix edits the child',
      files: {
        'main.tf': `${vpc}
module "sqs_endpoint" {
  source  = "./modules/endpoint"
  vpc_id  = aws_vpc.main.id
  service = "sqs"
}
`,
        'modules/endpoint/main.tf': `variable "vpc_id" {}
variable "service" {}

resource "aws_vpc_endpoint" "this" {
  vpc_id       = var.vpc_id
  service_name = "com.amazonaws.eu-west-1.\${var.service}"
}
`,
      },
      errors: [
        { file: 'modules/endpoint/main.tf', line: 4, message: 'module.sqs_endpoint.aws_vpc_endpoint.this has no vpc_endpoint_type' },
      ],
      output: {
        'modules/endpoint/main.tf': `variable "vpc_id" {}
variable "service" {}

resource "aws_vpc_endpoint" "this" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.eu-west-1.\${var.service}"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'literal endpoint service name',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "partner" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
}
`,
      },
      errors: [{ line: 5, message: 'vpce-svc-0123456789abcdef0 does not offer' }],
    },
    {
      name: 'vpc_endpoint_type in lower case: the provider compares case-sensitively',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sts" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type = "interface"
}
`,
      },
      errors: [
        {
          line: 8,
          column: 3,
          endColumn: 34,
          severity: 'error',
          message:
            'aws_vpc_endpoint.sts: vpc_endpoint_type "interface" is not a value the provider accepts (Gateway, GatewayLoadBalancer, Interface, Resource, ServiceNetwork; the case matters), so the plan fails. Write "Interface".',
        },
      ],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sts" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'a value written with separators, from a variable default in another file: fixed where it is written',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "fw" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = var.endpoint_type
}
`,
        'variables.tf': `variable "endpoint_type" {
  default = "gateway_load_balancer"
}
`,
      },
      errors: [{ line: 8, message: 'Write "GatewayLoadBalancer"', related: 1 }],
      output: {
        'variables.tf': `variable "endpoint_type" {
  default = "GatewayLoadBalancer"
}
`,
      },
    },
    {
      name: 'a per-instance value from a for_each map: only the misspelt instance, fixed in its entry',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each          = { s3 = "Gateway", sts = "INTERFACE" }
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type = each.value
}
`,
      },
      errors: [{ line: 9, message: 'aws_vpc_endpoint.this["sts"]: vpc_endpoint_type "INTERFACE"' }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each          = { s3 = "Gateway", sts = "Interface" }
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type = each.value
}
`,
      },
    },
    {
      name: 'a value that spells no type: reported without a fix',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sts" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type = "PrivateLink"
}
`,
      },
      errors: [{ line: 8, message: /"PrivateLink" is not a value the provider accepts .*so the plan fails\.$/ }],
    },
    {
      name: 'service looked up by a data source, no type',
      files: {
        'main.tf': `${vpc}
data "aws_vpc_endpoint_service" "sqs" {
  service = "sqs"
}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id       = aws_vpc.main.id
  service_name = data.aws_vpc_endpoint_service.sqs.service_name
}
`,
      },
      errors: [{ line: 9, message: 'sqs does not offer' }],
    },
    {
      name: 'for_each over names whose region is unknown, no type: the block is for Interface services',
      files: {
        'main.tf': `${vpc}
data "aws_region" "current" {}

resource "aws_vpc_endpoint" "this" {
  for_each     = toset(["com.amazonaws.\${data.aws_region.current.name}.sts", "com.amazonaws.\${data.aws_region.current.name}.s3"])
  vpc_id       = aws_vpc.main.id
  service_name = each.value
}
`,
      },
      errors: [
        {
          line: 7,
          message: 'aws_vpc_endpoint.this has no vpc_endpoint_type, so the provider creates a Gateway endpoint, which sts does not offer',
        },
      ],
    },
    {
      name: 'terraform-aws-modules vpc-endpoints entry with service_type = "interface": found and fixed in the caller',
      files: {
        'main.tf': `module "vpc_endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "5.8.1"
  vpc_id  = "vpc-123"
  endpoints = {
    sts = {
      service      = "sts"
      service_type = "interface"
      subnet_ids   = ["subnet-a", "subnet-b"]
    }
  }
}
`,
      },
      errors: [{ line: 8, message: 'module.vpc_endpoints.aws_vpc_endpoint.this["sts"]: vpc_endpoint_type "interface"' }],
      output: {
        'main.tf': `module "vpc_endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "5.8.1"
  vpc_id  = "vpc-123"
  endpoints = {
    sts = {
      service      = "sts"
      service_type = "Interface"
      subnet_ids   = ["subnet-a", "subnet-b"]
    }
  }
}
`,
      },
    },
    {
      name: 'resource configuration without a type: Resource inserted',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  resource_configuration_arn = aws_vpclattice_resource_configuration.db.arn
  subnet_ids                 = ["subnet-1", "subnet-2"]
}

resource "aws_vpclattice_resource_configuration" "db" {
  name = "db"
}
`,
      },
      errors: [{ line: 5, column: 1, related: 1, message: /resource_configuration_arn but no vpc_endpoint_type.*"Resource"/ }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  resource_configuration_arn = aws_vpclattice_resource_configuration.db.arn
  subnet_ids                 = ["subnet-1", "subnet-2"]
  vpc_endpoint_type          = "Resource"
}

resource "aws_vpclattice_resource_configuration" "db" {
  name = "db"
}
`,
      },
    },
    {
      name: 'service network without a type: ServiceNetwork inserted',
      files: {
        'main.tf': `${vpc}
variable "sn_arn" {
  default = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
}

resource "aws_vpc_endpoint" "sn" {
  vpc_id              = aws_vpc.main.id
  service_network_arn = var.sn_arn
}
`,
      },
      errors: [{ line: 9, column: 1, message: /service_network_arn but no vpc_endpoint_type.*"ServiceNetwork"/ }],
      output: {
        'main.tf': `${vpc}
variable "sn_arn" {
  default = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
}

resource "aws_vpc_endpoint" "sn" {
  vpc_id              = aws_vpc.main.id
  service_network_arn = var.sn_arn
  vpc_endpoint_type   = "ServiceNetwork"
}
`,
      },
    },
  ],
});
