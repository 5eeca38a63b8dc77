import { rule } from '../../server/src/rules/PL602';
import { testRule } from './rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'acceptance required; absent (PL605); unknown',
      files: {
        'main.tf': `variable "auto" {}

resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/a/1"]
}

resource "aws_vpc_endpoint_service" "b" {
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/b/1"]
}

resource "aws_vpc_endpoint_service" "c" {
  acceptance_required        = var.auto
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/c/1"]
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'auto-accept',
      files: {
        'main.tf': `resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = false
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/a/1"]
  allowed_principals         = ["arn:aws:iam::111122223333:root"]
}
`,
      },
      errors: [{ line: 2, column: 3, severity: 'information', message: 'accepts every connection request automatically' }],
      output: {
        'main.tf': `resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/a/1"]
  allowed_principals         = ["arn:aws:iam::111122223333:root"]
}
`,
      },
    },
    {
      name: 'auto-accept from a variable default, with count instances: no fix',
      files: {
        'main.tf': `variable "auto_accept" {
  default = "false"
}

resource "aws_vpc_endpoint_service" "a" {
  count                      = 2
  acceptance_required        = var.auto_accept
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/a/1"]
}
`,
      },
      errors: [
        { line: 7, message: 'aws_vpc_endpoint_service.a[0]' },
        { line: 7, message: 'aws_vpc_endpoint_service.a[1]' },
      ],
    },
  ],
});
