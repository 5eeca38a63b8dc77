import type { ModuleInstance, SourceFile } from '../model/types';
import { str, type Value } from '../query/values';
import { rangeOf, replaceValue } from '../fixes/edits';
import { defineRule, type Fix, type Related, type Report } from './types';
import { acceptanceOf, endpointServices, PLACEHOLDER_PRINCIPAL } from '../query/endpoint-services';
import { argument, fileOf, headerRange } from '../query/wiring';

/** The file a value was written in, among the module's files. */
function originFile(module: ModuleInstance, v: Value): SourceFile | undefined {
  const o = v.origin;
  return o ? module.files.find((f) => f.path === o.uri || f.uri === o.uri) : undefined;
}

/** A fix replacing the `"*"` literal where the value was written, when it is written as such. */
function replaceStarFix(module: ModuleInstance, v: Value): Fix | undefined {
  const file = originFile(module, v);
  const o = v.origin;
  if (!file || !o) return undefined;
  if (file.text.slice(o.range.start.offset, o.range.end.offset) !== '"*"') return undefined;
  return {
    title: `Replace "*" with an account ARN (placeholder ${PLACEHOLDER_PRINCIPAL}: put the consumer's account)`,
    edits: [{ uri: file.path, range: rangeOf(file, o.range.start.offset, o.range.end.offset), newText: `"${PLACEHOLDER_PRINCIPAL}"` }],
    isPreferred: true,
  };
}

function severityFor(acceptance: boolean | 'absent' | undefined): 'error' | 'warning' {
  return acceptance === false ? 'error' : 'warning';
}

function why(acceptance: boolean | 'absent' | undefined): string {
  return acceptance === false
    ? 'any AWS account can connect, and acceptance_required = false accepts every connection without review'
    : 'any AWS account can find the service and request a connection';
}

export const rule = defineRule({
  meta: {
    id: 'PL601',
    name: 'service-open-to-everyone',
    severity: 'error',
    description: 'An endpoint service allows the principal "*": every AWS account may connect to it.',
    why:
      'allowed_principals controls who may create endpoints to the service. "*" admits every AWS account; ' +
      'with acceptance_required = false each of them is connected at once, exposing the service behind the ' +
      'load balancer to the whole of AWS. Name the consumer accounts, roles or organization instead.',
    resources: ['aws_vpc_endpoint_service', 'aws_vpc_endpoint_service_allowed_principal'],
    fixable: true,
  },
  // The allowed principal resources are reported too, also those whose service is not known.
  subject: 'module',
  check(module) {
    const out: Report[] = [];
    for (const svc of endpointServices(module)) {
      const list = argument(svc, 'allowed_principals');
      const attr = svc.attrNode('allowed_principals');
      if (!list || list.kind !== 'list' || !attr) continue;
      const acceptance = acceptanceOf(svc);
      for (const item of list.items) {
        if (str(item) !== '*') continue;
        const here = item.origin && item.origin.uri === svc.uri ? item.origin.range : attr.range;
        const related: Related[] =
          item.origin && item.origin.uri !== svc.uri
            ? [{ uri: item.origin.uri, range: item.origin.range, message: '"*" is written here' }]
            : [];
        const fix = replaceStarFix(svc.module, item);
        out.push({
          message: `${svc.address} allows the principal "*": ${why(acceptance)}. List the consumer accounts or roles.`,
          uri: svc.uri,
          range: here,
          severity: severityFor(acceptance),
          related: related.length ? related : undefined,
          fixes: fix ? [fix] : [],
        });
      }
    }
    for (const ap of module.resources('aws_vpc_endpoint_service_allowed_principal')) {
      const v = argument(ap, 'principal_arn');
      if (!v || str(v) !== '*') continue;
      const attr = ap.attrNode('principal_arn');
      const target = module.resolve(ap.attr('vpc_endpoint_service_id'));
      const svc = target && target.type === 'aws_vpc_endpoint_service' ? target : undefined;
      const acceptance = svc ? acceptanceOf(svc) : undefined;
      const file = fileOf(ap, ap.module);
      const fix =
        replaceStarFix(ap.module, v) ??
        (file && attr && attr.value?.type === 'Template'
          ? {
              title: `Replace "*" with an account ARN (placeholder ${PLACEHOLDER_PRINCIPAL}: put the consumer's account)`,
              edits: [replaceValue(file, attr, `"${PLACEHOLDER_PRINCIPAL}"`)],
              isPreferred: true,
            }
          : undefined);
      out.push({
        message: `${ap.address} allows the principal "*" on ${svc ? svc.address : 'its endpoint service'}: ${why(acceptance)}. Name a consumer account or role.`,
        uri: ap.uri,
        range: attr?.range ?? headerRange(ap),
        severity: severityFor(acceptance),
        related: svc
          ? [{ uri: svc.uri, range: svc.attrNode('acceptance_required')?.range ?? headerRange(svc), message: `${svc.address}` }]
          : undefined,
        fixes: fix ? [fix] : [],
      });
    }
    return out;
  },
});
