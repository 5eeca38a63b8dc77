import { removeItem } from '../fixes/edits';
import { items, str } from '../query/values';
import { argument, fileOf } from '../query/wiring';
import { defineRule } from './types';

export const rule = defineRule({
  meta: {
    id: 'PL607',
    name: 'gwlb-service-private-dns',
    severity: 'error',
    description: 'An endpoint service for a Gateway Load Balancer sets private_dns_name, which AWS does not support for such services.',
    why:
      'Private DNS names are not supported for endpoint services created for Gateway Load Balancer ' +
      'endpoints (AWS PrivateLink guide, "Manage DNS names for VPC endpoint services"). Traffic reaches a ' +
      'Gateway Load Balancer endpoint through route tables, never by name, so the name can only make the ' +
      'create or update call fail.',
    resources: ['aws_vpc_endpoint_service', 'aws_lb'],
    fixable: true,
  },
  subject: 'endpointService',
  check(svc) {
    const name = str(argument(svc, 'private_dns_name'));
    if (name === undefined) return;
    const gwlbs = items(argument(svc, 'gateway_load_balancer_arns'));
    if (!gwlbs?.length) return;
    const attr = svc.attrNode('private_dns_name');
    if (!attr) return;
    const file = fileOf(svc, svc.module);
    return [
      {
        message: `${svc.address} sets private_dns_name = "${name}", but it serves a Gateway Load Balancer: AWS does not support private DNS names for Gateway Load Balancer endpoint services.`,
        uri: svc.uri,
        range: attr.range,
        fixes: file ? [{ title: 'Remove private_dns_name', edits: [removeItem(file, attr)], isPreferred: true }] : [],
      },
    ];
  },
});
