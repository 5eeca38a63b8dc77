// The provider side behind an endpoint service: the load balancers it lists, their type and
// scheme, their listeners (anywhere in the module tree) and the target groups those forward to;
// and, the other way round, the endpoint services a load balancer serves.

import type { ModuleInstance, NestedBlock, ResourceInstance } from '../model/types';
import { num, str, type Value } from '../model/value';
import { resourcesIn, treeOf } from './dns';
import { endpointServices } from './endpoint-services';
import { argument, sameInstance } from './wiring';

export type LoadBalancerKind = 'network' | 'gateway';

export interface ListedLoadBalancers {
  /** The items that resolve to an instance, in the list's order (any type; see `isLoadBalancer`). */
  resolved: ResourceInstance[];
  /** Every item resolved (an absent or null list counts as complete and empty). */
  complete: boolean;
}

/** What an endpoint service lists in `network_load_balancer_arns` or `gateway_load_balancer_arns`. */
export function loadBalancersOf(svc: ResourceInstance, kind: LoadBalancerKind): ListedLoadBalancers {
  const v = argument(svc, `${kind}_load_balancer_arns`);
  if (v === undefined) return { resolved: [], complete: true };
  if (v?.kind !== 'list') return { resolved: [], complete: false };
  const resolved: ResourceInstance[] = [];
  let complete = true;
  for (const item of v.items) {
    const lb = svc.module.resolve(item);
    if (lb) resolved.push(lb);
    else complete = false;
  }
  return { resolved, complete };
}

/** An `aws_lb` or `aws_alb` written in the workspace (not a data source). */
export function isLoadBalancer(r: ResourceInstance): boolean {
  return r.mode === 'managed' && (r.type === 'aws_lb' || r.type === 'aws_alb');
}

/** The module's `aws_lb` instances. */
export function loadBalancers(module: ModuleInstance): ResourceInstance[] {
  return module.resources('aws_lb');
}

/** The module's `aws_lb` or `aws_alb` whose address (`aws_lb.x`, without a key) is `address`. */
export function loadBalancerAt(module: ModuleInstance, address: string): ResourceInstance | undefined {
  return (
    module.resources('aws_lb').find((r) => `aws_lb.${r.name}` === address) ??
    module.resources('aws_alb').find((r) => `aws_alb.${r.name}` === address)
  );
}

/** `load_balancer_type`: `network`, `gateway`, ...; the provider's `application` when not written; undefined when not known. */
export function loadBalancerType(lb: ResourceInstance): string | undefined {
  const v = argument(lb, 'load_balancer_type');
  return v === undefined ? 'application' : str(v);
}

/** `internal`: false (internet-facing, the provider's default) when not written; undefined when not a known boolean. */
export function internalOf(lb: ResourceInstance): boolean | undefined {
  const v = argument(lb, 'internal');
  if (v === undefined) return false;
  return v.kind === 'bool' ? v.value : undefined;
}

export interface TargetGroupFacts {
  resource: ResourceInstance;
  protocol: string | undefined;
  port: number | undefined;
}

export interface ListenerFacts {
  resource: ResourceInstance;
  protocol: string | undefined;
  port: number | undefined;
  /** The `aws_lb_target_group`s of its default actions (`target_group_arn` and `forward` blocks), in order. */
  targetGroups: TargetGroupFacts[];
}

/** The `aws_lb_listener` and `aws_alb_listener` instances of the load balancer's module tree that name it. */
export function listenersOf(lb: ResourceInstance): ListenerFacts[] {
  const tree = treeOf(lb.module);
  const key = lb.identity;
  const out: ListenerFacts[] = [];
  for (const l of [...resourcesIn(tree, 'aws_lb_listener'), ...resourcesIn(tree, 'aws_alb_listener')]) {
    const target = l.module.resolve(l.attr('load_balancer_arn'));
    if (!target || target.identity !== key) continue;
    const targetGroups: TargetGroupFacts[] = [];
    for (const action of l.blocks('default_action')) {
      const groups: (Value | undefined)[] = [action.attr('target_group_arn')];
      for (const fwd of action.blocks('forward')) for (const tg of fwd.blocks('target_group')) groups.push(tg.attr('arn'));
      for (const g of groups) {
        const tg = l.module.resolve(g);
        if (!tg || tg.type !== 'aws_lb_target_group' || tg.mode !== 'managed') continue;
        targetGroups.push({ resource: tg, ...protocolAndPort(tg) });
      }
    }
    out.push({ resource: l, ...protocolAndPort(l), targetGroups });
  }
  return out;
}

function protocolAndPort(r: NestedBlock): { protocol: string | undefined; port: number | undefined } {
  return { protocol: str(r.attr('protocol')), port: num(r.attr('port')) };
}

/**
 * The known ports the endpoint service's Network Load Balancers listen on, each once, in the
 * order of the load balancers and their listeners. Empty when some load balancer is not known.
 */
export function listenerPortsOf(svc: ResourceInstance): number[] {
  const lbs = loadBalancersOf(svc, 'network');
  const ports: number[] = [];
  if (!lbs.complete) return ports;
  for (const lb of lbs.resolved) {
    for (const l of listenersOf(lb)) if (l.port !== undefined && !ports.includes(l.port)) ports.push(l.port);
  }
  return ports;
}

/** The module's endpoint services that list `lb` in `network_load_balancer_arns`. */
export function endpointServicesServing(module: ModuleInstance, lb: ResourceInstance): ResourceInstance[] {
  return endpointServices(module).filter((s) => loadBalancersOf(s, 'network').resolved.some((r) => sameInstance(r, lb)));
}
