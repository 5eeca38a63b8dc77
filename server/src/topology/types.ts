// The PrivateLink topology as plain data: what the server sends, what the view draws and what
// the exports serialize. No editor types; locations are the model's paths and ranges.

import type { Range } from '../hcl/ast';
import type { EndpointType } from '../query/wiring';
import type { Severity } from '../rules/types';

export type NodeKind =
  | 'vpc'
  | 'endpoint'
  | 'aws-service'
  | 'endpoint-service'
  | 'external-service'
  | 'load-balancer'
  | 'target-group'
  | 'security-group'
  | 'dns-record'
  | 'resource-configuration'
  | 'resource-gateway'
  | 'service-network';

export type EdgeKind = 'contains' | 'connects' | 'secured-by' | 'served-by' | 'forwards' | 'alias';

/** Private DNS of an Interface endpoint: AWS's private DNS, a Route 53 alias of its own, neither. */
export type DnsState = 'on' | 'zone' | 'none' | 'unknown';

export interface TopologyLocation {
  uri: string;
  range: Range;
}

export interface NodeFinding {
  rule: string;
  severity: Severity;
  message: string;
  location: TopologyLocation;
  /** The node is one of the finding's related places (the security group of a PL202), not where it is reported. */
  involved?: boolean;
}

export interface TopologyNode {
  id: string;
  kind: NodeKind;
  /** Short name drawn on the node. */
  label: string;
  /** One line under the label (type, AZs, DNS...). */
  detail: string;
  /** Resource address, when the node is a block of the workspace. */
  address?: string;
  /** Where to open the block; absent for services outside the workspace. */
  location?: TopologyLocation;
  findings: NodeFinding[];
  /** For endpoints. */
  endpointType?: EndpointType | 'unknown';
  dns?: DnsState;
  /** The VPC node an endpoint, security group or record is drawn inside. */
  parent?: string;
}

export interface TopologyEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  label?: string;
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  /** Findings of the analysed files that belong to no node (variables, locals, syntax). */
  unplaced: NodeFinding[];
  /** What was drawn: a module folder, or several. */
  title: string;
  /**
   * The analysis' findings by severity, each counted once: a finding drawn on several nodes
   * (the instances of a block, a security group and its endpoint) is one problem.
   */
  counts: Record<Severity, number>;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** The worst severity among findings, undefined when there are none. */
export function worstSeverity(findings: readonly { severity: Severity }[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) if (!worst || RANK[f.severity] < RANK[worst]) worst = f.severity;
  return worst;
}
