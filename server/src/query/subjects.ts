// What a rule can look at, one subject at a time. A rule names a kind; the engine lists the
// module's subjects of that kind and runs the rule's check on each.

import type { ModuleInstance, ResourceInstance } from '../model/types';
import { interfaceEndpoints, networkEndpoints } from './dns';
import { endpoints } from './endpoint-type';
import { endpointServices } from './endpoint-services';

const managed = (m: ModuleInstance, type: string) => m.resources(type).filter((r) => r.mode === 'managed');

export const SUBJECTS = {
  /** Every `aws_vpc_endpoint` instance. */
  endpoint: (m: ModuleInstance): readonly ResourceInstance[] => endpoints(m),
  /** The `aws_vpc_endpoint` instances of type Interface. */
  interfaceEndpoint: (m: ModuleInstance): readonly ResourceInstance[] => interfaceEndpoints(m),
  /**
   * The `aws_vpc_endpoint` instances whose network interfaces clients connect to, guarded by
   * security groups: Interface, Resource and ServiceNetwork endpoints.
   */
  networkEndpoint: (m: ModuleInstance): readonly ResourceInstance[] => networkEndpoints(m),
  /** Every `aws_vpc_endpoint_service` instance. */
  endpointService: (m: ModuleInstance): readonly ResourceInstance[] => endpointServices(m),
  /** Every `aws_vpc_endpoint` and `aws_vpc_endpoint_policy` instance: what holds an endpoint policy. */
  policyHolder: (m: ModuleInstance): readonly ResourceInstance[] => [
    ...m.resources('aws_vpc_endpoint'),
    ...m.resources('aws_vpc_endpoint_policy'),
  ],
  /** Every managed `aws_security_group` instance. */
  securityGroup: (m: ModuleInstance): readonly ResourceInstance[] => managed(m, 'aws_security_group'),
  /** Every managed `aws_vpc` instance. */
  vpc: (m: ModuleInstance): readonly ResourceInstance[] => managed(m, 'aws_vpc'),
  /** The module itself: for checks over the whole module. */
  module: (m: ModuleInstance): readonly ModuleInstance[] => [m],
} as const;

export type SubjectKind = keyof typeof SUBJECTS;
export type SubjectOf<K extends SubjectKind> = ReturnType<(typeof SUBJECTS)[K]>[number];
