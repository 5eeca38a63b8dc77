import { acceptanceOf } from '../query/endpoint-services';
import { defineRule } from './types';
import { attrOrHeader } from '../query/wiring';
import { setArgumentEdits } from '../query/dns';

export const rule = defineRule({
  meta: {
    id: 'PL605',
    name: 'service-acceptance-unset',
    severity: 'error',
    description: 'An endpoint service does not set acceptance_required, a required argument.',
    why:
      'The AWS provider requires acceptance_required on aws_vpc_endpoint_service; terraform validate fails ' +
      'without it. Writing it down also makes the decision visible: true means each connection request ' +
      'waits for the service owner.',
    resources: ['aws_vpc_endpoint_service'],
    fixable: true,
  },
  subject: 'endpointService',
  check(svc) {
    if (acceptanceOf(svc) !== 'absent') return;
    // Where the value is decided: the block, or the caller's input when it comes from a variable.
    const edits = setArgumentEdits(svc, 'acceptance_required', 'true') ?? [];
    return [
      {
        message: `${svc.address} does not set acceptance_required, which the provider requires: say whether connection requests need your acceptance.`,
        uri: svc.uri,
        range: attrOrHeader(svc, 'acceptance_required'),
        fixes: edits.length ? [{ title: 'Set acceptance_required = true', edits, isPreferred: true }] : [],
      },
    ];
  },
});
