import type { ResourceInstance } from '../model/types';
import { bool, str, type Value } from '../query/values';
import { defineRule, type Report } from './types';
import { argument, headerRange } from '../query/wiring';

const LB_TYPES = new Set(['aws_lb', 'aws_alb']);

/** `load_balancer_type` with the provider default (`application`). */
function lbType(lb: ResourceInstance): { type: string | undefined; defaulted: boolean } {
  const v = argument(lb, 'load_balancer_type');
  if (v === undefined) return { type: 'application', defaulted: true };
  return { type: str(v), defaulted: false };
}

const KIND: Record<string, string> = { application: 'an Application', network: 'a Network', gateway: 'a Gateway' };

export const rule = defineRule({
  meta: {
    id: 'PL603',
    name: 'service-load-balancer',
    severity: 'error',
    description: 'An endpoint service has no load balancer, or one of the wrong type, or an internet-facing Network Load Balancer.',
    why:
      'An endpoint service fronts either Network Load Balancers (network_load_balancer_arns, for Interface ' +
      'endpoints) or Gateway Load Balancers (gateway_load_balancer_arns). Without one, or with an ' +
      "Application Load Balancer (aws_lb's default type), AWS refuses to create it. An internet-facing NLB " +
      'works but also exposes the service outside PrivateLink.',
    resources: ['aws_vpc_endpoint_service', 'aws_lb'],
    fixable: false,
  },
  subject: 'endpointService',
  check(svc) {
    const out: Report[] = [];
    const lists: [string, 'network' | 'gateway'][] = [
      ['network_load_balancer_arns', 'network'],
      ['gateway_load_balancer_arns', 'gateway'],
    ];
    let anyPresent = false;
    let unknown = false;
    for (const [name, want] of lists) {
      const v = argument(svc, name);
      if (v === undefined) continue;
      if (v.kind !== 'list') {
        unknown = true;
        continue;
      }
      if (v.items.length > 0) anyPresent = true;
      v.items.forEach((item, i) => {
        const r = checkItem(svc, name, want, item, i);
        if (r) out.push(r);
      });
    }
    if (!anyPresent && !unknown) {
      out.push({
        message: `${svc.address} has neither network_load_balancer_arns nor gateway_load_balancer_arns: an endpoint service needs a Network or Gateway Load Balancer.`,
        uri: svc.uri,
        range: headerRange(svc),
      });
    }
    return out;
  },
});

function checkItem(svc: ResourceInstance, attrName: string, want: 'network' | 'gateway', item: Value, index: number): Report | undefined {
  const lb = svc.module.resolve(item);
  if (!lb || lb.mode !== 'managed' || !LB_TYPES.has(lb.type)) return;
  const attr = svc.attrNode(attrName)!;
  // Point at the list element as written when the list is written out item by item.
  const tuple = attr.value?.type === 'Tuple' ? attr.value : undefined;
  const list = argument(svc, attrName);
  const written = tuple && list?.kind === 'list' && tuple.items.length === list.items.length ? tuple.items[index] : undefined;
  const range = written?.range ?? attr.range;
  const t = lbType(lb);
  if (t.type === undefined) return;
  const lbRange = lb.attrNode('load_balancer_type')?.range ?? headerRange(lb);
  if (t.type !== want) {
    const kind = KIND[t.type] ?? `a "${t.type}"`;
    return {
      message:
        `${svc.address} lists ${lb.address} in ${attrName}, but it is ${kind} Load Balancer` +
        (t.defaulted ? ' (load_balancer_type defaults to "application")' : '') +
        `: ${attrName} takes only ${want === 'network' ? 'Network' : 'Gateway'} Load Balancers.`,
      uri: svc.uri,
      range,
      severity: 'error',
      related: [
        { uri: lb.uri, range: lbRange, message: `${lb.address}: load_balancer_type = "${t.type}"${t.defaulted ? ' (default)' : ''}` },
      ],
    };
  }
  if (want !== 'network') return;
  const internal = argument(lb, 'internal');
  const isInternal = internal === undefined ? false : bool(internal);
  if (isInternal !== false) return;
  return {
    message: `${svc.address} is served by ${lb.address}, an internet-facing Network Load Balancer (internal is not true): the service is reachable from the internet too, not only through PrivateLink.`,
    uri: svc.uri,
    range,
    severity: 'warning',
    related: [
      {
        uri: lb.uri,
        range: lb.attrNode('internal')?.range ?? headerRange(lb),
        message: `${lb.address}: internal = false${internal === undefined ? ' (default)' : ''}`,
      },
    ],
  };
}
