import { declaredType } from '../query/endpoint-type';
import { defineRule } from './types';
import { headerRange, subnetCount } from '../query/wiring';

/** How messages name each type and what it reaches. */
const WHAT: Record<'Interface' | 'Resource' | 'ServiceNetwork', { kind: string; target: string }> = {
  Interface: { kind: 'an Interface endpoint', target: 'the service' },
  Resource: { kind: 'a Resource endpoint', target: 'the resource' },
  ServiceNetwork: { kind: 'a ServiceNetwork endpoint', target: 'the service network' },
};

export const rule = defineRule({
  meta: {
    id: 'PL405',
    name: 'interface-single-az',
    severity: 'information',
    description: 'An Interface, Resource or ServiceNetwork endpoint has exactly one subnet, so it lives in a single Availability Zone.',
    why:
      'Interface, Resource and ServiceNetwork endpoints have one network interface per subnet, and AWS ' +
      'allows one subnet per Availability Zone. With a single subnet, an outage of that AZ cuts the whole ' +
      'VPC off from the service or resource, and clients in the other AZs pay cross-AZ data transfer on ' +
      'every request.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_subnet_association'],
    fixable: false,
  },
  subject: 'networkEndpoint',
  check(ep) {
    // Only a type that evaluates to one of these (the subjects also hold types read from an endpoint service).
    const type = declaredType(ep).type;
    if (type !== 'Interface' && type !== 'Resource' && type !== 'ServiceNetwork') return;
    if (subnetCount(ep) !== 1) return;
    const attr = ep.attrNode('subnet_ids');
    const what = WHAT[type];
    return [
      {
        message:
          `${ep.address} is ${what.kind} in one subnet, so one Availability Zone: if that zone fails ${what.target} is ` +
          'unreachable from the whole VPC, and clients in other zones pay cross-AZ transfer. Add a subnet in a second zone.',
        uri: ep.uri,
        range: attr?.range ?? headerRange(ep),
      },
    ];
  },
});
