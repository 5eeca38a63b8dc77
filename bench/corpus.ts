// Generates realistic, endpoint-heavy Terraform for the benchmarks: VPCs, subnets, route
// tables, security groups, interface and gateway endpoints with policies in jsonencode and
// heredocs, endpoint services with NLBs, and for_each over locals. Deterministic.

import type { ModuleInstance, NestedBlock } from '../server/src/model/types';

export interface GeneratedFile {
  /** Relative path: `m0003/endpoints.tf`. */
  path: string;
  text: string;
}

const SERVICES = [
  'ecr.api',
  'ecr.dkr',
  'logs',
  'ssm',
  'ssmmessages',
  'ec2messages',
  'sts',
  'kms',
  'secretsmanager',
  'sqs',
  'sns',
  'monitoring',
];

function vpcFile(i: number): string {
  return `# Network of stack ${i}
resource "aws_vpc" "main" {
  cidr_block           = "10.${i % 250}.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = ${i % 3 === 0 ? 'false' : 'true'}

  tags = {
    Name        = "stack-${i}"
    Environment = var.environment
  }
}

resource "aws_subnet" "private" {
  count             = 3
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
  availability_zone = "\${var.region}\${["a", "b", "c"][count.index]}"

  tags = {
    Name = "stack-${i}-private-\${count.index}"
  }
}

resource "aws_route_table" "private" {
  count  = 3
  vpc_id = aws_vpc.main.id
}

resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination      = "arn:aws:s3:::flow-logs-${i}"
  log_destination_type = "s3"
}
`;
}

function variablesFile(i: number): string {
  const list = SERVICES.slice(0, 4 + (i % 8))
    .map((s) => `    "${s}",`)
    .join('\n');
  return `variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "prod"
}

locals {
  interface_endpoints = [
${list}
  ]

  common_tags = {
    Stack = "${i}"
    Owner = "platform"
  }
}
`;
}

function endpointsFile(i: number): string {
  return `resource "aws_security_group" "endpoints" {
  name        = "stack-${i}-endpoints"
  description = "HTTPS to the interface endpoints"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_endpoint" "interface" {
  for_each = toset(local.interface_endpoints)

  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${var.region}.\${each.value}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.private[*].id
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "OrgOnly"
        Effect    = "Allow"
        Principal = "*"
        Action    = "*"
        Resource  = "*"
        Condition = {
          StringEquals = {
            "aws:PrincipalOrgID" = "o-abc${i}"
          }
        }
      },
    ]
  })

  tags = merge(local.common_tags, { Name = "stack-${i}-\${each.value}" })
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = aws_route_table.private[*].id

  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": "*",
          "Action": ["s3:GetObject", "s3:PutObject"],
          "Resource": "arn:aws:s3:::bucket-${i}/*",
          "Condition": {"StringEquals": {"aws:PrincipalAccount": "1111222233${i % 100}"}}
        }
      ]
    }
  POLICY

  tags = local.common_tags
}

resource "aws_vpc_endpoint" "dynamodb" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${var.region}.dynamodb"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [for rt in aws_route_table.private : rt.id]

  tags = local.common_tags
}
`;
}

function serviceFile(i: number): string {
  return `resource "aws_lb" "svc" {
  name               = "svc-${i}"
  internal           = true
  load_balancer_type = "network"
  subnets            = aws_subnet.private[*].id
}

resource "aws_lb_target_group" "svc" {
  name     = "svc-${i}"
  port     = 8443
  protocol = "TCP"
  vpc_id   = aws_vpc.main.id

  health_check {
    protocol            = "TCP"
    healthy_threshold   = 3
    unhealthy_threshold = 3
  }
}

resource "aws_lb_listener" "svc" {
  load_balancer_arn = aws_lb.svc.arn
  port              = 443
  protocol          = "TCP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.svc.arn
  }
}

resource "aws_vpc_endpoint_service" "svc" {
  acceptance_required        = true
  allowed_principals         = ["arn:aws:iam::1234567890${String(i % 100).padStart(2, '0')}:root"]
  network_load_balancer_arns = [aws_lb.svc.arn]

  tags = {
    Name = "svc-${i}"
  }
}

output "service_name" {
  value       = aws_vpc_endpoint_service.svc.service_name
  description = "Share this with consumers"
}
`;
}

/** One module (folder) of about 330 lines. */
export function moduleFiles(i: number, dir = `m${String(i).padStart(4, '0')}`): GeneratedFile[] {
  return [
    { path: `${dir}/variables.tf`, text: variablesFile(i) },
    { path: `${dir}/vpc.tf`, text: vpcFile(i) },
    { path: `${dir}/endpoints.tf`, text: endpointsFile(i) },
    { path: `${dir}/service.tf`, text: serviceFile(i) },
  ];
}

/** Modules until the corpus has at least `lines` lines. */
export function corpus(lines: number): GeneratedFile[] {
  const out: GeneratedFile[] = [];
  let n = 0;
  for (let i = 0; n < lines; i++) {
    for (const f of moduleFiles(i)) {
      out.push(f);
      n += f.text.split('\n').length - 1;
    }
  }
  return out;
}

/** A single file of about `lines` lines: many stacks' endpoints in one file, names made unique. */
export function bigFile(lines: number): string {
  const parts: string[] = [variablesFile(0), vpcFile(0)];
  let n = parts.join('').split('\n').length;
  for (let i = 0; n < lines; i++) {
    const t = endpointsFile(i)
      .replace(/"(endpoints|interface|s3|dynamodb)" \{/g, `"$1_${i}" {`)
      .replace(/aws_security_group\.endpoints\./g, `aws_security_group.endpoints_${i}.`);
    parts.push(t);
    n += t.split('\n').length - 1;
  }
  return parts.join('\n');
}

export function countLines(files: readonly GeneratedFile[]): number {
  return files.reduce((s, f) => s + f.text.split('\n').length - 1, 0);
}

/** Evaluates every argument of every resource and data source (what the rules will ask for). */
export function evaluateAll(m: ModuleInstance): void {
  const visit = (b: NestedBlock) => {
    for (const it of b.block.body.items) {
      if (it.type === 'Attribute') b.attr(it.name.name);
      else for (const nb of b.blocks(it.blockType.name)) visit(nb);
    }
  };
  for (const r of m.resources()) visit(r);
  for (const d of m.dataSources()) visit(d);
}
