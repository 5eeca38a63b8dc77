// Builds the PrivateLink topology of a module (or of the whole workspace) from the evaluated
// model: consumer VPCs and their endpoints, the services they reach, the provider side
// (endpoint service -> load balancer -> target group), VPC resources (Resource endpoint ->
// resource configuration -> resource gateway in its VPC; ServiceNetwork endpoint -> service
// network -> its resource configurations and VPC associations), security groups and private DNS, with
// the analysis' findings placed on the nodes whose blocks they point into.

import { analyze, type AnalyzeOptions } from '../engine/analyze';
import { entryModules, moduleInstances } from '../engine/run';
import type { ResourceInstance, WorkspaceModel } from '../model/types';
import { catalog } from '../query/catalog';
import { nameArgument, nameTag, writtenArgument } from '../query/describe';
import { recordAliasesEndpoint, recordsAliasing, treeOf } from '../query/dns';
import { acceptanceOf, endpointServices, privateDnsNameOf } from '../query/endpoint-services';
import { endpoints, endpointTarget } from '../query/endpoint-type';
import {
  associatedVpc,
  associationsOfServiceNetwork,
  configurationNamedBy,
  portRangesOf,
  portRangesText,
  resourceConfigurationOf,
  resourceConfigurations,
  resourceDefinitionText,
  resourceGatewayOf,
  resourceGateways,
  serviceNetworkOf,
  serviceNetworks,
} from '../query/lattice';
import type { ServiceName } from '../query/service-name';
import { internalOf, isLoadBalancer, listenersOf, loadBalancersOf, loadBalancerType } from '../query/load-balancers';
import { vpcIdOf } from '../query/vpcs';
import type { Finding } from '../rules/types';
import { mergeInstances } from '../engine/merge-instances';
import { INSTANCE_ADDRESS, keyOf, showKey } from '../query/instance-names';
import { privateDns, routeTablesOf, securityGroupsOf, subnetCount, vpcCidr, vpcOf } from '../query/wiring';
import type { DnsState, NodeFinding, Topology, TopologyEdge, TopologyNode } from './types';

export interface TopologyOptions {
  /** Findings to place (the caller's analysis, with its configuration); analysed here when absent. */
  findings?: Finding[];
  analyze?: Omit<AnalyzeOptions, 'dirs'>;
}

const resId = (r: ResourceInstance) => `res:${r.module.dir}|${r.module.path}|${r.address}`;

/** The topology of the modules in `dirs` (with their local children), or of every module. */
export function buildTopology(ws: WorkspaceModel, dirs?: ReadonlySet<string>, opts: TopologyOptions = {}): Topology {
  const modules = moduleInstances(entryModules(ws, dirs)).filter((m) => !dirs || dirs.has(m.dir));
  const b = new Builder();
  for (const m of modules) for (const ep of endpoints(m)) b.endpoint(ep);
  for (const m of modules) for (const svc of endpointServices(m)) b.endpointService(svc);
  // The VPC Lattice side: resources shared through PrivateLink and service networks, also when
  // no endpoint of these modules reaches them (a provider's module).
  for (const m of modules) {
    for (const sn of serviceNetworks(m)) b.serviceNetwork(sn);
    for (const rc of resourceConfigurations(m)) b.resourceConfiguration(rc);
    for (const gw of resourceGateways(m)) b.resourceGateway(gw);
  }
  const findings = distinct(opts.findings ?? analyze(ws, { ...opts.analyze, dirs }));
  const unplaced = placeFindings(b.nodes(), findings);
  const title = dirs ? [...dirs].join(', ') : 'workspace';
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return { nodes: b.nodes(), edges: b.edges(), unplaced, title, counts };
}

/**
 * Each finding once, as the editor shows them: analyses of several folders can report the same
 * one in a file they share, or other instances of the same mistake there.
 */
function distinct(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.uri}|${f.rule}|${f.range.start.offset}|${f.range.end.offset}|${f.severity}|${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out.length === findings.length ? out : mergeInstances(out);
}

class Builder {
  private readonly byId = new Map<string, TopologyNode>();
  private readonly edgeKeys = new Set<string>();
  private readonly edgeList: TopologyEdge[] = [];

  nodes(): TopologyNode[] {
    return [...this.byId.values()];
  }

  edges(): TopologyEdge[] {
    return this.edgeList;
  }

  private add(n: Omit<TopologyNode, 'findings'>): TopologyNode {
    const hit = this.byId.get(n.id);
    if (hit) return hit;
    const node: TopologyNode = { ...n, findings: [] };
    this.byId.set(n.id, node);
    return node;
  }

  private edge(from: string, to: string, kind: TopologyEdge['kind'], label?: string): void {
    const key = `${from}\u0000${to}\u0000${kind}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edgeList.push(label === undefined ? { from, to, kind } : { from, to, kind, label });
  }

  private resource(
    r: ResourceInstance,
    kind: TopologyNode['kind'],
    label: string,
    detail: string,
    extra: Partial<TopologyNode> = {},
  ): TopologyNode {
    return this.add({
      id: resId(r),
      kind,
      label,
      detail,
      address: r.address,
      location: { uri: r.uri, range: r.entry.block.range },
      ...extra,
    });
  }

  endpoint(ep: ResourceInstance): void {
    const vpcNode = this.vpcOf(ep);
    const type = endpointTarget(ep).type;
    const parts: string[] = [type ?? 'type unknown'];
    let dns: DnsState | undefined;
    if (type === 'Interface' || type === 'Resource' || type === 'ServiceNetwork') {
      const n = subnetCount(ep);
      parts.push(n === undefined ? 'AZs unknown' : `${n} AZ${n === 1 ? '' : 's'}`);
      // Drawn once, as the card's DNS pill (and written into the Mermaid text).
      dns = dnsState(ep);
    } else if (type === 'Gateway') {
      const rt = routeTablesOf(ep);
      const n = rt.items?.length;
      parts.push(n === undefined ? 'route tables unknown' : `${n} route table${n === 1 ? '' : 's'}`);
    }
    const node = this.resource(ep, 'endpoint', shortAddress(ep), parts.join(' · '), {
      endpointType: type ?? 'unknown',
      parent: vpcNode.id,
      ...(dns ? { dns } : {}),
    });
    this.edge(vpcNode.id, node.id, 'contains');
    if (type === 'Resource') this.edge(node.id, this.configurationOf(ep).id, 'connects');
    else if (type === 'ServiceNetwork') this.edge(node.id, this.networkOf(ep).id, 'connects');
    else for (const svc of this.servicesOf(ep)) this.edge(node.id, svc.id, 'connects');

    if (type !== 'Gateway') {
      for (const sg of securityGroupsOf(ep).items ?? []) {
        if (sg.type !== 'aws_security_group' || sg.mode !== 'managed') continue;
        const sgNode = this.resource(sg, 'security-group', shortAddress(sg), nameArgument(sg) ?? 'security group', {
          parent: vpcNode.id,
        });
        this.edge(node.id, sgNode.id, 'secured-by');
      }
    }
    for (const { record, name, type: recordType } of recordsAliasing(treeOf(ep.module), ep)) {
      const recNode = this.resource(
        record,
        'dns-record',
        name ?? shortAddress(record),
        `Route 53 ${recordType ?? ''} alias`.replace('  ', ' '),
        { parent: vpcNode.id },
      );
      this.edge(recNode.id, node.id, 'alias');
    }
  }

  /** The resource configuration a Resource endpoint connects to: the workspace's, or one node for the expression. */
  private configurationOf(ep: ResourceInstance): TopologyNode {
    const rc = resourceConfigurationOf(ep);
    if (rc) return this.resourceConfiguration(rc);
    return this.outside(ep, 'resource_configuration_arn', 'resource-configuration', 'resource configuration outside the workspace');
  }

  /** The service network a ServiceNetwork endpoint connects to. */
  private networkOf(ep: ResourceInstance): TopologyNode {
    const sn = serviceNetworkOf(ep);
    if (sn) return this.serviceNetwork(sn);
    return this.outside(ep, 'service_network_arn', 'service-network', 'service network outside the workspace');
  }

  /** A target named by an ARN from a variable, a data source or a literal: one node per expression. */
  private outside(ep: ResourceInstance, arg: string, kind: TopologyNode['kind'], detail: string): TopologyNode {
    const attr = writtenArgument(ep, arg);
    const text = attr?.text !== undefined ? shortText(attr.text) : `${arg} not set`;
    return this.add({ id: `${kind}:${ep.module.dir}|${ep.module.path}|${text}`, kind, label: text, detail });
  }

  resourceConfiguration(rc: ResourceInstance): TopologyNode {
    const existing = this.nodeFor(rc);
    if (existing) return existing;
    const ports = portRangesOf(rc);
    const what = resourceDefinitionText(rc);
    const node = this.resource(
      rc,
      'resource-configuration',
      shortAddress(rc),
      ['resource configuration', ports ? portRangesText(ports) : undefined, what].filter(Boolean).join(' · '),
    );
    const gw = resourceGatewayOf(rc);
    if (gw) this.edge(node.id, this.resourceGateway(gw).id, 'served-by');
    return node;
  }

  resourceGateway(gw: ResourceInstance): TopologyNode {
    const existing = this.nodeFor(gw);
    if (existing) return existing;
    const vpcNode = this.vpcOf(gw);
    const n = subnetCount(gw);
    const node = this.resource(
      gw,
      'resource-gateway',
      shortAddress(gw),
      ['resource gateway', n === undefined ? 'subnets unknown' : `${n} subnet${n === 1 ? '' : 's'}`].join(' · '),
      { parent: vpcNode.id },
    );
    this.edge(vpcNode.id, node.id, 'contains');
    for (const sg of securityGroupsOf(gw).items ?? []) {
      if (sg.type !== 'aws_security_group' || sg.mode !== 'managed') continue;
      const sgNode = this.resource(sg, 'security-group', shortAddress(sg), nameArgument(sg) ?? 'security group', { parent: vpcNode.id });
      this.edge(node.id, sgNode.id, 'secured-by');
    }
    return node;
  }

  serviceNetwork(sn: ResourceInstance): TopologyNode {
    const existing = this.nodeFor(sn);
    if (existing) return existing;
    const { vpcs, resources } = associationsOfServiceNetwork(sn);
    const node = this.resource(
      sn,
      'service-network',
      shortAddress(sn),
      [
        'service network',
        `${resources.length} resource${resources.length === 1 ? '' : 's'}`,
        `${vpcs.length} VPC${vpcs.length === 1 ? '' : 's'}`,
      ].join(' · '),
    );
    for (const a of resources) {
      const rc = configurationNamedBy(a);
      if (rc) this.edge(node.id, this.resourceConfiguration(rc).id, 'served-by');
    }
    for (const a of vpcs) {
      const vpc = associatedVpc(a);
      if (vpc) this.edge(this.vpcNode(vpc).id, node.id, 'connects', 'VPC association');
    }
    return node;
  }

  private vpcNode(vpc: ResourceInstance): TopologyNode {
    const cidr = vpcCidr(vpc);
    const name = nameTag(vpc);
    return this.resource(vpc, 'vpc', shortAddress(vpc), [cidr, name ? `Name ${name}` : undefined].filter(Boolean).join(' · ') || 'VPC');
  }

  private vpcOf(ep: ResourceInstance): TopologyNode {
    const vpc = vpcOf(ep);
    if (vpc) return this.vpcNode(vpc);
    // A VPC from a variable, a data source or a module output: one node per expression.
    const attr = writtenArgument(ep, 'vpc_id');
    const text = attr?.text !== undefined ? shortText(attr.text) : 'vpc_id not set';
    const id = vpcIdOf(ep);
    return this.add({
      id: `vpc:${ep.module.dir}|${ep.module.path}|${text}`,
      kind: 'vpc',
      label: id ?? text,
      detail: 'VPC outside this module',
      ...(attr ? { location: { uri: ep.uri, range: attr.range } } : {}),
    });
  }

  /** The service node, or one per service for a block whose instances' names are known in part. */
  private servicesOf(ep: ResourceInstance): TopologyNode[] {
    const t = endpointTarget(ep);
    if (t.endpointService) return [this.endpointService(t.endpointService)];
    if (t.instances) return t.instances.map((n) => this.serviceNode(ep, n));
    return [this.serviceNode(ep, t.name)];
  }

  private serviceNode(ep: ResourceInstance, name: ServiceName): TopologyNode {
    if (name.kind === 'aws' && name.service !== null) {
      const info = catalog.get(name.service);
      const region = name.region ?? 'region unknown';
      const service = `${name.service}${name.fips ? '-fips' : ''}`;
      return this.add({
        id: `aws:${name.prefix}|${name.region ?? '?'}|${service}`,
        kind: 'aws-service',
        label: service,
        detail: `${info?.title ?? 'AWS service'} · ${region}`,
      });
    }
    if (name.kind === 'endpoint-service' && name.id !== null) {
      return this.add({
        id: `ext:${name.text ?? name.id}`,
        kind: 'external-service',
        label: name.id,
        detail: `endpoint service · ${name.region ?? 'region unknown'}`,
      });
    }
    const attr = writtenArgument(ep, 'service_name');
    const text = attr?.text !== undefined ? shortText(attr.text) : 'service_name not set';
    return this.add({
      id: `svc?:${resId(ep)}`,
      kind: 'external-service',
      label: name.kind === 'invalid' ? name.text : text,
      detail: name.kind === 'invalid' ? 'invalid service name' : 'service not known',
    });
  }

  endpointService(svc: ResourceInstance): TopologyNode {
    const existing = this.nodeFor(svc);
    if (existing) return existing;
    const accepts = acceptanceOf(svc);
    const acc = accepts === true ? 'acceptance required' : accepts === false ? 'auto-accept' : undefined;
    const dnsName = privateDnsNameOf(svc);
    const node = this.resource(svc, 'endpoint-service', shortAddress(svc), ['endpoint service', acc, dnsName].filter(Boolean).join(' · '));
    for (const [kind, kindName] of [
      ['network', 'Network LB'],
      ['gateway', 'Gateway LB'],
    ] as const) {
      for (const lb of loadBalancersOf(svc, kind).resolved) {
        if (!isLoadBalancer(lb)) continue;
        const internal = internalOf(lb);
        const facing = internal === undefined ? 'scheme unknown' : internal ? 'internal' : 'internet-facing';
        const lbNode = this.resource(
          lb,
          'load-balancer',
          shortAddress(lb),
          `${loadBalancerType(lb) === 'gateway' ? 'Gateway LB' : kindName} · ${facing}`,
        );
        this.edge(node.id, lbNode.id, 'served-by');
        this.listeners(lb, lbNode);
      }
    }
    return node;
  }

  private listeners(lb: ResourceInstance, lbNode: TopologyNode): void {
    for (const l of listenersOf(lb)) {
      const label = [l.protocol, l.port].filter((x) => x !== undefined).join(' ') || undefined;
      for (const tg of l.targetGroups) {
        const tgNode = this.resource(
          tg.resource,
          'target-group',
          shortAddress(tg.resource),
          ['target group', [tg.protocol, tg.port].filter((x) => x !== undefined).join(' ')].filter(Boolean).join(' · '),
        );
        this.edge(lbNode.id, tgNode.id, 'forwards', label);
      }
    }
  }

  private nodeFor(r: ResourceInstance): TopologyNode | undefined {
    return this.byId.get(resId(r));
  }
}

/** `zone` when a Route 53 record of the tree aliases the endpoint's DNS name: clients use that name. */
function dnsState(ep: ResourceInstance): DnsState {
  const zone = recordAliasesEndpoint(treeOf(ep.module), ep);
  if (zone === true) return 'zone';
  const on = privateDns(ep).value;
  if (on === true) return 'on';
  if (on === undefined || zone === undefined) return 'unknown';
  return 'none';
}

/** The address without the resource type: `interface["ecr.api"]`, `module.x.this`. */
function shortAddress(r: ResourceInstance): string {
  const prefix = r.module.path ? `${r.module.path}.` : '';
  const own = `${prefix}${r.type}.${r.name}`;
  return r.address.startsWith(own) ? `${prefix}${r.name}${r.address.slice(own.length)}` : r.address;
}

/** Source text for a label: at most 80 characters. */
function shortText(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function contains(
  outer: { start: { offset: number }; end: { offset: number } },
  inner: { start: { offset: number }; end: { offset: number } },
): boolean {
  return outer.start.offset <= inner.start.offset && inner.end.offset <= outer.end.offset;
}

/** Whether the message names this instance's address (a key must not be a prefix of another). */
function namesAddress(message: string, address: string): boolean {
  let i = message.indexOf(address);
  while (i >= 0) {
    const next = message[i + address.length];
    if (next === undefined || !/[\w[-]/.test(next)) return true;
    i = message.indexOf(address, i + 1);
  }
  return false;
}

/**
 * Puts each finding on the nodes whose block holds its range. Instances of one `for_each` share
 * a block: a finding goes to the instances its message names, or to all of them. The blocks
 * its related places point into (the security group of an endpoint's PL202, the VPC of a
 * PL101) are involved in it too: they carry it, marked as involved.
 */
function placeFindings(nodes: TopologyNode[], findings: readonly Finding[]): NodeFinding[] {
  const unplaced: NodeFinding[] = [];
  const holding = (uri: string, range: Finding['range']) =>
    nodes.filter((n) => n.location && n.address && n.location.uri === uri && contains(n.location.range, range));
  const pick = (holders: TopologyNode[], message: string) => {
    const named = holders.filter((n) => namesAddress(message, n.address!) || namesInstance(message, n.address!));
    return named.length ? named : holders;
  };
  for (const f of findings) {
    const nf: NodeFinding = { rule: f.rule, severity: f.severity, message: f.message, location: { uri: f.uri, range: f.range } };
    const holders = holding(f.uri, f.range);
    const placed = new Set(pick(holders, f.message));
    for (const n of placed) n.findings.push(nf);
    for (const r of f.related ?? []) {
      const related = holding(r.uri, r.range);
      if (!related.length) continue;
      for (const n of pick(related, `${f.message} ${r.message}`)) {
        if (placed.has(n)) continue;
        placed.add(n);
        n.findings.push({ ...nf, involved: true });
      }
    }
    if (!holders.length) unplaced.push(nf);
  }
  return unplaced;
}

/**
 * Whether a finding merged over instances (`x (3 instances: a, b, c)`) names this instance.
 * A list cut short (`and 4 more`) may hold any instance of the block.
 */
function namesInstance(message: string, address: string): boolean {
  INSTANCE_ADDRESS.lastIndex = 0;
  const m = INSTANCE_ADDRESS.exec(address);
  if (!m || m.index !== 0 || m[0].length !== address.length) return false;
  const at = message.indexOf(`${m[1]} (`);
  if (at < 0) return false;
  const list = /^\d+ instances?(?: of [^:]+)?: ([^)]*)\)/.exec(message.slice(at + m[1].length + 2));
  if (!list) return false;
  const names = list[1].replace(/ and \d+ more$/, '').split(', ');
  return names.includes(showKey(keyOf(m[2]))) || / and \d+ more$/.test(list[1]);
}
