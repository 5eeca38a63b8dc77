import { routeTableEdits } from '../fixes/route-tables';
import { endpointTarget, gatewayCapable, serviceLabel } from '../query/endpoint-type';
import { defineRule } from './types';
import { fileOf, headerRange, nullFromInput, routeTablesOf } from '../query/wiring';
import { targetsWritten } from '../query/lattice';

export const rule = defineRule({
  meta: {
    id: 'PL403',
    name: 'gateway-without-route-tables',
    severity: 'warning',
    description: 'A Gateway endpoint has no route tables, so no traffic uses it.',
    why:
      'A Gateway endpoint works only through the routes AWS adds to the route tables associated with it. ' +
      'Without route_table_ids or an aws_vpc_endpoint_route_table_association, S3 or DynamoDB traffic ' +
      'keeps going through the NAT or internet gateway: it costs NAT data processing and bypasses the ' +
      'endpoint policy, while the endpoint looks deployed.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_route_table_association', 'aws_route_table'],
    fixable: true,
  },
  subject: 'endpoint',
  check(ep, ctx) {
    const target = endpointTarget(ep);
    const t = target.declared;
    if (t.type !== 'Gateway') return;
    const cap = gatewayCapable(ctx.catalog, target);
    // A Gateway endpoint for a service without one is PL401/PL402's concern.
    if (cap === false || (cap === undefined && !t.explicit)) return;
    // An endpoint naming a resource configuration or a service network is no Gateway endpoint
    // whatever its type says: PL401 and PL404 report the type or the extra target.
    const targets = targetsWritten(ep);
    if (targets.resource_configuration_arn === true || targets.service_network_arn === true) return;
    if (routeTablesOf(ep).present || nullFromInput(ep, 'route_table_ids')) return;
    const attr = ep.attrNode('route_table_ids');
    const file = fileOf(ep, ep.module);
    const fix = file ? routeTableEdits(ep, file, attr) : undefined;
    return [
      {
        message:
          `${ep.address} is a Gateway endpoint without route tables (no route_table_ids, no aws_vpc_endpoint_route_table_association): ` +
          `no route points at it, so ${serviceLabel(target)} traffic still leaves through the NAT or internet gateway.`,
        uri: ep.uri,
        range: attr?.range ?? headerRange(ep),
        fixes: fix && fix.edits.length ? [{ title: `Set route_table_ids to ${fix.describe}`, edits: fix.edits, isPreferred: true }] : [],
      },
    ];
  },
});
