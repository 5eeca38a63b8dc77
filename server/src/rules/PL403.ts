import type { Attribute, Expression } from '../hcl/ast';
import type { ResourceInstance, SourceFile } from '../model/types';
import { appendToFile, insertAttribute, replaceValue } from '../fixes/edits';
import { declaredType, effectiveService, endpoints, gatewayCapable, serviceLabel } from './PL401';
import type { TextEdit, Rule } from './types';
import { fileOf, headerRange, nullFromInput, refExpr, routeTablesOf, sameInstance, vpcOf } from './wiring';
import { eachSubject } from './lib/kept';

export interface RouteTablesValue {
  /** HCL for `route_table_ids`. */
  text: string;
  /** For the fix title. */
  describe: string;
  /** Edits the value needs elsewhere (a new variable). */
  extraEdits: TextEdit[];
}

function exprText(file: SourceFile | undefined, e: Expression | undefined): string | undefined {
  if (!file || !e) return undefined;
  return file.text.slice(e.range.start.offset, e.range.end.offset).replace(/\s+/g, '');
}

/** The `vpc_id` expression as written, when it says the same thing in every instance. */
function vpcIdText(res: ResourceInstance): string | undefined {
  const t = exprText(fileOf(res, res.module), res.attrNode('vpc_id')?.value);
  return t && !/\b(each|count|self)\./.test(t) ? t : undefined;
}

function hasMeta(res: ResourceInstance, name: 'count' | 'for_each'): boolean {
  return res.block.body.items.some((i) => i.type === 'Attribute' && i.name.name === name);
}

/**
 * What `route_table_ids` of a Gateway endpoint should say: the module's `aws_route_table`s of
 * the endpoint's VPC (matched by resolved VPC, or by the same `vpc_id` expression when the VPC
 * is not in the module), else the VPC's main route table, else a new `route_table_ids` input.
 */
export function routeTablesValue(ep: ResourceInstance): RouteTablesValue {
  const m = ep.module;
  const vpc = vpcOf(ep);
  const epVpcText = vpcIdText(ep);
  const singles: string[] = [];
  const splats: string[] = [];
  const seen = new Set<string>();
  for (const rt of m.resources('aws_route_table')) {
    const base = `aws_route_table.${rt.name}`;
    if (seen.has(base)) continue;
    const target = m.resolve(rt.attr('vpc_id'));
    const same = vpc ? sameInstance(target, vpc) : epVpcText !== undefined && !target && vpcIdText(rt) === epVpcText;
    if (!same) continue;
    seen.add(base);
    if (hasMeta(rt, 'for_each')) splats.push(`values(${base})[*].id`);
    else if (hasMeta(rt, 'count')) splats.push(`${base}[*].id`);
    else singles.push(`${base}.id`);
  }
  if (singles.length || splats.length) {
    const list = singles.length ? `[${singles.join(', ')}]` : '';
    const text = splats.length === 0 ? list
      : splats.length === 1 && !singles.length ? splats[0]
      : `concat(${[list, ...splats].filter(Boolean).join(', ')})`;
    return { text, describe: 'the VPC\'s route tables', extraEdits: [] };
  }
  if (vpc && vpc.module.path === m.path && vpc.module.dir === m.dir) {
    return { text: `[${refExpr(vpc, 'main_route_table_id')}]`, describe: `the main route table of ${vpc.address}`, extraEdits: [] };
  }
  // Nothing in the module says which route tables: ask the caller through an input.
  const extraEdits: TextEdit[] = [];
  if (!m.index.has('var.route_table_ids')) {
    const target = m.files.find((f) => /(^|\/)variables\.tf$/.test(f.path)) ?? fileOf(ep, m);
    if (target) {
      extraEdits.push(appendToFile(target, [
        'variable "route_table_ids" {',
        '  description = "Route tables whose traffic uses the Gateway endpoints of this module."',
        '  type        = list(string)',
        '}',
      ].join('\n')));
    }
  }
  return { text: 'var.route_table_ids', describe: 'a new route_table_ids input', extraEdits };
}

/** Edits that give a Gateway endpoint its route tables (`route_table_ids` set or inserted). */
export function routeTableEdits(ep: ResourceInstance, file: SourceFile, existing: Attribute | undefined): { edits: TextEdit[]; describe: string } {
  const v = routeTablesValue(ep);
  const main = existing ? [replaceValue(file, existing, v.text)] : insertAttribute(file, ep.block, 'route_table_ids', v.text);
  // Both edits may land at the end of the same file; the attribute is inside a block, so never at the same offset.
  return { edits: [...main, ...v.extraEdits], describe: v.describe };
}

export const rule: Rule = {
  meta: {
    id: 'PL403',
    name: 'gateway-without-route-tables',
    severity: 'warning',
    description: 'A Gateway endpoint has no route tables, so no traffic uses it.',
    why:
      'A Gateway endpoint works only through the routes AWS adds to the route tables associated with it. ' +
      'Without route_table_ids or an aws_vpc_endpoint_route_table_association, S3 or DynamoDB traffic ' +
      'keeps going through the NAT or internet gateway: it costs NAT data processing and bypasses the ' +
      'endpoint policy, while the endpoint looks deployed.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_route_table_association', 'aws_route_table'],
    fixable: true,
  },
  check(ctx) {
    eachSubject(ctx, 'PL403', endpoints(ctx.module), (ep, report) => {
      const t = declaredType(ep);
      if (t.type !== 'Gateway') return;
      const name = effectiveService(ep);
      const cap = gatewayCapable(ctx.catalog, name);
      // A Gateway endpoint for a service without one is PL401/PL402's concern.
      if (cap === false || (cap === undefined && !t.explicit)) return;
      if (routeTablesOf(ep).present || nullFromInput(ep, 'route_table_ids')) return;
      const attr = ep.attrNode('route_table_ids');
      const file = fileOf(ep, ep.module);
      const fix = file ? routeTableEdits(ep, file, attr) : undefined;
      report({
        message:
          `${ep.address} is a Gateway endpoint without route tables (no route_table_ids, no aws_vpc_endpoint_route_table_association): ` +
          `no route points at it, so ${serviceLabel(name, ep)} traffic still leaves through the NAT or internet gateway.`,
        uri: ep.uri,
        range: attr?.range ?? headerRange(ep),
        fixes: fix && fix.edits.length ? [{ title: `Set route_table_ids to ${fix.describe}`, edits: fix.edits, isPreferred: true }] : [],
      });
    });
  },
};
