// An endpoint service seen from the endpoints that consume it, and the endpoint's addressing:
// whether a connection waits for acceptance, whether the consumer's region is one the service
// serves, which IP address types the two sides agree on, and whether the service's private
// DNS name is being verified. Three-valued like the rest of the query layer: `undefined` is
// "cannot tell", and rules stay silent on it.

import type { Attribute } from '../hcl/ast';
import { isJsonConfigFile } from '../model/paths';
import type { NestedBlock, ResourceInstance, WorkspaceModel } from '../model/types';
import { bool, items, str, type Value } from '../model/value';
import { appendToList, insertAttribute } from '../fixes/edits';
import type { TextEdit } from '../fixes/types';
import { opaqueCallsReferencing, refersTo, treeOf } from './dns';
import { endpointTarget } from './endpoint-type';
import { acceptanceOf, privateDnsNameOf } from './endpoint-services';
import { entryModules, moduleInstances } from './modules';
import { effectiveRegion } from './region';
import { argument, fileOf, sameInstance, subnetsOf } from './wiring';

/** The workspace's endpoint service an endpoint connects to (its `service_name` refers to it). */
export function consumedService(ep: ResourceInstance): ResourceInstance | undefined {
  const svc = endpointTarget(ep).endpointService;
  return svc && svc.mode === 'managed' ? svc : undefined;
}

/** A known list of known strings; undefined when the list or an item is not known. */
function knownStrings(v: Value | undefined): string[] | undefined {
  const list = items(v);
  if (!list) return undefined;
  const out: string[] = [];
  for (const item of list) {
    const s = str(item);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Acceptance

/**
 * Whether something in the endpoint's module tree accepts its connection: an
 * `aws_vpc_endpoint_connection_accepter` whose `vpc_endpoint_id` leads to it. undefined when an
 * accepter's `vpc_endpoint_id` cannot be resolved (it might be this endpoint's), or a module
 * the model cannot follow receives the endpoint.
 */
export function accepterOf(ep: ResourceInstance): ResourceInstance | false | undefined {
  const tree = treeOf(ep.module);
  let unknown = false;
  for (const m of tree) {
    for (const acc of m.resources('aws_vpc_endpoint_connection_accepter')) {
      const target = m.resolve(acc.attr('vpc_endpoint_id'));
      if (!target) unknown = true;
      else if (sameInstance(target, ep)) return acc;
    }
  }
  if (unknown || opaqueCallsReferencing(tree, ep).length > 0) return undefined;
  return false;
}

export interface PendingAcceptance {
  service: ResourceInstance;
}

/**
 * The endpoint connects to a workspace endpoint service with `acceptance_required = true`, does
 * not set `auto_accept = true`, and nothing in its tree accepts the connection: it stays
 * `pendingAcceptance`. undefined when it does not, or when that is not known.
 */
export function pendingAcceptance(ep: ResourceInstance): PendingAcceptance | undefined {
  const service = consumedService(ep);
  if (!service || acceptanceOf(service) !== true) return undefined;
  // Unset (absent or null): the provider's default, false.
  const auto = argument(ep, 'auto_accept');
  const autoAccept = auto === undefined ? false : bool(auto);
  if (autoAccept !== false) return undefined;
  if (accepterOf(ep) !== false) return undefined;
  return { service };
}

/**
 * Whether the endpoint and the service are created with the same provider configuration, so
 * with the same credentials and in the same account: what `auto_accept` needs. false when not
 * known to be the same.
 */
export function sameProviderConfiguration(a: ResourceInstance, b: ResourceInstance): boolean {
  const pa = a.module.providerOf(a);
  const pb = b.module.providerOf(b);
  if (pa && pb) return pa.block === pb.block;
  // Neither has a provider block in view: both use the same implicit default configuration.
  return !pa && !pb && a.module === b.module;
}

// ---------------------------------------------------------------------------------------------
// Regions

export interface RegionSupport {
  service: ResourceInstance;
  /** The region the endpoint is created in. */
  consumer: string;
  /** The region the service is created in. */
  host: string;
  /** The regions the service serves: `supported_regions`, or its own region when unset. */
  supported: readonly string[];
  /** `supported_regions` as written in the service's block, when it is. */
  attr: Attribute | undefined;
}

/**
 * The consumer's and the service's regions when both are known and differ, with the regions
 * the service serves when known. undefined otherwise.
 */
export function crossRegionConsumer(ep: ResourceInstance): RegionSupport | undefined {
  const service = consumedService(ep);
  if (!service) return undefined;
  const consumer = effectiveRegion(ep).value;
  if (consumer === undefined) return undefined;
  // The service's own region, else the one the endpoint says the service lives in.
  let host = effectiveRegion(service).value;
  if (host === undefined) {
    const sr = argument(ep, 'service_region');
    host = sr === undefined ? undefined : str(sr);
  }
  if (host === undefined || host === consumer) return undefined;
  const v = argument(service, 'supported_regions');
  // Unset: AWS serves consumers of the service's own region only.
  const supported = v === undefined ? [host] : knownStrings(v);
  if (!supported) return undefined;
  return { service, consumer, host, supported, attr: service.attrNode('supported_regions') };
}

// ---------------------------------------------------------------------------------------------
// IP address types

export type IpAddressType = 'ipv4' | 'ipv6' | 'dualstack';
export type DnsRecordIpType = 'ipv4' | 'ipv6' | 'dualstack' | 'service-defined';

const IP_TYPES: readonly string[] = ['ipv4', 'ipv6', 'dualstack'];
const RECORD_TYPES: readonly string[] = ['ipv4', 'ipv6', 'dualstack', 'service-defined'];

/** `ip_address_type` when written and known (an absent one is chosen by AWS: not known). */
export function ipAddressTypeOf(ep: ResourceInstance): IpAddressType | undefined {
  const s = str(argument(ep, 'ip_address_type'));
  return s !== undefined && IP_TYPES.includes(s) ? (s as IpAddressType) : undefined;
}

export interface DnsRecordSetting {
  value: DnsRecordIpType;
  block: NestedBlock;
  attr: Attribute;
}

/** `dns_options { dns_record_ip_type }` when written and known. */
export function dnsRecordIpTypeOf(ep: ResourceInstance): DnsRecordSetting | undefined {
  const blocks = ep.blocks('dns_options');
  if (blocks.length !== 1) return undefined;
  const block = blocks[0];
  const s = str(argument(block, 'dns_record_ip_type', ep.module));
  const attr = block.attrNode('dns_record_ip_type');
  if (s === undefined || !attr || !RECORD_TYPES.includes(s)) return undefined;
  return { value: s as DnsRecordIpType, block, attr };
}

/**
 * Whether the endpoint's IP address type can carry DNS records of this type: `ipv4` records
 * need an IPv4 or dualstack endpoint, `ipv6` records an IPv6 or dualstack one, `dualstack` and
 * `service-defined` records a dualstack one.
 */
export function recordTypeFits(ip: IpAddressType, record: DnsRecordIpType): boolean {
  if (ip === 'dualstack') return true;
  return record === ip;
}

/** The IP address types an endpoint of this type needs the service to accept. */
export function addressFamiliesOf(ip: IpAddressType): ('ipv4' | 'ipv6')[] {
  return ip === 'dualstack' ? ['ipv4', 'ipv6'] : [ip];
}

export interface ServiceIpSupport {
  service: ResourceInstance;
  /** `supported_ip_address_types`, or `["ipv4"]` when unset (AWS's default). */
  supported: readonly string[];
  attr: Attribute | undefined;
}

/** The IP address types the workspace endpoint service the endpoint connects to accepts, when known. */
export function serviceIpSupport(ep: ResourceInstance): ServiceIpSupport | undefined {
  const service = consumedService(ep);
  if (!service) return undefined;
  const v = argument(service, 'supported_ip_address_types');
  const supported = v === undefined ? ['ipv4'] : knownStrings(v);
  if (!supported) return undefined;
  return { service, supported, attr: service.attrNode('supported_ip_address_types') };
}

/**
 * The endpoint's subnets known to have no IPv6 range: every subnet must be a managed
 * `aws_subnet` in view, else undefined. A subnet has an IPv6 range when `ipv6_cidr_block` is
 * set (known or not), or it assigns IPv6 addresses on creation or is IPv6-native (when those
 * are not known to be false).
 */
export function subnetsWithoutIpv6(ep: ResourceInstance): ResourceInstance[] | undefined {
  const subnets = subnetsOf(ep).items;
  if (!subnets || subnets.length === 0) return undefined;
  const out: ResourceInstance[] = [];
  for (const s of subnets) {
    if (s.type !== 'aws_subnet' || s.mode !== 'managed') return undefined;
    if (argument(s, 'ipv6_cidr_block') !== undefined) continue;
    const flags = ['assign_ipv6_address_on_creation', 'ipv6_native'].map((n) => {
      const v = argument(s, n);
      return v === undefined ? false : bool(v);
    });
    if (flags.every((f) => f === false)) out.push(s);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Private DNS name verification

const VERIFICATION = 'aws_vpc_endpoint_service_private_dns_verification';

/**
 * Whether the service's private DNS name is verified, or being verified, in view: an
 * `aws_vpc_endpoint_service_private_dns_verification` for it, or a Route 53 TXT record for its
 * verification name, in its module tree. A record reads that name by reference
 * (`private_dns_name_configuration[0].name`, or the value in `records`); a record whose name is
 * written out counts when it lies under the private DNS name's parent domain, as AWS's
 * verification name does. undefined when a record's name or type, or a verification's
 * `service_id`, cannot be read, or a module the model cannot follow receives the service.
 * Verifications elsewhere in the workspace count as unknown when their `service_id` leads to
 * no endpoint service in view (an id written out, a data source).
 */
export function privateDnsVerified(svc: ResourceInstance, ws: WorkspaceModel): boolean | undefined {
  const name = privateDnsNameOf(svc);
  const tree = treeOf(svc.module);
  let unknown = false;
  for (const m of tree) {
    for (const v of m.resources(VERIFICATION)) {
      const target = m.resolve(v.attr('service_id'));
      if (!target) unknown = true;
      else if (sameInstance(target, svc)) return true;
    }
    for (const rec of m.resources('aws_route53_record')) {
      const r = verifiesName(rec, svc, name);
      if (r === true) return true;
      if (r === undefined) unknown = true;
    }
  }
  if (unknown || opaqueCallsReferencing(tree, svc).length > 0) return undefined;
  const inTree = new Set(tree);
  for (const m of moduleInstances(entryModules(ws))) {
    if (inTree.has(m) || tree.some((t) => t.dir === m.dir && t.path === m.path)) continue;
    for (const v of m.resources(VERIFICATION)) {
      const target = m.resolve(v.attr('service_id'));
      if (!target || target.type !== 'aws_vpc_endpoint_service' || target.mode !== 'managed') return undefined;
    }
  }
  return false;
}

/** Whether a Route 53 record is the TXT record for the service's verification name. */
function verifiesName(rec: ResourceInstance, svc: ResourceInstance, dnsName: string | undefined): boolean | undefined {
  const typeV = argument(rec, 'type');
  const type = str(typeV);
  if (typeV !== undefined && type !== undefined && type.toUpperCase() !== 'TXT') return false;
  const nameV = rec.attr('name');
  const byRef = refersTo(nameV, svc, 'private_dns_name_configuration');
  const valueRef = refersTo(rec.attr('records'), svc, 'private_dns_name_configuration');
  if (byRef === true || valueRef === true) return type === undefined && typeV !== undefined ? undefined : true;
  const name = str(nameV);
  if (name === undefined) return undefined;
  if (type === undefined) return typeV === undefined ? false : underParent(name, dnsName) ? undefined : false;
  return underParent(name, dnsName);
}

/** The record's name lies under the private DNS name's parent domain (`x.example.com` for `api.example.com`). */
function underParent(record: string, dnsName: string | undefined): boolean {
  if (!dnsName) return false;
  const clean = (s: string) => s.toLowerCase().replace(/\.$/, '').replace(/^\*\./, '');
  const labels = clean(dnsName).split('.');
  const parent = labels.length > 2 ? labels.slice(1).join('.') : labels.join('.');
  const r = clean(record);
  return r === parent || r.endsWith(`.${parent}`);
}

/**
 * Private DNS names apply to the service: it does not serve, and might not serve, Gateway Load
 * Balancers (whose services take no private DNS name at all).
 */
export function privateDnsNameApplies(svc: ResourceInstance): boolean {
  const gwlb = argument(svc, 'gateway_load_balancer_arns');
  return gwlb === undefined || items(gwlb)?.length === 0;
}

// ---------------------------------------------------------------------------------------------
// Edits

/**
 * Edits that add a string item to a list argument written as a literal list (`[...]`), keeping
 * its layout: one more item on the line of a one-line list, one more line in a multi-line list.
 * When the argument is absent, `absentText` (the whole list) is inserted. undefined when the
 * list is written another way (a variable, a function call), or in a file in JSON syntax.
 */
export function addListItemEdits(res: ResourceInstance, name: string, itemText: string, absentText: string): TextEdit[] | undefined {
  const attr = res.attrNode(name);
  const file = fileOf(res, res.module, attr);
  if (!file) return undefined;
  if (!attr) return insertAttribute(file, res.block, name, absentText);
  const list = attr.value;
  if (!list || list.type !== 'Tuple' || isJsonConfigFile(file.path)) return undefined;
  return [appendToList(file, list, [itemText])];
}
