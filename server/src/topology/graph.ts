// Builds the PrivateLink topology of a module (or of the whole workspace) from the evaluated
// model: consumer VPCs and their endpoints, the services they reach, the provider side
// (endpoint service -> load balancer -> target group), security groups and private DNS, with
// the analysis' findings placed on the nodes whose blocks they point into.

import type { Expression } from '../hcl/ast';
import { analyze, type AnalyzeOptions } from '../engine/analyze';
import { entryModules, moduleInstances } from '../engine/run';
import type { ResourceInstance, WorkspaceModel } from '../model/types';
import { bool, num, str } from '../model/value';
import { catalog } from '../query/catalog';
import { endpointServiceOf, recordAliasesEndpoint, refersTo, resourcesIn, treeOf, typeOf } from '../query/dns';
import { effectiveService } from '../query/endpoint-type';
import type { Finding } from '../rules/types';
import { privateDns, routeTablesOf, securityGroupsOf, subnetCount, vpcOf } from '../query/wiring';
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
  for (const m of modules) for (const ep of m.resources('aws_vpc_endpoint')) b.endpoint(ep);
  for (const m of modules) for (const svc of m.resources('aws_vpc_endpoint_service')) b.endpointService(svc);
  const findings = opts.findings ?? analyze(ws, { ...opts.analyze, dirs });
  const unplaced = placeFindings(b.nodes(), findings);
  const title = dirs ? [...dirs].join(', ') : 'workspace';
  return { nodes: b.nodes(), edges: b.edges(), unplaced, title };
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
    const type = typeOf(ep);
    const parts: string[] = [type ?? 'type unknown'];
    let dns: DnsState | undefined;
    if (type === 'Interface') {
      const n = subnetCount(ep);
      parts.push(n === undefined ? 'AZs unknown' : `${n} AZ${n === 1 ? '' : 's'}`);
      dns = dnsState(ep);
      parts.push(`DNS ${dns}`);
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
    const svc = this.serviceOf(ep);
    this.edge(node.id, svc.id, 'connects');

    if (type !== 'Gateway') {
      for (const sg of securityGroupsOf(ep).items ?? []) {
        if (sg.type !== 'aws_security_group' || sg.mode !== 'managed') continue;
        const sgNode = this.resource(sg, 'security-group', shortAddress(sg), str(sg.attr('name')) ?? 'security group', {
          parent: vpcNode.id,
        });
        this.edge(node.id, sgNode.id, 'secured-by');
      }
    }
    for (const rec of resourcesIn(treeOf(ep.module), 'aws_route53_record')) {
      const vals = [rec.attr('records'), ...rec.blocks('alias').map((a) => a.attr('name'))];
      if (!vals.some((v) => refersTo(v, ep, 'dns_entry') === true)) continue;
      const name = str(rec.attr('name'));
      const recNode = this.resource(
        rec,
        'dns-record',
        name ?? shortAddress(rec),
        `Route 53 ${str(rec.attr('type')) ?? ''} alias`.replace('  ', ' '),
        { parent: vpcNode.id },
      );
      this.edge(recNode.id, node.id, 'alias');
    }
  }

  private vpcOf(ep: ResourceInstance): TopologyNode {
    const vpc = vpcOf(ep);
    if (vpc) {
      const cidr = str(vpc.attr('cidr_block'));
      const name = tagName(vpc);
      return this.resource(vpc, 'vpc', shortAddress(vpc), [cidr, name ? `Name ${name}` : undefined].filter(Boolean).join(' · ') || 'VPC');
    }
    // A VPC from a variable, a data source or a module output: one node per expression.
    const attr = ep.attrNode('vpc_id');
    const text = attr?.value ? sourceText(ep, attr.value) : 'vpc_id not set';
    const id = str(ep.attr('vpc_id'));
    return this.add({
      id: `vpc:${ep.module.dir}|${ep.module.path}|${text}`,
      kind: 'vpc',
      label: id ?? text,
      detail: 'VPC outside this module',
      ...(attr ? { location: { uri: ep.uri, range: attr.range } } : {}),
    });
  }

  private serviceOf(ep: ResourceInstance): TopologyNode {
    const svc = endpointServiceOf(ep);
    if (svc) return this.endpointService(svc);
    const name = effectiveService(ep);
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
    const attr = ep.attrNode('service_name');
    const text = attr?.value ? sourceText(ep, attr.value) : 'service_name not set';
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
    const accepts = bool(svc.attr('acceptance_required'));
    const acc = accepts === undefined ? undefined : accepts ? 'acceptance required' : 'auto-accept';
    const dnsName = str(svc.attr('private_dns_name'));
    const node = this.resource(svc, 'endpoint-service', shortAddress(svc), ['endpoint service', acc, dnsName].filter(Boolean).join(' · '));
    for (const [attr, kindName] of [
      ['network_load_balancer_arns', 'Network LB'],
      ['gateway_load_balancer_arns', 'Gateway LB'],
    ] as const) {
      const v = svc.attr(attr);
      if (v?.kind !== 'list') continue;
      for (const item of v.items) {
        const lb = svc.module.resolve(item);
        if (!lb || lb.mode !== 'managed' || (lb.type !== 'aws_lb' && lb.type !== 'aws_alb')) continue;
        const internal = lb.attr('internal');
        const facing =
          internal?.kind === 'bool'
            ? internal.value
              ? 'internal'
              : 'internet-facing'
            : internal === undefined
              ? 'internet-facing'
              : 'scheme unknown';
        const lbNode = this.resource(
          lb,
          'load-balancer',
          shortAddress(lb),
          `${str(lb.attr('load_balancer_type')) === 'gateway' ? 'Gateway LB' : kindName} · ${facing}`,
        );
        this.edge(node.id, lbNode.id, 'served-by');
        this.listeners(lb, lbNode);
      }
    }
    return node;
  }

  private listeners(lb: ResourceInstance, lbNode: TopologyNode): void {
    const tree = treeOf(lb.module);
    for (const l of [...resourcesIn(tree, 'aws_lb_listener'), ...resourcesIn(tree, 'aws_alb_listener')]) {
      const target = l.module.resolve(l.attr('load_balancer_arn'));
      if (!target || resId(target) !== resId(lb)) continue;
      const proto = str(l.attr('protocol'));
      const port = num(l.attr('port'));
      const label = [proto, port].filter((x) => x !== undefined).join(' ') || undefined;
      for (const action of l.blocks('default_action')) {
        const groups = [action.attr('target_group_arn')];
        for (const fwd of action.blocks('forward')) for (const tg of fwd.blocks('target_group')) groups.push(tg.attr('arn'));
        for (const g of groups) {
          const tg = l.module.resolve(g);
          if (!tg || tg.type !== 'aws_lb_target_group' || tg.mode !== 'managed') continue;
          const tgProto = str(tg.attr('protocol'));
          const tgPort = num(tg.attr('port'));
          const tgNode = this.resource(
            tg,
            'target-group',
            shortAddress(tg),
            ['target group', [tgProto, tgPort].filter((x) => x !== undefined).join(' ')].filter(Boolean).join(' · '),
          );
          this.edge(lbNode.id, tgNode.id, 'forwards', label);
        }
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

function tagName(r: ResourceInstance): string | undefined {
  const tags = r.attr('tags');
  return tags?.kind === 'map' ? str(tags.entries.get('Name')) : undefined;
}

function sourceText(r: ResourceInstance, e: Expression): string {
  const file = r.module.files.find((f) => f.path === r.uri || f.uri === r.uri);
  const text = file ? file.text.slice(e.range.start.offset, e.range.end.offset) : '';
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
 * a block: a finding goes to the instances its message names, or to all of them.
 */
function placeFindings(nodes: TopologyNode[], findings: readonly Finding[]): NodeFinding[] {
  const unplaced: NodeFinding[] = [];
  for (const f of findings) {
    const nf: NodeFinding = { rule: f.rule, severity: f.severity, message: f.message, location: { uri: f.uri, range: f.range } };
    const holders = nodes.filter((n) => n.location && n.address && n.location.uri === f.uri && contains(n.location.range, f.range));
    if (!holders.length) {
      unplaced.push(nf);
      continue;
    }
    const named = holders.filter((n) => namesAddress(f.message, n.address!));
    for (const n of named.length ? named : holders) n.findings.push(nf);
  }
  return unplaced;
}
