import { rule } from '../../server/src/rules/PL608';
import { testRule } from './rule-tester';

const PROVIDERS = `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}
`;

testRule(rule, {
  valid: [
    {
      name: 'a consumer in the same region as the service',
      files: {
        'main.tf': `${PROVIDERS}
resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
}

resource "aws_vpc_endpoint" "app" {
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'a consumer in another region that the service supports',
      files: {
        'main.tf': `${PROVIDERS}
resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
  supported_regions          = ["us-east-1", "eu-west-1"]
}

resource "aws_vpc_endpoint" "app" {
  provider          = aws.eu
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  service_region    = "us-east-1"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'regions or supported regions not known: variables without defaults',
      files: {
        'main.tf': `variable "regions" {}
variable "consumer_region" {}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "other"
  region = var.consumer_region
}

resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
  supported_regions          = var.regions
}

resource "aws_vpc_endpoint_service" "fixed" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
}

resource "aws_vpc_endpoint" "app" {
  provider          = aws.eu
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint" "other" {
  provider          = aws.other
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.fixed.service_name
  vpc_endpoint_type = "Interface"
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}
`,
      },
    },
    {
      name: 'a service whose region is not known, and no service_region on the endpoint',
      files: {
        'main.tf': `resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
}

resource "aws_vpc_endpoint" "app" {
  region            = "eu-west-1"
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'supported regions from a module input that the caller leaves unknown',
      files: {
        'main.tf': `variable "regions" {}

${PROVIDERS}
module "svc" {
  source  = "./modules/svc"
  regions = var.regions
}

resource "aws_vpc_endpoint" "app" {
  provider          = aws.eu
  vpc_id            = aws_vpc.main.id
  service_name      = module.svc.service_name
  service_region    = "us-east-1"
  vpc_endpoint_type = "Interface"
}
`,
        'modules/svc/main.tf': `variable "regions" {}

resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
  supported_regions          = var.regions
}

output "service_name" {
  value = aws_vpc_endpoint_service.app.service_name
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'no supported_regions: the service region and the consumer region are inserted',
      files: {
        'main.tf': `${PROVIDERS}
resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
}

resource "aws_vpc_endpoint" "app" {
  provider          = aws.eu
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  service_region    = "us-east-1"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [
        {
          line: 19,
          column: 3,
          severity: 'error',
          message:
            /aws_vpc_endpoint\.app is in eu-west-1 and connects to aws_vpc_endpoint_service\.app in us-east-1, which has no supported_regions/,
          related: 1,
        },
      ],
      output: {
        'main.tf': `${PROVIDERS}
resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
  supported_regions          = ["us-east-1", "eu-west-1"]
}

resource "aws_vpc_endpoint" "app" {
  provider          = aws.eu
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  service_region    = "us-east-1"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'a one-line list without the region, the service in another file: the region is appended',
      files: {
        'service.tf': `${PROVIDERS}
resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
  supported_regions          = ["us-east-1", "us-west-2"]
}
`,
        'main.tf': `resource "aws_vpc_endpoint" "app" {
  provider          = aws.eu
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 4, column: 3, message: /supported_regions = \["us-east-1", "us-west-2"\]/ }],
      output: {
        'service.tf': `${PROVIDERS}
resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
  supported_regions          = ["us-east-1", "us-west-2", "eu-west-1"]
}
`,
      },
    },
    {
      name: 'a multi-line list with a trailing comma, region from the endpoint (provider v6)',
      files: {
        'main.tf': `provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
  supported_regions = [
    "us-east-1",
    "us-west-2",
  ]
}

resource "aws_vpc_endpoint" "app" {
  region            = "ap-southeast-2"
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  service_region    = "us-east-1"
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 18, column: 3, message: /in ap-southeast-2/ }],
      output: {
        'main.tf': `provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
  supported_regions = [
    "us-east-1",
    "us-west-2",
    "ap-southeast-2",
  ]
}

resource "aws_vpc_endpoint" "app" {
  region            = "ap-southeast-2"
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  service_region    = "us-east-1"
  vpc_endpoint_type = "Interface"
}
`,
      },
    },
    {
      name: 'supported regions from a variable default: no fix, the finding names the list',
      files: {
        'main.tf': `variable "regions" {
  default = ["us-east-1"]
}

${PROVIDERS}
resource "aws_vpc_endpoint_service" "app" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.app.arn]
  supported_regions          = var.regions
}

resource "aws_vpc_endpoint" "app" {
  provider          = aws.eu
  vpc_id            = aws_vpc.main.id
  service_name      = aws_vpc_endpoint_service.app.service_name
  vpc_endpoint_type = "Interface"
}
`,
      },
      errors: [{ line: 23, column: 3, message: /supported_regions = \["us-east-1"\]/ }],
    },
  ],
});
