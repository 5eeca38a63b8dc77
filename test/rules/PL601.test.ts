import { rule } from '../../server/src/rules/PL601';
import { testRule } from './rule-tester';

const nlb = `resource "aws_lb" "app" {
  load_balancer_type = "network"
  internal           = true
}
`;

testRule(rule, {
  valid: [
    {
      name: 'named accounts, ARNs with wildcards inside are not "*"',
      files: {
        'main.tf': `${nlb}
resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
  allowed_principals         = ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/*"]
}

resource "aws_vpc_endpoint_service_allowed_principal" "b" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.app.id
  principal_arn           = "arn:aws:iam::777788889999:root"
}
`,
      },
    },
    {
      name: 'principals from a variable without a value',
      files: {
        'main.tf': `${nlb}
variable "principals" {}

resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
  allowed_principals         = var.principals
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'open to "*" with auto-accept: error at the item, placeholder fix',
      files: {
        'main.tf': `${nlb}
resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
  allowed_principals         = ["*"]
}
`,
      },
      errors: [{ line: 9, column: 33, endColumn: 36, severity: 'error', message: 'accepts every connection without review' }],
      output: {
        'main.tf': `${nlb}
resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
  allowed_principals         = ["arn:aws:iam::123456789012:root"]
}
`,
      },
    },
    {
      name: 'open to "*" with acceptance: warning; the "*" comes from a variable default in another file',
      files: {
        'variables.tf': `variable "principals" {
  default = ["arn:aws:iam::111122223333:root", "*"]
}
`,
        'main.tf': `${nlb}
resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.app.arn]
  allowed_principals         = var.principals
}
`,
      },
      errors: [{ line: 9, column: 3, severity: 'warning', related: 1, message: 'any AWS account can find the service' }],
      output: {
        'variables.tf': `variable "principals" {
  default = ["arn:aws:iam::111122223333:root", "arn:aws:iam::123456789012:root"]
}
`,
      },
    },
    {
      name: 'stand-alone allowed principal "*" on an auto-accepting service, in another file',
      files: {
        'main.tf': `${nlb}
resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
}
`,
        'principals.tf': `resource "aws_vpc_endpoint_service_allowed_principal" "all" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.app.id
  principal_arn           = "*"
}
`,
      },
      errors: [
        {
          file: 'principals.tf',
          line: 3,
          column: 3,
          severity: 'error',
          related: 1,
          message: 'aws_vpc_endpoint_service_allowed_principal.all allows the principal "*" on aws_vpc_endpoint_service.app',
        },
      ],
      output: {
        'principals.tf': `resource "aws_vpc_endpoint_service_allowed_principal" "all" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.app.id
  principal_arn           = "arn:aws:iam::123456789012:root"
}
`,
      },
    },
  ],
});
