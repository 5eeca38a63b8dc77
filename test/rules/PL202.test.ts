import { rule } from '../../server/src/rules/PL202';
import { testRule } from './rule-tester';

const vpc = `resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
`;

const ep = (sgs = '[aws_security_group.endpoints.id]') => `
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  security_group_ids  = ${sgs}
}
`;

const sg = (body: string) => `
resource "aws_security_group" "endpoints" {
  name   = "endpoints"
  vpc_id = aws_vpc.main.id
${body}}
`;

const ingress = (proto: string, from: number, to: number) => `
  ingress {
    from_port   = ${from}
    to_port     = ${to}
    protocol    = "${proto}"
    cidr_blocks = ["10.0.0.0/16"]
  }
`;

const provider = (port: string, proto = 'TCP') => `
resource "aws_lb" "svc" {
  load_balancer_type = "network"
  internal           = true
}

resource "aws_lb_listener" "svc" {
  load_balancer_arn = aws_lb.svc.arn
  port              = ${port}
  protocol          = "${proto}"
}

resource "aws_vpc_endpoint_service" "svc" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.svc.arn]
}

resource "aws_vpc_endpoint" "svc" {
  vpc_id             = aws_vpc.main.id
  service_name       = aws_vpc_endpoint_service.svc.service_name
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.endpoints.id]
}
`;

testRule(rule, {
  valid: [
    { name: 'inline 443', files: { 'main.tf': vpc + sg(ingress('tcp', 443, 443)) + ep() } },
    { name: 'a range covering 443', files: { 'main.tf': vpc + sg(ingress('tcp', 0, 65535)) + ep() } },
    { name: 'all protocols', files: { 'main.tf': vpc + sg(ingress('-1', 0, 0)) + ep() } },
    {
      name: 'aws_security_group_rule for 443',
      files: {
        'main.tf':
          vpc +
          sg('') +
          ep() +
          `
resource "aws_security_group_rule" "https" {
  type              = "ingress"
  security_group_id = aws_security_group.endpoints.id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/16"]
}
`,
      },
    },
    {
      name: 'aws_vpc_security_group_ingress_rule in another file',
      files: {
        'main.tf': vpc + sg('') + ep(),
        'rules.tf': `resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.endpoints.id
  cidr_ipv4         = "10.0.0.0/16"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}
`,
      },
    },
    {
      name: 'second group allows it',
      files: {
        'main.tf':
          vpc +
          sg(ingress('tcp', 22, 22)) +
          `
resource "aws_security_group" "https" {
  vpc_id = aws_vpc.main.id
${ingress('tcp', 443, 443)}}
` +
          ep('[aws_security_group.endpoints.id, aws_security_group.https.id]'),
      },
    },
    {
      name: 'dynamic ingress (cannot see every rule)',
      files: {
        'main.tf':
          `variable "ports" {\n  type = list(number)\n}\n${vpc}` +
          sg(`
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/16"]
    }
  }
`) +
          ep(),
      },
    },
    {
      name: 'a rule resource whose group is unknown might be for this group',
      files: {
        'main.tf':
          `variable "sg" {\n  type = string\n}\n${vpc}` +
          sg('') +
          ep() +
          `
resource "aws_security_group_rule" "x" {
  type              = "ingress"
  security_group_id = var.sg
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/16"]
}
`,
      },
    },
    {
      name: 'a rule resource on an instance of the endpoint group block, with a key not known, might be for it',
      files: {
        'main.tf':
          `variable "k" {\n  type = string\n}\n${vpc}` +
          sg('') +
          ep() +
          `
resource "aws_security_group_rule" "x" {
  type              = "ingress"
  security_group_id = aws_security_group.endpoints[var.k].id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/16"]
}
`,
      },
    },
    {
      name: 'a registry module given the group may add rules',
      files: {
        'main.tf':
          vpc +
          sg('') +
          ep() +
          `
module "rules" {
  source            = "terraform-aws-modules/security-group/aws"
  create_sg         = false
  security_group_id = aws_security_group.endpoints.id
}
`,
      },
    },
    {
      name: 'ingress managed elsewhere (lifecycle ignore_changes)',
      files: {
        'main.tf':
          vpc +
          sg(`
  lifecycle {
    ignore_changes = [ingress]
  }
`) +
          ep(),
      },
    },
    { name: 'group ids unknown', files: { 'main.tf': `variable "sgs" {\n  type = list(string)\n}\n${vpc}` + ep('var.sgs') } },
    {
      // Another configuration reads the id (terraform_remote_state) and adds its own rules.
      name: 'a group the root module outputs may get rules elsewhere',
      files: { 'main.tf': vpc + sg('') + ep() + 'output "endpoints_sg" {\n  value = aws_security_group.endpoints.id\n}\n' },
    },
    {
      name: 'a rule resource on a group read from another configuration might be for this group',
      files: {
        'main.tf':
          vpc +
          sg('') +
          ep() +
          `
data "terraform_remote_state" "endpoints" {
  backend = "local"
  config = {
    path = "../endpoints/terraform.tfstate"
  }
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = data.terraform_remote_state.endpoints.outputs.endpoints_sg
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
  cidr_ipv4         = "10.0.0.0/16"
}
`,
      },
    },
    { name: 'no group at all (PL201)', files: { 'main.tf': vpc + ep('[]') } },
    {
      name: 'a group read with a data source',
      files: { 'main.tf': `data "aws_security_group" "x" {\n  name = "x"\n}\n${vpc}` + ep('[data.aws_security_group.x.id]') },
    },
    { name: 'endpoint service listening on 8443, allowed', files: { 'main.tf': vpc + sg(ingress('tcp', 8443, 8443)) + provider('8443') } },
    {
      name: 'endpoint service, listener port unknown',
      files: { 'main.tf': `variable "port" {\n  type = number\n}\n${vpc}` + sg(ingress('tcp', 443, 443)) + provider('var.port') },
    },
    { name: 'UDP listener only', files: { 'main.tf': vpc + sg(ingress('udp', 53, 53)) + provider('53', 'UDP') } },
    {
      name: 'data source lookup of an endpoint service by its name: the port is the provider side, not known',
      files: {
        'main.tf':
          vpc +
          sg('') +
          `
data "aws_vpc_endpoint_service" "partner" {
  service_name = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
}

resource "aws_vpc_endpoint" "partner" {
  vpc_id             = aws_vpc.main.id
  service_name       = data.aws_vpc_endpoint_service.partner.service_name
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.endpoints.id]
}
`,
      },
    },
    {
      name: 'data source without service or name: not known',
      files: {
        'main.tf':
          vpc +
          sg('') +
          `
data "aws_vpc_endpoint_service" "x" {
  filter {
    name   = "owner"
    values = ["123456789012"]
  }
}

resource "aws_vpc_endpoint" "x" {
  vpc_id             = aws_vpc.main.id
  service_name       = data.aws_vpc_endpoint_service.x.service_name
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.endpoints.id]
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'inline rule for another port: fix adds an inline block',
      files: { 'main.tf': vpc + sg(ingress('tcp', 22, 22)) + ep() },
      errors: [{ line: 23, column: 3, severity: 'error', message: 'lets in TCP 443', related: 1 }],
      output: {
        'main.tf':
          vpc +
          sg(`${ingress('tcp', 22, 22)}
  ingress {
    description = "HTTPS from the VPC to ssm"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
`) +
          ep(),
      },
    },
    {
      name: "a group a child module outputs to its caller only is the tree's own",
      files: {
        'main.tf': 'module "eps" {\n  source = "./eps"\n}\n',
        'eps/main.tf': vpc + sg('') + ep() + 'output "endpoints_sg" {\n  value = aws_security_group.endpoints.id\n}\n',
      },
      errors: [{ line: 16, file: 'eps/main.tf' }],
    },
    {
      name: 'rule resources that cannot be for the endpoint group: an instance of another group block, an egress rule',
      files: {
        'main.tf':
          `variable "k" {\n  type = string\n}\nvariable "sg" {\n  type = string\n}\n${vpc}` +
          sg('') +
          ep() +
          `
resource "aws_security_group" "app" {
  for_each = toset(["a", "b"])
  name     = "app-\${each.key}"
  vpc_id   = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "app" {
  security_group_id = aws_security_group.app[var.k].id
  cidr_ipv4         = "10.0.0.0/16"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}

resource "aws_security_group_rule" "out" {
  type              = "egress"
  security_group_id = var.sg
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
}
`,
      },
      errors: [{ line: 22, message: 'No security group of aws_vpc_endpoint.ssm lets in TCP 443' }],
    },
    {
      name: 'no ingress at all',
      files: { 'main.tf': vpc + sg('') + ep() },
      errors: [{ line: 16 }],
      output: {
        'main.tf':
          vpc +
          sg(`
  ingress {
    description = "HTTPS from the VPC to ssm"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
`) +
          ep(),
      },
    },
    {
      name: 'UDP 443 does not count; rules written as aws_security_group_rule get a new one',
      files: {
        'main.tf': vpc + sg('') + ep(),
        'rules.tf': `resource "aws_security_group_rule" "quic" {
  type              = "ingress"
  security_group_id = aws_security_group.endpoints.id
  from_port         = 443
  to_port           = 443
  protocol          = "udp"
  cidr_blocks       = ["10.0.0.0/16"]
}
`,
      },
      errors: [{ line: 16 }],
      output: {
        'rules.tf': `resource "aws_security_group_rule" "quic" {
  type              = "ingress"
  security_group_id = aws_security_group.endpoints.id
  from_port         = 443
  to_port           = 443
  protocol          = "udp"
  cidr_blocks       = ["10.0.0.0/16"]
}

resource "aws_security_group_rule" "endpoints_https" {
  description       = "HTTPS from the VPC to ssm"
  type              = "ingress"
  security_group_id = aws_security_group.endpoints.id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = [aws_vpc.main.cidr_block]
}
`,
      },
    },
    {
      name: 'aws_vpc_security_group_ingress_rule style, through an association',
      files: {
        'main.tf':
          vpc +
          sg('') +
          `
resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.endpoints.id
  cidr_ipv4         = "10.0.0.0/16"
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint_security_group_association" "ssm" {
  vpc_endpoint_id   = aws_vpc_endpoint.ssm.id
  security_group_id = aws_security_group.endpoints.id
}
`,
      },
      errors: [{ line: 19, column: 1 }],
      output: {
        'main.tf':
          vpc +
          sg('') +
          `
resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.endpoints.id
  cidr_ipv4         = "10.0.0.0/16"
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_https" {
  description       = "HTTPS from the VPC to ssm"
  security_group_id = aws_security_group.endpoints.id
  cidr_ipv4         = aws_vpc.main.cidr_block
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint_security_group_association" "ssm" {
  vpc_endpoint_id   = aws_vpc_endpoint.ssm.id
  security_group_id = aws_security_group.endpoints.id
}
`,
      },
    },
    {
      name: 'endpoint service listening on 8443, group admits 443',
      files: { 'main.tf': vpc + sg(ingress('tcp', 443, 443)) + provider('8443') },
      errors: [{ line: 38, message: 'TCP 8443' }],
    },
    {
      name: 'for_each endpoints sharing a group',
      files: {
        'main.tf':
          vpc +
          sg(ingress('tcp', 80, 80)) +
          `
resource "aws_vpc_endpoint" "this" {
  for_each           = toset(["ssm", "kms"])
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.endpoints.id]
}
`,
      },
      errors: [
        { line: 23, message: 'aws_vpc_endpoint.this["kms"]' },
        { line: 23, message: 'aws_vpc_endpoint.this["ssm"]' },
      ],
    },
    {
      name: 'AWS service looked up by a data source (service): port 443',
      files: {
        'main.tf':
          vpc +
          sg(ingress('tcp', 80, 80)) +
          `
data "aws_vpc_endpoint_service" "sqs" {
  service = "sqs"
}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id             = aws_vpc.main.id
  service_name       = data.aws_vpc_endpoint_service.sqs.service_name
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.endpoints.id]
}
`,
      },
      errors: [{ line: 26, column: 3, message: 'No security group of aws_vpc_endpoint.sqs lets in TCP 443' }],
    },
    {
      name: 'for_each over names whose region is unknown: one block for both services, port 443',
      files: {
        'main.tf':
          vpc +
          sg(ingress('tcp', 80, 80)) +
          `
data "aws_region" "current" {}

resource "aws_vpc_endpoint" "this" {
  for_each           = toset(["com.amazonaws.\${data.aws_region.current.name}.ssm", "com.amazonaws.\${data.aws_region.current.name}.kms"])
  vpc_id             = aws_vpc.main.id
  service_name       = each.value
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.endpoints.id]
}
`,
      },
      errors: [{ line: 25, column: 3, message: 'No security group of aws_vpc_endpoint.this ' }],
    },
  ],
});

// Resource and ServiceNetwork endpoints, and the resource gateway behind a resource configuration.

const dataVpc = `resource "aws_vpc" "data" {
  cidr_block = "10.2.0.0/16"
}
`;

/** A resource gateway with one security group, and a resource configuration on it. */
const gatewayAndConfig = (
  ports: string,
  def = 'dns_resource {\n      domain_name     = "db.data.internal"\n      ip_address_type = "IPV4"\n    }',
) => `
resource "aws_vpclattice_resource_gateway" "data" {
  name               = "data"
  vpc_id             = aws_vpc.data.id
  subnet_ids         = ["subnet-0123456789abcdef0"]
  security_group_ids = [aws_security_group.gateway.id]
}

resource "aws_vpclattice_resource_configuration" "db" {
  name                        = "db"
  resource_gateway_identifier = aws_vpclattice_resource_gateway.data.id
  port_ranges                 = ${ports}
  protocol                    = "TCP"

  resource_configuration_definition {
    ${def}
  }
}
`;

const gatewaySg = (body: string) => `
resource "aws_security_group" "gateway" {
  name   = "gateway"
  vpc_id = aws_vpc.data.id
${body}}
`;

const egress = (proto: string, from: number, to: number) => `
  egress {
    from_port   = ${from}
    to_port     = ${to}
    protocol    = "${proto}"
    cidr_blocks = ["10.2.0.0/16"]
  }
`;

/** The gateway lets everything out: only the endpoint's groups are judged. */
const openGateway = gatewaySg(egress('-1', 0, 0));

const resourceEp = (arn = 'aws_vpclattice_resource_configuration.db.arn') => `
resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = ${arn}
  security_group_ids         = [aws_security_group.endpoints.id]
}
`;

const networkEp = `
resource "aws_vpclattice_service_network" "shared" {
  name = "shared"
}

resource "aws_vpc_endpoint" "shared" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = aws_vpclattice_service_network.shared.arn
  security_group_ids  = [aws_security_group.endpoints.id]
}
`;

const consumer = (sgBody: string, ports = '["5432"]', arn?: string) =>
  vpc + dataVpc + gatewayAndConfig(ports) + openGateway + sg(sgBody) + resourceEp(arn);

testRule(rule, {
  valid: [
    { name: 'Resource endpoint: the group admits the configuration port', files: { 'main.tf': consumer(ingress('tcp', 5432, 5432)) } },
    {
      name: 'Resource endpoint: a range admitted in part is a deliberate narrowing',
      files: { 'main.tf': consumer(ingress('tcp', 8000, 8010), '["8000-8080"]') },
    },
    {
      name: 'Resource endpoint: a wide rule covers the range',
      files: { 'main.tf': consumer(ingress('tcp', 0, 65535), '["8000-8080"]') },
    },
    {
      name: 'Resource endpoint: every range of the configuration admitted',
      files: { 'main.tf': consumer(ingress('tcp', 5432, 5432) + ingress('tcp', 8080, 8080), '["5432", "8000-8080"]') },
    },
    {
      name: 'Resource endpoint: the configuration comes from a variable (an input left to callers)',
      files: {
        'main.tf': `variable "db_arn" {\n  type = string\n}\n${consumer(ingress('tcp', 443, 443), '["5432"]', 'var.db_arn')}`,
      },
    },
    {
      name: 'Resource endpoint: port ranges not known',
      files: {
        'main.tf': `variable "ports" {\n  type = list(string)\n}\n${consumer(ingress('tcp', 443, 443), 'var.ports')}`,
      },
    },
    {
      name: 'Resource endpoint: a configuration read with a data source',
      files: {
        'main.tf':
          vpc +
          sg(ingress('tcp', 443, 443)) +
          `
data "aws_vpclattice_resource_configuration" "db" {
  name = "db"
}
` +
          resourceEp('data.aws_vpclattice_resource_configuration.db.arn'),
      },
    },
    {
      name: 'Resource endpoint: a configuration ARN written as text (shared from another account)',
      files: {
        'main.tf':
          vpc +
          sg(ingress('tcp', 443, 443)) +
          resourceEp('"arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"'),
      },
    },
    {
      name: 'ServiceNetwork endpoint: the ports of the network are not known',
      files: { 'main.tf': vpc + sg(ingress('tcp', 22, 22)) + networkEp },
    },
    // The gateway's side.
    {
      name: 'gateway: egress to the configuration port',
      files: { 'main.tf': dataVpc + gatewayAndConfig('["5432"]') + gatewaySg(egress('tcp', 5432, 5432)) },
    },
    {
      name: 'gateway: egress on part of the range',
      files: { 'main.tf': dataVpc + gatewayAndConfig('["8000-8080"]') + gatewaySg(egress('tcp', 8080, 8080)) },
    },
    {
      name: 'gateway: aws_vpc_security_group_egress_rule in another file',
      files: {
        'main.tf': dataVpc + gatewayAndConfig('["5432"]') + gatewaySg(''),
        'rules.tf': `resource "aws_vpc_security_group_egress_rule" "db" {
  security_group_id = aws_security_group.gateway.id
  cidr_ipv4         = "10.2.0.0/16"
  from_port         = 5432
  to_port           = 5432
  ip_protocol       = "tcp"
}
`,
      },
    },
    {
      name: 'gateway: aws_security_group_rule egress for all protocols',
      files: {
        'main.tf':
          dataVpc +
          gatewayAndConfig('["5432"]') +
          gatewaySg('') +
          `
resource "aws_security_group_rule" "all_out" {
  type              = "egress"
  security_group_id = aws_security_group.gateway.id
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
}
`,
      },
    },
    {
      name: 'gateway: ingress rules do not matter, an egress rule does',
      files: { 'main.tf': dataVpc + gatewayAndConfig('["5432"]') + gatewaySg(ingress('tcp', 22, 22) + egress('tcp', 5432, 5432)) },
    },
    {
      name: 'gateway: no security_group_ids (AWS picks the group)',
      files: {
        'main.tf':
          dataVpc + gatewayAndConfig('["5432"]').replace('  security_group_ids = [aws_security_group.gateway.id]\n', '') + gatewaySg(''),
      },
    },
    {
      name: 'gateway: dynamic egress (cannot see every rule)',
      files: {
        'main.tf':
          `variable "ports" {\n  type = list(number)\n}\n${dataVpc}${gatewayAndConfig('["5432"]')}` +
          gatewaySg(`
  dynamic "egress" {
    for_each = var.ports
    content {
      from_port   = egress.value
      to_port     = egress.value
      protocol    = "tcp"
      cidr_blocks = ["10.2.0.0/16"]
    }
  }
`),
      },
    },
    {
      name: 'gateway: an egress rule resource whose group is unknown might be for this group',
      files: {
        'main.tf':
          `variable "sg" {\n  type = string\n}\n${dataVpc}${gatewayAndConfig('["5432"]')}${gatewaySg('')}` +
          `
resource "aws_vpc_security_group_egress_rule" "x" {
  security_group_id = var.sg
  cidr_ipv4         = "10.2.0.0/16"
  from_port         = 5432
  to_port           = 5432
  ip_protocol       = "tcp"
}
`,
      },
    },
    {
      name: 'gateway: egress managed elsewhere (lifecycle ignore_changes)',
      files: {
        'main.tf': dataVpc + gatewayAndConfig('["5432"]') + gatewaySg('\n  lifecycle {\n    ignore_changes = [egress]\n  }\n'),
      },
    },
    {
      name: 'gateway: a group read with a data source',
      files: {
        'main.tf':
          dataVpc +
          gatewayAndConfig('["5432"]').replace('aws_security_group.gateway.id', 'data.aws_security_group.gateway.id') +
          `
data "aws_security_group" "gateway" {
  name = "gateway"
}
`,
      },
    },
    {
      name: 'gateway: configuration ports not known',
      files: { 'main.tf': `variable "ports" {\n  type = list(string)\n}\n${dataVpc}${gatewayAndConfig('var.ports')}${gatewaySg('')}` },
    },
    {
      name: 'gateway: a registry module given the group may add rules',
      files: {
        'main.tf':
          dataVpc +
          gatewayAndConfig('["5432"]') +
          gatewaySg('') +
          `
module "rules" {
  source = "terraform-aws-modules/security-group/aws"
  security_group_id = aws_security_group.gateway.id
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'Resource endpoint: the group admits 443, the configuration offers 5432',
      files: { 'main.tf': consumer(ingress('tcp', 443, 443)) },
      errors: [
        {
          line: 58,
          column: 3,
          message:
            'No security group of aws_vpc_endpoint.db lets in TCP 5432, the port of the resource configuration aws_vpclattice_resource_configuration.db: connections to the endpoint time out (its groups: aws_security_group.endpoints).',
          related: 2,
        },
      ],
      output: {
        'main.tf': consumer(
          `${ingress('tcp', 443, 443)}
  ingress {
    description = "TCP 5432 from the VPC to db"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
`,
        ),
      },
    },
    {
      name: 'Resource endpoint: a range no rule touches; the fix writes the whole range',
      files: {
        'main.tf': consumer('', '["8000-8080"]'),
        'rules.tf': `resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.endpoints.id
  cidr_ipv4         = "10.0.0.0/16"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}
`,
      },
      errors: [{ line: 51, message: 'lets in TCP 8000-8080, the ports of the resource configuration' }],
      output: {
        'rules.tf': `resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.endpoints.id
  cidr_ipv4         = "10.0.0.0/16"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_tcp_8000_8080" {
  description       = "TCP 8000-8080 from the VPC to db"
  security_group_id = aws_security_group.endpoints.id
  cidr_ipv4         = aws_vpc.main.cidr_block
  from_port         = 8000
  to_port           = 8080
  ip_protocol       = "tcp"
}
`,
      },
    },
    {
      name: 'Resource endpoint: one of two ranges admitted',
      files: { 'main.tf': consumer(ingress('tcp', 5432, 5432), '["5432", "8000-8080"]') },
      errors: [{ line: 58, message: /lets in TCP 8000-8080, the ports of the resource configuration/ }],
    },
    {
      name: 'gateway: a group written without egress lets nothing out',
      files: { 'main.tf': dataVpc + gatewayAndConfig('["5432"]') + gatewaySg(ingress('tcp', 5432, 5432)) },
      errors: [
        {
          line: 9,
          column: 3,
          message:
            'No security group of the resource gateway aws_vpclattice_resource_gateway.data (aws_security_group.gateway) lets out TCP 5432, the port of aws_vpclattice_resource_configuration.db',
          related: 2,
        },
      ],
      output: {
        'main.tf':
          dataVpc +
          gatewayAndConfig('["5432"]') +
          gatewaySg(`${ingress('tcp', 5432, 5432)}
  egress {
    description = "TCP 5432 from data to db"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.data.cidr_block]
  }
`),
      },
    },
    {
      name: 'gateway: egress for another port; the configuration names an IP address, the fix lets out to it',
      files: {
        'main.tf':
          dataVpc +
          gatewayAndConfig('["3306"]', 'ip_resource {\n      ip_address = "10.2.1.5"\n    }') +
          gatewaySg(egress('tcp', 443, 443)),
      },
      errors: [{ line: 9, message: /lets out TCP 3306/ }],
      output: {
        'main.tf':
          dataVpc +
          gatewayAndConfig('["3306"]', 'ip_resource {\n      ip_address = "10.2.1.5"\n    }') +
          gatewaySg(`${egress('tcp', 443, 443)}
  egress {
    description = "TCP 3306 from data to db"
    from_port   = 3306
    to_port     = 3306
    protocol    = "tcp"
    cidr_blocks = ["10.2.1.5/32"]
  }
`),
      },
    },
    {
      name: 'gateway: UDP egress does not count; rules written as aws_security_group_rule get a new one',
      files: {
        'main.tf':
          dataVpc +
          gatewayAndConfig('["8000-8080"]') +
          gatewaySg('') +
          `
resource "aws_security_group_rule" "dns" {
  type              = "egress"
  security_group_id = aws_security_group.gateway.id
  from_port         = 8000
  to_port           = 8080
  protocol          = "udp"
  cidr_blocks       = ["10.2.0.0/16"]
}
`,
      },
      errors: [{ line: 9, message: /lets out TCP 8000-8080, the ports of/ }],
      output: {
        'main.tf':
          dataVpc +
          gatewayAndConfig('["8000-8080"]') +
          gatewaySg('') +
          `
resource "aws_security_group_rule" "dns" {
  type              = "egress"
  security_group_id = aws_security_group.gateway.id
  from_port         = 8000
  to_port           = 8080
  protocol          = "udp"
  cidr_blocks       = ["10.2.0.0/16"]
}

resource "aws_security_group_rule" "gateway_to_db" {
  description       = "TCP 8000-8080 from data to db"
  type              = "egress"
  security_group_id = aws_security_group.gateway.id
  from_port         = 8000
  to_port           = 8080
  protocol          = "tcp"
  cidr_blocks       = [aws_vpc.data.cidr_block]
}
`,
      },
    },
  ],
});
