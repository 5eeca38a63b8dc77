import type { ModuleInstance, ResourceInstance } from '../model/types';
import { fileOf, headerRange, privateDns, sameInstance, serviceOf, vpcOf } from './wiring';
import {
  dnsServiceKey,
  elsewherePointingAt,
  enableVpcDnsEdits,
  fileByUri,
  interfaceEndpoints,
  privateDnsApplies,
  recordAliasesEndpoint,
  resourcesIn,
  treeOf,
  typeOf,
  vpcDnsOff,
  vpcKey,
} from './lib/dns';
import { insertAttribute, replaceValue } from '../fixes/edits';
import type { Fix, Rule, TextEdit } from './types';
import { eachSubject } from './lib/kept';
import { rootOf } from './lib/endpoints';
import { perRun } from './lib/index-cache';

export const rule: Rule = {
  meta: {
    id: 'PL102',
    name: 'interface-private-dns-off',
    severity: 'warning',
    description: 'An Interface endpoint for an AWS service has private DNS off and nothing else answers the service name privately.',
    why:
      'Without private DNS, the service\'s regular name (ssm.<region>.amazonaws.com) keeps resolving to ' +
      'public addresses, so SDKs and the CLI never use the endpoint: traffic still leaves through a NAT ' +
      'or internet gateway, or fails where there is none. Only clients configured with the ' +
      'endpoint-specific DNS name reach it.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_private_dns', 'aws_route53_record'],
    fixable: true,
  },
  check(ctx) {
    const eps = interfaceEndpoints(ctx.module);
    if (eps.length === 0) return;
    const tree = treeOf(ctx.module);
    const root = rootOf(ctx.module);
    eachSubject(ctx, 'PL102', eps, (ep, report) => {
      const s = serviceOf(ep);
      if (s.kind !== 'aws' || s.service === null) return;
      if (privateDnsApplies(ctx.catalog, ep) !== true) return;
      // S3 and DynamoDB Interface endpoints are commonly reached by their endpoint-specific names
      // (on-premises clients) while the VPC uses the Gateway endpoint: private DNS off is a design there.
      if (ctx.catalog.get(s.service)?.gateway) return;
      const dns = privateDns(ep);
      if (dns.value !== false) return;
      // An aws_vpc_endpoint_private_dns in a caller or child module may turn it on.
      const elsewhere = elsewherePointingAt(tree, 'aws_vpc_endpoint_private_dns', ep);
      if (elsewhere === undefined || elsewhere.length > 0) return;
      if (recordAliasesEndpoint(tree, ep) !== false) return;
      if (siblingAnswers(root, ep) !== false) return;

      const name = ctx.catalog.get(s.service)?.privateDnsName?.replace('{region}', s.region ?? '<region>');
      const target = dns.resource ?? ep;
      const attr = dns.resource ? dns.resource.attrNode('private_dns_enabled') : ep.attrNode('private_dns_enabled');
      const fix = buildFix(ep, dns.resource);
      report({
        message:
          `${ep.address} has private DNS off and no Route 53 record points at it: ` +
          `${name ?? `the ${s.service} service name`} still resolves to public addresses, so clients bypass the endpoint.`,
        uri: target.uri,
        range: attr?.range ?? headerRange(target),
        fixes: fix ? [fix] : [],
      });
    });
  },
};

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

const siblingsOf = perRun((root: ModuleInstance): Siblings => {
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
 * Another Interface endpoint in the same VPC already gives the name a private answer (or might):
 * then turning this one's private DNS on would only conflict.
 */
function siblingAnswers(root: ModuleInstance, ep: ResourceInstance): boolean | undefined {
  const key = dnsServiceKey(ep);
  const vpc = vpcKey(ep);
  if (key === undefined) return undefined;
  const s = siblingsOf(root);
  if (vpc !== undefined && other(s.sure.get(`${key}\u0000${vpc}`), ep)) return true;
  // One that answers for the service in some VPC: this one's VPC is unknown.
  if (vpc === undefined && other(s.sureByService.get(key), ep)) return undefined;
  for (const g of [s.maybe.get(key), key === '' ? undefined : s.maybe.get('')]) {
    if (!g) continue;
    if (vpc === undefined ? other(g.all, ep) : other(g.byVpc.get(vpc), ep) || other(g.byVpc.get(''), ep)) return undefined;
  }
  return false;
}

function buildFix(ep: ResourceInstance, sep: ResourceInstance | undefined): Fix | undefined {
  const target = sep ?? ep;
  const file = fileOf(target, target.module);
  if (!file) return undefined;
  const edits: TextEdit[] = [];
  const attr = target.attrNode('private_dns_enabled');
  if (attr) {
    // Only a literal is safe to flip: an expression may serve other instances or callers.
    if (attr.value?.type !== 'Literal') return undefined;
    edits.push(replaceValue(file, attr, 'true'));
  } else {
    edits.push(...insertAttribute(file, target.block, 'private_dns_enabled', 'true'));
  }
  // Private DNS needs the VPC's DNS attributes; turning it on alone would trade this warning for PL101.
  const vpc = vpcOf(ep);
  const off = vpc ? vpcDnsOff(vpc) : undefined;
  if (vpc && off && off.off.length && fileByUri(vpc.module, vpc.uri)) {
    const vpcEdits = enableVpcDnsEdits(vpc, off.off);
    if (vpcEdits) edits.push(...vpcEdits);
  }
  return { title: `Turn on private DNS for ${ep.address}`, edits, isPreferred: true };
}
