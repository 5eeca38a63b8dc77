import { rule } from '../../server/src/rules/PL204';
import * as assert from 'node:assert/strict';
import { workspaceFromFiles } from '../../server/src/model/testing';
import { run, testRule, WS } from './rule-tester';

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

// Resource and ServiceNetwork endpoints: the ports are the resource configuration's.

const config = (ports: string) => `
resource "aws_vpclattice_resource_configuration" "db" {
  name                        = "db"
  resource_gateway_identifier = "rgw-0123456789abcdef0"
  port_ranges                 = ${ports}
  protocol                    = "TCP"

  resource_configuration_definition {
    dns_resource {
      domain_name     = "db.data.internal"
      ip_address_type = "IPV4"
    }
  }
}
`;

const resourceEp = `
resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = aws_vpclattice_resource_configuration.db.arn
  security_group_ids         = [aws_security_group.endpoints.id]
}
`;

const networkEp = `
resource "aws_vpc_endpoint" "shared" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
  security_group_ids  = [aws_security_group.endpoints.id]
}
`;

testRule(rule, {
  valid: [
    {
      name: 'Resource endpoint: the configuration port only',
      files: { 'main.tf': vpc + sg('tcp', 5432, 5432) + config('["5432"]') + resourceEp },
    },
    {
      name: 'Resource endpoint: a resource that listens on every TCP port needs a rule for all of them',
      files: { 'main.tf': vpc + sg('tcp', 0, 65535) + config('["1-65535"]') + resourceEp },
    },
  ],
  invalid: [
    {
      name: 'Resource endpoint: every TCP port, narrowed to the configuration range',
      files: { 'main.tf': vpc + sg('tcp', 0, 65535) + config('["8000-8080"]') + resourceEp },
      errors: [{ line: 10, column: 5, message: 'every TCP port; the endpoint only needs TCP 8000-8080' }],
      output: { 'main.tf': vpc + sg('tcp', 8000, 8080) + config('["8000-8080"]') + resourceEp },
    },
    {
      name: 'Resource endpoint: protocol -1 on a resource that listens on every TCP port',
      files: { 'main.tf': vpc + sg('-1', 0, 0) + config('["1-65535"]') + resourceEp },
      errors: [{ line: 12, message: 'every protocol; the endpoint only needs TCP 1-65535' }],
      output: { 'main.tf': vpc + sg('tcp', 1, 65535) + config('["1-65535"]') + resourceEp },
    },
    {
      name: 'ServiceNetwork endpoint: reported without a narrowing (its ports are not known)',
      files: { 'main.tf': vpc + sg('-1', 0, 0) + networkEp },
      errors: [{ line: 12, message: /^aws_security_group\.endpoints, on aws_vpc_endpoint\.shared, lets in every protocol\.$/ }],
    },
  ],
});

describe('PL204 fix on a group something else uses', () => {
  it('is offered but not preferred, naming the other user (an instance, an output)', () => {
    const main = vpc + sg('-1', 0, 0) + ep;
    const instance = '\nresource "aws_instance" "app" {\n  vpc_security_group_ids = [aws_security_group.endpoints.id]\n}\n';
    const shared = run(workspaceFromFiles({ [`${WS}main.tf`]: main + instance }), rule);
    assert.equal(shared.length, 1);
    assert.equal(shared[0].fixes?.[0].isPreferred, false);
    assert.match(shared[0].fixes?.[0].title ?? '', /also used by aws_instance\.app/);
    const own = run(workspaceFromFiles({ [`${WS}main.tf`]: main }), rule);
    assert.equal(own[0].fixes?.[0].isPreferred, true);
  });
});
