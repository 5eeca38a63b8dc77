import * as assert from 'node:assert/strict';
import { applyEditsToFiles } from '../../server/src/fixes/apply';
import { workspaceFromFiles } from '../../server/src/model/testing';
import { rule } from '../../server/src/rules/PL409';
import { run, testRule, WS } from './rule-tester';
import { LATTICE_MODULE } from './lattice-fixtures';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;

testRule(rule, {
  valid: [
    {
      name: 'same region; provider region unknown; no provider block',
      files: {
        'main.tf': `provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "unknown"
  region = var.region
}

variable "region" {}

${vpc}
resource "aws_vpc_endpoint" "a" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

resource "aws_vpc_endpoint" "b" {
  provider     = aws.unknown
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.us-east-1.s3"
}
`,
      },
    },
    {
      name: 'cross-region endpoint with service_region',
      files: {
        'main.tf': `provider "aws" {
  region = "eu-west-1"
}

${vpc}
resource "aws_vpc_endpoint" "remote" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  service_region    = "us-east-1"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'resource-level region (provider v6) matching the name; global names',
      files: {
        'main.tf': `provider "aws" {
  region = "eu-west-1"
}

${vpc}
resource "aws_vpc_endpoint" "use1" {
  region       = "us-east-1"
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.us-east-1.s3"
}

resource "aws_vpc_endpoint" "iam" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.iam"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'no provider block at all: region unknown',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.us-east-1.s3"
}
`,
      },
    },
    {
      name: "OpenTofu provider instances: the endpoint's own instance by each.key; one passed to a module by key is not followed",
      files: {
        'main.tofu': `provider "aws" {
  region = "eu-central-1"
}

provider "aws" {
  alias    = "by_region"
  for_each = toset(["eu-west-1", "us-east-1"])
  region   = each.key
}

resource "aws_vpc_endpoint" "sts" {
  for_each          = toset(["eu-west-1", "us-east-1"])
  provider          = aws.by_region[each.key]
  vpc_id            = "vpc-1"
  service_name      = "com.amazonaws.\${each.key}.sts"
  vpc_endpoint_type = "Interface"
}

module "regional" {
  for_each  = toset(["eu-west-1"])
  source    = "./regional"
  region    = each.key
  providers = { aws = aws.by_region[each.key] }
}
`,
        'regional/main.tofu': `variable "region" {}

resource "aws_vpc_endpoint" "sts" {
  vpc_id            = "vpc-1"
  service_name      = "com.amazonaws.\${var.region}.sts"
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
  ],
  invalid: [
    {
      name: 'provider in another file, literal region replaced',
      files: {
        'providers.tf': `provider "aws" {
  region = "eu-west-1"
}
`,
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.us-east-1.s3"
}
`,
      },
      errors: [
        {
          line: 7,
          column: 33,
          endColumn: 42,
          severity: 'error',
          related: 1,
          message: 'created in eu-west-1 (its provider) but service_name names us-east-1',
        },
      ],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
      },
    },
    {
      name: 'endpoint service of another region',
      files: {
        'main.tf': `provider "aws" {
  region = "eu-west-1"
}

${vpc}
resource "aws_vpc_endpoint" "svc" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 11 }],
    },
    {
      name: 'OpenTofu provider instance chosen by a literal key, in another region than the name',
      files: {
        'main.tofu': `provider "aws" {
  alias    = "by_region"
  for_each = { west = "eu-west-1", east = "us-east-1" }
  region   = each.value
}

resource "aws_vpc_endpoint" "sts" {
  provider          = aws.by_region["east"]
  vpc_id            = "vpc-1"
  service_name      = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ file: 'main.tofu', line: 10, message: 'created in us-east-1 (its provider) but service_name names eu-west-1' }],
    },
    {
      name: 'region from a variable default against an aliased provider; resource region wins over provider',
      files: {
        'main.tf': `variable "service_region" {
  default = "us-west-2"
}

provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "east"
  region = "us-east-1"
}

${vpc}
resource "aws_vpc_endpoint" "a" {
  provider     = aws.east
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.\${var.service_region}.s3"
}

resource "aws_vpc_endpoint" "b" {
  region       = "ap-south-1"
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
      },
      errors: [
        { line: 21, message: 'created in us-east-1 (its provider) but service_name names us-west-2' },
        { line: 27, message: 'created in ap-south-1 (its region argument)' },
      ],
    },
  ],
});

describe('PL409 second fix', () => {
  it('declares a cross-region endpoint with service_region', () => {
    const files = {
      [`${WS}main.tf`]: `provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc_endpoint" "svc" {
  vpc_id            = "vpc-1"
  service_name      = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = "Interface"
}
`,
    };
    const [finding] = run(workspaceFromFiles(files), rule);
    const fix = finding.fixes?.find((f) => !f.isPreferred);
    assert.ok(fix);
    const after = applyEditsToFiles(new Map(Object.entries(files)), fix.edits);
    assert.equal(
      after.get(`${WS}main.tf`),
      `provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc_endpoint" "svc" {
  vpc_id            = "vpc-1"
  service_name      = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = "Interface"
  service_region    = "us-east-1"
}
`,
    );
    assert.equal(run(workspaceFromFiles({ ...files, ...Object.fromEntries(after) }), rule).length, 0);
  });
});
