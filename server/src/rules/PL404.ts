import type { ResourceInstance } from '../model/types';
import { bool, items } from '../query/values';
import { removeItem } from '../fixes/edits';
import { endpointTarget, gatewayCapable } from '../query/endpoint-type';
import { defineRule, type Report } from './types';
import { type EndpointType, fileOf, headerRange, pointingAt, subnetCount } from '../query/wiring';

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

const APPLIES: Record<string, string> = {
  subnet_ids: 'Interface and GatewayLoadBalancer endpoints',
  security_group_ids: 'Interface endpoints',
  private_dns_enabled: 'Interface endpoints',
  dns_options: 'Interface endpoints',
  route_table_ids: 'Gateway endpoints',
  aws_vpc_endpoint_subnet_association: 'Interface and GatewayLoadBalancer endpoints',
  aws_vpc_endpoint_security_group_association: 'Interface endpoints',
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
      'security groups nor private DNS. AWS rejects or ignores the extra argument, which usually means ' +
      'the endpoint is not wired the way its author believes.',
    resources: ['aws_vpc_endpoint', ...new Set(Object.values(ASSOCIATIONS).flat())],
    fixable: true,
  },
  subject: 'endpoint',
  check(ep, ctx) {
    const type = sureType(ep, gatewayCapable(ctx.catalog, endpointTarget(ep)));
    if (!type) return;
    const file = fileOf(ep, ep.module);
    const spec = INVALID[type];
    const out: Report[] = [];
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
