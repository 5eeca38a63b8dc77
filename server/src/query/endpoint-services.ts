// Endpoint services: the module's, their acceptance setting and their allowed principals.

import type { ModuleInstance, NestedBlock, ResourceInstance } from '../model/types';
import { bool } from '../model/value';
import { notNull, nullFromInput, pointingAt } from './wiring';

export const PLACEHOLDER_PRINCIPAL = 'arn:aws:iam::123456789012:root';

export function endpointServices(module: ModuleInstance): ResourceInstance[] {
  return module.resources('aws_vpc_endpoint_service');
}

/** `acceptance_required`: 'absent' when not written (or null), undefined when not known. */
export function acceptanceOf(svc: NestedBlock): boolean | 'absent' | undefined {
  if (nullFromInput(svc, 'acceptance_required')) return undefined;
  const v = notNull(svc.attr('acceptance_required'));
  if (v === undefined) return 'absent';
  return bool(v);
}

export function allowedPrincipalResources(svc: ResourceInstance): ResourceInstance[] {
  return pointingAt(svc.module, 'aws_vpc_endpoint_service_allowed_principal', 'vpc_endpoint_service_id', svc);
}
