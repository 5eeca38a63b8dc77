import { rule } from '../../server/src/rules/PL609';
import { testRule } from './rule-tester';

const SERVICE = `resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.app.arn]
  private_dns_name           = "api.example.com"
}
`;

testRule(rule, {
  valid: [
    {
      name: 'a private DNS verification resource for the service',
      files: {
        'main.tf': `${SERVICE}
resource "aws_vpc_endpoint_service_private_dns_verification" "app" {
  service_id = aws_vpc_endpoint_service.app.id
}
`,
      },
    },
    {
      name: 'a TXT record that reads the verification name and value by reference',
      files: {
        'main.tf': `${SERVICE}
resource "aws_route53_record" "verify" {
  zone_id = aws_route53_zone.public.zone_id
  name    = aws_vpc_endpoint_service.app.private_dns_name_configuration[0].name
  type    = "TXT"
  ttl     = 1800
  records = [aws_vpc_endpoint_service.app.private_dns_name_configuration[0].value]
}
`,
      },
    },
    {
      name: 'a TXT record written out under the domain',
      files: {
        'main.tf': `${SERVICE}
resource "aws_route53_record" "verify" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "_0a1b2c3d4e5f.example.com"
  type    = "TXT"
  ttl     = 1800
  records = ["vpce:0a1b2c3d4e5f"]
}
`,
      },
    },
    {
      name: 'a verification in a child module of the same root',
      files: {
        'main.tf': `${SERVICE}
module "verify" {
  source     = "./modules/verify"
  service_id = aws_vpc_endpoint_service.app.id
}
`,
        'modules/verify/main.tf': `variable "service_id" {}

resource "aws_vpc_endpoint_service_private_dns_verification" "this" {
  service_id            = var.service_id
  wait_for_verification = true
}
`,
      },
    },
    {
      name: 'a TXT record whose name is not known',
      files: {
        'main.tf': `variable "record_name" {}

${SERVICE}
resource "aws_route53_record" "txt" {
  zone_id = aws_route53_zone.public.zone_id
  name    = var.record_name
  type    = "TXT"
  ttl     = 300
  records = ["v=spf1 -all"]
}
`,
      },
    },
    {
      name: 'a verification in another root, for a service id written out',
      files: {
        'main.tf': SERVICE,
        'dns/main.tf': `resource "aws_vpc_endpoint_service_private_dns_verification" "app" {
  service_id = "vpce-svc-0123456789abcdef0"
}
`,
      },
    },
    {
      name: 'a name from an input without a default, a null name, a Gateway Load Balancer service',
      files: {
        'main.tf': `variable "name" {}

variable "unset" {
  default = null
}

resource "aws_vpc_endpoint_service" "a" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.app.arn]
  private_dns_name           = var.name
}

resource "aws_vpc_endpoint_service" "b" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.app.arn]
  private_dns_name           = var.unset
}

resource "aws_vpc_endpoint_service" "c" {
  acceptance_required        = true
  gateway_load_balancer_arns = [aws_lb.gw.arn]
  private_dns_name           = "inspect.example.com"
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a private DNS name that nothing verifies; other records in the zone',
      files: {
        'main.tf': `${SERVICE}
resource "aws_route53_record" "spf" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "mail.example.org"
  type    = "TXT"
  ttl     = 300
  records = ["v=spf1 -all"]
}

resource "aws_route53_record" "api" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "_0a1b2c3d4e5f.example.com"
  type    = "CNAME"
  ttl     = 300
  records = ["api.internal.example.com"]
}
`,
      },
      errors: [
        {
          line: 4,
          column: 3,
          severity: 'information',
          message: /aws_vpc_endpoint_service\.app sets private_dns_name = "api\.example\.com"/,
        },
      ],
    },
    {
      name: 'a verification for another service, per for_each instance',
      files: {
        'main.tf': `resource "aws_vpc_endpoint_service" "app" {
  for_each                   = toset(["a", "b"])
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.app.arn]
  private_dns_name           = "\${each.key}.example.com"
}

resource "aws_vpc_endpoint_service" "other" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.app.arn]
}

resource "aws_vpc_endpoint_service_private_dns_verification" "other" {
  service_id = aws_vpc_endpoint_service.other.id
}
`,
      },
      errors: [
        { line: 5, column: 3, message: /aws_vpc_endpoint_service\.app\["a"\].*a\.example\.com/ },
        { line: 5, column: 3, message: /aws_vpc_endpoint_service\.app\["b"\]/ },
      ],
    },
  ],
});
