import { rule } from '../../server/src/rules/PL204';
import { testRule } from './rule-tester';

const vpc = `resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
`;

const ep = `
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  security_group_ids  = [aws_security_group.endpoints.id]
}
`;

const sg = (proto: string, from: number, to: number) => `
resource "aws_security_group" "endpoints" {
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = ${from}
    to_port     = ${to}
    protocol    = "${proto}"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}
`;

testRule(rule, {
  valid: [
    { name: '443 only', files: { 'main.tf': vpc + sg('tcp', 443, 443) + ep } },
    { name: 'a narrow range', files: { 'main.tf': vpc + sg('tcp', 443, 8443) + ep } },
    {
      name: 'all protocols on a group no endpoint uses',
      files: {
        'main.tf':
          vpc +
          sg('-1', 0, 0).replace('"endpoints"', '"other"') +
          ep
            .replace('security_group_ids  = [aws_security_group.endpoints.id]', 'security_group_ids  = [aws_security_group.other.id]')
            .replace('aws_security_group.other.id', 'aws_security_group.x.id') +
          '\nresource "aws_security_group" "x" {\n  vpc_id = aws_vpc.main.id\n}\n',
      },
    },
    {
      name: 'protocol from a variable without a default',
      files: { 'main.tf': `variable "p" {\n  type = string\n}\n${vpc}` + sg('tcp', 0, 0).replace('"tcp"', 'var.p') + ep },
    },
  ],
  invalid: [
    {
      name: 'protocol -1 inline: narrowed to TCP 443',
      files: { 'main.tf': vpc + sg('-1', 0, 0) + ep },
      errors: [
        { line: 12, column: 5, endColumn: 23, severity: 'information', message: 'lets in every protocol; the endpoint only needs TCP 443' },
      ],
      output: { 'main.tf': vpc + sg('tcp', 443, 443) + ep },
    },
    {
      name: 'every TCP port',
      files: { 'main.tf': vpc + sg('tcp', 0, 65535) + ep },
      errors: [{ line: 10, column: 5, message: 'every TCP port' }],
      output: { 'main.tf': vpc + sg('tcp', 443, 443) + ep },
    },
    {
      name: 'aws_vpc_security_group_ingress_rule with ip_protocol -1: ports are added',
      files: {
        'main.tf':
          vpc +
          `
resource "aws_security_group" "endpoints" {
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "all" {
  security_group_id = aws_security_group.endpoints.id
  cidr_ipv4         = aws_vpc.main.cidr_block
  ip_protocol       = "-1"
}
` +
          ep,
      },
      errors: [{ line: 13, column: 3 }],
      output: {
        'main.tf':
          vpc +
          `
resource "aws_security_group" "endpoints" {
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "all" {
  security_group_id = aws_security_group.endpoints.id
  cidr_ipv4         = aws_vpc.main.cidr_block
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}
` +
          ep,
      },
    },
    {
      name: 'aws_security_group_rule with protocol "all" in another file',
      files: {
        'main.tf': vpc + '\nresource "aws_security_group" "endpoints" {\n  vpc_id = aws_vpc.main.id\n}\n' + ep,
        'rules.tf': `resource "aws_security_group_rule" "all" {
  type              = "ingress"
  security_group_id = aws_security_group.endpoints.id
  from_port         = 0
  to_port           = 0
  protocol          = "all"
  cidr_blocks       = ["10.0.0.0/16"]
}
`,
      },
      errors: [{ file: 'rules.tf', line: 6, column: 3 }],
      output: {
        'rules.tf': `resource "aws_security_group_rule" "all" {
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
      name: 'endpoint service port unknown: reported without a fix',
      files: {
        'main.tf':
          vpc + sg('-1', 0, 0) + ep.replace('"com.amazonaws.eu-west-1.ssm"', '"com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"'),
      },
      errors: [{ line: 12, message: /every protocol\.$/ }],
    },
  ],
});
