import { replaceValue } from '../fixes/edits';
import { acceptanceOf } from '../query/endpoint-services';
import { defineRule } from './types';
import { fileOf, sameInstance } from '../query/wiring';
import { resourcesIn, treeOf } from '../query/dns';
import { consumedService } from '../query/consumers';

export const rule = defineRule({
  meta: {
    id: 'PL602',
    name: 'service-auto-accept',
    severity: 'information',
    description: 'An endpoint service accepts every connection request automatically (acceptance_required = false).',
    why:
      'Any principal in allowed_principals is connected without review. With an explicit list of trusted ' +
      'accounts that is a legitimate pattern, so this is information; with a broad list it means nobody ' +
      'sees who connects. checkov reports the same setting as CKV_AWS_123.',
    resources: ['aws_vpc_endpoint_service'],
    fixable: true,
  },
  subject: 'endpointService',
  check(svc) {
    if (acceptanceOf(svc) !== false) return;
    const attr = svc.attrNode('acceptance_required');
    if (!attr) return;
    const file = fileOf(svc, svc.module);
    // Only a value written in the block can be edited here; one from a variable is reported without a fix.
    const literal = attr.value?.type === 'Literal';
    // Consumers in the workspace would then wait for acceptance (PL606) until each gets
    // `auto_accept` or an accepter, which another account cannot give: offered, not preferred.
    const consumer = resourcesIn(treeOf(svc.module), 'aws_vpc_endpoint').find((ep) => {
      const target = consumedService(ep);
      return target !== undefined && sameInstance(target, svc);
    });
    const title = consumer
      ? `Require acceptance of connection requests (${consumer.address} then needs auto_accept or an accepter)`
      : 'Require acceptance of connection requests';
    return [
      {
        message: `${svc.address} accepts every connection request automatically: any allowed principal is connected without review.`,
        uri: svc.uri,
        range: attr.range,
        fixes: file && literal ? [{ title, edits: [replaceValue(file, attr, 'true')], isPreferred: !consumer }] : [],
      },
    ];
  },
});
