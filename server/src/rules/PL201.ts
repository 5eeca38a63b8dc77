import type { ResourceInstance } from '../model/types';
import { hclString, indentUnit, insertAfterBlock, renderBlock, setAttribute, type BlockBody } from '../fixes/edits';
import { awsService, fileOf, headerRange, securityGroupsOf, serviceOf } from '../query/wiring';
import { elsewherePointingAt, freeName, treeOf, vpcIdExpr } from '../query/dns';
import { endpointPorts, vpcCidrExpr } from '../query/security-groups';
import { defineRule, type Fix } from './types';

/** The CIDR a new group admits when the VPC's is not in view: not a valid CIDR, so a plan stops until someone writes one. */
const PLACEHOLDER_CIDR = 'REPLACE-WITH-VPC-CIDR';

export const rule = defineRule({
  meta: {
    id: 'PL201',
    name: 'interface-endpoint-no-security-group',
    severity: 'warning',
    description: "An Interface endpoint has no security group, so AWS attaches the VPC's default security group.",
    why:
      'The default security group lets in traffic only from members of that same group, so most clients ' +
      'time out; and where someone widened it, the endpoint inherits rules meant for something else. A ' +
      'dedicated group that admits the service port from the VPC states the intent and can be reviewed.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_security_group_association'],
    fixable: true,
  },
  subject: 'interfaceEndpoint',
  check(ep) {
    if (securityGroupsOf(ep).present) return;
    const tree = treeOf(ep.module);
    const elsewhere = elsewherePointingAt(tree, 'aws_vpc_endpoint_security_group_association', ep);
    if (elsewhere === undefined || elsewhere.length > 0) return;
    const attr = ep.attrNode('security_group_ids');
    const fix = buildFix(ep, endpointPorts(ep));
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

function buildFix(ep: ResourceInstance, ports: number[] | undefined): Fix | undefined {
  const file = fileOf(ep, ep.module);
  if (!file) return undefined;
  const vpcId = vpcIdExpr(ep, file);
  if (vpcId === undefined) return undefined;
  const cidr = vpcCidrExpr(ep.module, undefined, ep);
  const svc = awsService(ep);
  const s = serviceOf(ep);
  const label = svc ?? (s.kind === 'endpoint-service' && s.id ? s.id : ep.name);
  const name = freeName(ep.module, 'aws_security_group', `${ep.name}_endpoint`);
  const unit = indentUnit(file);
  const list = ports ?? [443];
  const body: BlockBody = [
    ['name_prefix', hclString(`${ep.name.replace(/_/g, '-')}-endpoint-`)],
    ['description', hclString(`Clients in the VPC to the ${label} endpoint`)],
    ['vpc_id', vpcId],
  ];
  for (const port of list) {
    body.push({
      block: 'ingress',
      body: [
        ['description', hclString(port === 443 ? 'HTTPS from the VPC' : `TCP ${port} from the VPC`)],
        ['from_port', String(port)],
        ['to_port', String(port)],
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
    title: cidr
      ? `Add a security group for ${ep.address} that admits the VPC`
      : `Add a security group for ${ep.address} (fill in the VPC's CIDR)`,
    edits,
    // A placeholder CIDR needs a human: keep it out of fix-all.
    isPreferred: cidr !== undefined && ports !== undefined,
  };
}
