// Endpoints that give a service name a private answer across a module tree: the siblings an
// endpoint with private DNS off would conflict with (PL102), and the endpoints that claim the
// same private DNS names in the same VPC (PL104).

import type { ModuleInstance, ResourceInstance } from '../model/types';
import { query } from '../incremental/memo';
import { privateDns, sameInstance } from './wiring';
import { dnsServiceKey, interfaceEndpoints, privateDnsHere, resourcesIn, treeOf, typeOf, vpcKey } from './dns';
import { rootOf } from './modules';

// ---------------------------------------------------------------------------------------------
// Siblings that answer a service name privately

/**
 * The endpoints of a module tree that may give a service name a private answer, grouped so that
 * each endpoint finds its siblings by service and VPC instead of going through every endpoint
 * of the tree (which made the rule quadratic in the number of endpoints).
 */
interface Siblings {
  /** Interface endpoints with private DNS on, service and VPC known: by `service\0vpc`. */
  sure: Map<string, ResourceInstance[]>;
  /** The same by service alone, for an endpoint whose own VPC is unknown. */
  sureByService: Map<string, ResourceInstance[]>;
  /** Endpoints that might answer (type, service, VPC or private DNS unknown), by service; '' when unknown. */
  maybe: Map<string, MaybeGroup>;
}

interface MaybeGroup {
  all: ResourceInstance[];
  /** By VPC; those whose VPC is unknown under ''. */
  byVpc: Map<string, ResourceInstance[]>;
}

function push<K>(m: Map<K, ResourceInstance[]>, k: K, r: ResourceInstance): void {
  const l = m.get(k);
  if (l) l.push(r);
  else m.set(k, [r]);
}

const siblingsOf = query((root: ModuleInstance): Siblings => {
  const out: Siblings = { sure: new Map(), sureByService: new Map(), maybe: new Map() };
  for (const other of resourcesIn(treeOf(root), 'aws_vpc_endpoint')) {
    const t = typeOf(other);
    if (t !== undefined && t !== 'Interface') continue;
    const on = privateDns(other).value;
    if (on === false) continue;
    const k = dnsServiceKey(other);
    const v = vpcKey(other);
    if (t === undefined || k === undefined || v === undefined || on === undefined) {
      let g = out.maybe.get(k ?? '');
      if (!g) out.maybe.set(k ?? '', (g = { all: [], byVpc: new Map() }));
      g.all.push(other);
      push(g.byVpc, v ?? '', other);
    } else {
      push(out.sure, `${k}\u0000${v}`, other);
      push(out.sureByService, k, other);
    }
  }
  return out;
});

/** Whether the list holds an endpoint other than `ep`. */
function other(list: ResourceInstance[] | undefined, ep: ResourceInstance): boolean {
  if (list) for (const r of list) if (!sameInstance(r, ep)) return true;
  return false;
}

/**
 * Another Interface endpoint of the module tree in the same VPC already gives the endpoint's
 * service name a private answer (or might): then turning this one's private DNS on would only
 * conflict.
 */
export function siblingAnswers(ep: ResourceInstance): boolean | undefined {
  const key = dnsServiceKey(ep);
  const vpc = vpcKey(ep);
  if (key === undefined) return undefined;
  const s = siblingsOf(rootOf(ep.module));
  if (vpc !== undefined && other(s.sure.get(`${key}\u0000${vpc}`), ep)) return true;
  // One that answers for the service in some VPC: this one's VPC is unknown.
  if (vpc === undefined && other(s.sureByService.get(key), ep)) return undefined;
  for (const g of [s.maybe.get(key), key === '' ? undefined : s.maybe.get('')]) {
    if (!g) continue;
    if (vpc === undefined ? other(g.all, ep) : other(g.byVpc.get(vpc), ep) || other(g.byVpc.get(''), ep)) return undefined;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Endpoints claiming the same private DNS names in one VPC

/** The VPC and the service whose private DNS names an endpoint claims; undefined when either is unknown. */
export function privateDnsClaimKey(ep: ResourceInstance): string | undefined {
  const v = vpcKey(ep);
  const s = dnsServiceKey(ep);
  return v === undefined || s === undefined ? undefined : `${v}\u0000${s}`;
}

/**
 * The endpoint surely claims private DNS names: it exists (an instance of a count/for_each that
 * could not be expanded may stand for zero instances), its module turns private DNS on, and its
 * VPC and service are known. Asked of every endpoint of the tree on every run.
 */
export const claimsPrivateDns: (ep: ResourceInstance) => boolean = query(
  (ep: ResourceInstance) => ep.expanded && privateDnsHere(treeOf(ep.module), ep) === true && privateDnsClaimKey(ep) !== undefined,
);

export interface Claimants {
  /** The Interface endpoints of the tree that claim the names, in tree order. */
  all: ResourceInstance[];
  members: Set<ResourceInstance>;
}

/**
 * The Interface endpoints of the module tree that claim private DNS names, by claim key. Grouped
 * once per run: comparing every pair's keys is quadratic in the endpoints of the tree.
 */
export function privateDnsClaimants(m: ModuleInstance): Map<string, Claimants> {
  return claimantsOfRoot(rootOf(m));
}

const claimantsOfRoot = query((root: ModuleInstance): Map<string, Claimants> => {
  const byKey = new Map<string, Claimants>();
  for (const o of resourcesIn(treeOf(root), 'aws_vpc_endpoint')) {
    if (typeOf(o) !== 'Interface' || !claimsPrivateDns(o)) continue;
    const k = privateDnsClaimKey(o)!;
    const g = byKey.get(k);
    if (g) {
      g.all.push(o);
      g.members.add(o);
    } else byKey.set(k, { all: [o], members: new Set([o]) });
  }
  return byKey;
});

/**
 * The endpoints of module `m` that share their claim with another endpoint of the tree, one per
 * place: instances of one for_each block share the place where private DNS is turned on, and
 * the first of them stands for all.
 */
export const firstClaimantsByPlace = query((m: ModuleInstance): Set<ResourceInstance> => {
  const groups = privateDnsClaimants(m);
  const done = new Set<string>();
  const out = new Set<ResourceInstance>();
  for (const ep of interfaceEndpoints(m)) {
    if (!claimsPrivateDns(ep)) continue;
    const key = privateDnsClaimKey(ep)!;
    const group = groups.get(key)?.all ?? [];
    if (group.length < 2) continue;
    const target = privateDns(ep).resource ?? ep;
    const at = `${key}\u0000${target.uri}:${target.block.range.start.offset}`;
    if (done.has(at)) continue;
    if (!group.some((o) => !sameInstance(o, ep))) continue;
    done.add(at);
    out.add(ep);
  }
  return out;
});
