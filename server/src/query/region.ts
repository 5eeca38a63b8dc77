// Regions as a module states them: the region an endpoint is created in (its own `region`
// argument, provider v6, else its provider's), the module's own region expression for
// templates, the region completion writes into a new service name, and where a region is
// written literally inside a `service_name` template.

import { wholeFiles } from '../model/whole-files';
import { writtenIn } from '../model/overrides';
import type { Attribute, Range } from '../hcl/ast';
import type { ModuleInstance, NestedBlock, ResourceInstance, SourceFile } from '../model/types';
import { str } from '../model/value';
import { rangeOf } from '../fixes/edits';
import { query } from '../incremental/memo';
import type { ServiceName } from './service-name';
import { argument } from './wiring';

export interface RegionSetting {
  /** Undefined when not known. */
  value: string | undefined;
  /** The block that sets it: the resource itself or its provider configuration. */
  source?: NestedBlock;
  attr?: Attribute;
}

/** The region a resource is created in, when known. */
export function effectiveRegion(res: ResourceInstance): RegionSetting {
  const own = argument(res, 'region');
  if (own !== undefined) return { value: str(own), source: res, attr: res.attrNode('region') };
  const p = res.module.providerOf(res);
  if (!p) return { value: undefined };
  const v = p.attr('region');
  return { value: str(v), source: p, attr: p.attrNode('region') };
}

export interface RegionExpression {
  /** HCL to put inside `${...}` of a template, e.g. `var.region`. */
  expr: string;
  /** Where it comes from, for the fix title. */
  from: string;
  /** A block the fix must add for the expression to exist (`data "aws_region" "current" {}`). */
  addBlock?: string;
}

const REGION_VARIABLES = ['region', 'aws_region'];

function attrNames(block: { body: { items: { type: string; name?: { name: string } }[] } }): string[] {
  return block.body.items.filter((i) => i.type === 'Attribute').map((i) => i.name!.name);
}

/**
 * The attribute of `data.aws_region` that holds the region's name: `region` since provider
 * v6, which deprecates `name`; `name` before. Follow what the module already writes, then its
 * provider version constraint; `name` otherwise, as it works with both (v6 warns).
 */
export function dataRegionAttribute(module: ModuleInstance): 'region' | 'name' {
  let sawName = false;
  for (const f of wholeFiles(module)) {
    const m = f.text.match(/data\.aws_region\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?\.(region|name)\b/g);
    if (!m) continue;
    if (m.some((x) => x.endsWith('.region'))) return 'region';
    sawName = true;
  }
  if (sawName) return 'name';
  for (const f of wholeFiles(module)) {
    // `source = "…"` in the native syntax, `"source": "…"` in JSON.
    const m = f.text.match(/source"?\s*[=:]\s*"(?:registry\.terraform\.io\/)?hashicorp\/aws"[^}]*?version"?\s*[=:]\s*"([^"]+)"/);
    const m2 = f.text.match(/version"?\s*[=:]\s*"([^"]+)"[^}]*?source"?\s*[=:]\s*"(?:registry\.terraform\.io\/)?hashicorp\/aws"/);
    const constraint = m?.[1] ?? m2?.[1];
    if (!constraint) continue;
    const lower = constraint.match(/(?:>=|~>|=|^)\s*v?(\d+)/);
    if (lower && Number(lower[1]) >= 6) return 'region';
  }
  return 'name';
}

/**
 * The region expression a module offers, best first: a `region`/`aws_region` variable, a plain
 * `data "aws_region"` block, the default provider's region variable; a module whose provider
 * states its region literally gets a new `data "aws_region" "current" {}`. Undefined when the
 * module has no region source.
 */
export function moduleRegionExpression(module: ModuleInstance): RegionExpression | undefined {
  return regionExpressionOf(module);
}

// Asked for each endpoint of a module, and it goes through the module's declarations (and
// possibly every file's text): answered once per module and run, not once per endpoint.
const regionExpressionOf = query(moduleRegionExpressionNow);

function moduleRegionExpressionNow(module: ModuleInstance): RegionExpression | undefined {
  for (const name of REGION_VARIABLES) {
    if (module.index.has(`var.${name}`)) return { expr: `var.${name}`, from: `variable "${name}"` };
  }
  for (const [address, entries] of module.index) {
    if (!address.startsWith('data.aws_region.')) continue;
    const e = entries[0];
    const args = attrNames(e.block);
    // A data source that names another region, or counts, is not the module's own region.
    if (args.some((a) => a === 'name' || a === 'region' || a === 'provider' || a === 'count' || a === 'for_each')) continue;
    return { expr: `${address}.${dataRegionAttribute(module)}`, from: `data "aws_region" "${e.name}"` };
  }
  const provider = module.index.get('provider.aws')?.[0];
  if (provider) {
    const region = provider.block.body.items.find((i): i is Attribute => i.type === 'Attribute' && i.name.name === 'region');
    if (!region?.value) return undefined;
    const v = region.value;
    if (v.type === 'GetAttr' && v.object.type === 'Variable' && v.object.name === 'var') {
      return { expr: `var.${v.name.name}`, from: "the provider's region variable" };
    }
    const name = module.index.has('data.aws_region.current') ? 'provider_region' : 'current';
    return {
      expr: `data.aws_region.${name}.${dataRegionAttribute(module)}`,
      from: `a provider region (read through a new data "aws_region" "${name}")`,
      addBlock: `data "aws_region" "${name}" {}`,
    };
  }
  return undefined;
}

/**
 * The region to write into a new service name (completion): `${var.region}`, the region of a
 * `data "aws_region"`, the default provider's known region, else `us-east-1`.
 */
export function serviceNameRegion(module: ModuleInstance | undefined): string {
  if (!module) return 'us-east-1';
  if (module.index.has('var.region')) return '${var.region}';
  for (const key of module.index.keys()) {
    if (key.startsWith('data.aws_region.')) return `\${${key}.name}`;
  }
  for (const [key, entries] of module.index) {
    if (key !== 'provider.aws' && !key.startsWith('provider.aws.')) continue;
    const region = entries[0]?.block.body.items.find((it): it is Attribute => it.type === 'Attribute' && it.name.name === 'region');
    const v = region?.value ? str(module.evaluate(region.value)) : undefined;
    if (v) return v;
  }
  return 'us-east-1';
}

/** Whether the module has any region source (variable, data source or provider region). */
export function hasRegionSource(module: ModuleInstance): boolean {
  return moduleRegionExpression(module) !== undefined;
}

/** Text before the region in a parsed name: `com.amazonaws.` or `com.amazonaws.vpce.`. */
export function regionOffset(name: ServiceName): number | undefined {
  if (name.kind === 'aws') return name.region === null || name.global ? undefined : name.prefix.length + 1;
  if (name.kind === 'endpoint-service') return name.region === null ? undefined : 'com.amazonaws.vpce.'.length;
  return undefined;
}

/**
 * The range of the region inside `attr`'s own quoted template, when it is written there as
 * literal text (not a reference, not an escape sequence). Undefined otherwise.
 */
export function literalRegionRange(file: SourceFile, attr: Attribute | undefined, name: ServiceName): Range | undefined {
  const region = name.kind === 'aws' || name.kind === 'endpoint-service' ? name.region : null;
  const at = regionOffset(name);
  if (!attr?.value || attr.value.type !== 'Template' || region === null || at === undefined) return undefined;
  file = writtenIn(attr) ?? file; // an argument of an override file (model/overrides.ts)
  let before = 0;
  for (const part of attr.value.parts) {
    if (part.type !== 'TemplateLiteral') return undefined;
    const len = part.value.length;
    if (at >= before && at + region.length <= before + len) {
      if (part.value.slice(at - before, at - before + region.length) !== region) return undefined;
      // Escapes make value and source differ; only a literal that reads as written is used.
      const srcStart = part.range.start.offset;
      const src = file.text.slice(srcStart, part.range.end.offset);
      if (src !== part.value) return undefined;
      const start = srcStart + (at - before);
      return rangeOf(file, start, start + region.length);
    }
    before += len;
  }
  return undefined;
}
