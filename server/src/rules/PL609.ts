import { privateDnsNameApplies, privateDnsVerified } from '../query/consumers';
import { privateDnsNameOf } from '../query/endpoint-services';
import { attrOrHeader } from '../query/wiring';
import { defineRule } from './types';

export const rule = defineRule({
  meta: {
    id: 'PL609',
    name: 'service-private-dns-unverified',
    severity: 'information',
    description:
      'An endpoint service sets private_dns_name, and nothing in view verifies the domain: no private DNS verification resource and no Route 53 TXT record for its verification name.',
    why:
      'Consumers can use a private DNS name only once the provider has proved it owns the domain, with a TXT record ' +
      'under the verification name AWS gives the service. Until then endpoints fall back to the generated names.',
    resources: ['aws_vpc_endpoint_service', 'aws_vpc_endpoint_service_private_dns_verification', 'aws_route53_record'],
    fixable: false,
  },
  subject: 'endpointService',
  check(svc, ctx) {
    const name = privateDnsNameOf(svc);
    if (name === undefined || name === '' || !privateDnsNameApplies(svc)) return;
    if (privateDnsVerified(svc, ctx.workspace) !== false) return;
    return [
      {
        message: `${svc.address} sets private_dns_name = "${name}", but no aws_vpc_endpoint_service_private_dns_verification and no Route 53 TXT record for its verification name (private_dns_name_configuration[0].name) is in view: consumers cannot use the name until the domain is verified.`,
        uri: svc.uri,
        range: attrOrHeader(svc, 'private_dns_name'),
      },
    ];
  },
});
