import { rule } from '../../server/src/rules/PL603';
import { testRule } from './rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'reusable module: load balancer lists from variables defaulting to null',
      files: {
        'main.tf': `variable "network_load_balancer_arns" {
  type    = list(string)
  default = null
}

variable "gateway_load_balancer_arns" {
  type    = list(string)
  default = null
}

resource "aws_vpc_endpoint_service" "this" {
  acceptance_required        = true
  network_load_balancer_arns = var.network_load_balancer_arns
  gateway_load_balancer_arns = var.gateway_load_balancer_arns
}
`,
      },
    },
    {
      name: 'internal NLB; GWLB; ARNs as literals; unknown lists; data source load balancer',
      files: {
        'main.tf': `variable "arns" {}

resource "aws_lb" "nlb" {
  load_balancer_type = "network"
  internal           = true
}

resource "aws_lb" "gwlb" {
  load_balancer_type = "gateway"
}

data "aws_lb" "shared" {
  name = "shared"
}

resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.nlb.arn, data.aws_lb.shared.arn, "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/net/x/1"]
}

resource "aws_vpc_endpoint_service" "b" {
  acceptance_required        = true
  gateway_load_balancer_arns = [aws_lb.gwlb.arn]
}

resource "aws_vpc_endpoint_service" "c" {
  acceptance_required        = true
  network_load_balancer_arns = var.arns
}
`,
      },
    },
    {
      name: 'load balancer type unknown',
      files: {
        'main.tf': `variable "type" {}

resource "aws_lb" "x" {
  load_balancer_type = var.type
}

resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.x.arn]
}
`,
      },
    },
    {
      name: "a called module's lists from variables defaulting to null, one of which the caller sets",
      files: {
        'main.tf': `module "svc" {
  source                     = "./svc"
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/a/1"]
}
`,
        'svc/main.tf': `variable "network_load_balancer_arns" {
  type    = list(string)
  default = null
}

variable "gateway_load_balancer_arns" {
  type    = list(string)
  default = null
}

resource "aws_vpc_endpoint_service" "this" {
  acceptance_required        = true
  network_load_balancer_arns = var.network_load_balancer_arns
  gateway_load_balancer_arns = var.gateway_load_balancer_arns
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'no load balancer at all',
      files: {
        'main.tf': `resource "aws_vpc_endpoint_service" "a" {
  acceptance_required = true
  allowed_principals  = ["arn:aws:iam::111122223333:root"]
}
`,
      },
      errors: [{ line: 1, column: 1, severity: 'error', message: 'has neither network_load_balancer_arns nor gateway_load_balancer_arns' }],
    },
    {
      name: 'an aws_lb without load_balancer_type is an ALB; an NLB in the gateway list',
      files: {
        'lb.tf': `resource "aws_lb" "web" {
  name = "web"
}

resource "aws_lb" "nlb" {
  load_balancer_type = "network"
  internal           = true
}
`,
        'main.tf': `resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.web.arn]
}

resource "aws_vpc_endpoint_service" "b" {
  acceptance_required        = true
  gateway_load_balancer_arns = [aws_lb.nlb.arn]
}
`,
      },
      errors: [
        {
          line: 3,
          column: 33,
          severity: 'error',
          related: 1,
          message: 'an Application Load Balancer (load_balancer_type defaults to "application")',
        },
        {
          line: 8,
          severity: 'error',
          related: 1,
          message: 'a Network Load Balancer: gateway_load_balancer_arns takes only Gateway Load Balancers',
        },
      ],
    },
    {
      name: 'internet-facing NLB (internal defaults to false), counted load balancer',
      files: {
        'main.tf': `resource "aws_lb" "nlb" {
  count              = 1
  load_balancer_type = "network"
}

resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.nlb[0].arn]
}
`,
      },
      errors: [{ line: 8, severity: 'warning', related: 1, message: 'aws_lb.nlb[0], an internet-facing Network Load Balancer' }],
    },
    {
      name: "a called module's lists from variables defaulting to null that the caller leaves out; both lists null",
      files: {
        'main.tf': `module "svc" {
  source = "./svc"
}

resource "aws_vpc_endpoint_service" "nulls" {
  acceptance_required        = true
  network_load_balancer_arns = null
  gateway_load_balancer_arns = null
}
`,
        'svc/main.tf': `variable "network_load_balancer_arns" {
  type    = list(string)
  default = null
}

variable "gateway_load_balancer_arns" {
  type    = list(string)
  default = null
}

resource "aws_vpc_endpoint_service" "this" {
  acceptance_required        = true
  network_load_balancer_arns = var.network_load_balancer_arns
  gateway_load_balancer_arns = var.gateway_load_balancer_arns
}
`,
      },
      errors: [
        { line: 5, column: 1, message: 'aws_vpc_endpoint_service.nulls has neither' },
        { file: 'svc/main.tf', line: 11, column: 1, message: 'module.svc.aws_vpc_endpoint_service.this has neither' },
      ],
    },
  ],
});
