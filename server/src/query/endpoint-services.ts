// Endpoint services: the module's, their acceptance setting, their allowed principals and their
// private DNS name.

import type { ModuleInstance, NestedBlock, ResourceInstance } from '../model/types';
import { bool, str } from '../model/value';
import { argument, pointingAt } from './wiring';

export const PLACEHOLDER_PRINCIPAL = 'arn:aws:iam::123456789012:root';

export function endpointServices(module: ModuleInstance): ResourceInstance[] {
  return module.resources('aws_vpc_endpoint_service');
}

/** `acceptance_required`: 'absent' when not written (or null), undefined when not known. */
export function acceptanceOf(svc: NestedBlock): boolean | 'absent' | undefined {
  const v = argument(svc, 'acceptance_required');
  if (v === undefined) return 'absent';
  return bool(v);
}

export function allowedPrincipalResources(svc: ResourceInstance): ResourceInstance[] {
  return pointingAt(svc.module, 'aws_vpc_endpoint_service_allowed_principal', 'vpc_endpoint_service_id', svc);
}

/** The module's endpoint service declared at `address` (`aws_vpc_endpoint_service.x`, its first instance). */
export function endpointServiceAt(module: ModuleInstance, address: string): ResourceInstance | undefined {
  return endpointServices(module).find((r) => r.entry.address === address);
}

/** `private_dns_name`, when it is a known string. */
export function privateDnsNameOf(svc: NestedBlock): string | undefined {
  return str(argument(svc, 'private_dns_name'));
}

/** `private_dns_name` is set, or might be (its value may be unknown, or an input left to callers). */
export function hasPrivateDnsName(svc: NestedBlock): boolean {
  return argument(svc, 'private_dns_name') !== undefined;
}
