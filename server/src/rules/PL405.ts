import { declaredType } from '../query/endpoint-type';
import { defineRule } from './types';
import { headerRange, subnetCount } from '../query/wiring';

export const rule = defineRule({
  meta: {
    id: 'PL405',
    name: 'interface-single-az',
    severity: 'information',
    description: 'An Interface endpoint has exactly one subnet, so it lives in a single Availability Zone.',
    why:
      'An Interface endpoint has one network interface per subnet, and AWS allows one subnet per ' +
      'Availability Zone. With a single subnet, an outage of that AZ cuts the whole VPC off from the ' +
      'service, and clients in the other AZs pay cross-AZ data transfer on every request.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_subnet_association'],
    fixable: false,
  },
  subject: 'interfaceEndpoint',
  check(ep) {
    // Only a type that evaluates to Interface (the subjects also hold types read from an endpoint service).
    if (declaredType(ep).type !== 'Interface') return;
    if (subnetCount(ep) !== 1) return;
    const attr = ep.attrNode('subnet_ids');
    return [
      {
        message:
          `${ep.address} is an Interface endpoint in one subnet, so one Availability Zone: if that zone fails the service is ` +
          'unreachable from the whole VPC, and clients in other zones pay cross-AZ transfer. Add a subnet in a second zone.',
        uri: ep.uri,
        range: attr?.range ?? headerRange(ep),
      },
    ];
  },
});
