import { rule } from '../../server/src/rules/PL305';
import { testRule } from './rule-tester';

const vpc = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;

const gwlb = (extra: string) => `${vpc}
resource "aws_vpc_endpoint" "inspection" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = "GatewayLoadBalancer"
  subnet_ids        = ["subnet-1"]${extra}
}
`;

testRule(rule, {
  valid: [
    { name: 'GWLB endpoint without policy', files: { 'main.tf': gwlb('') } },
    { name: 'GWLB endpoint with policy = null', files: { 'main.tf': gwlb('\n  policy            = null') } },
    {
      name: 'Interface endpoint with a policy',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "sts" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type = "Interface"
  policy            = jsonencode({ Statement = [] })
}
`,
      },
    },
    {
      name: 'endpoint type unknown',
      files: {
        'main.tf': `${vpc}
variable "type" {}

resource "aws_vpc_endpoint" "x" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = var.type
  policy            = "{}"
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'policy attribute on a GWLB endpoint: removed',
      files: { 'main.tf': gwlb('\n  policy            = jsonencode({ Statement = [] })') },
      errors: [{ line: 10, column: 3, message: 'GatewayLoadBalancer endpoint', severity: 'error' }],
      output: { 'main.tf': gwlb('') },
    },
    {
      name: 'aws_vpc_endpoint_policy in another file: the resource is removed',
      files: {
        'main.tf': gwlb(''),
        'policy.tf': `resource "aws_vpc_endpoint_policy" "inspection" {
  vpc_endpoint_id = aws_vpc_endpoint.inspection.id
  policy          = jsonencode({ Statement = [] })
}

output "x" {
  value = 1
}
`,
      },
      errors: [
        {
          file: 'policy.tf',
          line: 3,
          column: 3,
          message: 'aws_vpc_endpoint_policy.inspection sets a policy on aws_vpc_endpoint.inspection',
          related: 1,
        },
      ],
      output: {
        'policy.tf': `output "x" {
  value = 1
}
`,
      },
    },
  ],
});
