import { attributeIn } from './describe';
// VPCs as a module has them: its own `aws_vpc` resources, the ones it reads with data sources
// and the calls to VPC modules; a VPC's DNS settings, its subnets, and the VPC id an endpoint
// names when no `aws_vpc` of the workspace is behind it. (A VPC's CIDR is `vpcCidr` in wiring.ts.)

import type { BlockEntry, ModuleInstance, ResourceInstance } from '../model/types';
import { bool, str } from '../model/value';
import { argument, pointingAt } from './wiring';

/** The module's `aws_vpc` instances. */
export function vpcsOf(module: ModuleInstance): ResourceInstance[] {
  return module.resources('aws_vpc');
}

/** The module's `data "aws_vpc"` instances: existing VPCs it reads. */
export function vpcLookups(module: ModuleInstance): ResourceInstance[] {
  return module.dataSources('aws_vpc');
}

/**
 * The module's calls to VPC modules: a `source` or a call name that says `vpc` (the community
 * VPC module and look-alikes, whose outputs are `vpc_id`, `vpc_cidr_block`, `private_subnets`).
 */
export function vpcModuleCalls(module: ModuleInstance): BlockEntry[] {
  const out: BlockEntry[] = [];
  for (const [address, entries] of module.index) {
    if (!address.startsWith('module.')) continue;
    const call = entries[0];
    const src = attributeIn(call.block, 'source')?.value;
    const source = src ? (str(module.evaluate(src)) ?? '') : '';
    if (!/vpc/i.test(source) && !/vpc/i.test(call.name)) continue;
    out.push(call);
  }
  return out;
}

export type VpcDnsAttribute = 'enable_dns_support' | 'enable_dns_hostnames';

export interface VpcDnsSetting {
  /** On or off, with the provider's default when not written; undefined when not known. */
  value: boolean | undefined;
  /** Not written (or null): the provider's default applies. */
  byDefault: boolean;
}

/** A DNS attribute of the VPC. Provider defaults: `enable_dns_support` on, `enable_dns_hostnames` off. */
export function vpcDnsSetting(vpc: ResourceInstance, name: VpcDnsAttribute): VpcDnsSetting {
  const v = argument(vpc, name);
  if (v === undefined) return { value: name === 'enable_dns_support', byDefault: true };
  return { value: bool(v), byDefault: false };
}

/**
 * The `data "aws_vpc"` an endpoint's `vpc_id` names, with the DNS attributes a plan read off,
 * when a plan was given and read them (a data source's settings are otherwise not in view).
 */
export function plannedVpcLookupDnsOff(ep: ResourceInstance): { vpc: ResourceInstance; off: VpcDnsAttribute[] } | undefined {
  if (!ep.module.planned) return undefined;
  // `vpc_id = data.aws_vpc.x.id` is the id the lookup was given, or the one it read.
  const v = ep.attr('vpc_id');
  const id = str(v);
  const ref = ep.module.resolve(v);
  const vpc =
    ref ??
    (id === undefined ? undefined : vpcLookups(ep.module).find((d) => str(d.attr('id')) === id || str(ep.module.planned!(d, 'id')) === id));
  if (!vpc || vpc.type !== 'aws_vpc' || vpc.mode !== 'data' || !vpc.module.planned) return undefined;
  const off: VpcDnsAttribute[] = [];
  for (const name of ['enable_dns_hostnames', 'enable_dns_support'] as const)
    if (bool(vpc.module.planned(vpc, name)) === false) off.push(name);
  return off.length ? { vpc, off } : undefined;
}

/**
 * What a call to a VPC module passes for one of the DNS inputs: a known boolean, else undefined
 * (also when the call does not pass it).
 */
export function vpcCallDnsInput(module: ModuleInstance, call: BlockEntry, name: VpcDnsAttribute): boolean | undefined {
  const input = attributeIn(call.block, name)?.value;
  return input ? bool(module.evaluate(input)) : undefined;
}

/** The module's `aws_subnet` instances whose `vpc_id` leads to `vpc`, in the module's order. */
export function subnetsIn(module: ModuleInstance, vpc: ResourceInstance): ResourceInstance[] {
  return pointingAt(module, 'aws_subnet', 'vpc_id', vpc);
}

/** A subnet that says it is private: by its name, or a tag key or value. */
export function looksPrivate(subnet: ResourceInstance): boolean {
  if (/private/i.test(subnet.name)) return true;
  const tags = subnet.attr('tags');
  if (tags && tags.kind === 'map') for (const [k, v] of tags.entries) if (/private/i.test(`${k} ${str(v) ?? ''}`)) return true;
  return false;
}

/** The module's single (not counted) `data "aws_subnets"` lookups: lists of subnet ids. */
export function subnetLookups(module: ModuleInstance): ResourceInstance[] {
  return module.dataSources('aws_subnets').filter((d) => d.key === undefined);
}

/** The VPC id the resource's `vpc_id` holds, when it is a known string (a VPC outside the workspace). */
export function vpcIdOf(res: ResourceInstance): string | undefined {
  return str(res.attr('vpc_id'));
}
