import type { ModuleInstance, ResourceInstance } from '../model/types';
import { hclString, indentUnit, insertAfterBlock, renderBlock, type BlockBody } from '../fixes/edits';
import { attrOrHeader, fileOf, headerRange, refExpr, securityGroupsOf, type Ingress } from '../query/wiring';
import { fileByUri, freeName, sameModule, treeOf } from '../query/dns';
import {
  endpointPorts,
  ingressIn,
  ingressStyle,
  isManagedGroup,
  insertNestedBlock,
  portAllowed,
  vpcCidrExpr,
} from '../query/security-groups';
import { defineRule, type Fix, type TextEdit } from './types';

export const rule = defineRule({
  meta: {
    id: 'PL202',
    name: 'endpoint-sg-blocks-service-port',
    severity: 'error',
    description: "None of the security groups on an Interface endpoint lets in TCP on the service's port.",
    why:
      'An Interface endpoint is a set of network interfaces, and its security groups decide who may ' +
      "connect. AWS services listen on 443; an endpoint service on its load balancer's listener ports. " +
      'When no group admits that port, every connection times out, which looks like a DNS or routing ' +
      'problem and is slow to diagnose.',
    resources: ['aws_vpc_endpoint', 'aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
    fixable: true,
  },
  subject: 'interfaceEndpoint',
  check(ep) {
    const sgs = securityGroupsOf(ep).items;
    if (!sgs || sgs.length === 0 || !sgs.every(isManagedGroup)) return;
    const ports = endpointPorts(ep);
    if (!ports) return;
    const tree = treeOf(ep.module);
    const sets = sgs.map((g) => ingressIn(g, tree));
    if (sets.some((s) => !s.complete)) return;
    const rules = sets.flatMap((s) => s.rules);
    const blocked = ports.filter((p) => portAllowed(rules, p) === false);
    if (blocked.length === 0) return;

    const portText = blocked.length === 1 ? `TCP ${blocked[0]}` : `TCP ${blocked.join(', ')}`;
    const names = sgs.map((g) => g.address).join(', ');
    const fix = buildFix(ep, sgs[0], sets[0].rules, blocked[0]);
    return [
      {
        message:
          `No security group of ${ep.address} (${names}) lets in ${portText}, the port the service listens on: ` +
          'connections to the endpoint time out.',
        uri: ep.uri,
        range: attrOrHeader(ep, 'security_group_ids'),
        related: sgs.map((g) => ({ uri: g.uri, range: headerRange(g), message: `${g.address} does not admit ${portText}` })),
        fixes: fix ? [fix] : [],
      },
    ];
  },
});

function buildFix(ep: ResourceInstance, sg: ResourceInstance, rules: readonly Ingress[], port: number): Fix | undefined {
  const m: ModuleInstance = sg.module;
  const file = fileOf(sg, m);
  const cidr = vpcCidrExpr(m, sg, ep);
  if (!file || !cidr) return undefined;
  const style = ingressStyle(rules, sg);
  const description = hclString(port === 443 ? `HTTPS from the VPC to ${ep.name}` : `TCP ${port} from the VPC to ${ep.name}`);
  const unit = indentUnit(file);
  let edit: TextEdit | undefined;
  if (style === 'inline') {
    const text = renderBlock(
      'ingress',
      [
        ['description', description],
        ['from_port', String(port)],
        ['to_port', String(port)],
        ['protocol', hclString('tcp')],
        ['cidr_blocks', `[${cidr}]`],
      ],
      unit,
    );
    edit = insertNestedBlock(file, sg.block, text);
  } else {
    // Next to the group's last rule resource in its module, else after the group.
    const own = rules.filter((r) => r.style === style && sameModule((r.source as ResourceInstance).module, m));
    const anchor = own.length ? (own[own.length - 1].source as ResourceInstance) : sg;
    const anchorFile = fileByUri(m, anchor.uri) ?? file;
    const type = style;
    const name = freeName(m, type, `${sg.name}_${port === 443 ? 'https' : `tcp_${port}`}`);
    const body: BlockBody =
      style === 'aws_security_group_rule'
        ? [
            ['description', description],
            ['type', hclString('ingress')],
            ['security_group_id', refExpr(sg, 'id')],
            ['from_port', String(port)],
            ['to_port', String(port)],
            ['protocol', hclString('tcp')],
            ['cidr_blocks', `[${cidr}]`],
          ]
        : [
            ['description', description],
            ['security_group_id', refExpr(sg, 'id')],
            ['cidr_ipv4', cidr],
            ['from_port', String(port)],
            ['to_port', String(port)],
            ['ip_protocol', hclString('tcp')],
          ];
    edit = insertAfterBlock(anchorFile, anchor.block, renderBlock(`resource "${type}" "${name}"`, body, indentUnit(anchorFile)));
  }
  if (!edit) return undefined;
  return { title: `Let TCP ${port} in from the VPC in ${sg.address}`, edits: [edit], isPreferred: true };
}
