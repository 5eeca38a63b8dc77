import { rule } from '../../server/src/rules/PL302';
import { testRule } from './rule-tester';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;

const open = (extra = '') => `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:*"
        Resource  = "*"${extra}
      }
    ]
  })
}
`;

/** The open statement, then `deny` as a second statement. */
const withDeny = (deny: string) =>
  open().replace(
    `        Resource  = "*"
      }
    ]`,
    `        Resource  = "*"
      },
${deny}
    ]`,
  );

testRule(rule, {
  valid: [
    {
      // AWS allows full access to endpoints of services that take no endpoint policy, and of
      // endpoint services that are not AWS services, whatever the document says.
      name: 'where AWS applies no endpoint policy: ssmmessages, an endpoint service (vpce-svc), one defined here',
      files: {
        'main.tf': ['ssmmessages', 'vpce.eu-west-1.vpce-svc-0123456789abcdef0']
          .map((svc, i) =>
            open()
              .replace(vpc, i === 0 ? vpc : '')
              .replace('"s3"', `"e${i}"`)
              .replace('com.amazonaws.eu-west-1.s3', `com.amazonaws.${svc.startsWith('vpce') ? svc : `eu-west-1.${svc}`}`)
              .replace('"s3:*"', '"*"'),
          )
          .join('\n'),
        'provider.tf': `resource "aws_vpc_endpoint_service" "svc" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/x/1"]
}

resource "aws_vpc_endpoint" "own" {
  vpc_id            = "vpc-1"
  service_name      = aws_vpc_endpoint_service.svc.service_name
  vpc_endpoint_type = "Interface"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "*", Resource = "*" }]
  })
}
`,
      },
    },
    {
      // The Landing Zone Accelerator's endpoint policies: allow everything, deny outside the
      // organization. The Deny wins, a principal without an organization included.
      name: 'a Deny for everyone outside the organization fences the open Allow',
      files: {
        'main.tf': withDeny(`      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "*"
        Resource  = "*"
        Condition = {
          StringNotEquals = { "aws:PrincipalOrgID" = "o-abc123" }
        }
      },`),
      },
    },
    {
      name: 'a Deny of everything leaves nothing open',
      files: {
        'main.tf': withDeny(`      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = "*"
      },`),
      },
    },
    {
      name: 'condition on aws:PrincipalOrgID',
      files: {
        'main.tf': open(`
        Condition = {
          StringEquals = { "aws:PrincipalOrgID" = "o-abc123" }
        }`),
      },
    },
    {
      name: 'condition key in another case (keys are case-insensitive)',
      files: {
        'main.tf': open(`
        Condition = {
          StringEquals = { "AWS:SourceVpc" = "vpc-123" }
        }`),
      },
    },
    {
      name: 'condition on aws:PrincipalOrgPaths (identity perimeter by organization path)',
      files: {
        'main.tf': open(`
        Condition = {
          "ForAnyValue:StringLike" = { "aws:PrincipalOrgPaths" = ["o-abc123/r-ab12/ou-ab12-11111111/*"] }
        }`),
      },
    },
    {
      name: 'condition on aws:PrincipalArn (identity perimeter by principal ARN)',
      files: {
        'main.tf': open(`
        Condition = {
          ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/*" }
        }`),
      },
    },
    {
      name: 'condition on aws:PrincipalServiceName (calls by a named AWS service principal)',
      files: {
        'main.tf': open(`
        Condition = {
          StringEquals = { "aws:PrincipalServiceName" = "cloudformation.amazonaws.com" }
        }`),
      },
    },
    {
      name: 'condition on aws:ResourceOrgPaths (resource perimeter by organization path)',
      files: {
        'main.tf': open(`
        Condition = {
          "ForAnyValue:StringLike" = { "aws:ResourceOrgPaths" = ["o-abc123/*"] }
        }`),
      },
    },
    {
      name: 'condition on aws:SourceOrgID (service calls on behalf of the organization)',
      files: {
        'main.tf': open(`
        Condition = {
          StringEquals = { "aws:SourceOrgID" = "o-abc123" }
        }`),
      },
    },
    {
      name: 'condition on aws:SourceOrgPaths (service calls on behalf of an organization path)',
      files: {
        'main.tf': open(`
        Condition = {
          "ForAnyValue:StringLike" = { "aws:SourceOrgPaths" = ["o-abc123/*"] }
        }`),
      },
    },
    {
      name: 'condition on aws:SourceVpcArn (network perimeter by VPC ARN)',
      files: {
        'main.tf': open(`
        Condition = {
          ArnEquals = { "aws:SourceVpcArn" = "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-123" }
        }`),
      },
    },
    {
      name: "condition on aws:VpceAccount (the endpoint owner's account)",
      files: {
        'main.tf': open(`
        Condition = {
          StringEquals = { "aws:VpceAccount" = "111122223333" }
        }`),
      },
    },
    {
      name: "condition on aws:VpceOrgID (the endpoint owner's organization)",
      files: {
        'main.tf': open(`
        Condition = {
          StringEquals = { "aws:VpceOrgID" = "o-abc123" }
        }`),
      },
    },
    {
      name: "condition on aws:VpceOrgPaths (the endpoint owner's organization path)",
      files: {
        'main.tf': open(`
        Condition = {
          "ForAnyValue:StringLike" = { "aws:VpceOrgPaths" = ["o-abc123/*"] }
        }`),
      },
    },
    {
      name: 'condition on aws:PrincipalIsAWSService (AWS service principals only)',
      files: {
        'main.tf': open(`
        Condition = {
          Bool = { "aws:PrincipalIsAWSService" = "true" }
        }`),
      },
    },
    {
      name: 'the default policy written out on a Resource endpoint, which takes no endpoint policy',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.main.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "*", Resource = "*" }]
  })
}
`,
      },
    },
    {
      name: 'narrow actions',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = ["s3:GetObject"], Resource = "*" }]
  })
}
`,
      },
    },
    {
      name: 'a specific principal',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "*", Resource = "*" }]
  })
}
`,
      },
    },
    {
      name: 'Deny statement',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Statement = [{ Effect = "Deny", Principal = "*", Action = "*", Resource = "*" }]
  })
}
`,
      },
    },
    {
      name: "another service's wildcard is not this service's full access",
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "dynamodb:*", Resource = "*" }]
  })
}
`,
      },
    },
    {
      name: 'unknown principal',
      files: {
        'main.tf': `${vpc}
variable "principal" {}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = var.principal, Action = "*", Resource = "*" }]
  })
}
`,
      },
    },
    {
      name: 'condition with an unknown operator map',
      files: {
        'main.tf': open(`
        Condition = var.condition`).replace('resource "aws_vpc_endpoint"', 'variable "condition" {}\n\nresource "aws_vpc_endpoint"'),
      },
    },
    {
      name: 'data source with a principal condition',
      files: {
        'main.tf': `${vpc}
data "aws_iam_policy_document" "s3" {
  statement {
    actions   = ["*"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalAccount"
      values   = ["123456789012"]
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
  ],
  invalid: [
    {
      name: 'jsonencode, the default policy written out: Condition added in HCL',
      files: { 'main.tf': open() },
      errors: [{ line: 11, column: 7, message: /statement.*"s3:\*".*aws_vpc_endpoint\.s3 is open/, severity: 'warning' }],
      output: {
        'main.tf': open(`
        Condition = {
          StringEquals = {
            "aws:PrincipalOrgID" = "o-xxxxxxxxxx"
          }
        }`),
      },
    },
    {
      name: 'one-line statement, Principal {AWS = ["*"]}',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = ["*"] }, Action = ["*"], Resource = ["*"] }]
  })
}
`,
      },
      errors: [{ line: 9, column: 18 }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = ["*"] }, Action = ["*"], Resource = ["*"], Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-xxxxxxxxxx" } } }]
  })
}
`,
      },
    },
    {
      name: 'heredoc JSON: Condition added in JSON at the same indentation',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "ecr_api" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.ecr.api"
  vpc_endpoint_type = "Interface"
  policy            = <<-EOT
    {
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": "*",
          "Action": "ecr:*",
          "Resource": "*"
        }
      ]
    }
  EOT
}
`,
      },
      errors: [{ line: 12, column: 9, message: 'aws_vpc_endpoint.ecr_api' }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "ecr_api" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.ecr.api"
  vpc_endpoint_type = "Interface"
  policy            = <<-EOT
    {
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": "*",
          "Action": "ecr:*",
          "Resource": "*",
          "Condition": {
            "StringEquals": {
              "aws:PrincipalOrgID": "o-xxxxxxxxxx"
            }
          }
        }
      ]
    }
  EOT
}
`,
      },
    },
    {
      name: 'quoted string JSON: Condition added with escaped quotes',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}"
}
`,
      },
      errors: [{ line: 8, column: 35 }],
      output: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\",\\"Condition\\":{\\"StringEquals\\":{\\"aws:PrincipalOrgID\\":\\"o-xxxxxxxxxx\\"}}}]}"
}
`,
      },
    },
    {
      name: 'data source in another file: condition block added to the statement',
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
    actions   = ["s3:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
`,
      },
      errors: [{ file: 'policy.tf', line: 2, column: 3, related: 1 }],
      output: {
        'policy.tf': `data "aws_iam_policy_document" "s3" {
  statement {
    actions   = ["s3:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
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
      name: 'for_each endpoints sharing one policy: one finding naming every instance',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each = toset(["ecr.api", "ecr.dkr"])

  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.value}"
  vpc_endpoint_type = "Interface"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "*"
      Resource  = "*"
    }]
  })
}
`,
      },
      errors: [{ line: 12, column: 18, message: 'aws_vpc_endpoint.this (2 instances: ecr.api, ecr.dkr) is open' }],
    },
    {
      name: 'a Deny of a few actions outside the organization leaves the rest open',
      files: {
        'main.tf': withDeny(`      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:DeleteObject"
        Resource  = "*"
        Condition = {
          StringNotEquals = { "aws:PrincipalOrgID" = "o-abc123" }
        }
      },`),
      },
      errors: [{ line: 11, message: /aws_vpc_endpoint\.s3 is open/ }],
    },
    {
      name: 'a Deny with a matching operator denies only inside the organization',
      files: {
        'main.tf': withDeny(`      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "*"
        Resource  = "*"
        Condition = {
          StringEquals = { "aws:PrincipalOrgID" = "o-abc123" }
        }
      },`),
      },
      errors: [{ line: 11, message: /aws_vpc_endpoint\.s3 is open/ }],
    },
    {
      name: 'a negated operator lets every other organization in',
      files: {
        'main.tf': open(`
        Condition = {
          StringNotEquals = { "aws:PrincipalOrgID" = "o-abc123" }
        }`),
      },
      errors: [{ line: 11, column: 7, message: /aws_vpc_endpoint\.s3 is open/ }],
    },
    {
      name: 'IfExists lets in a principal outside any organization',
      files: {
        'main.tf': open(`
        Condition = {
          StringEqualsIfExists = { "aws:PrincipalOrgID" = "o-abc123" }
        }`),
      },
      errors: [{ line: 11, column: 7, message: /aws_vpc_endpoint\.s3 is open/ }],
    },
    {
      name: 'aws:SourceIp says nothing about whose credentials',
      files: {
        'main.tf': open(`
        Condition = {
          IpAddress = { "aws:SourceIp" = "10.0.0.0/8" }
        }`),
      },
      errors: [{ line: 11, column: 7, message: /aws_vpc_endpoint\.s3 is open/ }],
    },
    {
      name: 'aws:CalledVia does not restrict the principal',
      files: {
        'main.tf': open(`
        Condition = {
          "ForAnyValue:StringEquals" = { "aws:CalledVia" = "cloudformation.amazonaws.com" }
        }`),
      },
      errors: [{ line: 11, column: 7, message: /aws_vpc_endpoint\.s3 is open/ }],
    },
    {
      name: 'aws:PrincipalIsAWSService false lets every other principal in',
      files: {
        'main.tf': open(`
        Condition = {
          Bool = { "aws:PrincipalIsAWSService" = "false" }
        }`),
      },
      errors: [{ line: 11, column: 7, message: /aws_vpc_endpoint\.s3 is open/ }],
    },
  ],
});
