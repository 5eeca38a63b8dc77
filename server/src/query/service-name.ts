// Reads `service_name` values, known or partly known (a template whose region is unknown
// still names its service).

import type { Value } from '../model/value';

export type ServiceName =
  | {
      kind: 'aws';
      /** `com.amazonaws`, `cn.com.amazonaws`, `aws.sagemaker`, `aws.api` or `api.aws`. */
      prefix: string;
      /** Null when that part of the template is unknown. */
      region: string | null;
      /** The service part after the region (`ecr.dkr`), `-fips` removed; null when unknown. */
      service: string | null;
      fips: boolean;
      /** The whole name when wholly known. */
      text: string | null;
      /** A name without a region (`com.amazonaws.iam`, `com.amazonaws.s3-global.accesspoint`). */
      global?: boolean;
    }
  | { kind: 'endpoint-service'; region: string | null; id: string | null; text: string | null }
  | { kind: 'invalid'; text: string; reason: string }
  | { kind: 'unknown' };

const UNKNOWN_MARK = '\u0000';
// `eusc-de-east-1` is the AWS European Sovereign Cloud.
export const REGION_RE = /^([a-z]{2}(-gov|-iso[a-z]?)?|eusc-[a-z]{2})-[a-z]+-\d{1,2}$/;
/** AWS services whose endpoint name has no region (PrivateLink Guide's service table). */
const GLOBAL_SERVICES = new Set(['iam', 'cloudfront', 'route53', 'savingsplans']);
const SVC_ID_RE = /^vpce-svc-[0-9a-f]{17}$/;
const SERVICE_RE = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$/;

/** Reads a service name from an evaluated value. */
export function parseServiceName(v: Value | undefined): ServiceName {
  if (!v) return { kind: 'unknown' };
  if (v.kind === 'string') return parseServiceNameText(v.value);
  if (v.kind === 'unknown' && v.parts) return serviceNameFromParts(v.parts);
  return { kind: 'unknown' };
}

/** Reads a name given as known pieces and unknown ones (null), in order. */
export function serviceNameFromParts(parts: readonly (string | null)[]): ServiceName {
  return parseServiceNameText(parts.map((p) => (p === null ? UNKNOWN_MARK : p)).join(''));
}

/**
 * Parses a name; unknown pieces of a template are marked with U+0000. A workspace repeats a
 * few dozen names over and over, and every keystroke asks again: answers are kept by text
 * (frozen, as they are shared).
 */
export function parseServiceNameText(text: string): ServiceName {
  let parsed = parsedNames.get(text);
  if (parsed === undefined) {
    if (parsedNames.size >= 4096) parsedNames.clear();
    parsed = Object.freeze(parseNow(text));
    parsedNames.set(text, parsed);
  }
  return parsed;
}

const parsedNames = new Map<string, ServiceName>();

function parseNow(text: string): ServiceName {
  const partial = text.includes(UNKNOWN_MARK);
  const segs = text.split('.');
  const known = (s: string | undefined): s is string => s !== undefined && !s.includes(UNKNOWN_MARK);
  const whole = partial ? null : text;

  let prefixLen = 0;
  if (segs[0] === 'com' && segs[1] === 'amazonaws') prefixLen = 2;
  else if (segs[0] === 'cn' && segs[1] === 'com' && segs[2] === 'amazonaws') prefixLen = 3;
  else if (segs[0] === 'aws' && (segs[1] === 'sagemaker' || segs[1] === 'api')) prefixLen = 2;
  else if (segs[0] === 'api' && segs[1] === 'aws') prefixLen = 2;
  if (prefixLen === 0) {
    if (partial) return { kind: 'unknown' };
    return { kind: 'invalid', text, reason: 'does not start with com.amazonaws.' };
  }
  const prefix = segs.slice(0, prefixLen).join('.');
  const rest = segs.slice(prefixLen);

  // com.amazonaws.vpce.<region>.vpce-svc-<17 hex>
  if (rest[0] === 'vpce' && prefix.endsWith('com.amazonaws')) {
    const region = rest[1];
    const id = rest.slice(2).join('.');
    if (rest.length < 3 && !partial) return { kind: 'invalid', text, reason: 'an endpoint service name needs a region and a vpce-svc id' };
    if (known(region) && !REGION_RE.test(region)) return invalidOrUnknown(partial, text, `"${region}" is not a region`);
    if (known(id) && !SVC_ID_RE.test(id))
      return invalidOrUnknown(partial, text, `"${id}" is not an endpoint service id (vpce-svc- and 17 hex digits)`);
    return { kind: 'endpoint-service', region: known(region) ? region : null, id: known(id) ? id : null, text: whole };
  }

  // Global names without a region.
  if (prefix === 'com.amazonaws' && rest[0] === 's3-global' && rest.length === 2 && known(rest[1])) {
    return { kind: 'aws', prefix, region: null, service: `s3-global.${rest[1]}`, fips: false, text: whole, global: true };
  }
  if (prefix === 'com.amazonaws' && rest.length === 1 && known(rest[0]) && GLOBAL_SERVICES.has(rest[0])) {
    return { kind: 'aws', prefix, region: null, service: rest[0], fips: false, text: whole, global: true };
  }

  const region = rest[0];
  const svcSegs = rest.slice(1);
  if (region === undefined || svcSegs.length === 0) {
    if (partial) return { kind: 'unknown' };
    return { kind: 'invalid', text, reason: 'needs a region and a service after the prefix' };
  }
  if (known(region) && !REGION_RE.test(region)) return invalidOrUnknown(partial, text, `"${region}" is not a region`);
  let service: string | null = svcSegs.every(known) ? svcSegs.join('.') : null;
  // An unknown piece inside the region segment can swallow dots: only trust a clean split.
  if (!known(region) && region !== UNKNOWN_MARK) return { kind: 'unknown' };
  let fips = false;
  if (service !== null) {
    if (!SERVICE_RE.test(service)) return invalidOrUnknown(partial, text, `"${service}" is not a service name`);
    if (service.endsWith('-fips')) {
      fips = true;
      service = service.slice(0, -5);
    } else if (service.includes('-fips.')) {
      fips = true;
      service = service.replace('-fips.', '.');
    }
  }
  return { kind: 'aws', prefix, region: known(region) ? region : null, service, fips, text: whole };
}

function invalidOrUnknown(partial: boolean, text: string, reason: string): ServiceName {
  return partial ? { kind: 'unknown' } : { kind: 'invalid', text, reason };
}
