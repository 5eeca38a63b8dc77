import { rule } from '../../server/src/rules/PL604';
import { testRule } from './rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'reusable module: principals from a variable defaulting to null',
      files: {
        'main.tf': `variable "allowed_principals" {
  type    = list(string)
  default = null
}

resource "aws_vpc_endpoint_service" "this" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn:a"]
  allowed_principals         = var.allowed_principals
}
`,
      },
    },
    {
      name: 'principals inline, as resources, or unknown',
      files: {
        'main.tf': `variable "p" {}
variable "svc" {}

resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn:a"]
  allowed_principals         = ["arn:aws:iam::111122223333:root"]
}

resource "aws_vpc_endpoint_service" "b" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn:b"]
}

resource "aws_vpc_endpoint_service_allowed_principal" "b" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.b.id
  principal_arn           = "arn:aws:iam::111122223333:root"
}

resource "aws_vpc_endpoint_service" "c" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn:c"]
  allowed_principals         = var.p
}
`,
      },
    },
    {
      name: 'an allowed principal resource for an unknown service could be this one',
      files: {
        'main.tf': `variable "svc" {}

resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn:a"]
}

resource "aws_vpc_endpoint_service_allowed_principal" "x" {
  vpc_endpoint_service_id = var.svc
  principal_arn           = "arn:aws:iam::111122223333:root"
}
`,
      },
    },
    {
      name: "a called module's variable defaulting to null that the caller sets",
      files: {
        'main.tf': `module "svc" {
  source             = "./svc"
  allowed_principals = ["arn:aws:iam::123456789012:root"]
}
`,
        'svc/main.tf': `variable "allowed_principals" {
  type    = list(string)
  default = null
}

resource "aws_vpc_endpoint_service" "this" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn:a"]
  allowed_principals         = var.allowed_principals
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'absent, and an empty list',
      files: {
        'main.tf': `resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn:a"]
}

resource "aws_vpc_endpoint_service" "b" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn:b"]
  allowed_principals         = []
}
`,
      },
      errors: [
        { line: 1, column: 1, severity: 'information', message: 'aws_vpc_endpoint_service.a allows no principals' },
        { line: 9, column: 3, message: 'aws_vpc_endpoint_service.b allows no principals' },
      ],
    },
    {
      name: 'allowed_principals = null allows none',
      files: {
        'main.tf': `resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn:a"]
  allowed_principals         = null
}
`,
      },
      errors: [{ line: 4, column: 3, message: 'aws_vpc_endpoint_service.a allows no principals' }],
    },
    {
      name: "a called module's variable defaulting to null that the caller leaves out",
      files: {
        'main.tf': `module "svc" {
  source = "./svc"
}
`,
        'svc/main.tf': `variable "allowed_principals" {
  type    = list(string)
  default = null
}

resource "aws_vpc_endpoint_service" "this" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn:a"]
  allowed_principals         = var.allowed_principals
}
`,
      },
      errors: [{ file: 'svc/main.tf', line: 9, column: 3, message: 'module.svc.aws_vpc_endpoint_service.this allows no principals' }],
    },
  ],
});
