import type { ModuleInstance, ResourceInstance, SourceFile } from '../model/types';
import type { Value } from '../query/values';
import { insertAttribute, hclString, rangeOf } from '../fixes/edits';
import { ENDPOINT_TYPE_VALUES, endpointTarget, gatewayCapable, intendedType, withoutGatewayLabel } from '../query/endpoint-type';
import { defineRule, type Fix, type Related, type Report } from './types';
import { fileOf, headerRange } from '../query/wiring';
import { TYPE_OF_TARGET, targetsWritten } from '../query/lattice';

export const rule = defineRule({
  meta: {
    id: 'PL401',
    name: 'endpoint-type-missing',
    severity: 'error',
    description:
      'vpc_endpoint_type is not set for a service that has no Gateway endpoint (or for a resource configuration or service network), so the provider default Gateway applies and creation fails; or it is set to a value the provider does not accept.',
    why:
      'The AWS provider creates a Gateway endpoint when vpc_endpoint_type is left out, and only S3 and ' +
      'DynamoDB offer Gateway endpoints. For any other AWS service, and for endpoint services, the apply ' +
      'fails with an invalid service or type error. Interface endpoints (or GatewayLoadBalancer endpoints ' +
      'for a Gateway Load Balancer service) must say so, and so must Resource endpoints (resource_configuration_arn) ' +
      'and ServiceNetwork endpoints (service_network_arn). The provider accepts Gateway, ' +
      'GatewayLoadBalancer, Interface, Resource and ServiceNetwork, compared case-sensitively: ' +
      '"interface" fails the plan.',
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  subject: 'endpoint',
  check(ep, ctx) {
    const t = endpointTarget(ep);
    if (t.declared.invalid) return invalidValue(ep, t.declared.invalid.text, t.declared.invalid.meant);
    if (t.declared.explicit) return;
    const lattice = latticeType(ep);
    if (lattice) return [missingLatticeType(ep, lattice.type, lattice.argument)];
    if (gatewayCapable(ctx.catalog, t) !== false) return;
    const want = intendedType(t);
    const label = withoutGatewayLabel(ctx.catalog, t);
    const file = fileOf(ep, ep.module);
    const edits = file ? insertAttribute(file, ep.block, 'vpc_endpoint_type', hclString(want)) : [];
    const related = t.endpointService;
    return [
      {
        message:
          `${ep.address} has no vpc_endpoint_type, so the provider creates a Gateway endpoint, which ${label} does not offer: ` +
          `the apply fails. Set vpc_endpoint_type = "${want}".`,
        uri: ep.uri,
        range: headerRange(ep),
        related: related
          ? [
              {
                uri: related.uri,
                range: headerRange(related),
                message: `${related.address} is served through ${want === 'Interface' ? 'a Network Load Balancer' : 'a Gateway Load Balancer'}`,
              },
            ]
          : undefined,
        fixes: edits.length ? [{ title: `Set vpc_endpoint_type = "${want}"`, edits, isPreferred: true }] : [],
      },
    ];
  },
});

/**
 * The type an endpoint without `vpc_endpoint_type` means by its one target: a resource
 * configuration (Resource) or a service network (ServiceNetwork), with no `service_name`.
 * Several targets at once are PL404's.
 */
function latticeType(ep: ResourceInstance): { type: 'Resource' | 'ServiceNetwork'; argument: keyof typeof TYPE_OF_TARGET } | undefined {
  const set = targetsWritten(ep);
  if (set.service_name !== false) return undefined;
  const written = (Object.keys(TYPE_OF_TARGET) as (keyof typeof TYPE_OF_TARGET)[]).filter((a) => set[a] === true);
  if (written.length !== 1) return undefined;
  const other = written[0] === 'resource_configuration_arn' ? 'service_network_arn' : 'resource_configuration_arn';
  if (set[other] !== false) return undefined;
  return { type: TYPE_OF_TARGET[written[0]], argument: written[0] };
}

function missingLatticeType(ep: ResourceInstance, want: 'Resource' | 'ServiceNetwork', argument: string): Report {
  const file = fileOf(ep, ep.module);
  const edits = file ? insertAttribute(file, ep.block, 'vpc_endpoint_type', hclString(want)) : [];
  const attr = ep.attrNode(argument);
  return {
    message:
      `${ep.address} sets ${argument} but no vpc_endpoint_type, so the provider creates a Gateway endpoint, which cannot ` +
      `connect to ${want === 'Resource' ? 'a resource configuration' : 'a service network'}: the apply fails. Set vpc_endpoint_type = "${want}".`,
    uri: ep.uri,
    range: headerRange(ep),
    related: attr
      ? [
          {
            uri: ep.uri,
            range: attr.range,
            message: `${argument} makes it ${want === 'Resource' ? 'a Resource' : 'a ServiceNetwork'} endpoint`,
          },
        ]
      : undefined,
    fixes: edits.length ? [{ title: `Set vpc_endpoint_type = "${want}"`, edits, isPreferred: true }] : [],
  };
}

/** A value the provider's validation rejects: reported on the argument, fixed where the string is written. */
function invalidValue(ep: ResourceInstance, text: string, meant: string | undefined): Report[] | undefined {
  const attr = ep.attrNode('vpc_endpoint_type');
  if (!attr) return undefined;
  const origin = ep.attr('vpc_endpoint_type')?.origin;
  const related: Related[] = [];
  if (origin && (origin.uri !== ep.uri || !within(origin.range, attr.range))) {
    related.push({ uri: origin.uri, range: origin.range, message: `"${text}" is written here` });
  }
  const fix = meant ? spellingFix(ep.module, origin, text, meant) : undefined;
  const accepted = ENDPOINT_TYPE_VALUES.join(', ');
  return [
    {
      message:
        `${ep.address}: vpc_endpoint_type "${text}" is not a value the provider accepts (${accepted}; the case matters), so the plan fails` +
        (meant ? `. Write "${meant}".` : '.'),
      uri: ep.uri,
      range: attr.range,
      related: related.length ? related : undefined,
      fixes: fix ? [fix] : [],
    },
  ];
}

type Origin = NonNullable<Value['origin']>;

function within(inner: Origin['range'], outer: Origin['range']): boolean {
  return inner.start.offset >= outer.start.offset && inner.end.offset <= outer.end.offset;
}

/** The string literal replaced where it is written (the endpoint, a variable's default, a local), when it is a plain one. */
function spellingFix(module: ModuleInstance, origin: Origin | undefined, text: string, meant: string): Fix | undefined {
  const file = origin && fileIn(module, origin.uri);
  if (!file || !origin) return undefined;
  const { start, end } = origin.range;
  if (file.text.slice(start.offset, end.offset) !== JSON.stringify(text)) return undefined;
  return {
    title: `Write vpc_endpoint_type as "${meant}"`,
    edits: [{ uri: file.path, range: rangeOf(file, start.offset, end.offset), newText: JSON.stringify(meant) }],
    isPreferred: true,
  };
}

/** The file among the module's and its callers' (a value may come from a caller's argument). */
function fileIn(module: ModuleInstance, uri: string): SourceFile | undefined {
  for (let m: ModuleInstance | undefined = module; m; m = m.parent?.module) {
    const f = m.files.find((x) => x.path === uri || x.uri === uri);
    if (f) return f;
  }
  return undefined;
}
