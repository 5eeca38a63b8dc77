import { rule } from '../../server/src/rules/PL201';
import { testRule } from './rule-tester';

const vpc = `resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
`;

const ep = (extra = '') => `
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
${extra}}
`;

const sg = `
resource "aws_security_group" "endpoints" {
  vpc_id = aws_vpc.main.id
}
`;

testRule(rule, {
  valid: [
    { name: 'security_group_ids set', files: { 'main.tf': vpc + sg + ep('  security_group_ids  = [aws_security_group.endpoints.id]\n') } },
    {
      name: 'association resource',
      files: {
        'main.tf':
          vpc +
          sg +
          ep() +
          `
resource "aws_vpc_endpoint_security_group_association" "ssm" {
  vpc_endpoint_id   = aws_vpc_endpoint.ssm.id
  security_group_id = aws_security_group.endpoints.id
}
`,
      },
    },
    {
      name: "association made by the caller for a child module's endpoint",
      files: {
        'main.tf': `${vpc}${sg}
module "endpoints" {
  source = "./endpoints"
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_endpoint_security_group_association" "ssm" {
  vpc_endpoint_id   = module.endpoints.ssm_id
  security_group_id = aws_security_group.endpoints.id
}
`,
        'endpoints/main.tf': `variable "vpc_id" {
  type = string
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type = "Interface"
}

output "ssm_id" {
  value = aws_vpc_endpoint.ssm.id
}
`,
      },
    },
    {
      name: 'security groups from a variable without a default',
      files: { 'main.tf': `variable "sgs" {\n  type = list(string)\n}\n${vpc}` + ep('  security_group_ids  = var.sgs\n') },
    },
    {
      name: 'Gateway endpoint',
      files: {
        'main.tf': `${vpc}\nresource "aws_vpc_endpoint" "s3" {\n  vpc_id       = aws_vpc.main.id\n  service_name = "com.amazonaws.eu-west-1.s3"\n}\n`,
      },
    },
    {
      name: 'an association whose endpoint cannot be resolved might be this one',
      files: {
        'main.tf':
          `variable "ep" {\n  type = string\n}\n${vpc}` +
          sg +
          ep() +
          `
resource "aws_vpc_endpoint_security_group_association" "x" {
  vpc_endpoint_id   = var.ep
  security_group_id = aws_security_group.endpoints.id
}
`,
      },
    },
    {
      name: 'reusable module analysed alone: security groups from a variable defaulting to null (an input left to callers)',
      files: {
        'main.tf': `variable "sgs" {\n  type    = list(string)\n  default = null\n}\n${vpc}` + ep('  security_group_ids  = var.sgs\n'),
      },
    },
    {
      name: 'an association with an unknown count may attach a group',
      files: {
        'main.tf':
          `variable "attach" {\n  type = bool\n}\n${vpc}` +
          sg +
          ep() +
          `
resource "aws_vpc_endpoint_security_group_association" "ssm" {
  count             = var.attach ? 1 : 0
  vpc_endpoint_id   = aws_vpc_endpoint.ssm.id
  security_group_id = aws_security_group.endpoints.id
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'no security group: fix adds one admitting 443 from the VPC',
      files: { 'main.tf': vpc + ep() },
      errors: [{ line: 6, column: 1, endColumn: 34, severity: 'warning', message: "the VPC's default security group" }],
      output: {
        'main.tf':
          vpc +
          `
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  security_group_ids  = [aws_security_group.ssm_endpoint.id]
}

resource "aws_security_group" "ssm_endpoint" {
  name_prefix = "ssm-endpoint-"
  description = "Clients in the VPC to the ssm endpoint"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}
`,
      },
    },
    {
      name: 'security_group_ids = null is no security group: the null is replaced',
      files: { 'main.tf': vpc + ep('  security_group_ids  = null\n') },
      errors: [{ line: 11, column: 3, message: "the VPC's default security group" }],
    },
    {
      name: "a called module's try(each.value.security_group_ids, null) for an entry that leaves it out",
      files: {
        'main.tf': `${vpc}${sg}
module "endpoints" {
  source    = "./endpoints"
  vpc_id    = aws_vpc.main.id
  endpoints = {
    ssm = { security_group_ids = [aws_security_group.endpoints.id] }
    kms = {}
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
  for_each           = var.endpoints
  vpc_id             = var.vpc_id
  service_name       = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type  = "Interface"
  security_group_ids = try(each.value.security_group_ids, null)
}
`,
      },
      errors: [
        { file: 'endpoints/main.tf', line: 14, column: 3, message: 'module.endpoints.aws_vpc_endpoint.this["kms"] has no security group' },
      ],
    },
    {
      name: 'empty list, VPC in a child module: the CIDR is written as text',
      files: {
        'main.tf': `module "net" {
  source = "./net"
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = module.net.vpc_id
  service_name       = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type  = "Interface"
  security_group_ids = []
}
`,
        'net/main.tf': `resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

output "vpc_id" {
  value = aws_vpc.main.id
}
`,
      },
      errors: [{ line: 9, column: 3 }],
      output: {
        'main.tf': `module "net" {
  source = "./net"
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = module.net.vpc_id
  service_name       = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.ssm_endpoint.id]
}

resource "aws_security_group" "ssm_endpoint" {
  name_prefix = "ssm-endpoint-"
  description = "Clients in the VPC to the ssm endpoint"
  vpc_id      = module.net.vpc_id

  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.20.0.0/16"]
  }
}
`,
      },
    },
    {
      name: 'VPC CIDR unknown: a placeholder the user fills in; existing names avoided',
      files: {
        'main.tf': `variable "vpc_id" {
  type = string
}

resource "aws_security_group" "ssm_endpoint" {
  vpc_id = var.vpc_id
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 9 }],
      output: {
        'main.tf': `variable "vpc_id" {
  type = string
}

resource "aws_security_group" "ssm_endpoint" {
  vpc_id = var.vpc_id
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = var.vpc_id
  service_name       = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.ssm_endpoint_2.id]
}

resource "aws_security_group" "ssm_endpoint_2" {
  name_prefix = "ssm-endpoint-"
  description = "Clients in the VPC to the ssm endpoint"
  vpc_id      = var.vpc_id

  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["REPLACE-WITH-VPC-CIDR"]
  }
}
`,
      },
    },
    {
      name: 'endpoint service in the workspace: the listener port',
      files: {
        'main.tf':
          vpc +
          `
resource "aws_lb" "svc" {
  load_balancer_type = "network"
  internal           = true
}

resource "aws_lb_listener" "svc" {
  load_balancer_arn = aws_lb.svc.arn
  port              = 8443
  protocol          = "TCP"
}

resource "aws_vpc_endpoint_service" "svc" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.svc.arn]
}

resource "aws_vpc_endpoint" "svc" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.svc.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 22 }],
      output: {
        'main.tf':
          vpc +
          `
resource "aws_lb" "svc" {
  load_balancer_type = "network"
  internal           = true
}

resource "aws_lb_listener" "svc" {
  load_balancer_arn = aws_lb.svc.arn
  port              = 8443
  protocol          = "TCP"
}

resource "aws_vpc_endpoint_service" "svc" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.svc.arn]
}

resource "aws_vpc_endpoint" "svc" {
  vpc_id             = aws_vpc.main.id
  service_name       = aws_vpc_endpoint_service.svc.service_name
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.svc_endpoint.id]
}

resource "aws_security_group" "svc_endpoint" {
  name_prefix = "svc-endpoint-"
  description = "Clients in the VPC to the svc endpoint"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "TCP 8443 from the VPC"
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}
`,
      },
    },
  ],
});

// Resource and ServiceNetwork endpoints have network interfaces and security groups too.

const lattice = `
resource "aws_vpclattice_resource_gateway" "data" {
  name       = "data"
  vpc_id     = "vpc-0123456789abcdef0"
  subnet_ids = ["subnet-0123456789abcdef0"]
}

resource "aws_vpclattice_resource_configuration" "db" {
  name                        = "db"
  resource_gateway_identifier = aws_vpclattice_resource_gateway.data.id
  port_ranges                 = ["5432", "8000-8080"]
  protocol                    = "TCP"

  resource_configuration_definition {
    dns_resource {
      domain_name     = "db.data.internal"
      ip_address_type = "IPV4"
    }
  }
}
`;

const resourceEp = (extra = '') => `
resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = aws_vpclattice_resource_configuration.db.arn
${extra}}
`;

const networkEp = (extra = '') => `
resource "aws_vpc_endpoint" "shared" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
${extra}}
`;

testRule(rule, {
  valid: [
    {
      name: 'Resource endpoint with a security group',
      files: { 'main.tf': vpc + sg + lattice + resourceEp('  security_group_ids         = [aws_security_group.endpoints.id]\n') },
    },
    {
      name: 'ServiceNetwork endpoint with an association resource',
      files: {
        'main.tf':
          vpc +
          sg +
          networkEp() +
          `
resource "aws_vpc_endpoint_security_group_association" "shared" {
  vpc_endpoint_id   = aws_vpc_endpoint.shared.id
  security_group_id = aws_security_group.endpoints.id
}
`,
      },
    },
    {
      name: 'ServiceNetwork endpoint whose groups are an input left to callers',
      files: {
        'main.tf': `variable "sgs" {\n  type = list(string)\n}\n${vpc}${networkEp('  security_group_ids  = var.sgs\n')}`,
      },
    },
    {
      name: 'a GatewayLoadBalancer endpoint is not guarded by security groups',
      files: {
        'main.tf':
          vpc +
          `
resource "aws_vpc_endpoint" "inspection" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = "GatewayLoadBalancer"
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "Resource endpoint: the new group admits the configuration's port ranges",
      files: { 'main.tf': vpc + lattice + resourceEp() },
      errors: [{ line: 26, column: 1, message: 'aws_vpc_endpoint.db has no security group' }],
      output: {
        'main.tf':
          vpc +
          lattice +
          `
resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = aws_vpclattice_resource_configuration.db.arn
  security_group_ids         = [aws_security_group.db_endpoint.id]
}

resource "aws_security_group" "db_endpoint" {
  name_prefix = "db-endpoint-"
  description = "Clients in the VPC to the db resource endpoint"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "TCP 5432 from the VPC"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }

  ingress {
    description = "TCP 8000-8080 from the VPC"
    from_port   = 8000
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}
`,
      },
    },
    {
      name: 'ServiceNetwork endpoint: ports not known, the fix admits 443 for a person to check',
      files: { 'main.tf': vpc + networkEp() },
      errors: [{ line: 6, column: 1, severity: 'warning', message: 'aws_vpc_endpoint.shared has no security group' }],
      output: {
        'main.tf':
          vpc +
          `
resource "aws_vpc_endpoint" "shared" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
  security_group_ids  = [aws_security_group.shared_endpoint.id]
}

resource "aws_security_group" "shared_endpoint" {
  name_prefix = "shared-endpoint-"
  description = "Clients in the VPC to the shared service network endpoint"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}
`,
      },
    },
  ],
});
