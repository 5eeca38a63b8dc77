import { insertAfterBlock } from '../fixes/edits';
import type { ResourceInstance } from '../model/types';
import { calledAsChild, hasService, opaqueVpcCalls, sameModule, treeEndpoints, type EndpointFacts } from './lib/endpoints';
import { freeResourceName, portableText, renderResource, routeTablesExpr, serviceNameFor, tagsFor } from './lib/new-endpoint';
import type { Fix, Rule } from './types';
import { endpointType, fileOf, headerRange, sameInstance } from './wiring';

const ECR = ['ecr.dkr', 'ecr.api'];

function s3Fix(ecr: EndpointFacts, vpc: ResourceInstance): Fix | undefined {
  const ep = ecr.ep;
  const file = fileOf(ep, ep.module);
  if (!file || !ecr.service) return undefined;
  const vpcId = portableText(file, ep.attrNode('vpc_id'));
  const serviceName = serviceNameFor(file, ep, ecr.service, 's3');
  if (!vpcId || !serviceName) return undefined;
  const rt = routeTablesExpr(ep.module, vpc);
  const comments = new Map<string, string>();
  if (!rt) comments.set('route_table_ids', "the VPC's private route tables");
  const name = freeResourceName(ep.module, 'aws_vpc_endpoint', 's3');
  const text = renderResource(
    file,
    'aws_vpc_endpoint',
    name,
    [
      ['vpc_id', vpcId],
      ['service_name', serviceName],
      ['vpc_endpoint_type', '"Gateway"'],
      ['route_table_ids', rt ?? '[]'],
      ['tags', tagsFor(file, ep, 's3')],
    ],
    comments,
  );
  return { title: 'Add an S3 Gateway endpoint for the VPC', edits: [insertAfterBlock(file, ep.block, text)], isPreferred: true };
}

export const rule: Rule = {
  meta: {
    id: 'PL501',
    name: 'ecr-needs-s3-endpoint',
    severity: 'warning',
    description: 'A VPC has an ECR Interface endpoint (ecr.dkr or ecr.api) but no S3 endpoint.',
    why: 'ECR serves image layers from Amazon S3. Without an S3 endpoint, pulls in a private subnet fail, or take the NAT gateway and pay for every gigabyte. An S3 Gateway endpoint is free.',
    resources: ['aws_vpc_endpoint', 'aws_vpc'],
    fixable: true,
  },
  check(ctx) {
    if (calledAsChild(ctx.module, ctx.workspace)) return;
    const mine = ctx.module.resources('aws_vpc_endpoint');
    if (!mine.length) return;
    const all = treeEndpoints(ctx.module);
    const done: ResourceInstance[] = [];
    for (const f of all) {
      if (!sameModule(f.ep.module, ctx.module) || !f.vpc || !f.service || !ECR.includes(f.service)) continue;
      if (endpointType(f.ep) !== 'Interface') continue;
      if (done.some((v) => sameInstance(v, f.vpc))) continue;
      if (hasService(all, f.vpc, 's3') !== false) continue;
      if (opaqueVpcCalls(ctx.module)) return;
      done.push(f.vpc);
      // Prefer the Docker registry endpoint: layer downloads are what needs S3.
      const ecr = all.find((x) => sameModule(x.ep.module, ctx.module) && x.service === 'ecr.dkr' && x.vpc && sameInstance(x.vpc, f.vpc) && endpointType(x.ep) === 'Interface') ?? f;
      const fix = s3Fix(ecr, f.vpc);
      ctx.report({
        message: `${f.vpc.address} has an ${ecr.service} endpoint (${ecr.ep.address}) but no S3 endpoint: image layers come from S3, so pulls fail or go through NAT.`,
        uri: ecr.ep.uri,
        range: headerRange(ecr.ep),
        related: [{ uri: f.vpc.uri, range: headerRange(f.vpc), message: `The VPC of ${ecr.ep.address}` }],
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};
