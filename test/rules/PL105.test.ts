import { rule } from '../../server/src/rules/PL105';
import { testRule } from './rule-tester';

const base = (attr: string) => `resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
${attr}}
`;

const separate = (value = 'true') => `
resource "aws_vpc_endpoint_private_dns" "ssm" {
  vpc_endpoint_id     = aws_vpc_endpoint.ssm.id
  private_dns_enabled = ${value}
}
`;

testRule(rule, {
  valid: [
    { name: 'only the attribute', files: { 'main.tf': base('  private_dns_enabled = true\n') } },
    { name: 'only the stand-alone resource', files: { 'main.tf': base('') + separate() } },
    {
      name: 'the stand-alone resource manages another endpoint',
      files: {
        'main.tf':
          base('  private_dns_enabled = true\n') +
          `
resource "aws_vpc_endpoint" "kms" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.kms"
  vpc_endpoint_type = "Interface"
}
` +
          separate().replace('aws_vpc_endpoint.ssm.id', 'aws_vpc_endpoint.kms.id'),
      },
    },
  ],
  invalid: [
    {
      name: 'set in both places, same value',
      files: { 'main.tf': base('  private_dns_enabled = true\n') + separate() },
      errors: [
        {
          line: 10,
          column: 3,
          endColumn: 29,
          severity: 'warning',
          message: 'aws_vpc_endpoint_private_dns.ssm manages it too:',
          related: 1,
        },
      ],
      output: { 'main.tf': base('') + separate() },
    },
    {
      name: 'opposite values are named',
      files: { 'main.tf': base('  private_dns_enabled = false # set by the stand-alone resource\n') + separate() },
      errors: [{ line: 10, message: 'with the opposite value (true)' }],
      output: { 'main.tf': base('') + separate() },
    },
    {
      name: 'stand-alone resource in another file',
      files: { 'main.tf': base('  private_dns_enabled = true\n'), 'dns.tf': separate() },
      errors: [{ line: 10 }],
      output: { 'main.tf': base(''), 'dns.tf': separate() },
    },
    {
      name: 'kept when dns_options needs the argument on the endpoint (no fix)',
      files: {
        'main.tf':
          base(`  private_dns_enabled = true

  dns_options {
    private_dns_only_for_inbound_resolver_endpoint = false
  }
`) + separate(),
      },
      errors: [{ line: 10 }],
    },
  ],
});
