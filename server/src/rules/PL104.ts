import { interfaceEndpoints } from '../query/dns';
import type { ResourceInstance } from '../model/types';
import { headerRange, privateDns, sameInstance, serviceOf, vpcOf } from '../query/wiring';
import { firstClaimantsByPlace, privateDnsClaimKey, privateDnsClaimants } from '../query/private-dns';
import { defineRule, type CheckContext, type Report } from './types';

/** How many of the other endpoints a finding names in its message, and lists as related places. */
const MAX_NAMED = 5;
const MAX_RELATED = 20;

export const rule = defineRule({
  meta: {
    id: 'PL104',
    name: 'duplicate-private-dns',
    severity: 'error',
    description: 'Two Interface endpoints in the same VPC for the same service both have private DNS on.',
    why:
      "Private DNS attaches a private hosted zone for the service's name to the VPC, and a VPC can hold " +
      'only one such zone per name. The second endpoint fails to create with a conflicting DNS domain ' +
      'error, often only in the environment where both exist.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_private_dns'],
    fixable: false,
  },
  // Findings are per group of endpoints (a VPC, a security group, a DNS name): the module is
  // the subject, and each endpoint is checked as a member of its group.
  subject: 'module',
  check(m, ctx) {
    return interfaceEndpoints(m).flatMap((ep) => checkEndpoint(ep, ctx) ?? []);
  },
});

function checkEndpoint(ep: ResourceInstance, ctx: CheckContext): readonly Report[] | undefined {
  // Endpoints whose existence, VPC, service and private DNS are all known, grouped by VPC and
  // service across the module tree (the other endpoint of a pair may live anywhere in it).
  // Instances of one for_each block share a location: one finding there names them all.
  if (!firstClaimantsByPlace(ctx.module).has(ep)) return;
  const key = privateDnsClaimKey(ep)!;
  const group = privateDnsClaimants(ctx.module).get(key)!;
  const dns = privateDns(ep);
  const target = dns.resource ?? ep;
  // Only the others that are named are collected: the count is the rest of the group (the
  // endpoint itself is in its group once).
  const others: ResourceInstance[] = [];
  for (const o of group.all) {
    if (others.length >= MAX_RELATED) break;
    if (!sameInstance(o, ep)) others.push(o);
  }
  const count = group.all.length - (group.members.has(ep) ? 1 : 0);
  const attr = target.attrNode('private_dns_enabled');
  const svc = describeService(ep);
  const vpc = vpcOf(ep)?.address ?? 'the same VPC';
  // Hundreds of copies of one endpoint would make each finding name all the others: a few
  // are named and counted, so the work and the text stay proportional to the copies.
  const named = others
    .slice(0, MAX_NAMED)
    .map((o) => o.address)
    .join(', ');
  const more = count > MAX_NAMED ? ` and ${count - MAX_NAMED} more` : '';
  return [
    {
      message:
        `${ep.address} and ${named}${more} both have private DNS on for ${svc} in ${vpc}: ` +
        'only one private hosted zone per service can be attached to a VPC, so whichever is created second fails.',
      uri: target.uri,
      range: attr?.range ?? headerRange(target),
      related: others.map((o) => {
        const od = privateDns(o);
        const ot = od.resource ?? o;
        return {
          uri: ot.uri,
          range: ot.attrNode('private_dns_enabled')?.range ?? headerRange(ot),
          message: `${o.address} also has private DNS on for ${svc}`,
        };
      }),
    },
  ];
}

function describeService(ep: ResourceInstance): string {
  const s = serviceOf(ep);
  if (s.kind === 'aws' && s.service !== null) return s.fips ? `${s.service} (FIPS)` : s.service;
  if (s.kind === 'endpoint-service' && s.id !== null) return s.id;
  const v = ep.attr('service_name');
  if (v?.kind === 'ref') return v.target.address;
  return 'the same service';
}
