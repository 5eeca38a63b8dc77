import type { ResourceInstance } from '../model/types';
import { hclString, indentUnit, insertAfterBlock, renderBlock, setAttribute, type BlockBody } from '../fixes/edits';
import { awsService, fileOf, headerRange, securityGroupsOf, serviceOf } from '../query/wiring';
import { elsewherePointingAt, freeName, treeOf, vpcIdExpr } from '../query/dns';
import { endpointPortRanges, rangeText, vpcCidrExpr } from '../query/security-groups';
import { endpointTarget } from '../query/endpoint-type';
import type { PortRange } from '../query/lattice';
import { defineRule, type Fix } from './types';

/** The CIDR a new group admits when the VPC's is not in view: not a valid CIDR, so a plan stops until someone writes one. */
const PLACEHOLDER_CIDR = 'REPLACE-WITH-VPC-CIDR';

export const rule = defineRule({
  meta: {
    id: 'PL201',
    name: 'interface-endpoint-no-security-group',
    severity: 'warning',
    description:
      "An Interface, Resource or ServiceNetwork endpoint has no security group, so AWS attaches the VPC's default security group.",
    why:
      'The default security group lets in traffic only from members of that same group, so most clients ' +
      'time out; and where someone widened it, the endpoint inherits rules meant for something else. A ' +
      'dedicated group that admits the service ports from the VPC states the intent and can be reviewed.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_security_group_association'],
    fixable: true,
  },
  subject: 'networkEndpoint',
  check(ep) {
    if (securityGroupsOf(ep).present) return;
    const tree = treeOf(ep.module);
    const elsewhere = elsewherePointingAt(tree, 'aws_vpc_endpoint_security_group_association', ep);
    if (elsewhere === undefined || elsewhere.length > 0) return;
    const attr = ep.attrNode('security_group_ids');
    const fix = buildFix(ep, endpointPortRanges(ep));
    return [
      {
        message: `${ep.address} has no security group: AWS attaches the VPC's default security group, whose rules are rarely meant for the endpoint.`,
        uri: ep.uri,
        range: attr?.range ?? headerRange(ep),
        fixes: fix ? [fix] : [],
      },
    ];
  },
});

function buildFix(ep: ResourceInstance, ranges: PortRange[] | undefined): Fix | undefined {
  const file = fileOf(ep, ep.module);
  if (!file) return undefined;
  const vpcId = vpcIdExpr(ep, file);
  if (vpcId === undefined) return undefined;
  const cidr = vpcCidrExpr(ep.module, undefined, ep);
  const svc = awsService(ep);
  const s = serviceOf(ep);
  const type = endpointTarget(ep).type;
  const label =
    type === 'Resource'
      ? `${ep.name} resource`
      : type === 'ServiceNetwork'
        ? `${ep.name} service network`
        : (svc ?? (s.kind === 'endpoint-service' && s.id ? s.id : ep.name));
  const name = freeName(ep.module, 'aws_security_group', `${ep.name}_endpoint`);
  const unit = indentUnit(file);
  // Unknown ports (a service network's, a resource shared from elsewhere): 443, for a person to check.
  const list = ranges ?? [{ from: 443, to: 443 }];
  const body: BlockBody = [
    ['name_prefix', hclString(`${ep.name.replace(/_/g, '-')}-endpoint-`)],
    ['description', hclString(`Clients in the VPC to the ${label} endpoint`)],
    ['vpc_id', vpcId],
  ];
  for (const range of list) {
    const https = range.from === 443 && range.to === 443;
    body.push({
      block: 'ingress',
      body: [
        ['description', hclString(https ? 'HTTPS from the VPC' : `TCP ${rangeText(range)} from the VPC`)],
        ['from_port', String(range.from)],
        ['to_port', String(range.to)],
        ['protocol', hclString('tcp')],
        ['cidr_blocks', `[${cidr ?? hclString(PLACEHOLDER_CIDR)}]`],
      ],
    });
  }
  const text = renderBlock(`resource "aws_security_group" "${name}"`, body, unit);
  const edits = [
    ...setAttribute(file, ep.block, 'security_group_ids', `[aws_security_group.${name}.id]`),
    insertAfterBlock(file, ep.block, text),
  ];
  return {
    title: !cidr
      ? `Add a security group for ${ep.address} (fill in the VPC's CIDR)`
      : ranges
        ? `Add a security group for ${ep.address} that admits the VPC`
        : `Add a security group for ${ep.address} that admits the VPC on TCP 443 (check the ports)`,
    edits,
    // A placeholder CIDR needs a human: keep it out of fix-all.
    isPreferred: cidr !== undefined && ranges !== undefined,
  };
}
