import { removeItem } from '../fixes/edits';
import { fileOf, headerRange, privateDns } from '../query/wiring';
import { bool } from '../query/values';
import { defineRule, type Fix } from './types';

export const rule = defineRule({
  meta: {
    id: 'PL105',
    name: 'private-dns-set-twice',
    severity: 'warning',
    description: 'private_dns_enabled is set on an endpoint that an aws_vpc_endpoint_private_dns resource also manages.',
    why:
      "Two resources then own the same setting: each apply, one of them sees the other's value as drift " +
      'and changes it back, and the plan never settles. The provider documents that the argument must be ' +
      'left out of the endpoint when the stand-alone resource is used.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_private_dns'],
    fixable: true,
  },
  subject: 'endpoint',
  check(ep) {
    const dns = privateDns(ep);
    const attr = ep.attrNode('private_dns_enabled');
    if (!dns.resource || !attr) return;
    const inline = bool(ep.attr('private_dns_enabled'));
    const separate = bool(dns.resource.attr('private_dns_enabled'));
    const differ = inline !== undefined && separate !== undefined && inline !== separate;
    const file = fileOf(ep, ep.module);
    const fixes: Fix[] = [];
    // dns_options.private_dns_only_for_inbound_resolver_endpoint needs the argument on the endpoint itself.
    const needsInline = ep.blocks('dns_options').some((b) => b.attr('private_dns_only_for_inbound_resolver_endpoint') !== undefined);
    if (file && !needsInline) {
      fixes.push({ title: `Remove private_dns_enabled from ${ep.address}`, edits: [removeItem(file, attr)], isPreferred: true });
    }
    return [
      {
        message:
          `${ep.address} sets private_dns_enabled, and ${dns.resource.address} manages it too` +
          (differ ? ` with the opposite value (${String(separate)})` : '') +
          ': the two fight on every apply. Keep only the stand-alone resource.',
        uri: ep.uri,
        range: attr.range,
        related: [
          {
            uri: dns.resource.uri,
            range: dns.resource.attrNode('private_dns_enabled')?.range ?? headerRange(dns.resource),
            message: `${dns.resource.address} manages private DNS of ${ep.address}`,
          },
        ],
        fixes,
      },
    ];
  },
});
