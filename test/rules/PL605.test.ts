import { rule } from '../../server/src/rules/PL605';
import { testRule } from './rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'reusable module: acceptance from a variable defaulting to null',
      files: {
        'main.tf': `variable "acceptance_required" {
  default = null
}

resource "aws_vpc_endpoint_service" "this" {
  acceptance_required        = var.acceptance_required
  network_load_balancer_arns = ["arn:a"]
}
`,
      },
    },
    {
      name: 'set to false, true, or an unknown value',
      files: {
        'main.tf': `variable "x" {}

resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = false
  network_load_balancer_arns = ["arn:a"]
}

resource "aws_vpc_endpoint_service" "b" {
  acceptance_required        = var.x
  network_load_balancer_arns = ["arn:b"]
}
`,
      },
    },
    {
      name: "a called module's variable defaulting to null that the caller sets",
      files: {
        'main.tf': `module "svc" {
  source              = "./svc"
  acceptance_required = false
}
`,
        'svc/main.tf': `variable "acceptance_required" {
  type    = bool
  default = null
}

resource "aws_vpc_endpoint_service" "this" {
  acceptance_required        = var.acceptance_required
  network_load_balancer_arns = ["arn:a"]
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'absent: inserted, aligned',
      files: {
        'main.tf': `resource "aws_vpc_endpoint_service" "a" {
  network_load_balancer_arns = [aws_lb.a.arn]
  allowed_principals         = ["arn:aws:iam::111122223333:root"]
}

resource "aws_lb" "a" {
  load_balancer_type = "network"
}
`,
      },
      errors: [{ line: 1, column: 1, endColumn: 40, severity: 'error', message: 'does not set acceptance_required' }],
      output: {
        'main.tf': `resource "aws_vpc_endpoint_service" "a" {
  network_load_balancer_arns = [aws_lb.a.arn]
  allowed_principals         = ["arn:aws:iam::111122223333:root"]
  acceptance_required        = true
}

resource "aws_lb" "a" {
  load_balancer_type = "network"
}
`,
      },
    },
    {
      name: 'null counts as absent: the value is replaced',
      files: {
        'main.tf': `resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = null
  network_load_balancer_arns = ["arn:a"]
}
`,
      },
      errors: [{ line: 2, column: 3 }],
      output: {
        'main.tf': `resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn:a"]
}
`,
      },
    },
    {
      name: "a called module's variable defaulting to null that the caller leaves out: the caller gets the input",
      files: {
        'main.tf': `module "svc" {
  source = "./svc"
}
`,
        'svc/main.tf': `variable "acceptance_required" {
  type    = bool
  default = null
}

resource "aws_vpc_endpoint_service" "this" {
  acceptance_required        = var.acceptance_required
  network_load_balancer_arns = ["arn:a"]
}
`,
      },
      errors: [
        { file: 'svc/main.tf', line: 7, column: 3, message: 'module.svc.aws_vpc_endpoint_service.this does not set acceptance_required' },
      ],
      output: {
        'main.tf': `module "svc" {
  source              = "./svc"
  acceptance_required = true
}
`,
      },
    },
    {
      name: "a called module's try(each.value.acceptance_required, null) for an entry that leaves it out",
      files: {
        'main.tf': `module "svc" {
  source   = "./svc"
  services = { a = { acceptance_required = false }, b = {} }
}
`,
        'svc/main.tf': `variable "services" {
  type = any
}

resource "aws_vpc_endpoint_service" "this" {
  for_each                   = var.services
  acceptance_required        = try(each.value.acceptance_required, null)
  network_load_balancer_arns = ["arn:a"]
}
`,
      },
      errors: [
        {
          file: 'svc/main.tf',
          line: 7,
          column: 3,
          message: 'module.svc.aws_vpc_endpoint_service.this["b"] does not set acceptance_required',
        },
      ],
    },
  ],
});
