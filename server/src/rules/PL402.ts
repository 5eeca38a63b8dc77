import { hclString, replaceValue } from '../fixes/edits';
import { endpointTarget, gatewayCapable, intendedType, withoutGatewayLabel } from '../query/endpoint-type';
import { defineRule } from './types';
import { fileOf, headerRange } from '../query/wiring';

export const rule = defineRule({
  meta: {
    id: 'PL402',
    name: 'gateway-unsupported-service',
    severity: 'error',
    description: 'vpc_endpoint_type is "Gateway" for a service that has no Gateway endpoint.',
    why:
      'Only Amazon S3 and Amazon DynamoDB offer Gateway endpoints; every other AWS service, and every ' +
      'endpoint service, is reached through Interface (or GatewayLoadBalancer) endpoints. AWS rejects the ' +
      'endpoint at apply time, after the plan looked fine.',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  subject: 'endpoint',
  check(ep, ctx) {
    const target = endpointTarget(ep);
    const t = target.declared;
    if (!t.explicit || t.type !== 'Gateway') return;
    if (gatewayCapable(ctx.catalog, target) !== false) return;
    const attr = ep.attrNode('vpc_endpoint_type');
    if (!attr) return;
    const want = intendedType(target);
    const file = fileOf(ep, ep.module);
    // The fix edits the written value; a value from a variable or local is left to the user.
    const literal = attr.value?.type === 'Template' && attr.value.parts.length === 1 && attr.value.parts[0].type === 'TemplateLiteral';
    const related = target.endpointService;
    return [
      {
        message:
          `${ep.address} is a Gateway endpoint, but ${withoutGatewayLabel(ctx.catalog, target)} has no Gateway endpoint (only S3 and DynamoDB do): ` +
          `the apply fails. Use vpc_endpoint_type = "${want}".`,
        uri: ep.uri,
        range: attr.range,
        related: related
          ? [{ uri: related.uri, range: headerRange(related), message: `the endpoint service ${related.address}` }]
          : undefined,
        fixes:
          file && literal
            ? [{ title: `Change vpc_endpoint_type to "${want}"`, edits: [replaceValue(file, attr, hclString(want))], isPreferred: true }]
            : [],
      },
    ];
  },
});
