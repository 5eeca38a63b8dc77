import { endpoints } from '../query/endpoint-type';
import { insertAfterBlock } from '../fixes/edits';
import type { ModuleInstance, ResourceInstance } from '../model/types';
import {
  calledAsChild,
  endpointFacts,
  endpointsInVpc,
  opaqueVpcCalls,
  sameModule,
  vpcHasService,
  type EndpointFacts,
} from '../query/endpoints';
import { freeResourceName, portableText, renderResource, routeTablesExpr, serviceNameFor, tagsFor } from '../fixes/new-endpoint';
import { defineRule, type Fix, type Report } from './types';
import { endpointType, fileOf, headerRange, sameInstance } from '../query/wiring';

const ECR = ['ecr.dkr', 'ecr.api'];

/** The ECR service an endpoint is for (of one of its instances): the Docker registry first. */
function ecrService(f: EndpointFacts): string | undefined {
  return ECR.find((s) => f.services.includes(s));
}

/**
 * The ECR Interface endpoint of the module that speaks for the VPC: the first Docker registry
 * endpoint (layer downloads are what needs S3), else the first ECR one.
 */
function ecrEndpointOf(module: ModuleInstance, vpc: ResourceInstance): EndpointFacts | undefined {
  const ecr = endpointsInVpc(module, vpc).filter(
    (x) => sameModule(x.ep.module, module) && ecrService(x) !== undefined && endpointType(x.ep) === 'Interface',
  );
  return ecr.find((x) => ecrService(x) === 'ecr.dkr') ?? ecr[0];
}

function s3Fix(ecr: EndpointFacts, vpc: ResourceInstance): Fix | undefined {
  const ep = ecr.ep;
  const file = fileOf(ep, ep.module);
  const service = ecrService(ecr);
  if (!file || !service) return undefined;
  const vpcId = portableText(file, ep.attrNode('vpc_id'));
  const serviceName = serviceNameFor(file, ep, service, 's3');
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

export const rule = defineRule({
  meta: {
    id: 'PL501',
    name: 'ecr-needs-s3-endpoint',
    severity: 'warning',
    description: 'A VPC has an ECR Interface endpoint (ecr.dkr or ecr.api) but no S3 endpoint.',
    why: 'ECR serves image layers from Amazon S3. Without an S3 endpoint, pulls in a private subnet fail, or take the NAT gateway and pay for every gigabyte. An S3 Gateway endpoint is free.',
    resources: ['aws_vpc_endpoint', 'aws_vpc'],
    fixable: true,
  },
  // Findings are per group of endpoints (a VPC, a security group, a DNS name): the module is
  // the subject, and each endpoint is checked as a member of its group.
  subject: 'module',
  // A folder that another root calls as a child is checked through that call.
  when: (m, ctx) => !calledAsChild(m, ctx.workspace),
  check(m) {
    return endpoints(m).flatMap((ep) => checkEndpoint(ep) ?? []);
  },
});

function checkEndpoint(ep: ResourceInstance): readonly Report[] | undefined {
  const f = endpointFacts(ep);
  const vpc = f.vpc;
  if (!vpc || ecrService(f) === undefined) return;
  if (endpointType(ep) !== 'Interface') return;
  if (vpcHasService(ep.module, vpc, 's3') !== false) return;
  // One finding per VPC and module, on the endpoint that speaks for the VPC.
  const ecr = ecrEndpointOf(ep.module, vpc);
  if (!ecr || !sameInstance(ecr.ep, ep)) return;
  if (opaqueVpcCalls(ep.module)) return;
  const fix = s3Fix(ecr, vpc);
  return [
    {
      message: `${vpc.address} has an ${ecrService(ecr)} endpoint (${ecr.ep.address}) but no S3 endpoint: image layers come from S3, so pulls fail or go through NAT.`,
      uri: ecr.ep.uri,
      range: headerRange(ecr.ep),
      related: [{ uri: vpc.uri, range: headerRange(vpc), message: `The VPC of ${ecr.ep.address}` }],
      fixes: fix ? [fix] : undefined,
    },
  ];
}
