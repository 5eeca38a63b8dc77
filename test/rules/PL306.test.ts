import { rule } from '../../server/src/rules/PL306';
import { testRule } from './rule-tester';

const TRUSTED = '111122223333';
const ORG = 'o-a1b2c3d4e5';

/** A `.privatelink.json` trusting one account and one organization (or what is given). */
const trusts = (o: { trustedAccounts?: string[]; trustedOrganizations?: string[] } = {}) =>
  JSON.stringify({ trustedAccounts: [TRUSTED], trustedOrganizations: [ORG], ...o }, null, 2) + '\n';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;

/** An S3 endpoint whose policy has one statement with these lines after Effect. */
const endpoint = (statement: string, effect = 'Allow') => `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "${effect}"
        Action    = "s3:*"
        Resource  = "*"
${statement}
      }
    ]
  })
}
`;

testRule(rule, {
  valid: [
    {
      name: 'no .privatelink.json: nothing is trusted or distrusted',
      files: { 'main.tf': endpoint(`        Principal = { AWS = "arn:aws:iam::444455556666:root" }`) },
    },
    {
      name: 'trusted account as principal, trusted organization in the condition',
      files: {
        '.privatelink.json': trusts(),
        'main.tf':
          endpoint(`        Principal = { AWS = ["arn:aws:iam::${TRUSTED}:root", "${TRUSTED}", "arn:aws:iam::${TRUSTED}:role/app"] }
        Condition = {
          StringEquals = { "aws:PrincipalOrgID" = "${ORG}", "aws:ResourceAccount" = "${TRUSTED}" }
        }`),
      },
    },
    {
      name: 'a Deny statement grants nothing',
      files: {
        '.privatelink.json': trusts(),
        'main.tf': endpoint(
          `        Principal = { AWS = "arn:aws:iam::444455556666:root" }
        Condition = {
          StringEquals = { "aws:PrincipalAccount" = "444455556666" }
        }`,
          'Deny',
        ),
      },
    },
    {
      name: 'a negated operator names who is kept out; a wildcard or a policy variable names no account',
      files: {
        '.privatelink.json': trusts(),
        'main.tf': endpoint(`        Principal = "*"
        Condition = {
          StringNotEquals = { "aws:PrincipalAccount" = "444455556666" }
          StringLike      = { "aws:PrincipalOrgID" = "o-*", "aws:PrincipalArn" = "arn:aws:iam::*:role/admin" }
          StringEquals    = { "aws:ResourceAccount" = "$\${aws:PrincipalAccount}" }
        }`),
      },
    },
    {
      name: 'values that are not known stay silent',
      files: {
        '.privatelink.json': trusts(),
        'main.tf': `variable "account" {}
variable "org" {}

${endpoint(`        Principal = { AWS = "arn:aws:iam::\${var.account}:root" }
        Condition = {
          StringEquals = { "aws:PrincipalOrgID" = var.org }
        }`)}`,
      },
    },
    {
      name: 'an account principal held to a trusted organization may be a member of it',
      files: {
        '.privatelink.json': trusts(),
        'main.tf': endpoint(`        Principal = { AWS = "arn:aws:iam::444455556666:root" }
        Condition = {
          StringEquals = { "aws:PrincipalOrgID" = "${ORG}" }
        }`),
      },
    },
    {
      name: 'only accounts listed: an organization is not judged',
      files: {
        '.privatelink.json': trusts({ trustedOrganizations: [] }),
        'main.tf': endpoint(`        Principal = "*"
        Condition = {
          StringEquals = { "aws:PrincipalOrgID" = "o-zzzzzzzzzz" }
        }`),
      },
    },
    {
      name: 'only organizations listed: an account principal is not judged',
      files: {
        '.privatelink.json': trusts({ trustedAccounts: [] }),
        'main.tf': endpoint(`        Principal = { AWS = "arn:aws:iam::444455556666:root" }`),
      },
    },
    {
      name: 'a service principal names no account',
      files: {
        '.privatelink.json': trusts(),
        'main.tf': endpoint(`        Principal = { Service = "cloudtrail.amazonaws.com" }`),
      },
    },
  ],
  invalid: [
    {
      name: 'an account outside the trusted ones as Principal, at the value',
      files: {
        '.privatelink.json': trusts(),
        'main.tf': endpoint(`        Principal = { AWS = ["arn:aws:iam::${TRUSTED}:root", "arn:aws:iam::444455556666:root"] }`),
      },
      errors: [
        {
          line: 15,
          column: 64,
          endColumn: 96,
          severity: 'warning',
          message:
            'The statement of the policy of aws_vpc_endpoint.s3 grants account 444455556666 (Principal "arn:aws:iam::444455556666:root"), which .privatelink.json does not trust (trustedAccounts).',
        },
      ],
    },
    {
      name: 'conditions naming an organization, a resource account and a principal account outside the lists',
      files: {
        '.privatelink.json': trusts(),
        'main.tf': endpoint(`        Principal = "*"
        Condition = {
          StringEquals = {
            "aws:PrincipalOrgID"   = ["${ORG}", "o-zzzzzzzzzz"]
            "aws:ResourceAccount"  = "444455556666"
            "aws:PrincipalAccount" = "777788889999"
          }
        }`),
      },
      errors: [
        {
          line: 18,
          message:
            'lets in principals of organization o-zzzzzzzzzz (aws:PrincipalOrgID), which .privatelink.json does not trust (trustedOrganizations)',
        },
        { line: 19, message: 'allows access to resources of account 444455556666 (aws:ResourceAccount)' },
        { line: 20, message: 'lets in principals of account 777788889999 (aws:PrincipalAccount)' },
      ],
    },
    {
      name: 'a heredoc policy on an aws_vpc_endpoint_policy, at the value inside the text',
      files: {
        '.privatelink.json': trusts(),
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

resource "aws_vpc_endpoint_policy" "s3" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  policy          = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        { "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*" },
        {
          "Effect": "Allow",
          "Principal": { "AWS": "444455556666" },
          "Action": "s3:*",
          "Resource": "*"
        }
      ]
    }
  EOT
}
`,
      },
      errors: [
        {
          line: 19,
          column: 33,
          endColumn: 47,
          message: 'Statement 2 of the policy of aws_vpc_endpoint_policy.s3 grants account 444455556666 (Principal)',
        },
      ],
    },
    {
      name: 'a policy document data source: at its condition, pointing at the endpoint',
      files: {
        '.privatelink.json': trusts(),
        'main.tf': `${vpc}
data "aws_iam_policy_document" "s3" {
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-zzzzzzzzzz"]
    }
  }
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = data.aws_iam_policy_document.s3.json
}
`,
      },
      errors: [{ line: 16, column: 19, message: 'organization o-zzzzzzzzzz', related: 1 }],
    },
  ],
});
