// What `route_table_ids` of a Gateway endpoint should say, for fixes that write it.

import type { Attribute, Expression } from '../hcl/ast';
import type { ResourceInstance, SourceFile } from '../model/types';
import type { TextEdit } from './types';
import { fileOf, refExpr, sameInstance, vpcOf } from '../query/wiring';
import { appendToFile, insertAttribute, replaceValue } from './edits';

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
  const a = res.attrNode('vpc_id');
  const t = exprText(a && fileOf(res, res.module, a), a?.value);
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
    const text =
      splats.length === 0
        ? list
        : splats.length === 1 && !singles.length
          ? splats[0]
          : `concat(${[list, ...splats].filter(Boolean).join(', ')})`;
    return { text, describe: "the VPC's route tables", extraEdits: [] };
  }
  if (vpc && vpc.module.path === m.path && vpc.module.dir === m.dir) {
    return { text: `[${refExpr(vpc, 'main_route_table_id')}]`, describe: `the main route table of ${vpc.address}`, extraEdits: [] };
  }
  // Nothing in the module says which route tables: ask the caller through an input.
  const extraEdits: TextEdit[] = [];
  if (!m.index.has('var.route_table_ids')) {
    const target = m.files.find((f) => /(^|\/)variables\.tf$/.test(f.path)) ?? fileOf(ep, m);
    if (target) {
      extraEdits.push(
        appendToFile(
          target,
          [
            'variable "route_table_ids" {',
            '  description = "Route tables whose traffic uses the Gateway endpoints of this module."',
            '  type        = list(string)',
            '}',
          ].join('\n'),
        ),
      );
    }
  }
  return { text: 'var.route_table_ids', describe: 'a new route_table_ids input', extraEdits };
}

/** Edits that give a Gateway endpoint its route tables (`route_table_ids` set or inserted). */
export function routeTableEdits(
  ep: ResourceInstance,
  file: SourceFile,
  existing: Attribute | undefined,
): { edits: TextEdit[]; describe: string } {
  const v = routeTablesValue(ep);
  const main = existing ? [replaceValue(file, existing, v.text)] : insertAttribute(file, ep.block, 'route_table_ids', v.text);
  // Both edits may land at the end of the same file; the attribute is inside a block, so never at the same offset.
  return { edits: [...main, ...v.extraEdits], describe: v.describe };
}
