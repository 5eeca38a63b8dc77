import { endpoints } from '../query/endpoint-type';
import type { Expression, TupleExpr } from '../hcl/ast';
import { appendToList, eol, insertAfterBlock, lineIndent } from '../fixes/edits';
import type { ResourceInstance, SourceFile } from '../model/types';
import {
  calledAsChild,
  endpointFacts,
  endpointsInVpc,
  opaqueVpcCalls,
  sameModule,
  vpcHasService,
  type EndpointFacts,
} from '../query/endpoints';
import { freeResourceName, portableText, renderResource, resourceNameFor, serviceNameFor, tagsFor } from '../fixes/new-endpoint';
import type { ServiceCatalog } from '../query/catalog-types';
import { defineRule, type Fix, type CheckContext, type Report } from './types';
import { fileOf, headerRange, sameInstance } from '../query/wiring';

interface EndpointSet {
  /** The endpoint whose presence asks for the others. */
  when: string;
  need: string[];
  /** Reported with the needed ones when they are missing too, but not on their own. */
  also?: string[];
  why: string;
}

const SETS: EndpointSet[] = [
  {
    when: 'ecr.api',
    need: ['ecr.dkr'],
    why: 'pulling an image needs both ECR endpoints (ecr.api for the registry API and tokens, ecr.dkr for the Docker registry)',
  },
  {
    when: 'ecr.dkr',
    need: ['ecr.api'],
    why: 'pulling an image needs both ECR endpoints (ecr.api for the registry API and tokens, ecr.dkr for the Docker registry)',
  },
  // SSM Agent 3.3.40.0 and later uses ssmmessages instead of ec2messages when it can, so
  // ec2messages alone missing is not reported; older agents still need it.
  {
    when: 'ssm',
    need: ['ssmmessages'],
    also: ['ec2messages'],
    why: 'Session Manager and the SSM Agent reach Systems Manager through ssmmessages (older agents also through ec2messages)',
  },
  { when: 'ecs', need: ['ecs-agent', 'ecs-telemetry'], why: 'the ECS container agent talks to ecs-agent and ecs-telemetry besides ecs' },
];

/** The literal list of service names a for_each iterates over: `toset([...])`, `[...]`, or a local holding one. */
function serviceList(ep: ResourceInstance): { tuple: TupleExpr; file: SourceFile } | undefined {
  const a = ep.attrNode('for_each');
  let e: Expression | undefined = a?.value;
  let uri = (a && fileOf(ep, ep.module, a)?.uri) ?? ep.uri;
  if (e && e.type === 'FunctionCall' && e.name.name === 'toset' && e.args.length === 1) e = e.args[0];
  if (e && e.type === 'GetAttr' && e.object.type === 'Variable' && e.object.name === 'local') {
    const entry = ep.module.index.get(`local.${e.name.name}`)?.[0];
    e = entry?.attribute?.value;
    uri = entry?.uri ?? uri;
  }
  if (!e || e.type !== 'Tuple' || !e.items.length) return undefined;
  if (!e.items.every((i) => i.type === 'Template' && i.parts.length === 1 && i.parts[0].type === 'TemplateLiteral')) return undefined;
  const file = ep.module.files.find((f) => f.path === uri || f.uri === uri);
  return file ? { tuple: e, file } : undefined;
}

function newBlocks(f: EndpointFacts, service: string, missing: string[], catalog: ServiceCatalog): Fix | undefined {
  const ep = f.ep;
  const file = fileOf(ep, ep.module);
  if (!file) return undefined;
  const vpcId = portableText(file, ep.attrNode('vpc_id'));
  if (!vpcId) return undefined;
  const copied: [string, string][] = [];
  for (const name of ['subnet_ids', 'security_group_ids', 'private_dns_enabled']) {
    const a = ep.attrNode(name);
    if (!a) continue;
    const t = portableText(file, a);
    if (t === undefined) return undefined;
    copied.push([name, t]);
  }
  const taken = new Set<string>();
  const blocks: string[] = [];
  for (const svc of missing) {
    const serviceName = serviceNameFor(file, ep, service, svc);
    if (!serviceName) return undefined;
    const name = freeResourceName(ep.module, 'aws_vpc_endpoint', resourceNameFor(svc), taken);
    const policy = samePrefixes(catalog, service, svc) ? policyText(file, ep) : undefined;
    blocks.push(
      renderResource(file, 'aws_vpc_endpoint', name, [
        ['vpc_id', vpcId],
        ['service_name', serviceName],
        ['vpc_endpoint_type', '"Interface"'],
        ...copied,
        ...(policy ? [['policy', policy] as [string, string]] : []),
        ['tags', tagsFor(file, ep, svc)],
      ]),
    );
  }
  const nl = eol(file);
  return {
    title: `Add the ${missing.join(', ')} endpoint${missing.length > 1 ? 's' : ''}`,
    edits: [insertAfterBlock(file, ep.block, blocks.join(nl + nl))],
    isPreferred: true,
  };
}

/** Both services answer to the same IAM prefixes (ecr.api and ecr.dkr), so one policy fits both. */
function samePrefixes(catalog: ServiceCatalog, a: string, b: string): boolean {
  const pa = catalog.get(a)?.iamPrefixes;
  const pb = catalog.get(b)?.iamPrefixes;
  return !!pa && !!pb && pa.length === pb.length && pa.every((x) => pb.includes(x));
}

/** The endpoint's own `policy` expression, its continuation lines made relative to the attribute. */
function policyText(file: SourceFile, ep: ResourceInstance): string | undefined {
  const a = ep.attrNode('policy');
  const text = portableText(file, a);
  if (!a || text === undefined) return undefined;
  const base = lineIndent(file, a.range.start.line);
  return text
    .split(/\r?\n/)
    .map((l, i) => (i > 0 && l.startsWith(base) ? l.slice(base.length) : l))
    .join('\n');
}

function fixFor(f: EndpointFacts, service: string, missing: string[], catalog: ServiceCatalog): Fix | undefined {
  if (f.ep.key !== undefined) {
    // One block for a list of services: the better fix extends the list.
    const list = f.ep.key === service ? serviceList(f.ep) : undefined;
    if (!list) return undefined;
    return {
      title: `Add ${missing.join(', ')} to the list of endpoints`,
      edits: [
        appendToList(
          list.file,
          list.tuple,
          missing.map((n) => JSON.stringify(n)),
        ),
      ],
      isPreferred: true,
    };
  }
  return newBlocks(f, service, missing, catalog);
}

export const rule = defineRule({
  meta: {
    id: 'PL502',
    name: 'incomplete-endpoint-set',
    severity: 'information',
    description: 'A VPC has one endpoint of a set that only works together (ECR, Session Manager, ECS) without the others.',
    why: 'Some services need several endpoints: ECR image pulls use ecr.api and ecr.dkr, Session Manager needs ssmmessages besides ssm, and the ECS agent needs ecs-agent and ecs-telemetry besides ecs. With one missing, the calls for it leave through NAT or fail in a private subnet.',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  // Findings are per group of endpoints (a VPC, a security group, a DNS name): the module is
  // the subject, and each endpoint is checked as a member of its group.
  subject: 'module',
  // A folder that another root calls as a child is checked through that call.
  when: (m, ctx) => !calledAsChild(m, ctx.workspace),
  check(m, ctx) {
    return endpoints(m).flatMap((ep) => checkEndpoint(ep, ctx) ?? []);
  },
});

function checkEndpoint(ep: ResourceInstance, ctx: CheckContext): Report[] {
  const f = endpointFacts(ep);
  // A block standing for several services (names known in part) is checked for each of them.
  return f.services.flatMap((service) => checkService(f, service, ctx) ?? []);
}

function checkService(f: EndpointFacts, service: string, ctx: CheckContext): readonly Report[] | undefined {
  const ep = f.ep;
  const vpc = f.vpc;
  if (!vpc) return;
  const set = SETS.find((x) => x.when === service);
  if (!set) return;
  // One finding per VPC and set in a module: on the module's first endpoint for the service.
  const first = endpointsInVpc(ep.module, vpc).find((x) => sameModule(x.ep.module, ep.module) && x.services.includes(service));
  if (!first || !sameInstance(first.ep, ep)) return;
  const state = set.need.map((s) => vpcHasService(ep.module, vpc, s));
  if (state.some((s) => s === undefined) || state.every((s) => s === true)) return;
  if (opaqueVpcCalls(ep.module)) return;
  const missing = set.need.filter((_, i) => state[i] === false);
  for (const s of set.also ?? []) if (vpcHasService(ep.module, vpc, s) === false) missing.push(s);
  const fix = fixFor(f, service, missing, ctx.catalog);
  return [
    {
      message: `${vpc.address} has an endpoint for ${set.when} (${ep.address}) but none for ${missing.join(' or ')}: ${set.why}.`,
      uri: ep.uri,
      range: headerRange(ep),
      related: [{ uri: vpc.uri, range: headerRange(vpc), message: `The VPC of ${ep.address}` }],
      fixes: fix ? [fix] : undefined,
    },
  ];
}
