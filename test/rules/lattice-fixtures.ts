// Resource and ServiceNetwork endpoints shared by the rule tables that check they stay silent
// on them: the rules about Interface endpoints, service names, route tables and policies.

/**
 * Two Resource and two ServiceNetwork endpoints in `aws_vpc.<vpc>`, with `private_dns_enabled`
 * set to `dns` and `extra` written inside each block.
 */
export const latticeEndpoints = (vpc: string, dns: string, extra = ''): string => `
resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.${vpc}.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
  private_dns_enabled        = ${dns}
${extra}}

resource "aws_vpc_endpoint" "db_again" {
  vpc_id                     = aws_vpc.${vpc}.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
  private_dns_enabled        = ${dns}
${extra}}

resource "aws_vpc_endpoint" "shared" {
  vpc_id              = aws_vpc.${vpc}.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
  private_dns_enabled = ${dns}
${extra}}

resource "aws_vpc_endpoint" "shared_again" {
  vpc_id              = aws_vpc.${vpc}.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
  private_dns_enabled = ${dns}
${extra}}
`;

/** A module with a VPC, a provider region and Resource and ServiceNetwork endpoints, one with `service_name = null`. */
export const LATTICE_MODULE = `resource "aws_vpc" "lattice" {
  cidr_block = "10.0.0.0/16"
}

provider "aws" {
  region = "us-east-1"
}

variable "region" {
  default = "eu-west-1"
}

resource "aws_vpclattice_resource_configuration" "db" {
  name = "db"
}

resource "aws_vpc_endpoint" "db" {
  vpc_id                     = aws_vpc.lattice.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = aws_vpclattice_resource_configuration.db.arn
  subnet_ids                 = ["subnet-a", "subnet-b"]
  security_group_ids         = ["sg-1"]
}

resource "aws_vpc_endpoint" "sn" {
  vpc_id              = aws_vpc.lattice.id
  vpc_endpoint_type   = "ServiceNetwork"
  service_network_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0"
  subnet_ids          = ["subnet-a", "subnet-b"]
  private_dns_enabled = true
}

resource "aws_vpc_endpoint" "db_literal" {
  vpc_id                     = aws_vpc.lattice.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = "arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0"
  subnet_ids                 = ["subnet-a", "subnet-b"]
  service_name               = null
}
`;
