import type { ResourceInstance } from '../model/types';
import { headerRange, privateDns, sameInstance, serviceOf, vpcOf } from './wiring';
import { dnsServiceKey, interfaceEndpoints, privateDnsHere, resourcesIn, treeOf, typeOf, vpcKey } from './lib/dns';
import type { Rule } from './types';
import { acrossRuns } from './lib/kept';

/** How many of the other endpoints a finding names in its message, and lists as related places. */
const MAX_NAMED = 5;
const MAX_RELATED = 20;

export const rule: Rule = {
  meta: {
    id: 'PL104',
    name: 'duplicate-private-dns',
    severity: 'error',
    description: 'Two Interface endpoints in the same VPC for the same service both have private DNS on.',
    why:
      'Private DNS attaches a private hosted zone for the service\'s name to the VPC, and a VPC can hold ' +
      'only one such zone per name. The second endpoint fails to create with a conflicting DNS domain ' +
      'error, often only in the environment where both exist.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_private_dns'],
    fixable: false,
  },
  check(ctx) {
    const tree = treeOf(ctx.module);
    // Endpoints whose existence, VPC, service and private DNS are all known. An instance of a
    // count/for_each that could not be expanded may stand for zero instances: left out.
    const candidate = (ep: ResourceInstance) => isCandidate(ep);
    const mine = interfaceEndpoints(ctx.module).filter(candidate);
    if (mine.length === 0) return;
    // The other endpoint of a pair may live anywhere in the module tree.
    const all = resourcesIn(tree, 'aws_vpc_endpoint').filter((e) => typeOf(e) === 'Interface' && candidate(e));
    // Grouped once: comparing every pair's keys is quadratic in the endpoints of the tree.
    const byKey = new Map<string, ResourceInstance[]>();
    const members = new Map<string, Set<ResourceInstance>>();
    for (const o of all) {
      const k = groupKey(o)!;
      const list = byKey.get(k);
      if (list) list.push(o);
      else byKey.set(k, [o]);
      const set = members.get(k);
      if (set) set.add(o);
      else members.set(k, new Set([o]));
    }
    // Instances of one for_each block share a location: one finding there names them all.
    const done = new Set<string>();
    for (const ep of mine) {
      const key = groupKey(ep)!;
      const group = byKey.get(key) ?? [];
      if (group.length < 2) continue;
      const dns = privateDns(ep);
      const target = dns.resource ?? ep;
      const at = `${key}\u0000${target.uri}:${target.block.range.start.offset}`;
      if (done.has(at)) continue;
      // Only the others that are named are collected: the count is the rest of the group (the
      // endpoint itself is in its group once).
      const others: ResourceInstance[] = [];
      for (const o of group) {
        if (others.length >= MAX_RELATED) break;
        if (!sameInstance(o, ep)) others.push(o);
      }
      const count = group.length - (members.get(key)!.has(ep) ? 1 : 0);
      if (others.length === 0) continue;
      done.add(at);
      const attr = target.attrNode('private_dns_enabled');
      const svc = describeService(ep);
      const vpc = vpcOf(ep)?.address ?? 'the same VPC';
      // Hundreds of copies of one endpoint would make each finding name all the others: a few
      // are named and counted, so the work and the text stay proportional to the copies.
      const named = others.slice(0, MAX_NAMED).map((o) => o.address).join(', ');
      const more = count > MAX_NAMED ? ` and ${count - MAX_NAMED} more` : '';
      ctx.report({
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
      });
    }
  },
};

// Asked of every endpoint of the tree on every run: remembered while the endpoint is unchanged.
const isCandidate = acrossRuns((ep: ResourceInstance) =>
  ep.expanded && privateDnsHere(treeOf(ep.module), ep) === true && groupKey(ep) !== undefined);

function groupKey(ep: ResourceInstance): string | undefined {
  const v = vpcKey(ep);
  const s = dnsServiceKey(ep);
  return v === undefined || s === undefined ? undefined : `${v}\u0000${s}`;
}

function describeService(ep: ResourceInstance): string {
  const s = serviceOf(ep);
  if (s.kind === 'aws' && s.service !== null) return s.fips ? `${s.service} (FIPS)` : s.service;
  if (s.kind === 'endpoint-service' && s.id !== null) return s.id;
  const v = ep.attr('service_name');
  if (v?.kind === 'ref') return v.target.address;
  return 'the same service';
}
