import { removeItem } from '../fixes/edits';
import { argument, fileOf, headerRange, nullFromInput, privateDns } from '../query/wiring';
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
    // With an unknown count or for_each, the stand-alone resource may not exist.
    if (!dns.resource || !attr || !dns.resource.expanded) return;
    // Null leaves the setting to the stand-alone resource; from an input left to callers, not known.
    const own = argument(ep, 'private_dns_enabled');
    if (own === undefined || nullFromInput(ep, 'private_dns_enabled')) return;
    const inline = bool(own);
    const separate = bool(argument(dns.resource, 'private_dns_enabled'));
    const differ = inline !== undefined && separate !== undefined && inline !== separate;
    const file = fileOf(ep, ep.module);
    const fixes: Fix[] = [];
    // dns_options.private_dns_only_for_inbound_resolver_endpoint needs the argument on the endpoint itself.
    const needsInline = ep
      .blocks('dns_options')
      .some((b) => argument(b, 'private_dns_only_for_inbound_resolver_endpoint', ep.module) !== undefined);
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
