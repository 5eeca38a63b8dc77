import type { ResourceInstance } from '../model/types';
import { bool, str } from '../query/values';
import { hclString, indentUnit, insertAfterBlock, renderBlock } from '../fixes/edits';
import { argument, awsService, fileOf, headerRange, sameInstance, vpcOf } from '../query/wiring';
import {
  PLACEHOLDER_ROUTE_TABLES,
  freeName,
  opaqueCallsReferencing,
  privateDnsHere,
  resourcesIn,
  routeTablesExpr,
  sourceText,
  treeOf,
  typeOf,
  usesInstanceVars,
  vpcIdExpr,
} from '../query/dns';
import { defineRule, type Fix } from './types';

const OPTION = 'private_dns_only_for_inbound_resolver_endpoint';

export const rule = defineRule({
  meta: {
    id: 'PL106',
    name: 'inbound-resolver-needs-gateway',
    severity: 'error',
    description:
      'An S3 or DynamoDB Interface endpoint limits private DNS to inbound Resolver endpoints, but its VPC has no Gateway endpoint for that service.',
    why:
      'With private_dns_only_for_inbound_resolver_endpoint, the Interface endpoint answers only queries ' +
      "that arrive through a Route 53 Resolver inbound endpoint (on-premises clients); the VPC's own " +
      'clients are meant to use the Gateway endpoint. AWS requires that Gateway endpoint in the VPC, so ' +
      'without it the option cannot be applied.',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  subject: 'interfaceEndpoint',
  check(ep, ctx) {
    const option = ep.blocks('dns_options').find((b) => bool(argument(b, OPTION, ep.module)) === true);
    if (!option) return;
    const tree = treeOf(ep.module);
    if (privateDnsHere(tree, ep) !== true) return;
    const svc = awsService(ep);
    if (svc === undefined || !ctx.catalog.get(svc)?.gateway) return;
    const vpc = vpcOf(ep);
    if (!vpc) return;
    if (gatewayExists(resourcesIn(tree, 'aws_vpc_endpoint'), vpc, svc) !== false) return;
    if (opaqueCallsReferencing(tree, vpc).length > 0) return;

    const fix = buildFix(ep, vpc);
    return [
      {
        message:
          `${ep.address} sets ${OPTION} = true, which sends the VPC's own ${svc} traffic to a Gateway endpoint, ` +
          `but ${vpc.address} has no Gateway endpoint for ${svc}: AWS rejects the option without one.`,
        uri: option.uri,
        range: option.attrNode(OPTION)?.range ?? headerRange(option),
        related: [{ uri: vpc.uri, range: headerRange(vpc), message: `${vpc.address} has no ${svc} Gateway endpoint` }],
        fixes: fix ? [fix] : [],
      },
    ];
  },
});

/** A Gateway endpoint for `svc` in `vpc`: true, false, or undefined when some endpoint might be one. */
function gatewayExists(all: ResourceInstance[], vpc: ResourceInstance, svc: string): boolean | undefined {
  let unknown = false;
  for (const other of all) {
    const t = typeOf(other);
    if (t !== undefined && t !== 'Gateway') continue;
    const s = awsService(other);
    const otherKind = other.attr('service_name');
    if (s !== undefined && s !== svc) continue;
    if (s === undefined && otherKind?.kind === 'string') continue; // a known name that is not an AWS service
    const v = vpcOf(other);
    if (v && !sameInstance(v, vpc)) continue;
    if (!v && str(other.attr('vpc_id')) !== undefined) continue; // a literal id is not this VPC
    if (t === undefined || s === undefined || !v || !other.expanded) unknown = true;
    else return true;
  }
  return unknown ? undefined : false;
}

function buildFix(ep: ResourceInstance, vpc: ResourceInstance): Fix | undefined {
  const file = fileOf(ep, ep.module);
  if (!file) return undefined;
  const vpcId = vpcIdExpr(ep, file);
  const snAttr = ep.attrNode('service_name');
  if (vpcId === undefined || !snAttr?.value) return undefined;
  let serviceName = sourceText(file, snAttr.value);
  if (usesInstanceVars(file, snAttr.value)) {
    const known = str(ep.attr('service_name'));
    if (known === undefined) return undefined;
    serviceName = hclString(known);
  }
  const rts = routeTablesExpr(ep.module, vpc);
  const name = freeName(ep.module, 'aws_vpc_endpoint', `${ep.name}_gateway`);
  const body: [string, string][] = [
    ['vpc_id', vpcId],
    ['service_name', serviceName],
    ['vpc_endpoint_type', hclString('Gateway')],
    ['route_table_ids', rts ?? PLACEHOLDER_ROUTE_TABLES],
  ];
  // The same service in the same VPC: the Interface endpoint's policy and tags fit the new one too.
  for (const copied of ['policy', 'tags']) {
    const a = ep.attrNode(copied);
    if (a?.value && !usesInstanceVars(file, a.value)) body.push([copied, dedent(sourceText(file, a.value), a.range.start.character)]);
  }
  const text = renderBlock(`resource "aws_vpc_endpoint" "${name}"`, body, indentUnit(file));
  return {
    title: rts
      ? `Add a Gateway endpoint for the service to ${vpc.address}`
      : `Add a Gateway endpoint for the service to ${vpc.address} (fill in its route tables)`,
    edits: [insertAfterBlock(file, ep.block, text)],
    // A placeholder needs a human: keep it out of fix-all.
    isPreferred: rts !== undefined,
  };
}

/** Removes the attribute's own indentation from the continuation lines of a multi-line value. */
function dedent(text: string, column: number): string {
  const lines = text.split(/\r?\n/);
  return lines.map((l, i) => (i === 0 ? l : l.slice(Math.min(column, l.length - l.trimStart().length)))).join('\n');
}
