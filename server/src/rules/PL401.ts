import { insertAttribute, hclString } from '../fixes/edits';
import { declaredType, effectiveService, endpointServiceOf, gatewayCapable, intendedType, serviceLabel } from '../query/endpoint-type';
import { defineRule } from './types';
import { fileOf, headerRange } from '../query/wiring';

export const rule = defineRule({
  meta: {
    id: 'PL401',
    name: 'endpoint-type-missing',
    severity: 'error',
    description:
      'vpc_endpoint_type is not set for a service that has no Gateway endpoint, so the provider default Gateway applies and creation fails.',
    why:
      'The AWS provider creates a Gateway endpoint when vpc_endpoint_type is left out, and only S3 and ' +
      'DynamoDB offer Gateway endpoints. For any other AWS service, and for endpoint services, the apply ' +
      'fails with an invalid service or type error. Interface endpoints (or GatewayLoadBalancer endpoints ' +
      'for a Gateway Load Balancer service) must say so.',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  subject: 'endpoint',
  check(ep, ctx) {
    const t = declaredType(ep);
    if (t.explicit) return;
    const name = effectiveService(ep);
    if (gatewayCapable(ctx.catalog, name) !== false) return;
    const want = intendedType(ep);
    const label = serviceLabel(name, ep);
    const file = fileOf(ep, ep.module);
    const edits = file ? insertAttribute(file, ep.block, 'vpc_endpoint_type', hclString(want)) : [];
    const related = endpointServiceOf(ep);
    return [
      {
        message:
          `${ep.address} has no vpc_endpoint_type, so the provider creates a Gateway endpoint, which ${label} does not offer: ` +
          `the apply fails. Set vpc_endpoint_type = "${want}".`,
        uri: ep.uri,
        range: headerRange(ep),
        related: related
          ? [
              {
                uri: related.uri,
                range: headerRange(related),
                message: `${related.address} is served through ${want === 'Interface' ? 'a Network Load Balancer' : 'a Gateway Load Balancer'}`,
              },
            ]
          : undefined,
        fixes: edits.length ? [{ title: `Set vpc_endpoint_type = "${want}"`, edits, isPreferred: true }] : [],
      },
    ];
  },
});
