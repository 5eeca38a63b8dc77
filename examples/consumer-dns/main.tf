provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "client" {
  cidr_block           = "10.30.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.client.id
  cidr_block        = "10.30.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.client.id
  cidr_block        = "10.30.2.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_security_group" "orders_endpoint" {
  name   = "orders-endpoint"
  vpc_id = aws_vpc.client.id
}

resource "aws_vpc_security_group_ingress_rule" "orders_https" {
  security_group_id = aws_security_group.orders_endpoint.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = aws_vpc.client.cidr_block
}

# Private DNS on a partner's endpoint service only works if the provider verified a private
# DNS name for it; this consumer already answers with its own private zone (PL103)
resource "aws_vpc_endpoint" "orders" {
  vpc_id              = aws_vpc.client.id
  service_name        = "com.amazonaws.vpce.eu-west-1.vpce-svc-0a1b2c3d4e5f67890"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]
  security_group_ids  = [aws_security_group.orders_endpoint.id]
  private_dns_enabled = true

  tags = {
    Name = "orders"
  }
}

resource "aws_route53_zone" "orders" {
  name = "orders.internal.example"

  vpc {
    vpc_id = aws_vpc.client.id
  }
}

resource "aws_route53_record" "orders" {
  zone_id = aws_route53_zone.orders.zone_id
  name    = "orders.internal.example"
  type    = "A"

  alias {
    name                   = aws_vpc_endpoint.orders.dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.orders.dns_entry[0].hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_flow_log" "client" {
  vpc_id               = aws_vpc.client.id
  traffic_type         = "ALL"
  log_destination      = "arn:aws:s3:::client-flow-logs"
  log_destination_type = "s3"
}
