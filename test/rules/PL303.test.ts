import { rule } from '../../server/src/rules/PL303';
import { testRule } from './rule-tester';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;

testRule(rule, {
  valid: [
    {
      name: 'jsonencode policy with a statement',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "*"
    }]
  })
}
`,
      },
    },
    {
      name: 'heredoc policy, valid JSON, interpolation inside a string',
      files: {
        'main.tf': `${vpc}
variable "bucket" {}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": "*",
          "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::\${var.bucket}/*"
        }
      ]
    }
  EOT
}
`,
      },
    },
    {
      name: 'interpolation outside a string: the shape is unknown',
      files: {
        'main.tf': `${vpc}
variable "statements" {}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = <<EOT
{"Statement": \${jsonencode(var.statements)}}
EOT
}
`,
      },
    },
    {
      name: 'policy from a variable without default',
      files: {
        'main.tf': `${vpc}
variable "policy" {}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = var.policy
}
`,
      },
    },
    {
      name: 'data source with principals and actions',
      files: {
        'main.tf': `${vpc}
data "aws_iam_policy_document" "s3" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
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
    },
    {
      name: 'data source statement with an unknown action list',
      files: {
        'main.tf': `${vpc}
variable "actions" {}

data "aws_iam_policy_document" "s3" {
  statement {
    effect    = "allow"
    actions   = var.actions
    resources = ["*"]
  }
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = data.aws_iam_policy_document.s3.json
}
`,
      },
    },
    {
      name: 'policy in a local heredoc, valid',
      files: {
        'main.tf': `${vpc}
locals {
  policy = <<-JSON
    {"Statement": [{"Effect": "Deny", "Principal": "*", "NotAction": "s3:Get*", "Resource": "*"}]}
  JSON
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = local.policy
}
`,
      },
    },
    {
      name: 'element names in another case are not called missing',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    statement = [{ effect = "Allow", principal = "*", action = "s3:*", resource = "*" }]
  })
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'escapes before the error: $${ in a heredoc, \\u0041 in a string',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "a" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = <<EOT
{"Statement": [{"Resource": "arn:aws:s3:::$\${aws:username}/*" "Effect": "Allow"}]}
EOT
}

resource "aws_vpc_endpoint" "b" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = "{\\"Sid\\": \\"\\u0041\\" \\"Statement\\": []}"
}
`,
      },
      errors: [
        { line: 9, column: 63, message: 'a comma is expected' },
        { line: 16, column: 40, message: 'a comma is expected' },
      ],
    },
    {
      name: 'error after an interpolation: offsets stay right',
      files: {
        'main.tf': `${vpc}
variable "bucket" {}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = <<-EOT
    {"Statement": [{"Resource": "arn:aws:s3:::\${var.bucket}/*" "Effect": "Allow"}]}
  EOT
}
`,
      },
      errors: [{ line: 11, column: 64, message: 'a comma is expected' }],
    },
    {
      name: 'CRLF line endings in a heredoc',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = <<EOT
{
  "Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}
  ]]
}
EOT
}
`.replace(/\n/g, '\r\n'),
      },
      errors: [{ line: 12, column: 4, message: 'a comma is expected' }],
    },
    {
      name: 'missing comma in a heredoc: points at the character',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = <<EOF
{
  "Version": "2012-10-17"
  "Statement": []
}
EOF
}
`,
      },
      errors: [{ line: 11, column: 3, endColumn: 14, message: 'a comma is expected', severity: 'error' }],
    },
    {
      name: 'trailing comma in an indented heredoc',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = <<-EOT
    {
      "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
      ]
    }
  EOT
}
`,
      },
      errors: [{ line: 12, column: 7, message: 'a value is expected' }],
    },
    {
      name: 'escaped quotes in a quoted string shift the offsets',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\" \\"Action\\": \\"*\\"}]}"
}
`,
      },
      errors: [{ line: 8, column: 59, message: 'a comma is expected' }],
    },
    {
      name: 'jsonencode without Statement, wrong Version',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Version = "2012-10-18"
  })
}
`,
      },
      errors: [
        { line: 8, column: 23, message: 'no Statement' },
        { line: 9, column: 5, message: 'Version "2012-10-18"' },
      ],
    },
    {
      name: 'Effect in lower case, no Action, no Principal',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "allow"
        Resource = "*"
      }
    ]
  })
}
`,
      },
      errors: [
        { line: 11, column: 7, message: 'neither Action nor NotAction' },
        { line: 11, column: 7, message: 'no Principal' },
        { line: 12, column: 9, message: 'Effect "allow"' },
      ],
    },
    {
      name: 'data source referenced in the old interpolation-only style',
      files: {
        'main.tf': `${vpc}
data "aws_iam_policy_document" "s3" {
  statement {
    effect    = "Alow"
    actions   = ["s3:GetObject"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = "\${data.aws_iam_policy_document.s3.json}"
}
`,
      },
      errors: [{ line: 7, column: 5, message: 'Effect "Alow"', related: 1 }],
    },
    {
      name: 'aws_vpc_endpoint_policy in another file, data source without actions',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`,
        'policy.tf': `data "aws_iam_policy_document" "s3" {
  statement {
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_vpc_endpoint_policy" "s3" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  policy          = data.aws_iam_policy_document.s3.json
}
`,
      },
      errors: [{ file: 'policy.tf', line: 2, column: 3, message: 'neither Action nor NotAction', related: 1 }],
    },
  ],
});
