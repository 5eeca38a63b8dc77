// Endpoints grouped by VPC across a whole module tree: a VPC in the root module may get its
// endpoints from a local child module and the other way round, so rules about "the VPC has no
// X endpoint" look at every module instance below the same root.

import { moduleCalls } from './dns';
import { entryModules, instancesOfBlock, moduleInstances, rootOf } from './modules';
import type { Expression } from '../hcl/ast';
import type { ModuleInstance, ResourceInstance, WorkspaceModel } from '../model/types';
import { fileOf, sameInstance } from './wiring';
import { endpointTarget } from './endpoint-type';
import { query } from '../incremental/memo';

export { rootOf };

export function sameModule(a: ModuleInstance, b: ModuleInstance): boolean {
  return a.dir === b.dir && a.path === b.path;
}

/**
 * Is this root module's folder also called as a child module by another root of the
 * workspace? Then its resources are judged through that call, with the caller's inputs and
 * providers, and judging the folder alone as well would report the same thing twice.
 */
export function calledAsChild(m: ModuleInstance, ws: WorkspaceModel): boolean {
  return !m.parent && calledByAnotherRoot(ws).has(m.dir);
}

/** The folders some root other than themselves calls (one look-up per module, not one per root). */
const calledByAnotherRoot = query((ws: WorkspaceModel): Set<string> => {
  const out = new Set<string>();
  for (const [dir, calls] of childDirsByRoot(ws)) for (const c of calls) if (c !== dir) out.add(c);
  return out;
});

/** Each root's folder, with the folders it calls as local child modules (asked of every module). */
const childDirsByRoot = query((ws: WorkspaceModel): Map<string, Set<string>> => {
  const out = new Map<string, Set<string>>();
  for (const r of ws.roots())
    out.set(
      r.dir,
      new Set(
        moduleInstances([r])
          .filter((x) => x.parent)
          .map((x) => x.dir),
      ),
    );
  return out;
});

/** The module instances analysed of each folder: one per call of a folder called several times. */
const instancesByDir = query((ws: WorkspaceModel): Map<string, ModuleInstance[]> => {
  const out = new Map<string, ModuleInstance[]>();
  for (const m of moduleInstances(entryModules(ws))) {
    const list = out.get(m.dir);
    if (list) list.push(m);
    else out.set(m.dir, [m]);
  }
  return out;
});

/**
 * Every instance, in every call of its module, of the block `r` is an instance of: what a
 * change to that block changes. `r`'s own instances when its folder is analysed once.
 */
export function instancesOfSameBlock(r: ResourceInstance, ws: WorkspaceModel): ResourceInstance[] {
  const file = fileOf(r, r.module);
  if (!file) return [r];
  return (instancesByDir(ws).get(r.module.dir) ?? [r.module]).flatMap((m) => instancesOfBlock(m, file, r.entry.block));
}

export function treeModules(m: ModuleInstance): ModuleInstance[] {
  return moduleInstances([rootOf(m)]);
}

export interface EndpointFacts {
  ep: ResourceInstance;
  /** The resolved aws_vpc; undefined when vpc_id does not resolve to one. */
  vpc: ResourceInstance | undefined;
  /** The AWS service part; undefined when unknown or not an AWS service. */
  service: string | undefined;
  /**
   * The AWS services of every instance the endpoint stands for: `[service]`, or one per name of
   * a `for_each` over names known in part (see endpointTarget).
   */
  services: readonly string[];
  /**
   * The endpoint is known not to be for an AWS service: a vpce-svc or invalid name (for every
   * instance), or a Resource or ServiceNetwork endpoint.
   */
  notAws: boolean;
}

/** What the set rules ask of every endpoint on every run: remembered while it is unchanged. */
export const endpointFacts: (ep: ResourceInstance) => EndpointFacts = query(endpointFactsNow);

function endpointFactsNow(ep: ResourceInstance): EndpointFacts {
  const v = ep.module.resolve(ep.attr('vpc_id'));
  const t = endpointTarget(ep);
  const notAws = (n: { kind: string }) => n.kind === 'endpoint-service' || n.kind === 'invalid';
  return {
    ep,
    vpc: v && v.type === 'aws_vpc' ? v : undefined,
    service: t.service,
    services: t.services,
    // A Resource or ServiceNetwork endpoint reaches a VPC Lattice resource or network, never an AWS service by name.
    notAws: t.type === 'Resource' || t.type === 'ServiceNetwork' || (t.instances ? t.instances.every(notAws) : notAws(t.name)),
  };
}

export function treeEndpoints(m: ModuleInstance): EndpointFacts[] {
  return [...treeEndpointsOfRoot(rootOf(m))];
}

const treeEndpointsOfRoot = query((root: ModuleInstance) =>
  treeModules(root).flatMap((x) => x.resources('aws_vpc_endpoint').map(endpointFacts)),
);

/** Might this endpoint be in `vpc`? (Its VPC is that one, or unknown.) */
export function mayBeIn(f: EndpointFacts, vpc: ResourceInstance): boolean {
  return f.vpc === undefined || sameInstance(f.vpc, vpc);
}

export function isIn(f: EndpointFacts, vpc: ResourceInstance): boolean {
  return f.vpc !== undefined && sameInstance(f.vpc, vpc);
}

/** The endpoints of the module's tree whose VPC is `vpc`, in the order of `treeEndpoints`. */
export function endpointsInVpc(m: ModuleInstance, vpc: ResourceInstance): readonly EndpointFacts[] {
  return endpointsByVpcOfRoot(rootOf(m)).get(vpc.identity) ?? [];
}

// Every VPC (and every endpoint) asks for the endpoints of its VPC: grouped once per tree and
// run, not searched once per question.
const endpointsByVpcOfRoot = query((root: ModuleInstance) => {
  const byVpc = new Map<string, EndpointFacts[]>();
  for (const f of treeEndpointsOfRoot(root)) {
    if (f.vpc === undefined) continue;
    const k = f.vpc.identity;
    const l = byVpc.get(k);
    if (l) l.push(f);
    else byVpc.set(k, [f]);
  }
  return byVpc;
});

/**
 * Is there an endpoint for `service` in `vpc`, among the endpoints of the module's tree?
 * true / false, or undefined when some endpoint that might be in the VPC has a service that
 * cannot be read.
 */
export function vpcHasService(m: ModuleInstance, vpc: ResourceInstance, service: string): boolean | undefined {
  const idx = servicesByVpcOfRoot(rootOf(m));
  const here = idx.byVpc.get(vpc.identity);
  if (here?.services.has(service)) return true;
  if (here?.unreadable || idx.noVpc.unreadable || idx.noVpc.services.has(service)) return undefined;
  return false;
}

interface VpcServices {
  services: Set<string>;
  /** Some endpoint's service cannot be read (and is not known to be a non-AWS one). */
  unreadable: boolean;
}

// Rules ask for every VPC and every service it should have: the endpoints are grouped by VPC
// once per tree and run instead of searched once per question.
const servicesByVpcOfRoot = query((root: ModuleInstance) => {
  const idx = { byVpc: new Map<string, VpcServices>(), noVpc: { services: new Set<string>(), unreadable: false } };
  for (const f of treeEndpointsOfRoot(root)) {
    let group = idx.noVpc;
    if (f.vpc !== undefined) {
      const k = f.vpc.identity;
      group = idx.byVpc.get(k) ?? { services: new Set(), unreadable: false };
      idx.byVpc.set(k, group);
    }
    for (const s of f.services) group.services.add(s);
    if (f.services.length === 0 && !f.notAws) group.unreadable = true;
  }
  return idx;
});

/**
 * Module calls whose source the model cannot read (registry, git) may create resources in the
 * VPC; when such a call is passed anything VPC-like, rules about the VPC's contents stay silent.
 */
export function opaqueVpcCalls(m: ModuleInstance): boolean {
  return opaqueVpcCallsOfRoot(rootOf(m));
}

// Asked for each finding about a VPC's endpoints; the answer is the same for the whole tree.
const opaqueVpcCallsOfRoot = query((root: ModuleInstance) => opaqueCallsPassing(root, 'aws_vpc', /vpc/i));

/** Is a module the model cannot read given a reference to a resource of `type` (or an argument named like `argName`)? */
export function opaqueCallsPassing(m: ModuleInstance, type: string, argName?: RegExp): boolean {
  return opaquePassing(m, `${type}\u0000${argName?.source ?? ''}\u0000${argName?.flags ?? ''}`);
}

// Asked for every endpoint of a module: answered once per module, question and run.
const opaquePassing = query((m: ModuleInstance, question: string): boolean => {
  const [type, source, flags] = question.split('\u0000');
  const argName = source ? new RegExp(source, flags) : undefined;
  for (const mod of treeModules(m)) {
    const loaded = mod.children();
    for (const call of moduleCalls(mod)) {
      if (loaded.has(call.name)) continue;
      for (const item of call.block.body.items) {
        if (item.type !== 'Attribute' || !item.value) continue;
        if ((argName && argName.test(item.name.name)) || mentions(item.value, type)) return true;
      }
    }
  }
  return false;
});

function mentions(e: Expression, type: string): boolean {
  return JSON.stringify(e, (k, v: unknown) => (k === 'range' ? undefined : v)).includes(JSON.stringify(type));
}
