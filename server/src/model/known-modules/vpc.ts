// terraform-aws-modules/vpc/aws, versions 3.0.0 and later, as far as the PrivateLink rules
// need it: the VPC with its DNS attributes, subnets, route tables, flow log, and the outputs
// endpoint code reads. Versions before 3.0.0 created endpoints themselves (enable_s3_endpoint
// and friends) and are not modelled: their calls stay opaque.
//
// Facts, each checked in the module's own files (github.com/terraform-aws-modules/terraform-aws-vpc):
// - enable_dns_hostnames: default false in v3.0.0..v3.19.0 (variables.tf), true from v4.0.0
//   (variables.tf; docs/UPGRADE-4.0.md) through v6.6.0.
// - enable_dns_support: default true in every version from v3.0.0 to v6.6.0 (variables.tf).
// - cidr: default "0.0.0.0/0" in v3.x, "10.0.0.0/16" from v4.0.0 (variables.tf).
// - enable_flow_log: default false in every version (variables.tf); the log is
//   aws_flow_log.this (vpc-flow-logs.tf).
// - aws_vpc.this has count = create_vpc ? 1 : 0 and sets cidr_block, enable_dns_hostnames and
//   enable_dns_support from the inputs of those names (main.tf).
// - aws_route_table.private: one per NAT gateway "slot": 1 with single_nat_gateway, one per AZ
//   with one_nat_gateway_per_az, else the longest subnet list (main.tf, local.nat_gateway_count);
//   from v5.0.0 only when there are private subnets.
// - The outputs' names are the union of outputs.tf in v3.0.0, v4.0.0, v5.0.0 and v6.6.0.
// The text below is a stand-in written for the model, not the module's code.

import { atLeast, type Version } from './version';

export const VPC_SOURCE = 'terraform-aws-modules/vpc/aws';

/** Versions whose facts are recorded above. */
export function vpcSupported(v: Version): boolean {
  return atLeast(v, '3.0.0');
}

const MODELLED_OUTPUTS = new Set([
  'vpc_id',
  'vpc_arn',
  'vpc_cidr_block',
  'vpc_enable_dns_hostnames',
  'vpc_enable_dns_support',
  'azs',
  'name',
  'private_subnets',
  'public_subnets',
  'intra_subnets',
  'database_subnets',
  'private_route_table_ids',
  'public_route_table_ids',
  'intra_route_table_ids',
  'vpc_flow_log_id',
]);

const ALL_OUTPUTS = `azs cgw_arns cgw_ids database_internet_gateway_route_id database_ipv6_egress_route_id
database_nat_gateway_route_ids database_network_acl_arn database_network_acl_id
database_route_table_association_ids database_route_table_ids database_subnet_arns
database_subnet_group database_subnet_group_name database_subnet_objects database_subnets
database_subnets_cidr_blocks database_subnets_ipv6_cidr_blocks default_network_acl_id
default_route_table_id default_security_group_id default_vpc_arn default_vpc_cidr_block
default_vpc_default_network_acl_id default_vpc_default_route_table_id
default_vpc_default_security_group_id default_vpc_enable_dns_hostnames
default_vpc_enable_dns_support default_vpc_id default_vpc_instance_tenancy
default_vpc_main_route_table_id dhcp_options_id egress_only_internet_gateway_id
elasticache_network_acl_arn elasticache_network_acl_id elasticache_route_table_association_ids
elasticache_route_table_ids elasticache_subnet_arns elasticache_subnet_group
elasticache_subnet_group_name elasticache_subnet_objects elasticache_subnets
elasticache_subnets_cidr_blocks elasticache_subnets_ipv6_cidr_blocks igw_arn igw_id
intra_network_acl_arn intra_network_acl_id intra_route_table_association_ids
intra_route_table_ids intra_subnet_arns intra_subnet_objects intra_subnets
intra_subnets_cidr_blocks intra_subnets_ipv6_cidr_blocks name nat_ids nat_public_ips natgw_ids
natgw_interface_ids outpost_network_acl_arn outpost_network_acl_id outpost_subnet_arns
outpost_subnet_objects outpost_subnets outpost_subnets_cidr_blocks
outpost_subnets_ipv6_cidr_blocks private_ipv6_egress_route_ids private_nat_gateway_route_ids
private_network_acl_arn private_network_acl_id private_route_table_association_ids
private_route_table_ids private_subnet_arns private_subnet_objects private_subnets
private_subnets_cidr_blocks private_subnets_ipv6_cidr_blocks
public_internet_gateway_ipv6_route_id public_internet_gateway_route_id public_network_acl_arn
public_network_acl_id public_route_table_association_ids public_route_table_ids
public_subnet_arns public_subnet_objects public_subnets public_subnets_cidr_blocks
public_subnets_ipv6_cidr_blocks redshift_network_acl_arn redshift_network_acl_id
redshift_public_route_table_association_ids redshift_route_table_association_ids
redshift_route_table_ids redshift_subnet_arns redshift_subnet_group redshift_subnet_objects
redshift_subnets redshift_subnets_cidr_blocks redshift_subnets_ipv6_cidr_blocks
this_customer_gateway vgw_arn vgw_id vpc_arn vpc_block_public_access_exclusions vpc_cidr_block
vpc_enable_dns_hostnames vpc_enable_dns_support vpc_flow_log_cloudwatch_iam_role_arn
vpc_flow_log_deliver_cross_account_role vpc_flow_log_destination_arn
vpc_flow_log_destination_type vpc_flow_log_id vpc_id vpc_instance_tenancy
vpc_ipv6_association_id vpc_ipv6_cidr_block vpc_main_route_table_id vpc_owner_id
vpc_secondary_cidr_blocks`.split(/\s+/);

export function vpcStandIn(low: Version, label: string): Record<string, string> {
  const host = atLeast(low, '4.0.0');
  const v5 = atLeast(low, '5.0.0');
  const lists = [
    'azs',
    'private_subnets',
    'public_subnets',
    'intra_subnets',
    'database_subnets',
    'elasticache_subnets',
    'redshift_subnets',
  ];
  const main = `# ${label}: a stand-in written from the module's documented inputs and outputs.
variable "create_vpc" {
  default = true
}
variable "name" {
  default = ""
}
variable "cidr" {
  default = "${atLeast(low, '4.0.0') ? '10.0.0.0/16' : '0.0.0.0/0'}"
}
variable "enable_dns_hostnames" {
  default = ${host}
}
variable "enable_dns_support" {
  default = true
}
variable "enable_flow_log" {
  default = false
}
variable "single_nat_gateway" {
  default = false
}
variable "one_nat_gateway_per_az" {
  default = false
}
${lists.map((l) => `variable "${l}" {\n  default = []\n}`).join('\n')}
variable "unknown_to_the_model" {}

locals {
  longest   = max(length(var.private_subnets), ${v5 ? 'length(var.public_subnets), ' : ''}length(var.elasticache_subnets), length(var.database_subnets), length(var.redshift_subnets))
  nat_slots = var.single_nat_gateway ? 1 : var.one_nat_gateway_per_az ? length(var.azs) : local.longest
  private_route_tables = var.create_vpc && local.longest > 0 ${v5 ? '&& length(var.private_subnets) > 0 ' : ''}? local.nat_slots : 0
}

resource "aws_vpc" "this" {
  count                = var.create_vpc ? 1 : 0
  cidr_block           = var.cidr
  enable_dns_hostnames = var.enable_dns_hostnames
  enable_dns_support   = var.enable_dns_support
}

${['private', 'public', 'intra', 'database']
  .map(
    (k) => `resource "aws_subnet" "${k}" {
  count      = var.create_vpc ? length(var.${k}_subnets) : 0
  vpc_id     = aws_vpc.this[0].id
  cidr_block = var.${k}_subnets[count.index]
}`,
  )
  .join('\n\n')}

resource "aws_route_table" "private" {
  count  = local.private_route_tables
  vpc_id = aws_vpc.this[0].id
}

resource "aws_route_table" "public" {
  count  = var.create_vpc && length(var.public_subnets) > 0 ? 1 : 0
  vpc_id = aws_vpc.this[0].id
}

resource "aws_route_table" "intra" {
  count  = var.create_vpc && length(var.intra_subnets) > 0 ? 1 : 0
  vpc_id = aws_vpc.this[0].id
}

resource "aws_flow_log" "this" {
  count  = var.create_vpc && var.enable_flow_log ? 1 : 0
  vpc_id = aws_vpc.this[0].id
}
`;
  const modelled: Record<string, string> = {
    vpc_id: 'try(aws_vpc.this[0].id, null)',
    vpc_arn: 'try(aws_vpc.this[0].arn, null)',
    vpc_cidr_block: 'try(aws_vpc.this[0].cidr_block, null)',
    vpc_enable_dns_hostnames: 'try(aws_vpc.this[0].enable_dns_hostnames, null)',
    vpc_enable_dns_support: 'try(aws_vpc.this[0].enable_dns_support, null)',
    azs: 'var.azs',
    name: 'var.name',
    private_subnets: 'aws_subnet.private[*].id',
    public_subnets: 'aws_subnet.public[*].id',
    intra_subnets: 'aws_subnet.intra[*].id',
    database_subnets: 'aws_subnet.database[*].id',
    private_route_table_ids: 'aws_route_table.private[*].id',
    public_route_table_ids: 'aws_route_table.public[*].id',
    intra_route_table_ids: 'aws_route_table.intra[*].id',
    vpc_flow_log_id: 'try(aws_flow_log.this[0].id, null)',
  };
  const outputs = ALL_OUTPUTS.map(
    (o) => `output "${o}" {\n  value = ${MODELLED_OUTPUTS.has(o) ? modelled[o] : 'var.unknown_to_the_model'}\n}`,
  ).join('\n');
  return { 'main.tf': main, 'outputs.tf': `${outputs}\n` };
}
