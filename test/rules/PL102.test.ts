import { rule } from '../../server/src/rules/PL102';
import { testRule } from './rule-tester';
import { latticeEndpoints } from './lattice-fixtures';

const vpc = `resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
`;

const ep = (name: string, service: string, extra = '') => `
resource "aws_vpc_endpoint" "${name}" {
  vpc_id            = aws_vpc.main.id
  service_name      = "${service}"
  vpc_endpoint_type = "Interface"
${extra}}
`;

// The hub pattern: private DNS off, a private zone per service with an alias to the endpoint.
const hubZone = `
resource "aws_route53_zone" "ssm" {
  name = "ssm.eu-west-1.amazonaws.com"

  vpc {
    vpc_id = aws_vpc.main.id
  }
}

resource "aws_route53_record" "ssm" {
  zone_id = aws_route53_zone.ssm.zone_id
  name    = "ssm.eu-west-1.amazonaws.com"
  type    = "A"

  alias {
    name                   = aws_vpc_endpoint.ssm.dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.ssm.dns_entry[0].hosted_zone_id
    evaluate_target_health = false
  }
}
`;

// The hub pattern of VPC Lattice: a resource configuration names the endpoint by its own DNS
// name and gives consumers the service's name as a custom domain (their service-network
// association with private DNS then resolves it to VPC Lattice, which carries the traffic).
const latticeDomain = (kind: 'aws' | 'awscc', target = 'ssm', custom = '"ssm.eu-west-1.amazonaws.com"') =>
  kind === 'aws'
    ? `
resource "aws_vpclattice_resource_configuration" "ssm" {
  name                        = "ssm"
  resource_gateway_identifier = "rgw-1"
  port_ranges                 = ["443"]
  ${custom ? `custom_domain_name          = ${custom}` : ''}

  resource_configuration_definition {
    dns_resource {
      domain_name     = aws_vpc_endpoint.${target}.dns_entry[0].dns_name
      ip_address_type = "IPV4"
    }
  }
}
`
    : `
resource "awscc_vpclattice_resource_configuration" "ssm" {
  name                        = "ssm"
  resource_gateway_id         = "rgw-1"
  port_ranges                 = ["443"]
  protocol_type               = "TCP"
  resource_configuration_type = "SINGLE"
  ${custom ? `custom_domain_name          = ${custom}` : ''}
  resource_configuration_definition = {
    dns_resource = {
      domain_name     = aws_vpc_endpoint.${target}.dns_entry[0].dns_name
      ip_address_type = "IPV4"
    }
  }
}
`;

testRule(rule, {
  valid: [
    {
      name: 'VPC Lattice gives consumers a custom domain name for the endpoint (aws provider)',
      files: { 'main.tf': vpc + ep('ssm', 'com.amazonaws.eu-west-1.ssm') + latticeDomain('aws') },
    },
    {
      name: 'VPC Lattice gives consumers a custom domain name for the endpoint (awscc provider)',
      files: { 'main.tf': vpc + ep('ssm', 'com.amazonaws.eu-west-1.ssm') + latticeDomain('awscc') },
    },
    {
      name: 'a custom domain name from a variable without a default may be the service name',
      files: {
        'main.tf': vpc + 'variable "domain" {}\n' + ep('ssm', 'com.amazonaws.eu-west-1.ssm') + latticeDomain('awscc', 'ssm', 'var.domain'),
      },
    },
    { name: 'private DNS on', files: { 'main.tf': vpc + ep('ssm', 'com.amazonaws.eu-west-1.ssm', '  private_dns_enabled = true\n') } },
    {
      name: 'private DNS on through aws_vpc_endpoint_private_dns',
      files: {
        'main.tf':
          vpc +
          ep('ssm', 'com.amazonaws.eu-west-1.ssm') +
          `
resource "aws_vpc_endpoint_private_dns" "ssm" {
  vpc_endpoint_id     = aws_vpc_endpoint.ssm.id
  private_dns_enabled = true
}
`,
      },
    },
    {
      name: "private DNS turned on by the caller for a child module's endpoint",
      files: {
        'main.tf': `${vpc}
module "endpoints" {
  source = "./endpoints"
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_endpoint_private_dns" "ssm" {
  vpc_endpoint_id     = module.endpoints.ssm_id
  private_dns_enabled = true
}
`,
        'endpoints/main.tf': `variable "vpc_id" {
  type = string
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type = "Interface"
}

output "ssm_id" {
  value = aws_vpc_endpoint.ssm.id
}
`,
      },
    },
    { name: 'hub pattern: alias record to the endpoint', files: { 'main.tf': vpc + ep('ssm', 'com.amazonaws.eu-west-1.ssm') + hubZone } },
    {
      name: 'hub pattern with for_each: one zone and alias per endpoint',
      files: {
        'main.tf': `${vpc}
locals {
  services = toset(["ssm", "kms"])
}

resource "aws_vpc_endpoint" "this" {
  for_each          = local.services
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type = "Interface"
}

resource "aws_route53_zone" "this" {
  for_each = local.services
  name     = "\${each.key}.eu-west-1.amazonaws.com"

  vpc {
    vpc_id = aws_vpc.main.id
  }
}

resource "aws_route53_record" "this" {
  for_each = local.services
  zone_id  = aws_route53_zone.this[each.key].zone_id
  name     = "\${each.key}.eu-west-1.amazonaws.com"
  type     = "A"

  alias {
    name                   = aws_vpc_endpoint.this[each.key].dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.this[each.key].dns_entry[0].hosted_zone_id
    evaluate_target_health = false
  }
}
`,
      },
    },
    {
      name: 'CNAME record with records = [dns_entry[0]["dns_name"]]',
      files: {
        'main.tf':
          vpc +
          ep('ssm', 'com.amazonaws.eu-west-1.ssm') +
          `
resource "aws_route53_record" "ssm" {
  zone_id = "Z123"
  name    = "ssm.internal.example.com"
  type    = "CNAME"
  ttl     = 300
  records = [aws_vpc_endpoint.ssm.dns_entry[0]["dns_name"]]
}
`,
      },
    },
    {
      name: 'record target unknown (cannot tell what it points at)',
      files: {
        'main.tf':
          vpc +
          ep('ssm', 'com.amazonaws.eu-west-1.ssm') +
          `
variable "target" {
  type = string
}

resource "aws_route53_record" "x" {
  zone_id = "Z123"
  name    = "ssm.internal.example.com"
  type    = "CNAME"
  ttl     = 300
  records = [var.target]
}
`,
      },
    },
    {
      name: "a registry module gets the endpoint's DNS entries",
      files: {
        'main.tf':
          vpc +
          ep('ssm', 'com.amazonaws.eu-west-1.ssm') +
          `
module "zones" {
  source  = "terraform-aws-modules/route53/aws//modules/records"
  records = [{ name = "ssm", alias = { name = aws_vpc_endpoint.ssm.dns_entry[0].dns_name } }]
}
`,
      },
    },
    {
      name: "endpoint service (vpce-svc): private DNS is the provider's business",
      files: { 'main.tf': vpc + ep('partner', 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0') },
    },
    {
      name: 'Gateway endpoint',
      files: {
        'main.tf': `${vpc}\nresource "aws_vpc_endpoint" "s3" {\n  vpc_id       = aws_vpc.main.id\n  service_name = "com.amazonaws.eu-west-1.s3"\n}\n`,
      },
    },
    {
      name: 'type unknown',
      files: {
        'main.tf': `${vpc}\nvariable "type" {\n  type = string\n}\n\nresource "aws_vpc_endpoint" "ssm" {\n  vpc_id            = aws_vpc.main.id\n  service_name      = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type = var.type\n}\n`,
      },
    },
    {
      name: 'private DNS from a variable without a default',
      files: {
        'main.tf':
          `variable "dns" {\n  type = bool\n}\n${vpc}` + ep('ssm', 'com.amazonaws.eu-west-1.ssm', '  private_dns_enabled = var.dns\n'),
      },
    },
    {
      name: 'S3 Interface endpoint reached by its endpoint-specific names',
      files: { 'main.tf': vpc + ep('s3', 'com.amazonaws.eu-west-1.s3') },
    },
    {
      name: 'App Runner private endpoint (apprunner.requests): clients use the ingress connection name',
      files: { 'main.tf': vpc + ep('apprunner', 'com.amazonaws.eu-west-1.apprunner.requests') },
    },
    {
      name: 'service not in the catalog',
      files: { 'main.tf': vpc + ep('x', 'com.amazonaws.eu-west-1.notaservice') },
    },
    {
      name: 'another endpoint in the VPC already answers the name privately',
      files: {
        'main.tf':
          vpc + ep('ssm', 'com.amazonaws.eu-west-1.ssm', '  private_dns_enabled = true\n') + ep('ssm_b', 'com.amazonaws.eu-west-1.ssm'),
      },
    },
    {
      name: 'service_name from a data source that names no service (tags only): not known',
      files: {
        'main.tf':
          vpc +
          `
data "aws_vpc_endpoint_service" "x" {
  tags = {
    Name = "partner"
  }
}

resource "aws_vpc_endpoint" "x" {
  vpc_id            = aws_vpc.main.id
  service_name      = data.aws_vpc_endpoint_service.x.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'service_name from a data source filtered on another name: not known',
      files: {
        'main.tf':
          vpc +
          `
data "aws_vpc_endpoint_service" "x" {
  filter {
    name   = "service-type"
    values = ["Interface"]
  }
}

resource "aws_vpc_endpoint" "x" {
  vpc_id            = aws_vpc.main.id
  service_name      = data.aws_vpc_endpoint_service.x.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'another attribute of the data source (its id) is not a service name',
      files: {
        'main.tf':
          vpc +
          `
data "aws_vpc_endpoint_service" "ssm" {
  service = "ssm"
}

resource "aws_vpc_endpoint" "x" {
  vpc_id            = aws_vpc.main.id
  service_name      = data.aws_vpc_endpoint_service.ssm.service_id
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a resource configuration without a custom domain name gives consumers no name for the service',
      files: { 'main.tf': vpc + ep('ssm', 'com.amazonaws.eu-west-1.ssm') + latticeDomain('aws', 'ssm', '') },
      errors: [{ line: 6, message: 'aws_vpc_endpoint.ssm has private DNS off' }],
    },
    {
      name: 'a custom domain name for another endpoint does not count',
      files: {
        'main.tf':
          vpc + ep('ssm', 'com.amazonaws.eu-west-1.ssm') + ep('kms', 'com.amazonaws.eu-west-1.kms') + latticeDomain('awscc', 'ssm'),
      },
      errors: [{ line: 12, message: 'aws_vpc_endpoint.kms' }],
    },
    {
      name: 'private DNS absent',
      files: { 'main.tf': vpc + ep('ssm', 'com.amazonaws.eu-west-1.ssm') },
      errors: [
        {
          line: 6,
          column: 1,
          endColumn: 34,
          severity: 'warning',
          message: 'ssm.eu-west-1.amazonaws.com still resolves to public addresses',
        },
      ],
      output: {
        'main.tf':
          vpc +
          `
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`,
      },
    },
    {
      name: 'private DNS explicitly false, region from a variable',
      files: {
        'main.tf':
          `variable "region" {\n  type = string\n}\n${vpc}` +
          ep('kms', 'com.amazonaws.${var.region}.kms', '  private_dns_enabled = false\n'),
      },
      errors: [{ line: 13, column: 3, message: 'kms.<region>.amazonaws.com' }],
      output: {
        'main.tf':
          `variable "region" {\n  type = string\n}\n${vpc}` +
          ep('kms', 'com.amazonaws.${var.region}.kms', '  private_dns_enabled = true\n'),
      },
    },
    {
      name: "the fix also turns on the VPC's DNS hostnames",
      files: {
        'vpc.tf': 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n',
        'endpoints.tf': ep('ssm', 'com.amazonaws.eu-west-1.ssm'),
      },
      errors: [{ file: 'endpoints.tf', line: 2 }],
      output: {
        'vpc.tf': 'resource "aws_vpc" "main" {\n  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = true\n}\n',
        'endpoints.tf': `
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`,
      },
    },
    {
      name: 'a record that aliases another endpoint does not count',
      files: { 'main.tf': vpc + ep('ssm', 'com.amazonaws.eu-west-1.ssm') + ep('kms', 'com.amazonaws.eu-west-1.kms') + hubZone },
      errors: [{ line: 12, message: 'aws_vpc_endpoint.kms' }],
    },
    {
      name: 'for_each instances: one finding per service',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["ecr.api", "ecr.dkr"])
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [
        { line: 6, message: 'aws_vpc_endpoint.this["ecr.api"]' },
        { line: 6, message: 'aws_vpc_endpoint.this["ecr.dkr"]' },
      ],
    },
    {
      name: 'records made with for_each over the endpoints cover them, not a third endpoint',
      files: {
        'main.tf': `${vpc}
resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["ssm", "kms"])
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.\${each.key}"
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint" "logs" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.logs"
  vpc_endpoint_type = "Interface"
}

resource "aws_route53_record" "r" {
  for_each = aws_vpc_endpoint.this
  zone_id  = "Z1"
  name     = "\${each.key}.eu-west-1.amazonaws.com"
  type     = "A"

  alias {
    name                   = each.value.dns_entry[0].dns_name
    zone_id                = each.value.dns_entry[0].hosted_zone_id
    evaluate_target_health = true
  }
}
`,
      },
      errors: [{ line: 13, message: 'aws_vpc_endpoint.logs' }],
    },
    {
      name: 'aws_vpc_endpoint_private_dns with false',
      files: {
        'main.tf':
          vpc +
          ep('ssm', 'com.amazonaws.eu-west-1.ssm') +
          `
resource "aws_vpc_endpoint_private_dns" "ssm" {
  vpc_endpoint_id     = aws_vpc_endpoint.ssm.id
  private_dns_enabled = false
}
`,
      },
      errors: [{ line: 14, column: 3 }],
      output: {
        'main.tf':
          vpc +
          ep('ssm', 'com.amazonaws.eu-west-1.ssm') +
          `
resource "aws_vpc_endpoint_private_dns" "ssm" {
  vpc_endpoint_id     = aws_vpc_endpoint.ssm.id
  private_dns_enabled = true
}
`,
      },
    },
    {
      name: 'service looked up by a data source (service, in the provider region)',
      files: {
        'main.tf':
          `provider "aws" {\n  region = "eu-west-1"\n}\n${vpc}` +
          `
data "aws_vpc_endpoint_service" "ssm" {
  service      = "ssm"
  service_type = "Interface"
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id            = aws_vpc.main.id
  service_name      = data.aws_vpc_endpoint_service.ssm.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [
        {
          line: 14,
          column: 1,
          message: 'aws_vpc_endpoint.ssm has private DNS off and no Route 53 record points at it: ssm.eu-west-1.amazonaws.com',
        },
      ],
      output: {
        'main.tf':
          `provider "aws" {\n  region = "eu-west-1"\n}\n${vpc}` +
          `
data "aws_vpc_endpoint_service" "ssm" {
  service      = "ssm"
  service_type = "Interface"
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = data.aws_vpc_endpoint_service.ssm.service_name
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`,
      },
    },
    {
      name: 'service looked up by a service-name filter, region unknown',
      files: {
        'main.tf':
          `variable "region" {}\n${vpc}` +
          `
data "aws_vpc_endpoint_service" "kms" {
  filter {
    name   = "service-name"
    values = ["com.amazonaws.\${var.region}.kms"]
  }
}

resource "aws_vpc_endpoint" "kms" {
  vpc_id              = aws_vpc.main.id
  service_name        = data.aws_vpc_endpoint_service.kms.service_name
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = false
}
`,
      },
      errors: [{ line: 18, column: 3, message: 'kms.<region>.amazonaws.com' }],
    },
    {
      name: 'vpc_endpoint_type "interface" (rejected by the provider) is checked as the Interface endpoint it means',
      files: {
        'main.tf':
          vpc +
          `
resource "aws_vpc_endpoint" "sts" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type = "interface"
}
`,
      },
      errors: [{ line: 6, message: 'sts.eu-west-1.amazonaws.com' }],
    },
  ],
});

// The rule is about Interface endpoints: Resource and ServiceNetwork endpoints with the same
// settings stay silent.

testRule(rule, {
  valid: [
    { name: 'Resource and ServiceNetwork endpoints, private DNS off', files: { 'main.tf': vpc + latticeEndpoints('main', 'false') } },
    { name: 'Resource and ServiceNetwork endpoints, private DNS on', files: { 'main.tf': vpc + latticeEndpoints('main', 'true') } },
    {
      name: 'Resource and ServiceNetwork endpoints with dns_options for inbound resolvers',
      files: {
        'main.tf':
          vpc + latticeEndpoints('main', 'true', '\n  dns_options {\n    private_dns_only_for_inbound_resolver_endpoint = true\n  }\n'),
      },
    },
  ],
  invalid: [],
});
