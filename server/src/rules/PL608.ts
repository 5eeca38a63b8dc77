import { addListItemEdits, crossRegionConsumer } from '../query/consumers';
import { attrOrHeader, headerRange } from '../query/wiring';
import { defineRule, type Fix } from './types';

export const rule = defineRule({
  meta: {
    id: 'PL608',
    name: 'consumer-region-not-supported',
    severity: 'error',
    description:
      "An endpoint in another region connects to an endpoint service of the workspace whose supported_regions does not include the endpoint's region.",
    why:
      "A cross-region endpoint can connect only to a service that lists the consumer's region in its supported " +
      'regions; without supported_regions, a service serves its own region only. AWS rejects the endpoint at apply time.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_service'],
    fixable: true,
  },
  subject: 'endpoint',
  check(ep) {
    const c = crossRegionConsumer(ep);
    if (!c || c.supported.includes(c.consumer)) return;
    const svc = c.service;
    const q = (s: string) => JSON.stringify(s);
    const fixes: Fix[] = [];
    const edits = addListItemEdits(svc, 'supported_regions', q(c.consumer), `[${[c.host, c.consumer].map(q).join(', ')}]`);
    if (edits?.length) {
      fixes.push({ title: `Add "${c.consumer}" to supported_regions of ${svc.address}`, edits, isPreferred: true });
    }
    const listed = c.attr ? `supported_regions = [${c.supported.map(q).join(', ')}]` : `no supported_regions (it serves ${c.host} only)`;
    return [
      {
        message: `${ep.address} is in ${c.consumer} and connects to ${svc.address} in ${c.host}, which has ${listed}: AWS rejects an endpoint from a region the service does not support.`,
        uri: ep.uri,
        range: ep.attrNode('service_region') ? attrOrHeader(ep, 'service_region') : attrOrHeader(ep, 'service_name'),
        related: [
          {
            uri: svc.uri,
            range: c.attr?.range ?? headerRange(svc),
            message: `${svc.address} supports ${c.supported.join(', ')}`,
          },
        ],
        fixes,
      },
    ];
  },
});
