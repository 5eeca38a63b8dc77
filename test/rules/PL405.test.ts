import { rule } from '../../server/src/rules/PL405';
import { testRule } from './rule-tester';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;

testRule(rule, {
  valid: [
    {
      name: 'a list spliced into the list, Terraform 0.11 style: not one subnet',
      files: {
        'main.tf': `${vpc}
variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-a", "subnet-b", "subnet-c"]
}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Interface"
  subnet_ids        = ["\${var.subnet_ids}"]
}
`,
      },
    },
    {
      name: 'two subnets; one subnet plus an association',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Interface"
  subnet_ids        = ["subnet-a", "subnet-b"]
}

resource "aws_vpc_endpoint" "sns" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sns"
  vpc_endpoint_type = "Interface"
  subnet_ids        = ["subnet-a"]
}

resource "aws_vpc_endpoint_subnet_association" "sns_b" {
  vpc_endpoint_id = aws_vpc_endpoint.sns.id
  subnet_id       = "subnet-b"
}
`,
      },
    },
    {
      name: 'subnet list of unknown length; a GatewayLoadBalancer endpoint in one subnet',
      files: {
        'main.tf': `${vpc}
variable "subnets" {}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Interface"
  subnet_ids        = var.subnets
}

resource "aws_vpc_endpoint" "fw" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = "GatewayLoadBalancer"
  subnet_ids        = ["subnet-a"]
}
`,
      },
    },
    {
      name: 'an association whose endpoint is unknown might add a subnet',
      files: {
        'main.tf': `${vpc}
variable "endpoint" {}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Interface"
  subnet_ids        = ["subnet-a"]
}

resource "aws_vpc_endpoint_subnet_association" "x" {
  vpc_endpoint_id = var.endpoint
  subnet_id       = "subnet-b"
}
`,
      },
    },
    {
      name: 'an association with an unknown count adds an unknown number of subnets',
      files: {
        'main.tf': `${vpc}
variable "n" {
  type = number
}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint_subnet_association" "sqs" {
  count           = var.n
  vpc_endpoint_id = aws_vpc_endpoint.sqs.id
  subnet_id       = "subnet-\${count.index}"
}
`,
      },
    },
    {
      name: 'an association with for_each over an unknown set adds an unknown number of subnets',
      files: {
        'main.tf': `${vpc}
variable "subnets" {
  type = list(string)
}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Interface"
  subnet_ids        = []
}

resource "aws_vpc_endpoint_subnet_association" "sqs" {
  for_each        = toset(var.subnets)
  vpc_endpoint_id = aws_vpc_endpoint.sqs.id
  subnet_id       = each.value
}
`,
      },
    },
    {
      name: 'an association with count = 2 counts two subnets',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Interface"
  subnet_ids        = null
}

resource "aws_vpc_endpoint_subnet_association" "sqs" {
  count           = 2
  vpc_endpoint_id = aws_vpc_endpoint.sqs.id
  subnet_id       = ["subnet-a", "subnet-b"][count.index]
}
`,
      },
    },
    {
      name: 'reusable module analysed alone: subnets from a variable defaulting to null (an input left to callers)',
      files: {
        'main.tf': `${vpc}
variable "subnet_ids" {
  type    = list(string)
  default = null
}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Interface"
  subnet_ids        = var.subnet_ids
}

resource "aws_vpc_endpoint_subnet_association" "sqs" {
  vpc_endpoint_id = aws_vpc_endpoint.sqs.id
  subnet_id       = "subnet-a"
}
`,
      },
    },
    {
      name: 'Resource and ServiceNetwork endpoints in two subnets, or in subnets a module input decides',
      files: {
        'main.tf': `${vpc}
variable "subnets" {}

resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
  subnet_ids                 = ["subnet-a", "subnet-b"]
}

resource "aws_vpc_endpoint" "sn" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
  subnet_ids          = var.subnets
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'one subnet, from a variable default',
      files: {
        'main.tf': `${vpc}
variable "subnets" {
  default = ["subnet-a"]
}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Interface"
  subnet_ids        = var.subnets
}
`,
      },
      errors: [{ line: 13, column: 3, severity: 'information', message: 'aws_vpc_endpoint.sqs is an Interface endpoint in one subnet' }],
    },
    {
      name: 'no subnet_ids, one association; for_each instances',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["logs"])
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint_subnet_association" "logs" {
  vpc_endpoint_id = aws_vpc_endpoint.this["logs"].id
  subnet_id       = "subnet-a"
}
`,
      },
      errors: [{ line: 5, message: 'aws_vpc_endpoint.this["logs"]' }],
    },
    {
      name: 'an association with count = 1 and subnet_ids = null: one subnet',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sqs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Interface"
  subnet_ids        = null
}

resource "aws_vpc_endpoint_subnet_association" "sqs" {
  count           = 1
  vpc_endpoint_id = aws_vpc_endpoint.sqs.id
  subnet_id       = "subnet-a"
}
`,
      },
      errors: [{ line: 9, column: 3, message: 'aws_vpc_endpoint.sqs is an Interface endpoint in one subnet' }],
    },
    {
      name: "a called module's try(each.value.subnet_ids, null): the entry with one subnet, not the one that leaves them out",
      files: {
        'main.tf': `${vpc}
module "endpoints" {
  source    = "./endpoints"
  vpc_id    = aws_vpc.main.id
  endpoints = {
    sqs = { subnet_ids = ["subnet-a"] }
    sns = {}
  }
}
`,
        'endpoints/main.tf': `variable "vpc_id" {
  type = string
}

variable "endpoints" {
  type = any
}

resource "aws_vpc_endpoint" "this" {
  for_each          = var.endpoints
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type = "Interface"
  subnet_ids        = try(each.value.subnet_ids, null)
}
`,
      },
      errors: [
        {
          file: 'endpoints/main.tf',
          line: 14,
          column: 3,
          message: 'module.endpoints.aws_vpc_endpoint.this["sqs"] is an Interface endpoint in one subnet',
        },
      ],
    },
    {
      name: 'Resource and ServiceNetwork endpoints in one subnet',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
  subnet_ids                 = ["subnet-a"]
}

resource "aws_vpc_endpoint" "sn" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
  subnet_ids          = ["subnet-a"]
}
`,
      },
      errors: [
        {
          line: 9,
          column: 3,
          message: 'aws_vpc_endpoint.db is a Resource endpoint in one subnet, so one Availability Zone: if that zone fails the resource',
        },
        {
          line: 16,
          column: 3,
          message:
            'aws_vpc_endpoint.sn is a ServiceNetwork endpoint in one subnet, so one Availability Zone: if that zone fails the service network',
        },
      ],
    },
  ],
});
