import { rule } from '../../server/src/rules/PL607';
import { testRule } from './rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'private DNS name on a Network Load Balancer service',
      files: {
        'main.tf': `resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.app.arn]
  private_dns_name           = "api.example.com"
}
`,
      },
    },
    {
      name: 'Gateway Load Balancer service without a name, with a null name, or with a name from an unset input',
      files: {
        'main.tf': `variable "name" {
  default = null
}

variable "other" {}

resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = false
  gateway_load_balancer_arns = [aws_lb.gw.arn]
}

resource "aws_vpc_endpoint_service" "b" {
  acceptance_required        = false
  gateway_load_balancer_arns = [aws_lb.gw.arn]
  private_dns_name           = var.name
}

resource "aws_vpc_endpoint_service" "c" {
  acceptance_required        = false
  gateway_load_balancer_arns = [aws_lb.gw.arn]
  private_dns_name           = var.other
}
`,
      },
    },
    {
      name: 'load balancers not known, or an empty list of Gateway Load Balancers',
      files: {
        'main.tf': `variable "gwlbs" {}

resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = false
  gateway_load_balancer_arns = var.gwlbs
  private_dns_name           = "inspect.example.com"
}

resource "aws_vpc_endpoint_service" "b" {
  acceptance_required        = false
  gateway_load_balancer_arns = []
  network_load_balancer_arns = [aws_lb.app.arn]
  private_dns_name           = "inspect.example.com"
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a name on a Gateway Load Balancer service: the line is removed',
      files: {
        'main.tf': `resource "aws_vpc_endpoint_service" "inspection" {
  acceptance_required        = false
  gateway_load_balancer_arns = [aws_lb.gw.arn]
  private_dns_name           = "inspect.example.com"
  tags                       = { Name = "inspection" }
}

resource "aws_lb" "gw" {
  load_balancer_type = "gateway"
}
`,
      },
      errors: [{ line: 4, column: 3, severity: 'error', message: /Gateway Load Balancer endpoint services/ }],
      output: {
        'main.tf': `resource "aws_vpc_endpoint_service" "inspection" {
  acceptance_required        = false
  gateway_load_balancer_arns = [aws_lb.gw.arn]
  tags                       = { Name = "inspection" }
}

resource "aws_lb" "gw" {
  load_balancer_type = "gateway"
}
`,
      },
    },
    {
      name: 'the name from a variable default, in a for_each service',
      files: {
        'main.tf': `variable "dns" {
  default = "inspect.example.com"
}

resource "aws_vpc_endpoint_service" "inspection" {
  for_each                   = toset(["a", "b"])
  acceptance_required        = false
  gateway_load_balancer_arns = [aws_lb.gw[each.key].arn]
  private_dns_name           = var.dns
}

resource "aws_lb" "gw" {
  for_each           = toset(["a", "b"])
  load_balancer_type = "gateway"
}
`,
      },
      errors: [
        { line: 9, column: 3, message: /inspection\["a"\].*inspect\.example\.com/ },
        { line: 9, column: 3, message: /inspection\["b"\]/ },
      ],
    },
  ],
});
