import { rule } from '../../server/src/rules/PL404';
import { testRule } from './rule-tester';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_subnet" "b" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
}
`;

testRule(rule, {
  valid: [
    {
      name: 'each type with its own arguments',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = ["rtb-1"]
}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]
  security_group_ids  = ["sg-1"]
  private_dns_enabled = true

  dns_options {
    dns_record_ip_type = "ipv4"
  }
}

resource "aws_vpc_endpoint" "fw" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = "GatewayLoadBalancer"
  subnet_ids        = [aws_subnet.a.id]
}
`,
      },
    },
    {
      name: 'look-alikes: null, empty lists, false, unknown values (the terraform-aws-modules pattern)',
      files: {
        'main.tf': `${vpc}
variable "sgs" {}

resource "aws_vpc_endpoint" "s3" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type   = "Gateway"
  subnet_ids          = null
  security_group_ids  = []
  private_dns_enabled = false
  route_table_ids     = ["rtb-1"]
}

resource "aws_vpc_endpoint" "ddb" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.eu-west-1.dynamodb"
  security_group_ids = var.sgs
}
`,
      },
    },
    {
      name: 'dynamic dns_options from a generic module map (terraform-aws-modules vpc-endpoints style)',
      files: {
        'main.tf': `${vpc}
locals {
  endpoints = {
    s3 = { service = "s3", service_type = "Gateway" }
  }
}

resource "aws_vpc_endpoint" "this" {
  for_each          = local.endpoints
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.value.service}"
  vpc_endpoint_type = try(each.value.service_type, "Interface")

  dynamic "dns_options" {
    for_each = try([each.value.dns_options], [])

    content {
      dns_record_ip_type = try(dns_options.value.dns_record_ip_type, null)
    }
  }
}
`,
      },
    },
    {
      name: 'type missing for a non-Gateway service is PL401 territory',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "ecr" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.ecr.api"
  subnet_ids   = [aws_subnet.a.id]
}
`,
      },
    },
    {
      name: 'a type that spells nothing the provider accepts: its arguments are not judged',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "x" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type = "PrivateLink"
  route_table_ids   = ["rtb-1"]
}
`,
      },
    },
    {
      name: 'Resource and ServiceNetwork endpoints with their own arguments, Lattice DNS options included',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
  subnet_ids                 = [aws_subnet.a.id, aws_subnet.b.id]
  security_group_ids         = ["sg-1"]
  private_dns_enabled        = true

  dns_options {
    private_dns_preference        = "VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS"
    private_dns_specified_domains = ["db.example.internal"]
  }
}

resource "aws_vpc_endpoint" "sn" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
  subnet_ids          = [aws_subnet.a.id]
  service_name        = null

  dns_options {
    private_dns_preference = "ALL_DOMAINS"
  }
}
`,
      },
    },
    {
      name: 'targets a module input decides, null targets, Lattice DNS options left null or empty, a dynamic block',
      files: {
        'main.tf': `${vpc}
variable "rc_arn" {}

variable "service_name" {}

variable "preference" {
  default = null
}

resource "aws_vpc_endpoint" "either" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Interface"
  service_name               = "com.amazonaws.eu-west-1.sqs"
  resource_configuration_arn = var.rc_arn
  service_network_arn        = null

  dns_options {
    private_dns_preference        = var.preference
    private_dns_specified_domains = []
  }
}

resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Resource"
  service_name               = var.service_name
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
}

resource "aws_vpc_endpoint" "unknown_type" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = var.service_name
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
}

resource "aws_vpc_endpoint" "generic" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Interface"

  dynamic "dns_options" {
    for_each = [1]
    content {
      private_dns_preference = "ALL_DOMAINS"
    }
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'subnets on a Gateway endpoint',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  subnet_ids        = [aws_subnet.a.id] # private subnets
  route_table_ids   = ["rtb-1"]
}
`,
      },
      errors: [{ line: 19, column: 3, severity: 'error', message: 'subnet_ids does not apply to aws_vpc_endpoint.s3, a Gateway endpoint' }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = ["rtb-1"]
}
`,
      },
    },
    {
      name: 'private DNS and dns_options on a default-type S3 endpoint: one finding each',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.s3"
  private_dns_enabled = true

  dns_options {
    private_dns_only_for_inbound_resolver_endpoint = true
  }
}
`,
      },
      errors: [
        { line: 18, message: 'private_dns_enabled does not apply' },
        { line: 20, column: 3, endColumn: 14, message: 'dns_options does not apply' },
      ],
      fixOf: 1,
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.s3"
  private_dns_enabled = true

}
`,
      },
    },
    {
      name: 'route tables on an Interface endpoint, for_each instances',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["ssm", "ssmmessages"])
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type = "Interface"
  route_table_ids   = ["rtb-1"]
}
`,
      },
      errors: [
        { line: 20, message: 'aws_vpc_endpoint.this["ssm"], an Interface endpoint' },
        { line: 20, message: 'aws_vpc_endpoint.this["ssmmessages"]' },
      ],
    },
    {
      name: 'GatewayLoadBalancer endpoint in two subnets, with a security group',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "fw" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type  = "GatewayLoadBalancer"
  subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
  security_group_ids = ["sg-1"]
}
`,
      },
      errors: [
        { line: 19, message: 'one endpoint per Availability Zone' },
        { line: 20, message: 'security_group_ids does not apply' },
      ],
      fixOf: 1,
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "fw" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type  = "GatewayLoadBalancer"
  subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
}
`,
      },
    },
    {
      name: 'subnet association on a Gateway endpoint, in another file',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
        'assoc.tf': `resource "aws_vpc_endpoint_subnet_association" "a" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  subnet_id       = aws_subnet.a.id
}
`,
      },
      errors: [
        { file: 'assoc.tf', line: 1, related: 1, message: 'is for Interface, GatewayLoadBalancer, Resource and ServiceNetwork endpoints' },
      ],
    },
    {
      name: 'route tables on an endpoint typed "interface": checked as the Interface endpoint it means',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sts" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type = "interface"
  route_table_ids   = ["rtb-1"]
}
`,
      },
      errors: [{ line: 19, column: 3, message: 'route_table_ids does not apply to aws_vpc_endpoint.sts, an Interface endpoint' }],
    },
    {
      name: 'a service name and a resource configuration on a Resource endpoint: the service name is removed',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Resource"
  service_name               = "com.amazonaws.eu-west-1.rds"
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
}
`,
      },
      errors: [
        {
          line: 18,
          column: 3,
          message:
            /service_name does not apply to aws_vpc_endpoint\.db, a Resource endpoint.*already names its target with resource_configuration_arn/,
        },
      ],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
}
`,
      },
    },
    {
      name: 'an Interface endpoint with a service network as well: the service network is removed',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "Interface"
  service_name        = "com.amazonaws.eu-west-1.sqs"
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
}
`,
      },
      errors: [{ line: 19, column: 3, message: /service_network_arn does not apply to aws_vpc_endpoint\.sqs, an Interface endpoint/ }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "Interface"
  service_name        = "com.amazonaws.eu-west-1.sqs"
}
`,
      },
    },
    {
      name: 'an Interface endpoint naming only a resource configuration: reported without a fix (the type may be the mistake)',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Interface"
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
}
`,
      },
      errors: [{ line: 18, column: 3, message: /a Resource endpoint\. Change vpc_endpoint_type, or name the target with service_name/ }],
    },
    {
      name: 'Resource and ServiceNetwork endpoints without their target',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "db" {
  vpc_id            = aws_vpc.main.id
  vpc_endpoint_type = "Resource"
}

resource "aws_vpc_endpoint" "sn" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = null
}
`,
      },
      errors: [
        { line: 17, column: 3, message: /a Resource endpoint without resource_configuration_arn/ },
        { line: 22, column: 3, message: /a ServiceNetwork endpoint without service_network_arn/ },
      ],
    },
    {
      name: 'two targets and no type: the second is reported, with no fix',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "both" {
  vpc_id                     = aws_vpc.main.id
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
  service_network_arn        = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
}
`,
      },
      errors: [
        { line: 18, column: 3, message: /sets resource_configuration_arn and service_network_arn: an endpoint names exactly one target/ },
      ],
    },
    {
      name: 'Lattice DNS options on an Interface endpoint: removed',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "Interface"
  service_name        = "com.amazonaws.eu-west-1.sqs"
  private_dns_enabled = true

  dns_options {
    dns_record_ip_type            = "ipv4"
    private_dns_preference        = "SPECIFIED_DOMAINS_ONLY"
    private_dns_specified_domains = ["sqs.example.internal"]
  }
}
`,
      },
      errors: [
        {
          line: 23,
          column: 5,
          message: /dns_options\.private_dns_preference does not apply to aws_vpc_endpoint\.sqs, an Interface endpoint/,
        },
        { line: 24, column: 5, message: /dns_options\.private_dns_specified_domains/ },
      ],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "Interface"
  service_name        = "com.amazonaws.eu-west-1.sqs"
  private_dns_enabled = true

  dns_options {
    dns_record_ip_type            = "ipv4"
    private_dns_specified_domains = ["sqs.example.internal"]
  }
}
`,
      },
    },
    {
      name: 'route tables on a Resource endpoint',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
  route_table_ids            = ["rtb-1"]
}
`,
      },
      errors: [
        {
          line: 19,
          column: 3,
          message: /route_table_ids does not apply to aws_vpc_endpoint\.db, a Resource endpoint: it is for Gateway endpoints/,
        },
      ],
    },
  ],
});
