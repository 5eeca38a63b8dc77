import { rule } from '../../server/src/rules/PL606';
import { testRule } from './rule-tester';

const SERVICE = `resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.app.arn]
}
`;

testRule(rule, {
  valid: [
    {
      name: 'the consumer auto-accepts',
      files: {
        'main.tf': `${SERVICE}
resource "aws_vpc_endpoint" "app" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
  auto_accept       = true
}
`,
      },
    },
    {
      name: 'an accepter resource for the endpoint',
      files: {
        'main.tf': `${SERVICE}
resource "aws_vpc_endpoint" "app" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint_connection_accepter" "app" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.app.id
  vpc_endpoint_id         = aws_vpc_endpoint.app.id
}
`,
      },
    },
    {
      name: 'an accepter in a child module of the same root, given the endpoint as an input',
      files: {
        'main.tf': `${SERVICE}
resource "aws_vpc_endpoint" "app" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
}

module "accept" {
  source      = "./modules/accept"
  service_id  = aws_vpc_endpoint_service.app.id
  endpoint_id = aws_vpc_endpoint.app.id
}
`,
        'modules/accept/main.tf': `variable "service_id" {}
variable "endpoint_id" {}

resource "aws_vpc_endpoint_connection_accepter" "this" {
  vpc_endpoint_service_id = var.service_id
  vpc_endpoint_id         = var.endpoint_id
}
`,
      },
    },
    {
      name: 'an accepter whose endpoint cannot be resolved; auto_accept from an input without a default',
      files: {
        'main.tf': `variable "endpoint_id" {}
variable "auto" {}

${SERVICE}
resource "aws_vpc_endpoint" "app" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint_connection_accepter" "other" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.app.id
  vpc_endpoint_id         = var.endpoint_id
}
`,
        'b/main.tf': `variable "auto" {}

${SERVICE}
resource "aws_vpc_endpoint" "app" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
  auto_accept       = var.auto
}
`,
      },
    },
    {
      name: 'service without acceptance, acceptance unknown, or not in the workspace',
      files: {
        'main.tf': `variable "accept" {}

resource "aws_vpc_endpoint_service" "open" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
}

resource "aws_vpc_endpoint_service" "maybe" {
  acceptance_required        = var.accept
  network_load_balancer_arns = [aws_lb.app.arn]
}

resource "aws_vpc_endpoint" "open" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.open.service_name
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint" "maybe" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.maybe.service_name
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint" "partner" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'the endpoint is handed to a registry module that may accept it',
      files: {
        'main.tf': `${SERVICE}
resource "aws_vpc_endpoint" "app" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
}

module "accept" {
  source      = "example/accepter/aws"
  endpoint_id = aws_vpc_endpoint.app.id
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'nothing accepts the connection: auto_accept is inserted',
      files: {
        'main.tf': `${SERVICE}
resource "aws_vpc_endpoint" "app" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [
        {
          line: 6,
          column: 1,
          severity: 'warning',
          message: /aws_vpc_endpoint\.app connects to aws_vpc_endpoint_service\.app.*pendingAcceptance/,
          related: 1,
        },
      ],
      output: {
        'main.tf': `${SERVICE}
resource "aws_vpc_endpoint" "app" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
  auto_accept       = true
}
`,
      },
    },
    {
      name: 'auto_accept = false, and an accepter for another endpoint',
      files: {
        'main.tf': `${SERVICE}
resource "aws_vpc_endpoint" "app" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
  auto_accept       = false
}

resource "aws_vpc_endpoint" "other" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
  auto_accept       = true
}

resource "aws_vpc_endpoint_connection_accepter" "other" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.app.id
  vpc_endpoint_id         = aws_vpc_endpoint.other.id
}
`,
      },
      errors: [{ line: 10, column: 3, message: /aws_vpc_endpoint\.app connects/ }],
      output: {
        'main.tf': `${SERVICE}
resource "aws_vpc_endpoint" "app" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
  auto_accept       = true
}

resource "aws_vpc_endpoint" "other" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
  auto_accept       = true
}

resource "aws_vpc_endpoint_connection_accepter" "other" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.app.id
  vpc_endpoint_id         = aws_vpc_endpoint.other.id
}
`,
      },
    },
    {
      name: 'a consumer through another provider configuration, per for_each instance: the fix is offered, not preferred',
      files: {
        'main.tf': `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "consumer"
  region = "us-east-1"
  assume_role {
    role_arn = "arn:aws:iam::210987654321:role/deploy"
  }
}

${SERVICE}
resource "aws_vpc_endpoint" "app" {
  for_each          = toset(["a", "b"])
  provider          = aws.consumer
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [
        { line: 18, column: 1, message: /aws_vpc_endpoint\.app\["a"\]/ },
        { line: 18, column: 1, message: /aws_vpc_endpoint\.app\["b"\]/ },
      ],
    },
  ],
});
