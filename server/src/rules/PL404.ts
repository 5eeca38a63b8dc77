import type { ResourceInstance } from '../model/types';
import { bool, items } from '../query/values';
import { removeItem } from '../fixes/edits';
import { endpointTarget, gatewayCapable } from '../query/endpoint-type';
import { defineRule, type Report } from './types';
import { type EndpointType, argument, fileOf, headerRange, pointingAt, subnetCount } from '../query/wiring';
import { TARGET_ARGUMENTS, TYPE_OF_TARGET, targetArgumentOf, targetsWritten, type TargetArgument } from '../query/lattice';

/** Arguments that have no meaning for a type, per the provider's documentation of aws_vpc_endpoint. */
const INVALID: Record<EndpointType, { lists: string[]; flags: string[]; blocks: string[] }> = {
  Gateway: { lists: ['subnet_ids', 'security_group_ids'], flags: ['private_dns_enabled'], blocks: ['dns_options'] },
  Interface: { lists: ['route_table_ids'], flags: [], blocks: [] },
  GatewayLoadBalancer: { lists: ['security_group_ids', 'route_table_ids'], flags: ['private_dns_enabled'], blocks: [] },
  Resource: { lists: ['route_table_ids'], flags: [], blocks: [] },
  ServiceNetwork: { lists: ['route_table_ids'], flags: [], blocks: [] },
};

const ASSOCIATIONS: Record<EndpointType, string[]> = {
  Gateway: ['aws_vpc_endpoint_subnet_association', 'aws_vpc_endpoint_security_group_association'],
  Interface: ['aws_vpc_endpoint_route_table_association'],
  GatewayLoadBalancer: ['aws_vpc_endpoint_security_group_association', 'aws_vpc_endpoint_route_table_association'],
  Resource: ['aws_vpc_endpoint_route_table_association'],
  ServiceNetwork: ['aws_vpc_endpoint_route_table_association'],
};

/**
 * The `dns_options` settings of VPC Lattice private DNS: the EC2 API supports them only when
 * the endpoint type is ServiceNetwork or Resource (DnsOptionsSpecification).
 */
const LATTICE_DNS_OPTIONS = ['private_dns_preference', 'private_dns_specified_domains'];

/** What each target argument names, for messages. */
const TARGET_WHAT: Record<TargetArgument, string> = {
  service_name: 'an endpoint service',
  resource_configuration_arn: 'a resource configuration',
  service_network_arn: 'a service network',
};

const APPLIES: Record<string, string> = {
  subnet_ids: 'Interface, GatewayLoadBalancer, Resource and ServiceNetwork endpoints',
  security_group_ids: 'Interface, Resource and ServiceNetwork endpoints',
  private_dns_enabled: 'Interface, Resource and ServiceNetwork endpoints',
  dns_options: 'Interface, Resource and ServiceNetwork endpoints',
  route_table_ids: 'Gateway endpoints',
  aws_vpc_endpoint_subnet_association: 'Interface, GatewayLoadBalancer, Resource and ServiceNetwork endpoints',
  aws_vpc_endpoint_security_group_association: 'Interface, Resource and ServiceNetwork endpoints',
  aws_vpc_endpoint_route_table_association: 'Gateway endpoints',
};

function article(type: EndpointType): string {
  return type === 'Interface' ? 'an' : 'a';
}

/** The type the endpoint surely has, or undefined: a default Gateway only counts for Gateway services (else PL401 speaks). */
function sureType(ep: ResourceInstance, gateway: boolean | undefined): EndpointType | undefined {
  const t = endpointTarget(ep).declared;
  if (t.type === undefined) return undefined;
  if (!t.explicit && gateway !== true) return undefined;
  return t.type;
}

export const rule = defineRule({
  meta: {
    id: 'PL404',
    name: 'argument-invalid-for-type',
    severity: 'error',
    description: 'An endpoint sets an argument that does not apply to its type.',
    why:
      'Gateway endpoints take route tables only; Interface endpoints take subnets and security groups, ' +
      'never route tables; a GatewayLoadBalancer endpoint lives in exactly one subnet and has neither ' +
      'security groups nor private DNS. An endpoint names exactly one target, the one its type needs: ' +
      'service_name, resource_configuration_arn (Resource) or service_network_arn (ServiceNetwork); the ' +
      'VPC Lattice DNS options are for Resource and ServiceNetwork endpoints only. AWS rejects or ignores ' +
      'the extra argument, which usually means the endpoint is not wired the way its author believes.',
    resources: ['aws_vpc_endpoint', ...new Set(Object.values(ASSOCIATIONS).flat())],
    fixable: true,
  },
  subject: 'endpoint',
  check(ep, ctx) {
    const type = sureType(ep, gatewayCapable(ctx.catalog, endpointTarget(ep)));
    const targets = targetReports(ep, type);
    if (!type) return targets;
    const file = fileOf(ep, ep.module);
    const spec = INVALID[type];
    const out: Report[] = [...targets];
    const report = (what: string, r: Omit<Report, 'message'> & { message?: string }) =>
      out.push({
        message: r.message ?? `${what} does not apply to ${ep.address}, ${article(type)} ${type} endpoint: it is for ${APPLIES[what]}.`,
        ...r,
      });

    for (const name of spec.lists) {
      const attr = ep.attrNode(name);
      const list = items(ep.attr(name));
      if (!attr || !list || list.length === 0) continue;
      report(name, {
        uri: ep.uri,
        range: attr.range,
        fixes: file ? [{ title: `Remove ${name}`, edits: [removeItem(file, attr)], isPreferred: true }] : [],
      });
    }
    for (const name of spec.flags) {
      const attr = ep.attrNode(name);
      if (!attr || bool(ep.attr(name)) !== true) continue;
      report(name, {
        uri: ep.uri,
        range: attr.range,
        fixes: file ? [{ title: `Remove ${name}`, edits: [removeItem(file, attr)], isPreferred: true }] : [],
      });
    }
    for (const name of spec.blocks) {
      for (const b of ep.blocks(name)) {
        // Only blocks written out: `dynamic` blocks are generic module plumbing whose for_each is
        // often `try([each.value.x], [])`, empty at plan time for the entries that lack `x`.
        if (!ep.block.body.items.includes(b.block)) continue;
        report(name, {
          uri: b.uri,
          range: headerRange(b),
          fixes: file ? [{ title: `Remove the ${name} block`, edits: [removeItem(file, b.block)], isPreferred: true }] : [],
        });
      }
    }
    if (type === 'Interface' || type === 'GatewayLoadBalancer') {
      for (const b of ep.blocks('dns_options')) {
        if (!ep.block.body.items.includes(b.block)) continue;
        for (const name of LATTICE_DNS_OPTIONS) {
          const attr = b.attrNode(name);
          const v = argument(b, name, ep.module);
          // Null, an empty list or a value a module's callers decide change nothing known.
          if (!attr || v === undefined || v.kind === 'unknown') continue;
          if (v.kind === 'list' && v.items.length === 0) continue;
          out.push({
            message:
              `dns_options.${name} does not apply to ${ep.address}, ${article(type)} ${type} endpoint: ` +
              'it chooses the private hosted zones of VPC Lattice and is supported only on Resource and ServiceNetwork endpoints.',
            uri: b.uri,
            range: attr.range,
            fixes: file ? [{ title: `Remove ${name}`, edits: [removeItem(file, attr)], isPreferred: true }] : [],
          });
        }
      }
    }
    if (type === 'GatewayLoadBalancer') {
      const n = subnetCount(ep);
      if (n !== undefined && n > 1) {
        report('subnet_ids', {
          message:
            `${ep.address} is a GatewayLoadBalancer endpoint in ${n} subnets: such an endpoint lives in exactly one subnet ` +
            '(one Availability Zone). Create one endpoint per Availability Zone instead.',
          uri: ep.uri,
          range: ep.attrNode('subnet_ids')?.range ?? headerRange(ep),
        });
      }
    }
    for (const assocType of ASSOCIATIONS[type]) {
      for (const a of pointingAt(ep.module, assocType, 'vpc_endpoint_id', ep)) {
        out.push({
          message: `${a.address} associates ${ep.address}, ${article(type)} ${type} endpoint, but ${assocType} is for ${APPLIES[assocType]}.`,
          uri: a.uri,
          range: headerRange(a),
          related: [{ uri: ep.uri, range: headerRange(ep), message: `${ep.address} (${type})` }],
        });
      }
    }
    return out;
  },
});

/**
 * The three targets are mutually exclusive (the provider requires exactly one), and the type
 * decides which one: `resource_configuration_arn` for Resource, `service_network_arn` for
 * ServiceNetwork, `service_name` for the others. Reported only on targets surely written.
 */
function targetReports(ep: ResourceInstance, type: EndpointType | undefined): Report[] {
  const set = targetsWritten(ep);
  const written = TARGET_ARGUMENTS.filter((a) => set[a] === true);
  const file = fileOf(ep, ep.module);
  const out: Report[] = [];
  if (!type) {
    // The type is not known: only several targets at once are surely wrong.
    if (written.length < 2) return out;
    for (const a of written.slice(1)) {
      out.push({
        message:
          `${ep.address} sets ${written.slice(0, written.indexOf(a)).join(' and ')} and ${a}: an endpoint names exactly one target ` +
          '(service_name, resource_configuration_arn or service_network_arn), so the plan fails.',
        uri: ep.uri,
        range: ep.attrNode(a)?.range ?? headerRange(ep),
      });
    }
    return out;
  }
  const needed = targetArgumentOf(type);
  for (const a of written) {
    if (a === needed) continue;
    const meant = a === 'service_name' ? 'an Interface, Gateway or GatewayLoadBalancer endpoint' : `a ${TYPE_OF_TARGET[a]} endpoint`;
    const attr = ep.attrNode(a);
    // Removing it is clearly right when the target the type needs is written too.
    const removable = set[needed] === true && file && attr;
    out.push({
      message:
        `${a} does not apply to ${ep.address}, ${article(type)} ${type} endpoint: it names ${TARGET_WHAT[a]}, the target of ${meant}` +
        (set[needed] === true
          ? `, and the endpoint already names its target with ${needed}. An endpoint takes exactly one target.`
          : `. Change vpc_endpoint_type, or name the target with ${needed}.`),
      uri: ep.uri,
      range: attr?.range ?? headerRange(ep),
      fixes: removable ? [{ title: `Remove ${a}`, edits: [removeItem(file, attr)], isPreferred: true }] : [],
    });
  }
  // A Resource or ServiceNetwork endpoint surely without the argument it needs.
  if (needed !== 'service_name' && set[needed] === false && written.length === 0) {
    out.push({
      message: `${ep.address} is ${article(type)} ${type} endpoint without ${needed}: it has no target, and the plan fails.`,
      uri: ep.uri,
      range: ep.attrNode('vpc_endpoint_type')?.range ?? headerRange(ep),
    });
  }
  return out;
}
