import { rule } from '../../server/src/rules/PL701';
import { testRule } from './rule-tester';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;

const s3 = (extra = '') => `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"${extra}
}
`;

testRule(rule, {
  valid: [
    { name: 'tags set', files: { 'main.tf': s3('\n\n  tags = {\n    Team = "network"\n  }') } },
    {
      name: 'tags from a variable without default (unknown)',
      files: { 'main.tf': s3('\n  tags         = var.tags') + '\nvariable "tags" {}\n' },
    },
    {
      name: 'provider with default_tags in another file',
      files: {
        'main.tf': s3(),
        'providers.tf': `provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      Team = "network"
    }
  }
}
`,
      },
    },
    {
      name: 'aliased provider with default_tags',
      files: {
        'main.tf': s3('\n  provider     = aws.west'),
        'providers.tf': `provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"

  default_tags {
    tags = { Team = "network" }
  }
}
`,
      },
    },
    {
      name: "child module inherits the caller's default_tags",
      files: {
        'main.tf': `provider "aws" {
  default_tags {
    tags = { Team = "network" }
  }
}

module "endpoints" {
  source = "./modules/endpoints"
}
`,
        'modules/endpoints/main.tf': `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-123"
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
      },
    },
    {
      name: 'reusable module analysed alone: tags from a variable defaulting to null (an input left to callers)',
      files: { 'main.tf': s3('\n  tags         = var.tags') + '\nvariable "tags" {\n  type    = map(string)\n  default = null\n}\n' },
    },
  ],
  invalid: [
    {
      name: 'child module whose caller has no default_tags: reported once, in the module',
      files: {
        'main.tf': `provider "aws" {
  region = "eu-west-1"
}

module "endpoints" {
  source = "./modules/endpoints"
}
`,
        'modules/endpoints/main.tf': `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-123"
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
      },
      errors: [{ file: 'modules/endpoints/main.tf', line: 1, message: 'module.endpoints.aws_vpc_endpoint.s3 has no tags' }],
    },
    {
      name: 'no tags, no provider: Name tag inserted',
      files: { 'main.tf': s3() },
      errors: [{ line: 5, column: 1, message: 'aws_vpc_endpoint.s3 has no tags', severity: 'hint' }],
      output: { 'main.tf': s3('\n  tags = {\n    Name = "s3-endpoint"\n  }') },
    },
    {
      name: 'provider without default_tags, empty tags map replaced',
      files: {
        'main.tf': s3('\n  tags         = {}'),
        'providers.tf': 'provider "aws" {\n  region = "eu-west-1"\n}\n',
      },
      errors: [{ line: 8, column: 3 }],
      output: { 'main.tf': s3('\n  tags         = {\n    Name = "s3-endpoint"\n  }') },
    },
    {
      name: 'tags from a variable whose default is empty: merged, the variable kept',
      files: { 'main.tf': s3('\n  tags         = var.tags') + '\nvariable "tags" {\n  default = {}\n}\n' },
      errors: [{ line: 8, column: 3 }],
      output: {
        'main.tf': s3('\n  tags         = merge(var.tags, { Name = "s3-endpoint" })') + '\nvariable "tags" {\n  default = {}\n}\n',
      },
    },
    {
      name: 'tags = null is no tags: the null is replaced',
      files: { 'main.tf': s3('\n  tags         = null') },
      errors: [{ line: 8, column: 3, message: 'aws_vpc_endpoint.s3 has no tags' }],
      output: { 'main.tf': s3('\n  tags         = {\n    Name = "s3-endpoint"\n  }') },
    },
    {
      name: "a called module's try(each.value.tags, null) for an entry that leaves them out",
      files: {
        'main.tf': `module "endpoints" {
  source    = "./modules/endpoints"
  endpoints = { s3 = {}, dynamodb = { tags = { Team = "data" } } }
}
`,
        'modules/endpoints/main.tf': `variable "endpoints" {
  type = any
}

resource "aws_vpc_endpoint" "this" {
  for_each     = var.endpoints
  vpc_id       = "vpc-0123456789abcdef0"
  service_name = "com.amazonaws.eu-west-1.\${each.key}"
  tags         = try(each.value.tags, null)
}
`,
      },
      errors: [
        { file: 'modules/endpoints/main.tf', line: 9, column: 3, message: 'module.endpoints.aws_vpc_endpoint.this["s3"] has no tags' },
      ],
    },
    {
      name: 'for_each instances: Name from each.key',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each = toset(["ecr.api", "ecr.dkr"])

  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.value}"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [
        { line: 5, message: 'aws_vpc_endpoint.this["ecr.api"]' },
        { line: 5, message: 'aws_vpc_endpoint.this["ecr.dkr"]' },
      ],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each = toset(["ecr.api", "ecr.dkr"])

  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.value}"
  vpc_endpoint_type = "Interface"
  tags = {
    Name = "\${each.key}-endpoint"
  }
}
`,
      },
    },
  ],
});
