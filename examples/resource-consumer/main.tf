# A VPC reaching a database in another VPC through a Resource endpoint (VPC Lattice): the
# provider side shares the database with a resource gateway and a resource configuration.

variable "region" {
  default = "eu-west-1"
}

provider "aws" {
  region = var.region
}

resource "aws_vpc" "app" {
  cidr_block           = "10.30.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_flow_log" "app" {
  vpc_id               = aws_vpc.app.id
  traffic_type         = "ALL"
  log_destination      = "arn:aws:s3:::app-flow-logs"
  log_destination_type = "s3"
}

resource "aws_subnet" "app" {
  count             = 2
  vpc_id            = aws_vpc.app.id
  cidr_block        = cidrsubnet(aws_vpc.app.cidr_block, 8, count.index)
  availability_zone = "${var.region}${count.index == 0 ? "a" : "b"}"
}

resource "aws_security_group" "database_endpoint" {
  name_prefix = "database-endpoint-"
  vpc_id      = aws_vpc.app.id

  # The database listens on 5432; this admits only 443 (PL202).
  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.app.cidr_block]
  }
}

resource "aws_vpc_endpoint" "database" {
  vpc_id                     = aws_vpc.app.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = aws_vpclattice_resource_configuration.database.arn
  subnet_ids                 = aws_subnet.app[*].id
  security_group_ids         = [aws_security_group.database_endpoint.id]
  private_dns_enabled        = true

  tags = {
    Name = "database-endpoint"
  }
}

# The provider side, in the data VPC.

resource "aws_vpc" "data" {
  cidr_block           = "10.40.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "data" {
  vpc_id            = aws_vpc.data.id
  cidr_block        = "10.40.1.0/24"
  availability_zone = "${var.region}a"
}

resource "aws_security_group" "gateway" {
  name_prefix = "resource-gateway-"
  vpc_id      = aws_vpc.data.id

  egress {
    description = "PostgreSQL to the data subnets"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.data.cidr_block]
  }
}

resource "aws_vpclattice_resource_gateway" "data" {
  name               = "data"
  vpc_id             = aws_vpc.data.id
  subnet_ids         = [aws_subnet.data.id]
  security_group_ids = [aws_security_group.gateway.id]
}

resource "aws_vpclattice_resource_configuration" "database" {
  name                        = "database"
  resource_gateway_identifier = aws_vpclattice_resource_gateway.data.id
  port_ranges                 = ["5432"]

  resource_configuration_definition {
    dns_resource {
      domain_name     = "db.data.internal"
      ip_address_type = "IPV4"
    }
  }
}
