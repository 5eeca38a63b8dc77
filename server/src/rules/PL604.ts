import { items } from '../query/values';
import { allowedPrincipalResources } from '../query/endpoint-services';
import { defineRule } from './types';
import { argument, attrOrHeader, someUnresolved } from '../query/wiring';

export const rule = defineRule({
  meta: {
    id: 'PL604',
    name: 'service-no-principals',
    severity: 'information',
    description: 'An endpoint service allows no principals, so only its own account can connect.',
    why:
      'Without allowed_principals or aws_vpc_endpoint_service_allowed_principal resources, no other account ' +
      'can find or connect to the service. That is right for a service used inside one account, and a ' +
      'forgotten step when the service is meant for consumers elsewhere.',
    resources: ['aws_vpc_endpoint_service', 'aws_vpc_endpoint_service_allowed_principal'],
    fixable: false,
  },
  subject: 'endpointService',
  check(svc) {
    const v = argument(svc, 'allowed_principals');
    if (v !== undefined) {
      const list = items(v);
      if (list === undefined || list.length > 0) return;
    }
    if (allowedPrincipalResources(svc).length > 0) return;
    if (someUnresolved(svc.module, 'aws_vpc_endpoint_service_allowed_principal', 'vpc_endpoint_service_id')) return;
    return [
      {
        message: `${svc.address} allows no principals: only its own AWS account can connect. Add the consumer accounts to allowed_principals if others should.`,
        uri: svc.uri,
        range: attrOrHeader(svc, 'allowed_principals'),
      },
    ];
  },
});
