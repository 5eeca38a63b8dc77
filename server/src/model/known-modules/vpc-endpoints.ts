// terraform-aws-modules/vpc/aws//modules/vpc-endpoints, versions 3.0.0 and later (the
// submodule first appeared in v3.0.0 and is versioned with the VPC module).
//
// Facts, each checked in modules/vpc-endpoints/{main,variables,outputs}.tf of
// github.com/terraform-aws-modules/terraform-aws-vpc:
// - Inputs and defaults in every version: create = true, vpc_id = null, endpoints = {},
//   security_group_ids = [], subnet_ids = [], tags = {}, timeouts = {}.
// - From v5.1.0: create_security_group = false, security_group_name/_name_prefix/_description
//   = null, security_group_rules = {}, security_group_tags = {}; the group is
//   aws_security_group.this (count 1 when created) and is added to every Interface endpoint;
//   each rule of security_group_rules is an aws_security_group_rule.this[key] defaulting to
//   ingress TCP 443 (protocol "tcp", from_port/to_port 443, type "ingress").
// - From v6.1.0: region = null, passed to every resource.
// - aws_vpc_endpoint.this has one instance per entry of `endpoints` (v3.14.0 on: entries with
//   create = false are skipped). For each entry: vpc_endpoint_type = service_type, else
//   "Interface"; the service name is looked up by `service` (com.amazonaws.<region>.<service>)
//   or `service_name`, and from v5.7.0 `service_endpoint` is used as is; on Interface endpoints
//   security_group_ids = module-level ones + the created group + the entry's, subnet_ids =
//   module-level + the entry's, private_dns_enabled = the entry's (else unset); on Gateway
//   endpoints route_table_ids = the entry's (else unset); policy = the entry's; tags = module
//   tags, from v5.17.0 Name = the key with dots as dashes, then the entry's tags.
// - dns_options from the entry's dns_options from v5.5.0 (v5.5.0 read
//   private_dns_only_for_inbound_resolver_endpoint from the entry itself, later versions from
//   dns_options); service_region from v5.18.0.
// - Outputs: endpoints (every version); security_group_arn, security_group_id from v5.1.0.
// The text below is a stand-in written for the model, not the module's code.

import { atLeast, type Version } from './version';

export const VPC_ENDPOINTS_SOURCE = 'terraform-aws-modules/vpc/aws//modules/vpc-endpoints';

export function vpcEndpointsSupported(low: Version): boolean {
  return atLeast(low, '3.0.0');
}

export function vpcEndpointsStandIn(low: Version, label: string): Record<string, string> {
  const sg = atLeast(low, '5.1.0');
  const region = atLeast(low, '6.1.0');
  const only = (cond: boolean, text: string) => (cond ? text : '');
  const inboundOnly = atLeast(low, '5.5.1')
    ? 'try(dns_options.value.private_dns_only_for_inbound_resolver_endpoint, null)'
    : 'try(each.value.private_dns_only_for_inbound_resolver_endpoint, null)';
  const main = `# ${label}: a stand-in written from the module's documented inputs and behaviour.
variable "create" {
  default = true
}
variable "vpc_id" {
  default = null
}
variable "endpoints" {
  default = {}
}
variable "security_group_ids" {
  default = []
}
variable "subnet_ids" {
  default = []
}
variable "tags" {
  default = {}
}
variable "timeouts" {
  default = {}
}
${only(
  sg,
  `variable "create_security_group" {
  default = false
}
variable "security_group_name" {
  default = null
}
variable "security_group_name_prefix" {
  default = null
}
variable "security_group_description" {
  default = null
}
variable "security_group_rules" {
  default = {}
}
variable "security_group_tags" {
  default = {}
}
`,
)}${only(
    region,
    `variable "region" {
  default = null
}
`,
  )}
data "aws_region" "current" {}

locals {
  endpoints = { for k, v in var.endpoints : k => v if var.create${atLeast(low, '3.14.0') ? ' && try(v.create, true)' : ''} }
  module_security_groups = ${sg ? 'var.create && var.create_security_group ? concat(var.security_group_ids, [aws_security_group.this[0].id]) : var.security_group_ids' : 'var.security_group_ids'}
}

resource "aws_vpc_endpoint" "this" {
  for_each = local.endpoints
${only(region, '  region   = var.region\n')}
  vpc_id              = var.vpc_id
  service_name        = try(${only(atLeast(low, '5.7.0'), 'each.value.service_endpoint, ')}each.value.service_name, "com.amazonaws.\${data.aws_region.current.name}.\${each.value.service}")
${only(atLeast(low, '5.18.0'), '  service_region      = try(each.value.service_region, null)\n')}  vpc_endpoint_type   = try(each.value.service_type, "Interface")
  auto_accept         = try(each.value.auto_accept, null)
  security_group_ids  = try(each.value.service_type, "Interface") == "Interface" ? distinct(concat(local.module_security_groups, try(each.value.security_group_ids, []))) : null
  subnet_ids          = try(each.value.service_type, "Interface") == "Interface" ? distinct(concat(var.subnet_ids, try(each.value.subnet_ids, []))) : null
  route_table_ids     = try(each.value.service_type, "Interface") == "Gateway" ? try(each.value.route_table_ids, null) : null
  policy              = try(each.value.policy, null)
  private_dns_enabled = try(each.value.service_type, "Interface") == "Interface" ? try(each.value.private_dns_enabled, null) : null
  tags                = merge(var.tags, ${only(atLeast(low, '5.17.0'), '{ Name = replace(each.key, ".", "-") }, ')}try(each.value.tags, {}))
${only(
  atLeast(low, '5.5.0'),
  `
  dynamic "dns_options" {
    for_each = try([each.value.dns_options], [])
    content {
      dns_record_ip_type                             = try(dns_options.value.dns_record_ip_type, null)
      private_dns_only_for_inbound_resolver_endpoint = ${inboundOnly}
    }
  }
`,
)}}
${only(
  sg,
  `
resource "aws_security_group" "this" {
  count       = var.create && var.create_security_group ? 1 : 0
${only(region, '  region      = var.region\n')}  name        = var.security_group_name
  name_prefix = var.security_group_name_prefix
  description = var.security_group_description
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, var.security_group_tags)
}

resource "aws_security_group_rule" "this" {
  for_each = { for k, v in var.security_group_rules : k => v if var.create && var.create_security_group }
${only(region, '  region   = var.region\n')}
  security_group_id        = aws_security_group.this[0].id
  type                     = try(each.value.type, "ingress")
  protocol                 = try(each.value.protocol, "tcp")
  from_port                = try(each.value.from_port, 443)
  to_port                  = try(each.value.to_port, 443)
  description              = try(each.value.description, null)
  cidr_blocks              = try(each.value.cidr_blocks, null)
  ipv6_cidr_blocks         = try(each.value.ipv6_cidr_blocks, null)
  prefix_list_ids          = try(each.value.prefix_list_ids, null)
  self                     = try(each.value.self, null)
  source_security_group_id = try(each.value.source_security_group_id, null)
}
`,
)}
output "endpoints" {
  value = aws_vpc_endpoint.this
}
${only(
  sg,
  `output "security_group_id" {
  value = try(aws_security_group.this[0].id, null)
}
output "security_group_arn" {
  value = try(aws_security_group.this[0].arn, null)
}
`,
)}`;
  return { 'main.tf': main };
}
