import { rule } from '../../server/src/rules/PL301';
import * as assert from 'node:assert/strict';
import { workspaceFromFiles } from '../../server/src/model/testing';
import { run, testRule, WS } from './rule-tester';
import { LATTICE_MODULE } from './lattice-fixtures';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;

/** The policy attribute the fix writes into a block at the top level, for `action`. */
const written = (action: string) => `  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllowOrganization"
        Effect    = "Allow"
        Principal = "*"
        Action    = "${action}"
        Resource  = "*"
        Condition = {
          StringEquals = {
            "aws:PrincipalOrgID" = "o-xxxxxxxxxx"
          }
        }
      }
    ]
  })
`;

/** A module whose endpoint takes its service from the caller, called twice (for `a` and `b`). */
function calledTwice(name: string, a: string, b: string, action: string) {
  const endpoint = (policy: string) => `variable "service" {}
resource "aws_vpc_endpoint" "this" {
  vpc_id            = "vpc-1"
  service_name      = "com.amazonaws.eu-west-1.\${var.service}"
  vpc_endpoint_type = "Interface"
${policy}}
`;
  const call = (n: string, service: string) => `module "${n}" {\n  source  = "./modules/endpoint"\n  service = "${service}"\n}\n`;
  return {
    name,
    files: { 'main.tf': `${call('first', a)}\n${call('second', b)}`, 'modules/endpoint/main.tf': endpoint('') },
    errors: [
      { file: 'modules/endpoint/main.tf', line: 2, message: `module.first.aws_vpc_endpoint.this (${a})` },
      { file: 'modules/endpoint/main.tf', line: 2, message: `module.second.aws_vpc_endpoint.this (${b})` },
    ],
    output: {
      'modules/endpoint/main.tf': endpoint(written(action)),
    },
  };
}

testRule(rule, {
  valid: [
    {
      name: 'endpoint with a policy attribute',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = var.policy
}

variable "policy" {}
`,
      },
    },
    {
      name: 'policy set by aws_vpc_endpoint_policy in another file',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
        'policy.tf': `resource "aws_vpc_endpoint_policy" "s3" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  policy          = jsonencode({ Statement = [] })
}
`,
      },
    },
    {
      name: 'an aws_vpc_endpoint_policy whose policy is an input not known here',
      files: {
        'main.tf': `${vpc}
variable "policy" {
  type = string
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

resource "aws_vpc_endpoint_policy" "s3" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  policy          = var.policy
}
`,
      },
    },
    {
      name: 'an aws_vpc_endpoint_policy whose endpoint cannot be resolved might be this one',
      files: {
        'main.tf': `${vpc}
variable "endpoint_id" {}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

resource "aws_vpc_endpoint_policy" "other" {
  vpc_endpoint_id = var.endpoint_id
  policy          = "{}"
}
`,
      },
    },
    {
      name: 'policy set by aws_vpc_endpoint_policy in a local child module',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

module "policy" {
  source      = "./modules/policy"
  endpoint_id = aws_vpc_endpoint.s3.id
}
`,
        'modules/policy/main.tf': `variable "endpoint_id" {}

resource "aws_vpc_endpoint_policy" "this" {
  vpc_endpoint_id = var.endpoint_id
  policy          = jsonencode({ Statement = [] })
}
`,
      },
    },
    {
      name: 'the endpoint is given to a registry module that may set its policy',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

module "endpoint_policy" {
  source      = "example/endpoint-policy/aws"
  endpoint_id = aws_vpc_endpoint.s3.id
}
`,
      },
    },
    {
      name: 'endpoint service (vpce-svc) endpoints take no AWS policy advice',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "partner" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'GatewayLoadBalancer endpoint',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "inspection" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = "GatewayLoadBalancer"
}
`,
      },
    },
    {
      name: 'unknown service',
      files: {
        'main.tf': `${vpc}
variable "service_name" {}

resource "aws_vpc_endpoint" "x" {
  vpc_id            = aws_vpc.main.id
  service_name      = var.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'data source whose service is not known',
      files: {
        'main.tf': `${vpc}
variable "service" {}

data "aws_vpc_endpoint_service" "x" {
  service = var.service
}

resource "aws_vpc_endpoint" "x" {
  vpc_id            = aws_vpc.main.id
  service_name      = data.aws_vpc_endpoint_service.x.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'for_each over names known in part, for services that take no policy',
      files: {
        'main.tf': `${vpc}
data "aws_region" "current" {}

resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["com.amazonaws.\${data.aws_region.current.name}.appmesh-envoy-management"])
  vpc_id            = aws_vpc.main.id
  service_name      = each.value
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'for_each over names of which one is not known at all',
      files: {
        'main.tf': `${vpc}
data "aws_region" "current" {}
variable "extra" {}

resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["com.amazonaws.\${data.aws_region.current.name}.sts", var.extra])
  vpc_id            = aws_vpc.main.id
  service_name      = each.value
  vpc_endpoint_type = "Interface"
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
      name: 'App Runner private endpoint (apprunner.requests): endpoint policies not supported',
      files: {
        'main.tf': `resource "aws_vpc_endpoint" "apprunner" {
  vpc_id            = "vpc-1"
  service_name      = "com.amazonaws.eu-west-1.apprunner.requests"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'Session Manager agent channels (ssmmessages, ec2messages): no endpoint policy support documented',
      files: {
        'main.tf': `resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["ssmmessages", "ec2messages"])
  vpc_id            = "vpc-1"
  service_name      = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'S3 gateway endpoint without policy: jsonencode skeleton',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
      },
      errors: [{ line: 5, column: 1, endColumn: 33, message: 'aws_vpc_endpoint.s3 (s3) has no endpoint policy', severity: 'warning' }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
${written('s3:*')}}
`,
      },
    },
    {
      name: 'policy = null counts as no policy (no fix: the argument is there)',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = null
}
`,
      },
      errors: [{ line: 5, message: 'aws_vpc_endpoint.s3 (s3) has no endpoint policy' }],
    },
    {
      name: 'an aws_vpc_endpoint_policy without a policy leaves the default: the fix writes one there',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
        'policy.tf': `resource "aws_vpc_endpoint_policy" "s3" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
}
`,
      },
      errors: [
        {
          file: 'policy.tf',
          line: 1,
          message:
            'aws_vpc_endpoint_policy.s3 sets no policy on aws_vpc_endpoint.s3 (s3): the default policy lets any principal do anything through it.',
          severity: 'warning',
        },
      ],
      output: {
        'policy.tf': `resource "aws_vpc_endpoint_policy" "s3" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
${written('s3:*')}}
`,
      },
    },
    {
      name: 'an aws_vpc_endpoint_policy with a null policy leaves the default (no fix: the argument is there)',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

resource "aws_vpc_endpoint_policy" "s3" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  policy          = null
}
`,
      },
      errors: [{ line: 10, message: 'aws_vpc_endpoint_policy.s3 sets no policy on aws_vpc_endpoint.s3 (s3)' }],
    },
    {
      name: 'an aws_vpc_endpoint_policy without a policy in a local child module: the fix writes one there',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

module "policy" {
  source      = "./modules/policy"
  endpoint_id = aws_vpc_endpoint.s3.id
}
`,
        'modules/policy/main.tf': `variable "endpoint_id" {}

resource "aws_vpc_endpoint_policy" "this" {
  vpc_endpoint_id = var.endpoint_id
}
`,
      },
      errors: [
        {
          file: 'modules/policy/main.tf',
          line: 3,
          message: 'module.policy.aws_vpc_endpoint_policy.this sets no policy on aws_vpc_endpoint.s3 (s3)',
        },
      ],
      output: {
        'modules/policy/main.tf': `variable "endpoint_id" {}

resource "aws_vpc_endpoint_policy" "this" {
  vpc_endpoint_id = var.endpoint_id
${written('s3:*')}}
`,
      },
    },
    {
      name: 'service name from a template with an unknown region',
      files: {
        'main.tf': `${vpc}
variable "region" {}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${var.region}.ssm"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 7, message: 'aws_vpc_endpoint.ssm (ssm)' }],
    },
    {
      name: 'module already uses aws_iam_policy_document: a data source is written',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "ecr_api" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.ecr.api"
  vpc_endpoint_type = "Interface"
}
`,
        'iam.tf': `data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
  }
}
`,
      },
      errors: [{ line: 5, column: 1 }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "ecr_api" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.ecr.api"
  vpc_endpoint_type = "Interface"
  policy            = data.aws_iam_policy_document.ecr_api_endpoint_policy.json
}

data "aws_iam_policy_document" "ecr_api_endpoint_policy" {
  statement {
    sid       = "AllowOrganization"
    effect    = "Allow"
    actions   = ["ecr:*"]
    resources = ["*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-xxxxxxxxxx"]
    }
  }
}
`,
      },
    },
    {
      name: 'for_each instances: one finding per instance, a policy for all of them',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each = toset(["sts", "logs"])

  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [
        { line: 5, message: 'aws_vpc_endpoint.this["logs"]' },
        { line: 5, message: 'aws_vpc_endpoint.this["sts"]' },
      ],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each = toset(["sts", "logs"])

  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type = "Interface"
${written('*')}}
`,
      },
    },
    calledTwice('a module called for two services: the policy written into its block serves both', 'ssm', 'ec2', '*'),
    calledTwice("a module called twice for one service: the policy keeps to that service's actions", 'sqs', 'sqs', 'sqs:*'),
    {
      name: 'service looked up by a data source (service)',
      files: {
        'main.tf': `${vpc}
data "aws_vpc_endpoint_service" "sts" {
  service = "sts"
}

resource "aws_vpc_endpoint" "sts" {
  vpc_id            = aws_vpc.main.id
  service_name      = data.aws_vpc_endpoint_service.sts.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 9, message: 'aws_vpc_endpoint.sts (sts) has no endpoint policy' }],
      output: {
        'main.tf': `${vpc}
data "aws_vpc_endpoint_service" "sts" {
  service = "sts"
}

resource "aws_vpc_endpoint" "sts" {
  vpc_id            = aws_vpc.main.id
  service_name      = data.aws_vpc_endpoint_service.sts.service_name
  vpc_endpoint_type = "Interface"
${written('sts:*')}}
`,
      },
    },
    {
      name: 'for_each over names whose region is unknown (a local set): one finding for the block, naming its services',
      files: {
        'main.tf': `${vpc}
data "aws_region" "current" {}

locals {
  endpoints = toset([for s in ["sts", "logs"] : "com.amazonaws.\${data.aws_region.current.name}.\${s}"])
}

resource "aws_vpc_endpoint" "this" {
  for_each          = local.endpoints
  vpc_id            = aws_vpc.main.id
  service_name      = each.value
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 11, message: 'aws_vpc_endpoint.this (logs, sts) has no endpoint policy' }],
    },
  ],
});

describe('PL301 fix', () => {
  it('is not offered for a block whose other instances are for services that take no policy (ssmmessages beside ssm)', () => {
    const block = (names: string) => `resource "aws_vpc_endpoint" "this" {
  for_each          = toset([${names}])
  vpc_id            = "vpc-1"
  service_name      = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type = "Interface"
}
`;
    const mixed = run(workspaceFromFiles({ [`${WS}main.tf`]: block('"ssm", "ssmmessages", "ec2messages"') }), rule);
    assert.deepEqual(
      mixed.map((f) => [f.message.split(' ')[0], f.fixes?.length ?? 0]),
      [['aws_vpc_endpoint.this["ssm"]', 0]],
    );
    // Every instance takes a policy: the fix is there.
    const same = run(workspaceFromFiles({ [`${WS}main.tf`]: block('"ssm", "sts"') }), rule);
    assert.equal(same.length, 2);
    assert.ok(same.every((f) => f.fixes?.length === 1));
  });
});
