import { rule } from '../../server/src/rules/PL203';
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

const sg = (body: string, vpcId = 'aws_vpc.main.id') => `
resource "aws_security_group" "endpoints" {
  vpc_id = ${vpcId}

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
${body}  }
}
`;

/** The VPC is a child module's, and its CIDR the root's variable default: an input that may be another range. */
const rootInputCidr = {
  'main.tf': `variable "vpc_cidr" {
  default = "10.0.0.0/16"
}

module "net" {
  source = "./net"
  cidr   = var.vpc_cidr
}

resource "aws_security_group" "endpoints" {
  vpc_id = module.net.vpc_id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = module.net.vpc_id
  service_name       = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.endpoints.id]
}
`,
  'net/main.tf':
    'variable "cidr" {}\n\nresource "aws_vpc" "main" {\n  cidr_block = var.cidr\n}\n\noutput "vpc_id" {\n  value = aws_vpc.main.id\n}\n',
};

testRule(rule, {
  valid: [
    { name: 'VPC CIDR', files: { 'main.tf': vpc + sg('    cidr_blocks = [aws_vpc.main.cidr_block]\n') + ep } },
    { name: 'private range', files: { 'main.tf': vpc + sg('    cidr_blocks = ["10.0.0.0/8"]\n') + ep } },
    {
      name: 'group not on any endpoint',
      files: {
        'main.tf': `${vpc}
resource "aws_security_group" "web" {
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`,
      },
    },
    {
      name: 'CIDRs from a variable without a default',
      files: { 'main.tf': `variable "cidrs" {\n  type = list(string)\n}\n${vpc}` + sg('    cidr_blocks = var.cidrs\n') + ep },
    },
    {
      name: 'TCP from the world on ports the endpoint does not listen on (SSH for instances sharing the group)',
      files: {
        'main.tf':
          vpc +
          sg('    cidr_blocks = ["10.0.0.0/8"]\n')
            .replace('from_port   = 443\n    to_port     = 443', 'from_port   = 22\n    to_port     = 22')
            .replace('["10.0.0.0/8"]', '["0.0.0.0/0"]') +
          ep,
      },
    },
    {
      name: 'ICMP from the world: no listener takes it',
      files: {
        'main.tf':
          vpc +
          sg('    cidr_blocks = ["10.0.0.0/16"]\n').replace(
            '  ingress {',
            '  ingress {\n    from_port   = 8\n    to_port     = 0\n    protocol    = "icmp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n\n  ingress {',
          ) +
          ep,
      },
    },
    {
      name: 'open egress does not count',
      files: {
        'main.tf':
          `${vpc}
resource "aws_security_group" "endpoints" {
  vpc_id = aws_vpc.main.id

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
` + ep,
      },
    },
    {
      // protocol "tcp" with ports 0 to 0 is TCP port 0 alone (the provider keeps it as written):
      // no listener is reached, whatever the source.
      name: 'TCP on port 0 alone from 0.0.0.0/0 opens nothing',
      files: { 'main.tf': vpc + sg('    cidr_blocks = ["0.0.0.0/0"]\n').replace(/= 443/g, '= 0') + ep },
    },
  ],
  invalid: [
    {
      name: "inline 0.0.0.0/0: the item is replaced by the VPC's CIDR",
      files: { 'main.tf': vpc + sg('    cidr_blocks = ["0.0.0.0/0"]\n') + ep },
      errors: [
        {
          line: 13,
          column: 20,
          endColumn: 31,
          severity: 'warning',
          message: 'aws_security_group.endpoints, on aws_vpc_endpoint.ssm, lets in 0.0.0.0/0',
        },
      ],
      output: { 'main.tf': vpc + sg('    cidr_blocks = [aws_vpc.main.cidr_block]\n') + ep },
    },
    {
      name: 'all protocols with ports 0 (all traffic) from 0.0.0.0/0 is reported',
      files: { 'main.tf': vpc + sg('    cidr_blocks = ["0.0.0.0/0"]\n').replace(/= 443/g, '= 0').replace('"tcp"', '"-1"') + ep },
      errors: [{ line: 13, severity: 'warning', message: 'lets in 0.0.0.0/0' }],
      output: {
        'main.tf': vpc + sg('    cidr_blocks = [aws_vpc.main.cidr_block]\n').replace(/= 443/g, '= 0').replace('"tcp"', '"-1"') + ep,
      },
    },
    {
      name: '::/0 in a VPC with IPv6',
      files: {
        'main.tf':
          vpc
            .replace(
              '  enable_dns_hostnames = true\n',
              '  enable_dns_hostnames             = true\n  assign_generated_ipv6_cidr_block = true\n',
            )
            .replace('  cidr_block           =', '  cidr_block                       =') +
          sg('    ipv6_cidr_blocks = ["::/0"]\n') +
          ep,
      },
      errors: [{ line: 14, message: '::/0' }],
      output: {
        'main.tf':
          vpc
            .replace(
              '  enable_dns_hostnames = true\n',
              '  enable_dns_hostnames             = true\n  assign_generated_ipv6_cidr_block = true\n',
            )
            .replace('  cidr_block           =', '  cidr_block                       =') +
          sg('    ipv6_cidr_blocks = [aws_vpc.main.ipv6_cidr_block]\n') +
          ep,
      },
    },
    {
      name: '::/0 in a VPC without IPv6: reported, no fix',
      files: { 'main.tf': vpc + sg('    ipv6_cidr_blocks = ["::/0"]\n') + ep },
      errors: [{ line: 13, message: '::/0' }],
    },
    {
      name: 'from a variable default: the whole value is replaced',
      files: {
        'main.tf':
          `variable "cidrs" {\n  type    = list(string)\n  default = ["0.0.0.0/0"]\n}\n\n${vpc}` + sg('    cidr_blocks = var.cidrs\n') + ep,
      },
      errors: [{ line: 18, column: 19 }],
      output: {
        'main.tf':
          `variable "cidrs" {\n  type    = list(string)\n  default = ["0.0.0.0/0"]\n}\n\n${vpc}` +
          sg('    cidr_blocks = [aws_vpc.main.cidr_block]\n') +
          ep,
      },
    },
    {
      name: 'aws_vpc_security_group_ingress_rule in another file, VPC known by its CIDR text only',
      files: {
        'main.tf': `module "net" {
  source = "./net"
}

resource "aws_security_group" "endpoints" {
  vpc_id = module.net.vpc_id
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = module.net.vpc_id
  service_name       = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.endpoints.id]
}
`,
        'net/main.tf': 'resource "aws_vpc" "main" {\n  cidr_block = "10.20.0.0/16"\n}\n\noutput "vpc_id" {\n  value = aws_vpc.main.id\n}\n',
        'rules.tf': `resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.endpoints.id
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}
`,
      },
      errors: [{ file: 'rules.tf', line: 3, column: 23 }],
      output: {
        'rules.tf': `resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.endpoints.id
  cidr_ipv4         = "10.20.0.0/16"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}
`,
      },
    },
    {
      name: "VPC in another module, its CIDR a root variable's default: reported (no fix, below)",
      files: rootInputCidr,
      errors: [{ line: 17, column: 20 }],
    },
    {
      name: 'group shared by several endpoints: one finding',
      files: {
        'main.tf':
          vpc +
          sg('    cidr_blocks = ["0.0.0.0/0"]\n') +
          `
resource "aws_vpc_endpoint" "this" {
  for_each           = toset(["ssm", "kms", "logs"])
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.endpoints.id]
}
`,
      },
      errors: [{ line: 13, message: 'and 2 other endpoints' }],
    },
  ],
});

// Resource and ServiceNetwork endpoints answer on their network interfaces too.

testRule(rule, {
  valid: [
    {
      name: 'Resource endpoint admitting the VPC',
      files: {
        'main.tf':
          vpc +
          sg('    cidr_blocks = [aws_vpc.main.cidr_block]\n') +
          `
resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
  security_group_ids         = [aws_security_group.endpoints.id]
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'ServiceNetwork endpoint open to the world',
      files: {
        'main.tf':
          vpc +
          sg('    cidr_blocks = ["0.0.0.0/0"]\n') +
          `
resource "aws_vpc_endpoint" "shared" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
  security_group_ids  = [aws_security_group.endpoints.id]
}
`,
      },
      errors: [{ line: 13, message: 'aws_security_group.endpoints, on aws_vpc_endpoint.shared, lets in 0.0.0.0/0' }],
      output: {
        'main.tf':
          vpc +
          sg('    cidr_blocks = [aws_vpc.main.cidr_block]\n') +
          `
resource "aws_vpc_endpoint" "shared" {
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
  security_group_ids  = [aws_security_group.endpoints.id]
}
`,
      },
    },
  ],
});

describe('PL203 fix', () => {
  it("writes no CIDR taken from a root variable's default (the input may be another range)", () => {
    const files = Object.fromEntries(Object.entries(rootInputCidr).map(([k, v]) => [WS + k, v]));
    const found = run(workspaceFromFiles(files), rule);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].fixes ?? [], []);
  });
});

describe('PL203 fix on a group something else uses', () => {
  it('is offered but not preferred (not applied by --fix), and says what else uses the group', () => {
    const lb = `
resource "aws_lb" "public" {
  internal           = false
  load_balancer_type = "application"
  security_groups    = [aws_security_group.endpoints.id]
}
`;
    const main = vpc + sg('    cidr_blocks = ["0.0.0.0/0"]\n') + ep;
    const shared = run(workspaceFromFiles({ [`${WS}main.tf`]: main + lb }), rule);
    assert.equal(shared.length, 1);
    assert.equal(shared[0].fixes?.length, 1);
    assert.equal(shared[0].fixes?.[0].isPreferred, false);
    assert.match(shared[0].fixes?.[0].title ?? '', /also used by aws_lb\.public/);
    // A group the module outputs may be used by whoever reads the output.
    const output = run(
      workspaceFromFiles({ [`${WS}main.tf`]: main + 'output "sg_id" {\n  value = aws_security_group.endpoints.id\n}\n' }),
      rule,
    );
    assert.equal(output[0].fixes?.[0].isPreferred, false);
    assert.match(output[0].fixes?.[0].title ?? '', /also used by output\.sg_id/);
    // The endpoint's own group: the fix is preferred.
    const own = run(workspaceFromFiles({ [`${WS}main.tf`]: main }), rule);
    assert.equal(own[0].fixes?.[0].isPreferred, true);
  });
});
