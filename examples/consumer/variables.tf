variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "name" {
  type    = string
  default = "shop"
}

locals {
  azs = ["${var.region}a", "${var.region}b"]

  # ecr.dkr without an S3 endpoint: image layers cannot be pulled (PL501)
  interface_endpoints = ["ecr.api", "ecr.dkr", "logs", "ssm"]
}
