import { rule } from '../../server/src/rules/PL410';
import { testRule } from './rule-tester';

const SUBNETS = `resource "aws_subnet" "v4" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_subnet" "dual" {
  vpc_id          = aws_vpc.main.id
  cidr_block      = "10.0.2.0/24"
  ipv6_cidr_block = cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 2)
}

resource "aws_subnet" "v6" {
  vpc_id                          = aws_vpc.main.id
  ipv6_native                     = true
  assign_ipv6_address_on_creation = true
  ipv6_cidr_block                 = cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 3)
}
`;

testRule(rule, {
  valid: [
    {
      name: 'record types that fit the endpoint, in subnets with the ranges they need',
      files: {
        'main.tf': `${SUBNETS}
resource "aws_vpc_endpoint" "v4" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type = "Interface"
  subnet_ids        = [aws_subnet.v4.id]
  ip_address_type   = "ipv4"

  dns_options {
    dns_record_ip_type = "ipv4"
  }
}

resource "aws_vpc_endpoint" "dual" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type = "Interface"
  subnet_ids        = [aws_subnet.dual.id]
  ip_address_type   = "dualstack"

  dns_options {
    dns_record_ip_type = "service-defined"
  }
}

resource "aws_vpc_endpoint" "v6" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type = "Interface"
  subnet_ids        = [aws_subnet.v6.id]
  ip_address_type   = "ipv6"

  dns_options {
    dns_record_ip_type = "ipv6"
  }
}
`,
      },
    },
    {
      name: 'values not known: variables without defaults, data-source subnets, no ip_address_type',
      files: {
        'main.tf': `variable "ip_type" {}
variable "record_type" {}
variable "subnet_ids" {}

data "aws_subnet" "existing" {
  id = "subnet-0123456789abcdef0"
}

resource "aws_vpc_endpoint" "a" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type = "Interface"
  ip_address_type   = var.ip_type

  dns_options {
    dns_record_ip_type = "ipv6"
  }
}

resource "aws_vpc_endpoint" "b" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type = "Interface"
  ip_address_type   = "ipv4"
  subnet_ids        = var.subnet_ids

  dns_options {
    dns_record_ip_type = var.record_type
  }
}

resource "aws_vpc_endpoint" "c" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type = "Interface"
  subnet_ids        = [data.aws_subnet.existing.id]
  ip_address_type   = "dualstack"
}

resource "aws_vpc_endpoint" "d" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type = "Interface"

  dns_options {
    dns_record_ip_type = "dualstack"
  }
}
`,
      },
    },
    {
      name: 'a workspace service that accepts what the consumer uses; one whose types come from an input',
      files: {
        'main.tf': `variable "types" {}

resource "aws_vpc_endpoint_service" "both" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
  supported_ip_address_types = ["ipv4", "ipv6"]
}

resource "aws_vpc_endpoint_service" "input" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
  supported_ip_address_types = var.types
}

resource "aws_vpc_endpoint" "both" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.both.service_name
  vpc_endpoint_type = "Interface"
  ip_address_type   = "dualstack"
}

resource "aws_vpc_endpoint" "input" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.input.service_name
  vpc_endpoint_type = "Interface"
  ip_address_type   = "ipv6"
}

resource "aws_vpc_endpoint" "v4" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.input.service_name
  vpc_endpoint_type = "Interface"
  ip_address_type   = "ipv4"
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'ipv6 records on an IPv4 endpoint: the record type is set to match',
      files: {
        'main.tf': `resource "aws_vpc_endpoint" "sts" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type = "Interface"
  ip_address_type   = "ipv4"

  dns_options {
    dns_record_ip_type = "ipv6"
  }
}
`,
      },
      errors: [
        {
          line: 8,
          column: 5,
          severity: 'error',
          message: /ip_address_type = "ipv4" but dns_options\.dns_record_ip_type = "ipv6"/,
          related: 1,
        },
      ],
      output: {
        'main.tf': `resource "aws_vpc_endpoint" "sts" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type = "Interface"
  ip_address_type   = "ipv4"

  dns_options {
    dns_record_ip_type = "ipv6"
  }
}
`.replace('"ipv6"', '"ipv4"'),
      },
    },
    {
      name: 'service-defined records on an IPv6 endpoint, per for_each instance',
      files: {
        'main.tf': `${SUBNETS}
resource "aws_vpc_endpoint" "this" {
  for_each          = toset(["sts", "ssm"])
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.\${each.key}"
  vpc_endpoint_type = "Interface"
  subnet_ids        = [aws_subnet.v6.id]
  ip_address_type   = "ipv6"

  dns_options {
    dns_record_ip_type = "service-defined"
  }
}
`,
      },
      errors: [
        { line: 28, column: 5, message: /aws_vpc_endpoint\.this\["ssm"\].*dualstack endpoint/ },
        { line: 28, column: 5, message: /aws_vpc_endpoint\.this\["sts"\]/ },
      ],
    },
    {
      name: 'a dualstack endpoint in a subnet without an IPv6 range',
      files: {
        'main.tf': `${SUBNETS}
resource "aws_vpc_endpoint" "sts" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type = "Interface"
  subnet_ids        = [aws_subnet.dual.id, aws_subnet.v4.id]
  ip_address_type   = "dualstack"
}
`,
      },
      errors: [{ line: 24, column: 3, message: /aws_subnet\.v4 has no IPv6 CIDR block/, related: 1 }],
    },
    {
      name: 'consumers using address families their workspace service does not accept',
      files: {
        'main.tf': `resource "aws_vpc_endpoint_service" "v4" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
}

resource "aws_vpc_endpoint_service" "v6" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
  supported_ip_address_types = ["ipv6"]
}

resource "aws_vpc_endpoint" "a" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.v4.service_name
  vpc_endpoint_type = "Interface"
  ip_address_type   = "ipv6"
}

resource "aws_vpc_endpoint" "b" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.v6.service_name
  vpc_endpoint_type = "Interface"
  ip_address_type   = "dualstack"
}
`,
      },
      errors: [
        { line: 16, column: 3, message: /no supported_ip_address_types \(IPv4 only\).*does not accept ipv6/, related: 1 },
        { line: 23, column: 3, message: /supported_ip_address_types = \["ipv6"\].*does not accept ipv4/ },
      ],
    },
  ],
});
