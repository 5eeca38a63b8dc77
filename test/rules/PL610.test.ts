import { rule } from '../../server/src/rules/PL610';
import { testRule } from './rule-tester';

/** A `.privatelink.json` trusting these accounts (and organizations). */
const trusts = (accounts: string[], organizations?: string[]) =>
  JSON.stringify({ trustedAccounts: accounts, ...(organizations ? { trustedOrganizations: organizations } : {}) }, null, 2) + '\n';

const nlb = `resource "aws_lb" "app" {
  load_balancer_type = "network"
  internal           = true
}
`;

const service = (principals: string) => `${nlb}
resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.app.arn]
  allowed_principals         = ${principals}
}
`;

testRule(rule, {
  valid: [
    {
      name: 'no .privatelink.json: no account is judged',
      files: { 'main.tf': service('["arn:aws:iam::444455556666:root"]') },
    },
    {
      name: 'trusted accounts: root, role and user ARNs, bare ids, a separate principal resource',
      files: {
        '.privatelink.json': trusts(['111122223333', '444455556666']),
        'main.tf': `${service('["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/consumer", "111122223333", "arn:aws:iam::111122223333:user/ci"]')}
resource "aws_vpc_endpoint_service_allowed_principal" "b" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.app.id
  principal_arn           = "arn:aws:iam::444455556666:root"
}
`,
      },
    },
    {
      name: '"*" is PL601\'s; principals that are not known or name no account stay silent',
      files: {
        '.privatelink.json': trusts(['111122223333']),
        'main.tf': `variable "consumer" {}

${service('["*", var.consumer, "arn:aws:iam::${var.consumer}:root"]')}`,
      },
    },
    {
      name: 'only organizations listed: account principals cannot be judged against them',
      files: {
        '.privatelink.json': JSON.stringify({ trustedOrganizations: ['o-a1b2c3d4e5'] }),
        'main.tf': service('["arn:aws:iam::444455556666:root"]'),
      },
    },
    {
      name: 'principals from a variable without a value',
      files: {
        '.privatelink.json': trusts(['111122223333']),
        'main.tf': `variable "principals" {}

${service('var.principals')}`,
      },
    },
  ],
  invalid: [
    {
      name: 'an account outside the trusted ones, at the item',
      files: {
        '.privatelink.json': trusts(['111122223333']),
        'main.tf': service('["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/consumer"]'),
      },
      errors: [
        {
          line: 9,
          column: 67,
          endColumn: 108,
          severity: 'warning',
          message:
            'aws_vpc_endpoint_service.app allows the principal "arn:aws:iam::444455556666:role/consumer" of account 444455556666, which .privatelink.json does not trust (trustedAccounts)',
        },
      ],
    },
    {
      name: 'a bare account id, and a GovCloud ARN, outside the trusted ones',
      files: {
        '.privatelink.json': trusts(['111122223333']),
        'main.tf': service('["444455556666", "arn:aws-us-gov:iam::777788889999:root"]'),
      },
      errors: [
        { line: 9, column: 33, message: 'of account 444455556666' },
        { line: 9, column: 49, message: 'of account 777788889999' },
      ],
    },
    {
      name: 'an aws_vpc_endpoint_service_allowed_principal for an account outside them, pointing at the service',
      files: {
        '.privatelink.json': trusts(['111122223333']),
        'main.tf': `${service('[]')}
resource "aws_vpc_endpoint_service_allowed_principal" "vendor" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.app.id
  principal_arn           = "arn:aws:iam::444455556666:root"
}
`,
      },
      errors: [
        {
          line: 14,
          column: 3,
          message: 'aws_vpc_endpoint_service_allowed_principal.vendor (for aws_vpc_endpoint_service.app) allows the principal',
          related: 1,
        },
      ],
    },
    {
      name: 'a principal from a variable default in another file: at the argument, pointing at the value',
      files: {
        '.privatelink.json': trusts(['111122223333']),
        'main.tf': service('var.consumers'),
        'variables.tf': `variable "consumers" {
  default = ["arn:aws:iam::444455556666:root"]
}
`,
      },
      errors: [{ line: 9, column: 3, message: 'of account 444455556666', related: 1 }],
    },
  ],
});
