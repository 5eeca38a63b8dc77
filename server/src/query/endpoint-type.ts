// What an endpoint is: its declared type, the service it connects to, and whether that
// service has a Gateway endpoint.

import type { ModuleInstance, ResourceInstance } from '../model/types';
import { items, str } from '../model/value';
import type { ServiceCatalog } from './catalog-types';
import { parseServiceName, type ServiceName } from './service-name';
import type { EndpointType } from './wiring';

export interface DeclaredType {
  /** Undefined when written but not known (or not a known type). */
  type: EndpointType | undefined;
  /** Written in the block (a null value counts as not written: Terraform then uses the default). */
  explicit: boolean;
}

/** The endpoint's type with the provider default (`Gateway`) and whether it is written. */
export function declaredType(ep: ResourceInstance): DeclaredType {
  const v = ep.attr('vpc_endpoint_type');
  if (v === undefined || v.kind === 'null') return { type: 'Gateway', explicit: false };
  const s = str(v);
  if (s === 'Gateway' || s === 'Interface' || s === 'GatewayLoadBalancer') return { type: s, explicit: true };
  return { type: undefined, explicit: true };
}

/** An `aws_vpc_endpoint_service` the endpoint's `service_name` refers to, if it refers to one. */
export function endpointServiceOf(ep: ResourceInstance): ResourceInstance | undefined {
  const target = ep.module.resolve(ep.attr('service_name'));
  return target && target.type === 'aws_vpc_endpoint_service' && target.mode === 'managed' ? target : undefined;
}

/** The endpoint type a workspace endpoint service needs: by its load balancers; undefined when not known. */
export function typeForEndpointService(svc: ResourceInstance): 'Interface' | 'GatewayLoadBalancer' | undefined {
  const nonEmpty = (name: string) => {
    const v = svc.attr(name);
    if (v === undefined || v.kind === 'null') return false;
    const list = items(v);
    return list === undefined ? undefined : list.length > 0;
  };
  const gwlb = nonEmpty('gateway_load_balancer_arns');
  const nlb = nonEmpty('network_load_balancer_arns');
  if (gwlb === true && nlb === false) return 'GatewayLoadBalancer';
  if (nlb === true && gwlb === false) return 'Interface';
  return undefined;
}

/**
 * The service an endpoint connects to: its `service_name` read as text, or, when it refers to
 * a `data "aws_vpc_endpoint_service"` looked up by `service`, that service.
 */
export function effectiveService(ep: ResourceInstance): ServiceName {
  const v = ep.attr('service_name');
  const parsed = parseServiceName(v);
  if (parsed.kind !== 'unknown') return parsed;
  const target = ep.module.resolve(v);
  if (target && target.mode === 'data' && target.type === 'aws_vpc_endpoint_service') {
    const svc = str(target.attr('service'));
    if (svc !== undefined) return { kind: 'aws', prefix: 'com.amazonaws', region: null, service: svc, fips: false, text: null };
  }
  if (endpointServiceOf(ep)) return { kind: 'endpoint-service', region: null, id: null, text: null };
  return parsed;
}

/**
 * Whether the service has a Gateway endpoint: true for S3 and DynamoDB (and S3 Express),
 * false for any other AWS service or an endpoint service, undefined when not known.
 */
export function gatewayCapable(catalog: ServiceCatalog, name: ServiceName): boolean | undefined {
  if (name.kind === 'endpoint-service') return false;
  if (name.kind !== 'aws' || name.service === null) return undefined;
  const info = catalog.get(name.service);
  const gateway = info ? info.gateway : name.service === 's3' || name.service === 'dynamodb';
  // FIPS names of the Gateway services: whether a Gateway endpoint exists is not something to guess.
  if (name.fips && gateway) return undefined;
  return gateway;
}

/** `ecr.dkr`, `vpce-svc-0123…` or `the endpoint service` for messages. */
export function serviceLabel(name: ServiceName, ep?: ResourceInstance): string {
  if (name.kind === 'aws' && name.service) return name.service;
  if (name.kind === 'endpoint-service') {
    const svc = ep && endpointServiceOf(ep);
    return svc ? svc.address : (name.id ?? 'an endpoint service');
  }
  return 'the service';
}

/** The type an endpoint for a non-Gateway service should have. */
export function intendedType(ep: ResourceInstance): 'Interface' | 'GatewayLoadBalancer' {
  const svc = endpointServiceOf(ep);
  return svc && typeForEndpointService(svc) === 'GatewayLoadBalancer' ? 'GatewayLoadBalancer' : 'Interface';
}

export function endpoints(module: ModuleInstance): ResourceInstance[] {
  return module.resources('aws_vpc_endpoint');
}
