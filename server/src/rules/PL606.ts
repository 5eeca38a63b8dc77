import { setArgumentEdits } from '../query/dns';
import { pendingAcceptance, sameProviderConfiguration } from '../query/consumers';
import { attrOrHeader, headerRange } from '../query/wiring';
import { defineRule, type Fix } from './types';

export const rule = defineRule({
  meta: {
    id: 'PL606',
    name: 'consumer-pending-acceptance',
    severity: 'warning',
    description:
      'An endpoint connects to an endpoint service of the workspace that requires acceptance, and nothing accepts the connection.',
    why:
      'With acceptance_required = true, a new connection waits in pendingAcceptance until the service owner accepts ' +
      'it. The provider treats that state as created, so the apply succeeds and no traffic flows. auto_accept = true on ' +
      'the endpoint (same account only) or an aws_vpc_endpoint_connection_accepter completes the connection.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_service', 'aws_vpc_endpoint_connection_accepter'],
    fixable: true,
  },
  subject: 'endpoint',
  check(ep) {
    const pending = pendingAcceptance(ep);
    if (!pending) return;
    const svc = pending.service;
    const fixes: Fix[] = [];
    const edits = setArgumentEdits(ep, 'auto_accept', 'true');
    if (edits?.length) {
      // auto_accept works only when the endpoint and the service belong to the same account;
      // the same provider configuration makes that sure, anything else leaves it to the user.
      const same = sameProviderConfiguration(ep, svc);
      fixes.push({
        title: same
          ? `Set auto_accept = true on ${ep.address}`
          : `Set auto_accept = true on ${ep.address} (only if the endpoint and the service are in the same account)`,
        edits,
        isPreferred: same,
      });
    }
    return [
      {
        message: `${ep.address} connects to ${svc.address}, which has acceptance_required = true, but neither auto_accept = true nor an aws_vpc_endpoint_connection_accepter accepts it: the connection stays pendingAcceptance and no traffic flows.`,
        uri: ep.uri,
        range: attrOrHeader(ep, 'auto_accept'),
        related: [
          {
            uri: svc.uri,
            range: svc.attrNode('acceptance_required')?.range ?? headerRange(svc),
            message: `${svc.address} requires acceptance`,
          },
        ],
        fixes,
      },
    ];
  },
});
