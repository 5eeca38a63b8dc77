import { rule } from '../../server/src/rules/PL602';
import * as assert from 'node:assert/strict';
import { workspaceFromFiles } from '../../server/src/model/testing';
import { run, testRule, WS } from './rule-tester';

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

describe('PL602 fix with consumers in the workspace', () => {
  it('is offered but not preferred, naming the consumer that would then wait for acceptance', () => {
    const svc = `resource "aws_vpc_endpoint_service" "svc" {
  acceptance_required        = false
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/a/1"]
  allowed_principals         = ["arn:aws:iam::222222222222:root"]
}
`;
    const consumer = `
resource "aws_vpc_endpoint" "consumer" {
  vpc_id            = "vpc-1"
  service_name      = aws_vpc_endpoint_service.svc.service_name
  vpc_endpoint_type = "Interface"
}
`;
    const withConsumer = run(workspaceFromFiles({ [`${WS}main.tf`]: svc + consumer }), rule);
    assert.equal(withConsumer.length, 1);
    assert.equal(withConsumer[0].fixes?.[0].isPreferred, false);
    assert.match(withConsumer[0].fixes?.[0].title ?? '', /aws_vpc_endpoint\.consumer then needs auto_accept or an accepter/);
    const alone = run(workspaceFromFiles({ [`${WS}main.tf`]: svc }), rule);
    assert.equal(alone[0].fixes?.[0].isPreferred, true);
  });
});
