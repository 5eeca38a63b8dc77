// Writing new aws_vpc_endpoint blocks next to an existing one, reusing its expressions
// (vpc_id, service_name with another service, subnets, security groups) as written.

import type { Attribute, Expression } from '../hcl/ast';
import { sourceTextOf } from '../hcl/json-syntax';
import { eol, hclString, indentUnit } from './edits';
import { writtenIn } from '../model/overrides';
import type { ModuleInstance, ResourceInstance, SourceFile } from '../model/types';
import { str } from '../model/value';
import { mentionsInstance } from '../query/policy/read';
import { sameInstance } from '../query/wiring';
import { endpointTarget } from '../query/endpoint-type';
import { moduleRegionExpression } from '../query/region';

export function exprText(file: SourceFile, e: Expression | undefined): string | undefined {
  if (e) file = writtenIn(e) ?? file; // an expression of an override file (model/overrides.ts)
  return e ? sourceTextOf(file.path, file.text, e.range.start.offset, e.range.end.offset) : undefined;
}

/** An attribute's text when it does not depend on the instance (`each`, `count`). */
export function portableText(file: SourceFile, a: Attribute | undefined): string | undefined {
  if (!a?.value || mentionsInstance(a.value)) return undefined;
  return exprText(file, a.value);
}

/**
 * The endpoint's `service_name` rewritten for another service, in the same style: the literal
 * service suffix replaced (`"com.amazonaws.${var.region}.ecr.dkr"` -> `...s3"`), or an
 * interpolated `each.key`/`each.value` replaced by the service. A name looked up by a
 * `data "aws_vpc_endpoint_service"` is written from the module's region expression.
 */
export function serviceNameFor(file: SourceFile, ep: ResourceInstance, from: string, to: string): string | undefined {
  const a = ep.attrNode('service_name');
  const e = a?.value;
  if (!e) return undefined;
  const target = endpointTarget(ep);
  if (target.lookup) return lookedUpNameFor(ep, target.lookup, target.service === from, to);
  if (e.type === 'Template') {
    const last = e.parts[e.parts.length - 1];
    if (last && last.type === 'TemplateLiteral' && last.value.endsWith(`.${from}`) && !mentionsInstance(e)) {
      const text = exprText(file, e)!;
      const cut = text.lastIndexOf(from);
      return cut < 0 ? undefined : text.slice(0, cut) + to + text.slice(cut + from.length);
    }
    // "com.amazonaws.${var.region}.${each.value}": the service is the interpolation.
    if (last && last.type === 'TemplateInterpolation' && mentionsInstance(last.expr)) {
      const before = e.parts.slice(0, -1);
      if (before.some((p) => p.type !== 'TemplateLiteral' && (p.type !== 'TemplateInterpolation' || mentionsInstance(p.expr))))
        return undefined;
      const text = exprText(file, e)!;
      const start = last.range.start.offset - e.range.start.offset;
      return text.slice(0, start) + to + '"';
    }
    return undefined;
  }
  const known = str(ep.attr('service_name'));
  if (known && known.endsWith(`.${from}`)) return hclString(known.slice(0, -from.length) + to);
  return undefined;
}

/** `"com.amazonaws.${<the module's region>}.<to>"` for an endpoint whose name a data source looks up in the module's region. */
function lookedUpNameFor(ep: ResourceInstance, lookup: ResourceInstance, same: boolean, to: string): string | undefined {
  if (!same || lookup.module.dir !== ep.module.dir || lookup.module.path !== ep.module.path) return undefined;
  // Looked up by `service`: the provider builds com.amazonaws.<region>.<service>.
  if (lookup.attrNode('service') === undefined) return undefined;
  // Another provider or region than the module's: its region expression is not theirs.
  if (['provider', 'region'].some((n) => ep.attrNode(n) !== undefined || lookup.attrNode(n) !== undefined)) return undefined;
  const region = moduleRegionExpression(ep.module);
  if (!region || region.addBlock) return undefined;
  return `"com.amazonaws.\${${region.expr}}.${to}"`;
}

/** A resource name not yet taken in the module. */
export function freeResourceName(module: ModuleInstance, type: string, base: string, taken: Set<string> = new Set()): string {
  let name = base;
  for (let i = 2; module.index.has(`${type}.${name}`) || taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

export function resourceNameFor(service: string): string {
  return service.replace(/[^A-Za-z0-9_]/g, '_');
}

/** `tags` for a new endpoint: the existing endpoint's when it is a plain reference, else a Name tag. */
export function tagsFor(file: SourceFile, ep: ResourceInstance, service: string): string {
  const t = ep.attrNode('tags')?.value;
  if (t && (t.type === 'GetAttr' || t.type === 'Variable') && !mentionsInstance(t)) return exprText(file, t)!;
  const u = indentUnit(file);
  return `{\n${u}Name = ${hclString(`${service.replace(/\./g, '-')}-endpoint`)}\n}`;
}

/** Renders a resource block: aligned one-line attributes, then multi-line ones after a blank line. */
export function renderResource(
  file: SourceFile,
  type: string,
  name: string,
  attrs: [string, string][],
  comments: Map<string, string> = new Map(),
): string {
  const u = indentUnit(file);
  const one = attrs.filter(([, v]) => !v.includes('\n'));
  const multi = attrs.filter(([, v]) => v.includes('\n'));
  const width = Math.max(0, ...one.map(([k]) => k.length));
  const lines = [`resource "${type}" "${name}" {`];
  for (const [k, v] of one) {
    const c = comments.get(k);
    lines.push(`${u}${k.padEnd(width)} = ${v}${c ? ` # ${c}` : ''}`);
  }
  for (const [k, v] of multi) {
    lines.push('');
    lines.push(
      `${u}${k} = ${v
        .split('\n')
        .map((l, i) => (i === 0 || l === '' ? l : u + l))
        .join('\n')}`,
    );
  }
  lines.push('}');
  return lines.join(eol(file));
}

/** `route_table_ids` for a VPC: its route tables written in this module, as references. */
export function routeTablesExpr(module: ModuleInstance, vpc: ResourceInstance): string | undefined {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const rt of module.resources('aws_route_table')) {
    const target = module.resolve(rt.attr('vpc_id'));
    if (!target || !sameInstance(target, vpc)) continue;
    const base = `aws_route_table.${rt.name}`;
    if (seen.has(base)) continue;
    seen.add(base);
    const meta = rt.block.body.items.find((i) => i.type === 'Attribute' && (i.name.name === 'count' || i.name.name === 'for_each'));
    if (!meta || meta.type !== 'Attribute') parts.push(`[${base}.id]`);
    else if (meta.name.name === 'count') parts.push(`${base}[*].id`);
    else parts.push(`values(${base})[*].id`);
  }
  if (!parts.length) return undefined;
  if (parts.every((p) => p.startsWith('['))) return `[${parts.map((p) => p.slice(1, -1)).join(', ')}]`;
  return parts.length === 1 ? parts[0] : `concat(${parts.join(', ')})`;
}
