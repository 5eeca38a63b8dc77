import { rule } from '../../server/src/rules/PL304';
import { testRule } from './rule-tester';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;

const endpoint = (service: string, actions: string, type = 'Gateway') => `${vpc}
resource "aws_vpc_endpoint" "this" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.${service}"
  vpc_endpoint_type = "${type}"
  policy = jsonencode({
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = ${actions}
        Resource  = "*"
      }
    ]
  })
}
`;

testRule(rule, {
  valid: [
    { name: 'S3 actions on an S3 endpoint', files: { 'main.tf': endpoint('s3', '["s3:GetObject", "s3:PutObject"]') } },
    {
      // CodeArtifact's guide puts sts:GetServiceBearerToken in the endpoint policy: its requests carry the token.
      name: "the STS bearer-token action CodeArtifact's requests need, alone in a statement",
      files: { 'main.tf': endpoint('codeartifact.api', '"sts:GetServiceBearerToken"', 'Interface') },
    },
    { name: 'wildcard action belongs to every service', files: { 'main.tf': endpoint('s3', '"*"') } },
    { name: 'mixed services: some actions apply', files: { 'main.tf': endpoint('s3', '["dynamodb:GetItem", "s3:GetObject"]') } },
    { name: 'action prefix in another case', files: { 'main.tf': endpoint('s3', '"S3:GetObject"') } },
    { name: 'wildcard in the prefix that matches', files: { 'main.tf': endpoint('s3', '"s3*:Get*"') } },
    { name: 'wildcards in the prefix: * any run, ? one character', files: { 'main.tf': endpoint('ecr.dkr', '"?c*:Get*"', 'Interface') } },
    {
      name: 'ecr actions on ecr.dkr (both ECR endpoints use the ecr prefix)',
      files: { 'main.tf': endpoint('ecr.dkr', '["ecr:BatchGetImage"]', 'Interface') },
    },
    {
      name: 'cloudwatch actions on the monitoring endpoint',
      files: { 'main.tf': endpoint('monitoring', '"cloudwatch:PutMetricData"', 'Interface') },
    },
    {
      name: 'unknown actions',
      files: {
        'main.tf': endpoint('s3', 'var.actions').replace(
          'resource "aws_vpc_endpoint"',
          'variable "actions" {}\n\nresource "aws_vpc_endpoint"',
        ),
      },
    },
    {
      name: 'unknown service',
      files: {
        'main.tf': endpoint('s3', '"dynamodb:*"')
          .replace('"com.amazonaws.eu-west-1.s3"', 'var.service')
          .replace('resource "aws_vpc_endpoint"', 'variable "service" {}\n\nresource "aws_vpc_endpoint"'),
      },
    },
    { name: 'service missing from the catalog', files: { 'main.tf': endpoint('some-new-service', '"dynamodb:*"', 'Interface') } },
  ],
  invalid: [
    {
      name: 'other STS actions on a CodeArtifact endpoint still do nothing there',
      files: { 'main.tf': endpoint('codeartifact.api', '"sts:AssumeRole"', 'Interface') },
      errors: [{ line: 14, message: 'only names sts actions' }],
    },
    {
      // Matched as regular expressions, these prefixes backtracked through every star: the policy took minutes.
      name: 'a prefix of many wildcards that matches nothing: no backtracking through them',
      files: {
        'main.tf': endpoint(
          'elasticloadbalancing',
          `[${Array.from({ length: 8000 }, (_, i) => `"${'*?'.repeat(11)}z${i}:Get"`).join(', ')}]`,
          'Interface',
        ),
      },
      errors: [{ line: 14, message: 'is an endpoint for elasticloadbalancing' }],
    },
    {
      name: 'dynamodb actions on an S3 endpoint',
      files: { 'main.tf': endpoint('s3', '"dynamodb:*"') },
      errors: [
        {
          line: 14,
          column: 9,
          message: 'only names dynamodb actions, but aws_vpc_endpoint.this is an endpoint for s3',
          severity: 'warning',
        },
      ],
    },
    {
      name: "several services, none of them the endpoint's",
      files: { 'main.tf': endpoint('sqs', '["sns:Publish", "kms:Decrypt"]', 'Interface') },
      errors: [{ line: 14, message: 'sns, kms actions' }],
    },
    {
      name: 'data source statement in another file, second statement',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = data.aws_iam_policy_document.s3.json
}
`,
        'policy.tf': `data "aws_iam_policy_document" "s3" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
  statement {
    actions   = ["dynamodb:Query"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
`,
      },
      errors: [{ file: 'policy.tf', line: 11, column: 5, message: 'Statement 2 only names dynamodb actions', related: 1 }],
    },
  ],
});
