import { attributeIn } from '../query/describe';
import type { Range } from '../hcl/ast';
import type { ResourceInstance, SourceFile } from '../model/types';
import { insertAttribute, replaceValue } from '../fixes/edits';
import { fileOf, headerRange, type Ingress } from '../query/wiring';
import { fileByUri, networkEndpoints, treeOf } from '../query/dns';
import { endpointPortRanges, groupsFirstUsedBy, groupRuleFix, ingressIn, isGenerated, rangeText } from '../query/security-groups';
import type { PortRange } from '../query/lattice';
import { defineRule, type Fix, type Report, type TextEdit, type CheckContext } from './types';

export const rule = defineRule({
  meta: {
    id: 'PL204',
    name: 'endpoint-sg-all-ports',
    severity: 'information',
    description: 'A security group on an endpoint lets in every port or every protocol.',
    why:
      'An endpoint serves one port (443 for AWS services, the listener ports of an endpoint service). ' +
      'A rule for all ports says nothing about what the group is for, and when the group is shared with ' +
      'other resources it opens them too. Naming the service port keeps the rule reviewable.',
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
  // One finding per wide rule of a group, made by the first endpoint of this module that uses
  // the group, naming every other.
  const out: Report[] = [];
  for (const { sg, eps: users } of groupsFirstUsedBy(ep, ctx.module)) {
    // The ports a fix narrows to: the one port range every endpoint using the group serves.
    const ranges = new Map<string, PortRange>();
    let portsKnown = true;
    for (const user of users) {
      const p = endpointPortRanges(user);
      if (!p) portsKnown = false;
      else for (const r of p) ranges.set(rangeText(r), r);
    }
    const port = portsKnown && ranges.size === 1 ? [...ranges.values()][0] : undefined;
    // A resource that listens on every TCP port needs a rule for all of them.
    const everyPort = port !== undefined && port.from <= 1 && port.to >= 65535;
    const others = users.length - 1;
    const who = others === 0 ? users[0].address : `${users[0].address} and ${others} other endpoint${others === 1 ? '' : 's'}`;
    for (const o of wideIngress(sg, treeOf(ep.module), port)) {
      if (everyPort && o.kind === 'ports') continue;
      out.push({
        message:
          `${sg.address}, on ${who}, lets in ${o.kind === 'protocol' ? 'every protocol' : 'every TCP port'}` +
          `${port !== undefined ? `; the endpoint only needs TCP ${rangeText(port)}` : ''}.`,
        uri: o.uri,
        range: o.range,
        fixes: o.fixes,
      });
    }
  }
  return out;
}

/** The group's rules that let in every port or protocol, with a fix to `port` when known. */
function wideIngress(
  sg: ResourceInstance,
  tree: ReturnType<typeof treeOf>,
  port: PortRange | undefined,
): { kind: string; uri: string; range: Range; fixes: Fix[] }[] {
  const out: { kind: string; uri: string; range: Range; fixes: Fix[] }[] = [];
  for (const rule of ingressIn(sg, tree).rules) {
    const kind = allPorts(rule);
    if (!kind) continue;
    const fix = port !== undefined ? buildFix(rule, sg, port) : undefined;
    out.push({ kind, uri: rule.uri, range: pointAt(rule, kind), fixes: fix ? [fix] : [] });
  }
  return out;
}

function allPorts(r: Ingress): 'protocol' | 'ports' | undefined {
  if (r.protocol === '-1' || r.protocol === 'all') return 'protocol';
  if ((r.protocol === 'tcp' || r.protocol === '6') && r.from !== undefined && r.to !== undefined && r.from <= 1 && r.to >= 65535)
    return 'ports';
  return undefined;
}

function protocolAttr(r: Ingress): string {
  return r.style === 'aws_vpc_security_group_ingress_rule' ? 'ip_protocol' : 'protocol';
}

function pointAt(r: Ingress, kind: 'protocol' | 'ports'): Range {
  const block = r.source.block;
  const a = kind === 'protocol' ? attributeIn(block, protocolAttr(r)) : attributeIn(block, 'from_port');
  return a?.range ?? headerRange(block);
}

function buildFix(r: Ingress, sg: ResourceInstance, port: PortRange): Fix | undefined {
  if (isGenerated(r)) return undefined;
  const file: SourceFile | undefined =
    r.style === 'inline' ? fileOf(sg, sg.module) : fileByUri((r.source as ResourceInstance).module, r.uri);
  if (!file) return undefined;
  const block = r.source.block;
  const edits: TextEdit[] = [];
  const missing: string[] = [];
  const proto = attributeIn(block, protocolAttr(r));
  if (!proto) return undefined;
  edits.push(replaceValue(file, proto, '"tcp"'));
  const value = (name: string) => String(name === 'from_port' ? port.from : port.to);
  for (const name of ['from_port', 'to_port']) {
    const a = attributeIn(block, name);
    if (a) edits.push(replaceValue(file, a, value(name)));
    else missing.push(name);
  }
  if (missing.length === 1) edits.push(...insertAttribute(file, block, missing[0], value(missing[0])));
  else if (missing.length === 2) {
    // An `ip_protocol = "-1"` rule has no ports: write both on one insertion so fmt alignment stays right.
    const ins = insertAttribute(file, block, 'from_port', String(port.from));
    const last = ins[ins.length - 1];
    const indent = last.newText.match(/^\r?\n([ \t]*)/)?.[1] ?? '  ';
    const nl = last.newText.startsWith('\r\n') ? '\r\n' : '\n';
    const width = (last.newText.match(/^\r?\n[ \t]*(from_port\s*)=/)?.[1].length ?? 10) - 1;
    last.newText += `${nl}${indent}${'to_port'.padEnd(width)} = ${port.to}`;
    edits.push(...ins);
  }
  // Instances or a load balancer behind the same group may need the other ports.
  return groupRuleFix(sg, `Narrow the rule to TCP ${rangeText(port)}`, edits);
}
