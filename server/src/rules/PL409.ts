import { hclString, insertAttribute } from '../fixes/edits';
import { effectiveRegion, literalRegionRange } from '../query/region';
import { endpointTarget } from '../query/endpoint-type';
import { defineRule, type Fix } from './types';
import { fileOf, headerRange, valueOrHeader } from '../query/wiring';

export const rule = defineRule({
  meta: {
    id: 'PL409',
    name: 'region-mismatch',
    severity: 'error',
    description: 'The region in service_name differs from the region the endpoint is created in, and service_region does not say so.',
    why:
      'An endpoint reaches a service in its own Region unless it is a cross-region endpoint, which must ' +
      "name the service's Region in service_region. Without it AWS looks for the service in the " +
      "endpoint's Region and the apply fails with InvalidServiceName.",
    resources: ['aws_vpc_endpoint'],
    fixable: true,
  },
  subject: 'endpoint',
  check(ep) {
    const name = endpointTarget(ep).written;
    if (name.kind !== 'aws' && name.kind !== 'endpoint-service') return;
    if (name.region === null || (name.kind === 'aws' && name.global)) return;
    const sr = ep.attr('service_region');
    if (sr !== undefined && sr.kind !== 'null') return;
    const where = effectiveRegion(ep);
    if (where.value === undefined || where.value === name.region) return;
    const file = fileOf(ep, ep.module);
    const literal = file ? literalRegionRange(file, ep.attrNode('service_name'), name) : undefined;
    const fixes: Fix[] = [];
    if (file && literal) {
      fixes.push({
        title: `Use the endpoint's region ${where.value} in service_name`,
        edits: [{ uri: file.path, range: literal, newText: where.value }],
        isPreferred: true,
      });
    }
    if (file) {
      fixes.push({
        title: `Make it a cross-region endpoint: service_region = "${name.region}"`,
        edits: insertAttribute(file, ep.block, 'service_region', hclString(name.region)),
        isPreferred: false,
      });
    }
    const source = where.source === ep ? 'its region argument' : 'its provider';
    return [
      {
        message:
          `${ep.address} is created in ${where.value} (${source}) but service_name names ${name.region}, and service_region is not set: ` +
          `AWS looks for the service in ${where.value} and the apply fails.`,
        uri: ep.uri,
        range: literal ?? valueOrHeader(ep, 'service_name'),
        related: where.source
          ? [{ uri: where.source.uri, range: where.attr?.range ?? headerRange(where.source), message: `region ${where.value}` }]
          : undefined,
        fixes,
      },
    ];
  },
});
