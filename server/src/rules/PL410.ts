import { replaceValue } from '../fixes/edits';
import {
  addressFamiliesOf,
  dnsRecordIpTypeOf,
  ipAddressTypeOf,
  recordTypeFits,
  serviceIpSupport,
  subnetsWithoutIpv6,
} from '../query/consumers';
import { attrOrHeader, fileOf, headerRange } from '../query/wiring';
import { defineRule, type Fix, type Report } from './types';

export const rule = defineRule({
  meta: {
    id: 'PL410',
    name: 'ip-address-type-mismatch',
    severity: 'error',
    description:
      "An endpoint's ip_address_type does not fit its DNS record IP type, its subnets, or the IP address types its endpoint service supports.",
    why:
      'AWS rejects the endpoint at apply time: ipv4 DNS records need an IPv4 or dualstack endpoint, ipv6 records an ' +
      'IPv6 or dualstack one, dualstack and service-defined records a dualstack one; an IPv6 or dualstack endpoint needs ' +
      'subnets with IPv6 ranges; and the endpoint service must accept every address family the endpoint uses.',
    resources: ['aws_vpc_endpoint', 'aws_subnet', 'aws_vpc_endpoint_service'],
    fixable: true,
  },
  subject: 'endpoint',
  check(ep) {
    const ip = ipAddressTypeOf(ep);
    if (!ip) return;
    const out: Report[] = [];
    const ipAt = attrOrHeader(ep, 'ip_address_type');

    const record = dnsRecordIpTypeOf(ep);
    if (record && !recordTypeFits(ip, record.value)) {
      const need = record.value === 'ipv4' ? 'an ipv4 or dualstack' : record.value === 'ipv6' ? 'an ipv6 or dualstack' : 'a dualstack';
      const fixes: Fix[] = [];
      const file = fileOf(ep, ep.module, record.attr);
      // Only a value written in place: a variable's value is shared with other blocks.
      const literal = record.attr.value?.type === 'Template' && record.attr.value.parts.every((p) => p.type === 'TemplateLiteral');
      if (file && literal) {
        fixes.push({
          title: `Set dns_record_ip_type = "${ip}" to match ip_address_type`,
          edits: [replaceValue(file, record.attr, `"${ip}"`)],
          isPreferred: true,
        });
      }
      out.push({
        message: `${ep.address} has ip_address_type = "${ip}" but dns_options.dns_record_ip_type = "${record.value}": ${record.value} records need ${need} endpoint, and AWS rejects the endpoint.`,
        uri: ep.uri,
        range: record.attr.range,
        related: [{ uri: ep.uri, range: ipAt, message: `ip_address_type = "${ip}"` }],
        fixes,
      });
    }

    if (ip !== 'ipv4') {
      const bare = subnetsWithoutIpv6(ep);
      if (bare && bare.length > 0) {
        out.push({
          message: `${ep.address} has ip_address_type = "${ip}", but ${bare.map((s) => s.address).join(', ')} ${bare.length === 1 ? 'has' : 'have'} no IPv6 CIDR block: ${ip === 'ipv6' ? 'an IPv6' : 'a dualstack'} endpoint needs subnets with IPv6 ranges.`,
          uri: ep.uri,
          range: ipAt,
          related: bare.map((s) => ({ uri: s.uri, range: headerRange(s), message: `${s.address} has no ipv6_cidr_block` })),
        });
      }
    }

    const support = serviceIpSupport(ep);
    if (support) {
      const missing = addressFamiliesOf(ip).filter((f) => !support.supported.includes(f));
      if (missing.length > 0) {
        const svc = support.service;
        const listed = support.attr
          ? `supported_ip_address_types = [${support.supported.map((s) => `"${s}"`).join(', ')}]`
          : 'no supported_ip_address_types (IPv4 only)';
        out.push({
          message: `${ep.address} has ip_address_type = "${ip}", but ${svc.address} has ${listed}: the service does not accept ${missing.join(' or ')} connections.`,
          uri: ep.uri,
          range: ipAt,
          related: [
            {
              uri: svc.uri,
              range: support.attr?.range ?? headerRange(svc),
              message: `${svc.address} supports ${support.supported.join(', ') || 'no IP address type'}`,
            },
          ],
        });
      }
    }
    return out;
  },
});
