import { attributeIn } from '../query/describe';
import type { Expression, Range } from '../hcl/ast';
import type { ResourceInstance } from '../model/types';
import { replaceValue } from '../fixes/edits';
import { fileOf, type Ingress } from '../query/wiring';
import { fileByUri, networkEndpoints, treeOf } from '../query/dns';
import {
  admitsNoPort,
  endpointPortRanges,
  groupsFirstUsedBy,
  groupRuleFix,
  ingressIn,
  isGenerated,
  rangeAllowed,
  vpcCidrExpr,
} from '../query/security-groups';
import type { PortRange } from '../query/lattice';
import { defineRule, type Fix, type Report, type TextEdit, type CheckContext } from './types';

const WORLD = new Set(['0.0.0.0/0', '::/0']);
const ICMP = new Set(['icmp', '1', 'icmpv6', '58']);

export const rule = defineRule({
  meta: {
    id: 'PL203',
    name: 'endpoint-sg-open-to-world',
    severity: 'warning',
    description: 'A security group on an endpoint lets in traffic from 0.0.0.0/0 or ::/0.',
    why:
      'An endpoint has only private addresses, but "the world" still includes every network that can ' +
      'route to its subnets: peered VPCs, Transit Gateway attachments, VPN and Direct Connect. Admitting ' +
      "the VPC's own CIDR (or named peers) keeps the endpoint, and what its policy allows, to the " +
      'clients meant to use it.',
    resources: ['aws_vpc_endpoint', 'aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
    fixable: true,
  },
  // Findings are per security group shared by endpoints (Interface, Resource and ServiceNetwork
  // ones): the module is the subject, and each endpoint is checked as a member of its groups.
  subject: 'module',
  check(m, ctx) {
    return networkEndpoints(m).flatMap((ep) => checkEndpoint(ep, ctx) ?? []);
  },
});

function checkEndpoint(ep: ResourceInstance, ctx: CheckContext): readonly Report[] | undefined {
  // One finding per open CIDR of a group, made by the first endpoint of this module that uses
  // the group, naming every other.
  const out: Report[] = [];
  for (const { sg, eps: users } of groupsFirstUsedBy(ep, ctx.module)) {
    // The fix reads the group and its first endpoint; the message counts the rest.
    const open = openIngress(sg, ep, users, treeOf(ep.module));
    const others = users.length - 1;
    const who = others === 0 ? users[0].address : `${users[0].address} and ${others} other endpoint${others === 1 ? '' : 's'}`;
    for (const o of open) {
      out.push({
        message:
          `${sg.address}, on ${who}, lets in ${o.cidr}: anything that can route to the endpoint's subnets ` +
          "(peered VPCs, VPN, Direct Connect) can reach it. Admit the VPC's CIDR instead.",
        uri: o.uri,
        range: o.range,
        fixes: o.fixes,
      });
    }
  }
  return out;
}

/** The group's rules that let in the whole internet, with a fix each. */
function openIngress(
  sg: ResourceInstance,
  ep: ResourceInstance,
  users: readonly ResourceInstance[],
  tree: ReturnType<typeof treeOf>,
): { cidr: string; uri: string; range: Range; fixes: Fix[] }[] {
  const out: { cidr: string; uri: string; range: Range; fixes: Fix[] }[] = [];
  for (const rule of ingressIn(sg, tree).rules) {
    // TCP or UDP on port 0 alone reaches no listener: open to the world, it opens nothing.
    if (admitsNoPort(rule)) continue;
    // Nor does TCP on ports none of the group's endpoints listens on (SSH to instances that
    // share the group with an endpoint of an AWS service, which listens on 443 only).
    if (missesEveryListener(rule, users)) continue;
    for (const cidr of (rule.cidrs ?? []).filter((c) => WORLD.has(c))) {
      const where = locate(rule, cidr);
      if (!where) continue;
      const fix = buildFix(rule, cidr, where, sg, ep);
      out.push({ cidr, uri: rule.uri, range: where.range, fixes: fix ? [fix] : [] });
    }
  }
  return out;
}

/**
 * The rule reaches no listener of the endpoints: ICMP (listeners take TCP or UDP), or TCP on
 * none of the ports they listen on, all of them known.
 */
function missesEveryListener(rule: Ingress, users: readonly ResourceInstance[]): boolean {
  if (rule.protocol !== undefined && ICMP.has(rule.protocol)) return true;
  if (rule.protocol !== 'tcp' && rule.protocol !== '6') return false;
  const ranges: PortRange[] = [];
  for (const e of users) {
    const r = endpointPortRanges(e);
    if (!r) return false;
    ranges.push(...r);
  }
  return ranges.length > 0 && ranges.every((r) => rangeAllowed([rule], r) === false);
}

interface Where {
  range: Range;
  attr: string;
  /** The literal list item, or the whole value when it is not a literal list. */
  node: Expression | undefined;
  wholeValue: boolean;
}

const ATTRS: Record<Ingress['style'], string[]> = {
  inline: ['cidr_blocks', 'ipv6_cidr_blocks'],
  aws_security_group_rule: ['cidr_blocks', 'ipv6_cidr_blocks'],
  aws_vpc_security_group_ingress_rule: ['cidr_ipv4', 'cidr_ipv6'],
};

/** The list item holding `cidr` when written literally, else the attribute's value. */
function locate(rule: Ingress, cidr: string): Where | undefined {
  const v6 = cidr.includes(':');
  const attrName = ATTRS[rule.style][v6 ? 1 : 0];
  const attr = attributeIn(rule.source.block, attrName);
  if (!attr?.value) return undefined;
  const value = attr.value;
  if (value.type === 'Tuple') {
    const item = value.items.find((i) => literalString(i) === cidr);
    if (item) return { range: item.range, attr: attrName, node: item, wholeValue: false };
  }
  if (literalString(value) === cidr) return { range: value.range, attr: attrName, node: value, wholeValue: false };
  return { range: value.range, attr: attrName, node: value, wholeValue: true };
}

function literalString(e: Expression): string | undefined {
  if (e.type !== 'Template' || e.parts.length !== 1 || e.parts[0].type !== 'TemplateLiteral') return undefined;
  return e.parts[0].value;
}

function buildFix(rule: Ingress, cidr: string, where: Where, sg: ResourceInstance, ep: ResourceInstance): Fix | undefined {
  if (isGenerated(rule) || !where.node) return undefined;
  const m = rule.style === 'inline' ? sg.module : (rule.source as ResourceInstance).module;
  const file = rule.style === 'inline' ? fileOf(sg, sg.module) : fileByUri(m, rule.uri);
  if (!file) return undefined;
  const v6 = cidr.includes(':');
  const expr = vpcCidrExpr(m, sg, ep, v6);
  if (!expr) return undefined;
  const isList = rule.style !== 'aws_vpc_security_group_ingress_rule';
  let edit: TextEdit;
  if (where.wholeValue) {
    const attr = attributeIn(rule.source.block, where.attr)!;
    edit = replaceValue(file, attr, isList ? `[${expr}]` : expr);
  } else {
    edit = { uri: file.path, range: where.node.range, newText: expr };
  }
  // A public load balancer or instances behind the same group may need the world.
  return groupRuleFix(sg, `Admit the VPC's CIDR instead of ${cidr}`, [edit]);
}
