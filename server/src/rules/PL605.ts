import { setAttribute } from '../fixes/edits';
import { acceptanceOf, endpointServices } from './PL601';
import type { Rule } from './types';
import { attrOrHeader, fileOf } from './wiring';
import { eachSubject } from './lib/kept';

export const rule: Rule = {
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
  check(ctx) {
    eachSubject(ctx, 'PL605', endpointServices(ctx.module), (svc, report) => {
      if (acceptanceOf(svc) !== 'absent') return;
      const file = fileOf(svc, svc.module);
      const edits = file ? setAttribute(file, svc.block, 'acceptance_required', 'true') : [];
      report({
        message: `${svc.address} does not set acceptance_required, which the provider requires: say whether connection requests need your acceptance.`,
        uri: svc.uri,
        range: attrOrHeader(svc, 'acceptance_required'),
        fixes: edits.length ? [{ title: 'Set acceptance_required = true', edits, isPreferred: true }] : [],
      });
    });
  },
};
