provider "aws" {
  region = "eu-west-1"
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

# An endpoint service's load balancer should be internal (PL603)
resource "aws_lb" "orders" {
  name               = "orders"
  load_balancer_type = "network"
  subnets            = var.subnet_ids
}

resource "aws_lb_target_group" "orders" {
  name     = "orders"
  port     = 8443
  protocol = "TCP"
  vpc_id   = var.vpc_id

  health_check {
    protocol = "TCP"
  }
}

resource "aws_lb_listener" "orders" {
  load_balancer_arn = aws_lb.orders.arn
  port              = 443
  protocol          = "TCP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.orders.arn
  }
}

# Any AWS account may connect, and connections are accepted without review (PL601, PL602)
resource "aws_vpc_endpoint_service" "orders" {
  acceptance_required        = false
  allowed_principals         = ["*"]
  network_load_balancer_arns = [aws_lb.orders.arn]

  tags = {
    Name = "orders"
  }
}

output "service_name" {
  value = aws_vpc_endpoint_service.orders.service_name
}
