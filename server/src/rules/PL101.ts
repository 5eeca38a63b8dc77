import { argument, headerRange, privateDns, vpcOf } from '../query/wiring';
import { enableVpcDnsEdits, privateDnsHere, treeOf, typeOf, vpcDnsOff } from '../query/dns';
import { plannedVpcLookupDnsOff } from '../query/vpcs';
import type { ResourceInstance } from '../model/types';
import { defineRule, type Fix, type Report } from './types';

export const rule = defineRule({
  meta: {
    id: 'PL101',
    name: 'private-dns-needs-vpc-dns',
    severity: 'error',
    description:
      'An Interface, Resource or ServiceNetwork endpoint has private DNS on, but its VPC has DNS hostnames or DNS resolution turned off.',
    why:
      'Private DNS works through private hosted zones that AWS associates with the VPC (for Resource and ' +
      'ServiceNetwork endpoints, the zones VPC Lattice provisions for custom domain names), and private ' +
      'hosted zones need both enableDnsSupport and enableDnsHostnames on that VPC. enable_dns_hostnames is ' +
      'false unless set, so a VPC written without it makes an Interface endpoint fail to create with ' +
      '"Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true".',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_private_dns', 'aws_vpc'],
    fixable: true,
  },
  subject: 'networkEndpoint',
  check(ep) {
    const dns = privateDns(ep);
    if (privateDnsHere(treeOf(ep.module), ep) !== true) return;
    const vpc = vpcOf(ep);
    if (!vpc) return lookedUp(ep, dns);
    const problem = vpcDnsOff(vpc);
    if (!problem || problem.off.length === 0) return;

    const what = problem.off
      .map((n) => {
        const explicit = argument(vpc, n) !== undefined;
        return `${n} = false${explicit ? '' : ' (the provider default)'}`;
      })
      .join(' and ');
    const onBy = dns.resource ? `${dns.resource.address} turns private DNS on for ${ep.address}` : `${ep.address} has private DNS on`;
    const attr = dns.resource ? dns.resource.attrNode('private_dns_enabled') : dns.attr;
    const uri = dns.resource ? dns.resource.uri : ep.uri;
    const range = attr?.range ?? headerRange(dns.resource ?? ep);

    const edits = enableVpcDnsEdits(vpc, problem.off);
    const fixes: Fix[] =
      edits && edits.length ? [{ title: `Turn on ${problem.off.join(' and ')} in ${vpc.address}`, edits, isPreferred: true }] : [];
    const firstOff = vpc.attrNode(problem.off[0]);
    return [
      {
        message:
          typeOf(ep) === 'Interface'
            ? `${onBy}, but its VPC ${vpc.address} has ${what}: AWS refuses to create the endpoint with private DNS until both DNS attributes of the VPC are on.`
            : `${onBy}, but its VPC ${vpc.address} has ${what}: the private hosted zones that answer the resources' names only work in a VPC with both DNS attributes on.`,
        uri,
        range,
        related: [
          {
            uri: vpc.uri,
            range: firstOff?.range ?? headerRange(vpc),
            message: `${vpc.address}: ${what}`,
          },
        ],
        fixes,
      },
    ];
  },
});

/** The VPC is an existing one a data source reads, and a plan says what it read: no fix here. */
function lookedUp(ep: ResourceInstance, dns: ReturnType<typeof privateDns>): Report[] | undefined {
  const found = plannedVpcLookupDnsOff(ep);
  if (!found) return;
  const { vpc, off } = found;
  const what = off.map((n) => `${n} = false`).join(' and ');
  const onBy = dns.resource ? `${dns.resource.address} turns private DNS on for ${ep.address}` : `${ep.address} has private DNS on`;
  const attr = dns.resource ? dns.resource.attrNode('private_dns_enabled') : dns.attr;
  return [
    {
      message: `${onBy}, but its VPC ${vpc.address}, as the plan read it, has ${what}: private DNS needs both DNS attributes of the VPC on (they are set where that VPC is managed).`,
      uri: dns.resource ? dns.resource.uri : ep.uri,
      range: attr?.range ?? headerRange(dns.resource ?? ep),
      related: [{ uri: vpc.uri, range: headerRange(vpc), message: `${vpc.address} (read at plan time): ${what}` }],
      fixes: [],
    },
  ];
}
