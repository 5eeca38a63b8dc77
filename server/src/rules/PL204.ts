import { attributeIn } from '../query/describe';
import { interfaceEndpoints } from '../query/dns';
import type { Range } from '../hcl/ast';
import type { ResourceInstance, SourceFile } from '../model/types';
import { insertAttribute, replaceValue } from '../fixes/edits';
import { fileOf, headerRange, type Ingress } from '../query/wiring';
import { fileByUri, treeOf } from '../query/dns';
import { endpointPorts, groupsFirstUsedBy, ingressIn, isGenerated } from '../query/security-groups';
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
  // Findings are per group of endpoints (a VPC, a security group, a DNS name): the module is
  // the subject, and each endpoint is checked as a member of its group.
  subject: 'module',
  check(m, ctx) {
    return interfaceEndpoints(m).flatMap((ep) => checkEndpoint(ep, ctx) ?? []);
  },
});

function checkEndpoint(ep: ResourceInstance, ctx: CheckContext): readonly Report[] | undefined {
  // One finding per wide rule of a group, made by the first endpoint of this module that uses
  // the group, naming every other.
  const out: Report[] = [];
  for (const { sg, eps: users } of groupsFirstUsedBy(ep, ctx.module)) {
    // The port a fix narrows to: the one port every endpoint using the group serves.
    const ports = new Set<number>();
    let portsKnown = true;
    for (const user of users) {
      const p = endpointPorts(user);
      if (!p) portsKnown = false;
      else p.forEach((x) => ports.add(x));
    }
    const port = portsKnown && ports.size === 1 ? [...ports][0] : undefined;
    const who = users.length === 1 ? users[0].address : `${users[0].address} and ${users.length - 1} other endpoint(s)`;
    for (const o of wideIngress(sg, treeOf(ep.module), port)) {
      out.push({
        message:
          `${sg.address}, on ${who}, lets in ${o.kind === 'protocol' ? 'every protocol' : 'every TCP port'}` +
          `${port !== undefined ? `; the endpoint only needs TCP ${port}` : ''}.`,
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
  port: number | undefined,
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

function buildFix(r: Ingress, sg: ResourceInstance, port: number): Fix | undefined {
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
  for (const name of ['from_port', 'to_port']) {
    const a = attributeIn(block, name);
    if (a) edits.push(replaceValue(file, a, String(port)));
    else missing.push(name);
  }
  if (missing.length === 1) edits.push(...insertAttribute(file, block, missing[0], String(port)));
  else if (missing.length === 2) {
    // An `ip_protocol = "-1"` rule has no ports: write both on one insertion so fmt alignment stays right.
    const ins = insertAttribute(file, block, 'from_port', String(port));
    const last = ins[ins.length - 1];
    const indent = last.newText.match(/^\r?\n([ \t]*)/)?.[1] ?? '  ';
    const nl = last.newText.startsWith('\r\n') ? '\r\n' : '\n';
    const width = (last.newText.match(/^\r?\n[ \t]*(from_port\s*)=/)?.[1].length ?? 10) - 1;
    last.newText += `${nl}${indent}${'to_port'.padEnd(width)} = ${port}`;
    edits.push(...ins);
  }
  return { title: `Narrow the rule to TCP ${port}`, edits, isPreferred: true };
}
