// Values a Terraform (or OpenTofu) plan knows and the configuration alone does not: the output of
// `terraform show -json <planfile>`, read beside the configuration it was made from. A plan
// knows what data sources read (`prior_state`), the resources of modules that were never
// installed here (`planned_values` child modules), the instance keys of every `for_each` and
// `count`, the root variables the pipeline set (`variables`), and the values of attributes the
// configuration computes from them. The model consults it where static reading gives unknown.
//
// Two things hold everywhere: a value the plan marks unknown (`after_unknown`) stays unknown,
// and a value it marks sensitive (`after_sensitive`, `sensitive_values`, a variable declared
// sensitive) is read as unknown, so no rule can act on it and no message can print it.
//
// The file comes from the pipeline and may be anything: it is read within bounds (size,
// nesting) and a file that is not a usable plan gives a message, never an exception.

import { mkBool, mkList, mkMap, mkNumber, mkString } from './convert';
import { blockBodySchema, nestedSchema } from '../hcl/json-syntax';
import { joinPath, normalizeDir } from './paths';
import type { BlockEntry } from './types';
import { UNKNOWN, type Value } from './value';

/** Plans of large stacks are tens of MB; the JSON parse holds several times that in memory. */
export const MAX_PLAN_BYTES = 64 * 1024 * 1024;
/** Nesting of the plan's JSON text; real plans nest a few dozen levels. */
export const MAX_PLAN_NESTING = 512;
/** Nesting of one attribute value taken from the plan; deeper parts are unknown. */
const MAX_VALUE_DEPTH = 64;

/** Where the stand-in folders of modules known only from the plan live (never on disk). */
export const PLAN_STAND_IN_DIR = '.terraform/privatelink-plan';

type Key = string | number;
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface Instance {
  /** The module instance path in the model's form (`module.a["k"]`), "" for the root. */
  modulePath: string;
  /** `aws_vpc.main` or `data.aws_vpc.shared`, without module path or key. */
  resource: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  key: Key | undefined;
  values: Record<string, Json>;
  /** Marks of unknown leaves (`true`) in the shape of `values`. */
  unknown: Json;
  /** Marks of sensitive leaves (`true`) in the shape of `values`. */
  sensitive: Json;
}

/** The values a plan gives one root module's tree, as the model asks for them. */
export interface PlanValues {
  /** The root module folder the plan was made in. */
  readonly dir: string;
  /** A root variable's value (unknown when sensitive); undefined when the plan has none. */
  variable(name: string): Value | undefined;
  /**
   * A top-level attribute of a resource instance, by the model's address
   * (`module.a["k"].aws_vpc_endpoint.this["s3"]`): a data source's as read at plan time, a
   * resource's planned value. Unknown when the plan says so or when it is sensitive;
   * undefined when the plan does not have it.
   */
  attribute(address: string, name: string): Value | undefined;
  /**
   * The instance keys of a resource, data source (`data.x.y`) or module call (`module.x`) made in
   * the module instance at `modulePath`; undefined when the plan does not list them.
   */
  keys(modulePath: string, address: string): Key[] | undefined;
  /** The stand-in folder of a module instance the plan has resources for. */
  moduleDir(modulePath: string): string | undefined;
  /** The files of a stand-in folder (`moduleDir`), made from the plan; undefined for other folders. */
  standInFiles(dir: string): Record<string, string> | undefined;
}

export interface PlanFile {
  /** `format_version` and the tool's version, for messages. */
  readonly version: string;
  /** Undefined when the plan was made from the configuration of a module with this index; else why not. */
  mismatch(index: ReadonlyMap<string, readonly BlockEntry[]>): string | undefined;
  /** The plan's values for the root module in `dir`. */
  at(dir: string): PlanValues;
}

// ---- reading

/** Reads the text of `terraform show -json`; never throws. */
export function readPlan(text: string): { plan: PlanFile } | { error: string } {
  if (text.length > MAX_PLAN_BYTES) return { error: `it is larger than ${MAX_PLAN_BYTES / 1048576} MB (limit)` };
  const deep = nestingOver(text, MAX_PLAN_NESTING);
  if (deep) return { error: `its JSON nests deeper than ${MAX_PLAN_NESTING} levels; not read (limit)` };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { error: `it is not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!isObject(json)) return { error: 'it is not the JSON of a plan (expected an object, as `terraform show -json <planfile>` writes)' };
  const fv = json.format_version;
  if (typeof fv !== 'string') return { error: 'it has no format_version: it is not the output of `terraform show -json <planfile>`' };
  if (!/^1\.\d+$/.test(fv)) return { error: `its format_version is "${clip(fv)}"; only 1.x plans are read` };
  if (!('planned_values' in json) && !('resource_changes' in json) && !('configuration' in json))
    return { error: 'it is a state, not a plan: give the output of `terraform show -json <planfile>`' };
  try {
    return { plan: new Plan(json) };
  } catch (e) {
    return { error: `it could not be read as a plan (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** True when brackets outside strings nest deeper than `limit` (JSON.parse recurses). */
function nestingOver(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function keySuffix(k: Key | undefined): string {
  return k === undefined ? '' : typeof k === 'number' ? `[${k}]` : `[${JSON.stringify(k)}]`;
}

function keyOf(v: unknown): Key | undefined | null {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  return null;
}

interface ModuleStep {
  name: string;
  key: Key | undefined;
}

/**
 * A module instance address (`module.a["k"].module.b[0]`) as steps; undefined when it is not
 * one. Keys are read as Terraform writes them (a quoted string or a whole number).
 */
export function parseModuleAddress(s: string): ModuleStep[] | undefined {
  const out: ModuleStep[] = [];
  let i = 0;
  while (i < s.length) {
    if (!s.startsWith('module.', i)) return undefined;
    i += 7;
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(s.slice(i, i + 200));
    if (!m) return undefined;
    i += m[0].length;
    let key: Key | undefined;
    if (s[i] === '[') {
      if (s[i + 1] === '"') {
        let j = i + 2;
        while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
        try {
          key = JSON.parse(s.slice(i + 1, j + 1)) as string;
        } catch {
          return undefined;
        }
        i = j + 1;
      } else {
        const d = /^\d+/.exec(s.slice(i + 1, i + 20));
        if (!d) return undefined;
        key = Number(d[0]);
        i += 1 + d[0].length;
      }
      if (s[i] !== ']') return undefined;
      i++;
    }
    out.push({ name: m[0], key });
    if (i < s.length) {
      if (s[i] !== '.') return undefined;
      i++;
    }
  }
  return out;
}

function renderPath(steps: readonly ModuleStep[]): string {
  return steps.map((st) => `module.${st.name}${keySuffix(st.key)}`).join('.');
}

class Plan implements PlanFile {
  readonly version: string;
  private readonly instances = new Map<string, Instance>();
  /** Module instance paths the plan knows, as steps. */
  private readonly modules = new Map<string, ModuleStep[]>();
  private readonly variables = new Map<string, { value: Json; sensitive: boolean }>();
  /** The root module's declared addresses (`aws_x.y`, `data.x.y`, `module.x`). */
  private readonly declared: Set<string> | undefined;

  constructor(json: Record<string, unknown>) {
    this.version = `format ${String(json.format_version)}${typeof json.terraform_version === 'string' ? `, Terraform ${clip(json.terraform_version)}` : ''}`;
    const config = isObject(json.configuration) && isObject(json.configuration.root_module) ? json.configuration.root_module : undefined;
    const sensitiveVars = new Set<string>();
    if (config && isObject(config.variables))
      for (const [n, d] of Object.entries(config.variables)) if (isObject(d) && d.sensitive === true) sensitiveVars.add(n);
    if (isObject(json.variables))
      for (const [n, d] of Object.entries(json.variables))
        if (isObject(d) && 'value' in d) this.variables.set(n, { value: d.value as Json, sensitive: sensitiveVars.has(n) });
    if (config) {
      this.declared = new Set();
      if (Array.isArray(config.resources))
        for (const r of config.resources) if (isObject(r) && typeof r.address === 'string') this.declared.add(r.address);
      if (isObject(config.module_calls)) for (const n of Object.keys(config.module_calls)) this.declared.add(`module.${n}`);
    }
    // Planned values first; the data sources' prior state and the changes' after values (which
    // say what is unknown) then win.
    if (isObject(json.planned_values) && isObject(json.planned_values.root_module))
      this.readModule(json.planned_values.root_module, [], 'planned', 0);
    if (isObject(json.prior_state) && isObject(json.prior_state.values) && isObject(json.prior_state.values.root_module))
      this.readModule(json.prior_state.values.root_module, [], 'prior', 0);
    if (Array.isArray(json.resource_changes)) for (const c of json.resource_changes) if (isObject(c)) this.readChange(c);
  }

  private addModule(steps: ModuleStep[]): void {
    for (let i = 1; i <= steps.length; i++) {
      const part = steps.slice(0, i);
      this.modules.set(renderPath(part), part);
    }
  }

  private readModule(m: Record<string, unknown>, steps: ModuleStep[], from: 'planned' | 'prior', depth: number): void {
    if (depth > 50) return;
    if (steps.length) this.addModule(steps);
    if (Array.isArray(m.resources))
      for (const r of m.resources) {
        if (!isObject(r)) continue;
        if (from === 'prior' && r.mode !== 'data') continue;
        const values = isObject(r.values) ? (r.values as Record<string, Json>) : undefined;
        if (!values) continue;
        this.put(steps, r, values, null, (r.sensitive_values ?? null) as Json, from === 'planned');
      }
    if (Array.isArray(m.child_modules))
      for (const c of m.child_modules) {
        if (!isObject(c) || typeof c.address !== 'string') continue;
        const child = parseModuleAddress(c.address);
        if (child) this.readModule(c, child, from, depth + 1);
      }
  }

  private readChange(c: Record<string, unknown>): void {
    const ch = c.change;
    if (!isObject(ch) || !Array.isArray(ch.actions) || c.index_unknown === true) return;
    // An instance only deleted has no values after the plan.
    if (!ch.actions.some((a) => a !== 'delete' && a !== 'forget')) return;
    if (!isObject(ch.after)) return;
    const steps = typeof c.module_address === 'string' ? parseModuleAddress(c.module_address) : [];
    if (!steps) return;
    if (steps.length) this.addModule(steps);
    const existing = this.find(steps, c);
    // A data source read at plan time keeps the value read (prior_state); one whose read waits
    // for apply is what the change says.
    if (existing && existing.mode === 'data' && existing.values && c.mode === 'data' && !ch.actions.includes('read')) return;
    this.put(steps, c, ch.after as Record<string, Json>, (ch.after_unknown ?? null) as Json, (ch.after_sensitive ?? null) as Json, false);
  }

  private find(steps: ModuleStep[], r: Record<string, unknown>): Instance | undefined {
    const a = this.addressOf(steps, r);
    return a ? this.instances.get(a.address) : undefined;
  }

  private addressOf(
    steps: ModuleStep[],
    r: Record<string, unknown>,
  ): { address: string; resource: string; key: Key | undefined } | undefined {
    if (typeof r.type !== 'string' || typeof r.name !== 'string') return undefined;
    if (r.mode !== 'managed' && r.mode !== 'data') return undefined;
    const key = keyOf(r.index);
    if (key === null) return undefined;
    const resource = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
    const path = renderPath(steps);
    return { address: `${path ? `${path}.` : ''}${resource}${keySuffix(key)}`, resource, key };
  }

  private put(
    steps: ModuleStep[],
    r: Record<string, unknown>,
    values: Record<string, Json>,
    unknown: Json,
    sensitive: Json,
    planned: boolean,
  ): void {
    const a = this.addressOf(steps, r);
    if (!a) return;
    const prev = this.instances.get(a.address);
    // planned_values leaves unknown values out (or null): without a change saying which, every
    // value it lacks is unknown; a null there is not known to be null.
    let unk = unknown;
    if (planned) {
      const marks: Record<string, Json> = {};
      for (const [k, v] of Object.entries(values)) if (v === null) marks[k] = true;
      unk = marks;
    }
    this.instances.set(a.address, {
      modulePath: renderPath(steps),
      resource: a.resource,
      mode: r.mode as 'managed' | 'data',
      type: r.type as string,
      name: r.name as string,
      key: a.key,
      values,
      unknown: unk,
      // What was sensitive in any source stays sensitive.
      sensitive: prev ? mergeMarks(prev.sensitive, sensitive) : sensitive,
    });
  }

  mismatch(index: ReadonlyMap<string, readonly BlockEntry[]>): string | undefined {
    const declared = this.declared ?? this.rootResources();
    const here = new Set<string>();
    for (const [address, entries] of index) {
      const k = entries[0]?.kind;
      if (k === 'resource' || k === 'data' || k === 'module') here.add(address);
    }
    const missing = [...declared].filter((a) => !here.has(a)).sort();
    const extra = [...here].filter((a) => !declared.has(a)).sort();
    if (!missing.length && !extra.length) return undefined;
    const list = (xs: string[]) => `${xs.slice(0, 3).join(', ')}${xs.length > 3 ? ` and ${xs.length - 3} more` : ''}`;
    const parts: string[] = [];
    if (missing.length) parts.push(`the plan has ${list(missing)}, which the folder does not declare`);
    if (extra.length) parts.push(`the folder declares ${list(extra)}, which the plan does not have`);
    return parts.join('; ');
  }

  private rootResources(): Set<string> {
    const out = new Set<string>();
    for (const i of this.instances.values()) if (i.modulePath === '') out.add(i.resource);
    for (const steps of this.modules.values()) if (steps.length) out.add(`module.${steps[0].name}`);
    return out;
  }

  at(dir: string): PlanValues {
    return new BoundPlan(this, dir);
  }

  // ---- what BoundPlan asks

  variableValue(name: string): Value | undefined {
    const v = this.variables.get(name);
    if (!v) return undefined;
    return v.sensitive ? UNKNOWN : toValue(v.value, null, null, 0);
  }

  instance(address: string): Instance | undefined {
    return this.instances.get(address);
  }

  instancesIn(modulePath: string): Instance[] {
    return [...this.instances.values()].filter((i) => i.modulePath === modulePath);
  }

  moduleKnown(modulePath: string): boolean {
    return this.modules.has(modulePath);
  }

  keysOf(modulePath: string, address: string): Key[] | undefined {
    const keys: Key[] = [];
    if (address.startsWith('module.')) {
      const name = address.slice(7);
      const depth = modulePath ? (parseModuleAddress(modulePath)?.length ?? -1) : 0;
      for (const [p, steps] of this.modules) {
        if (steps.length !== depth + 1 || steps[depth].name !== name) continue;
        if (renderPath(steps.slice(0, depth)) !== modulePath) continue;
        if (!p) continue;
        if (steps[depth].key === undefined) return undefined;
        keys.push(steps[depth].key);
      }
    } else {
      for (const i of this.instances.values()) {
        if (i.modulePath !== modulePath || i.resource !== address) continue;
        if (i.key === undefined) return undefined;
        keys.push(i.key);
      }
    }
    if (!keys.length) return undefined;
    return [...new Set(keys)].sort((a, b) =>
      typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
    );
  }
}

class BoundPlan implements PlanValues {
  private readonly standIns = new Map<string, string>();

  readonly dir: string;

  constructor(
    private readonly plan: Plan,
    dir: string,
  ) {
    this.dir = normalizeDir(dir);
  }

  variable(name: string): Value | undefined {
    return this.plan.variableValue(name);
  }

  attribute(address: string, name: string): Value | undefined {
    const i = this.plan.instance(address);
    if (!i || !Object.prototype.hasOwnProperty.call(i.values, name)) return undefined;
    return toValue(i.values[name], mark(i.unknown, name), mark(i.sensitive, name), 0);
  }

  keys(modulePath: string, address: string): Key[] | undefined {
    return this.plan.keysOf(modulePath, address);
  }

  moduleDir(modulePath: string): string | undefined {
    if (!modulePath || !this.plan.moduleKnown(modulePath)) return undefined;
    const dir = joinPath(joinPath(this.dir, PLAN_STAND_IN_DIR), encodeURIComponent(modulePath));
    this.standIns.set(dir, modulePath);
    return dir;
  }

  standInFiles(dir: string): Record<string, string> | undefined {
    const modulePath = this.standIns.get(dir);
    if (modulePath === undefined) return undefined;
    return { 'planned.tf': standInText(this.plan.instancesIn(modulePath)) };
  }
}

// ---- values

function mark(marks: Json, k: string | number): Json {
  if (marks === true) return true;
  if (Array.isArray(marks)) return typeof k === 'number' ? (marks[k] ?? null) : null;
  if (isObject(marks)) return (marks as Record<string, Json>)[String(k)] ?? null;
  return null;
}

function mergeMarks(a: Json, b: Json): Json {
  if (a === true || b === true) return true;
  if (a === null || a === false) return b;
  if (b === null || b === false) return a;
  if (Array.isArray(a) && Array.isArray(b))
    return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => mergeMarks(a[i] ?? null, b[i] ?? null));
  if (isObject(a) && isObject(b)) {
    const out: Record<string, Json> = { ...(a as Record<string, Json>) };
    for (const [k, v] of Object.entries(b as Record<string, Json>)) out[k] = mergeMarks(out[k] ?? null, v);
    return out;
  }
  return true;
}

/** A plan value as the model's, with what is unknown or sensitive (marks `true`) unknown. */
function toValue(j: Json | undefined, unknown: Json, sensitive: Json, depth: number): Value {
  if (unknown === true || sensitive === true || depth > MAX_VALUE_DEPTH || j === undefined) return UNKNOWN;
  if (j === null) return { kind: 'null' };
  if (typeof j === 'string') return mkString(j);
  if (typeof j === 'number') return Number.isFinite(j) ? mkNumber(j) : UNKNOWN;
  if (typeof j === 'boolean') return mkBool(j);
  if (Array.isArray(j)) return mkList(j.map((x, i) => toValue(x, mark(unknown, i), mark(sensitive, i), depth + 1)));
  const m = new Map<string, Value>();
  for (const [k, x] of Object.entries(j)) m.set(k, toValue(x, mark(unknown, k), mark(sensitive, k), depth + 1));
  return mkMap(m);
}

// ---- stand-in modules
//
// A module the plan has resources for but that is not installed here is followed into a
// stand-in written from the plan: each resource with its planned values, so the rules run on
// it as on any module (and the engine places its findings at the calling `module` block, as
// for installed modules). What the plan does not know is `var.planned_unknown`, which has no
// value; sensitive values are written the same way, so they never reach the model.

const UNKNOWN_EXPR = 'var.planned_unknown';
const META = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection', 'dynamic', 'locals']);
const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function hclString(s: string): string {
  const body = s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\$\{/g, '$${')
    .replace(/%\{/g, '%%{');
  return `"${body}"`;
}

/** A plan value as an HCL expression; unknown and sensitive parts as `var.planned_unknown`. */
function hclValue(j: Json | undefined, unknown: Json, sensitive: Json, depth: number): string {
  if (unknown === true || sensitive === true || depth > MAX_VALUE_DEPTH || j === undefined) return UNKNOWN_EXPR;
  if (j === null) return 'null';
  if (typeof j === 'string') return hclString(j);
  if (typeof j === 'number') return Number.isFinite(j) ? String(j) : UNKNOWN_EXPR;
  if (typeof j === 'boolean') return String(j);
  if (Array.isArray(j)) return `[${j.map((x, i) => hclValue(x, mark(unknown, i), mark(sensitive, i), depth + 1)).join(', ')}]`;
  const parts = Object.entries(j).map(([k, x]) => `${hclString(k)} = ${hclValue(x, mark(unknown, k), mark(sensitive, k), depth + 1)}`);
  return `{ ${parts.join(', ')} }`;
}

/** Attribute names of an instance worth writing (identifiers, no meta-arguments). */
function names(i: Instance): string[] {
  const out = new Set<string>();
  for (const k of Object.keys(i.values)) if (IDENT.test(k) && !META.has(k)) out.add(k);
  if (isObject(i.unknown)) for (const k of Object.keys(i.unknown)) if (IDENT.test(k) && !META.has(k)) out.add(k);
  return [...out];
}

/** A list of objects under a name the resource has as a nested block: written as blocks. */
function isBlockList(type: string, name: string, v: Json | undefined): v is Record<string, Json>[] {
  if (!Array.isArray(v) || !v.every((x) => isObject(x))) return false;
  return nestedSchema(blockBodySchema(['resource', type]), name) !== undefined;
}

function standInText(instances: Instance[]): string {
  const out: string[] = ['# Written from a plan: this module is not installed.', 'variable "planned_unknown" {}', ''];
  const groups = new Map<string, Instance[]>();
  for (const i of instances) {
    if (!IDENT.test(i.type) || !IDENT.test(i.name)) continue;
    const list = groups.get(i.resource);
    if (list) list.push(i);
    else groups.set(i.resource, [i]);
  }
  let n = 0;
  for (const list of groups.values()) {
    const first = list[0];
    const head = `${first.mode === 'data' ? 'data' : 'resource'} ${hclString(first.type)} ${hclString(first.name)} {`;
    const keyed = list.some((i) => i.key !== undefined);
    if (!keyed) {
      out.push(head, ...literalBody(first), '}', '');
      continue;
    }
    // Several instances: their values by key in a local, each attribute read from it.
    const local = `planned_${n++}`;
    const byCount = list.every((i) => typeof i.key === 'number');
    const all = new Set<string>();
    for (const i of list) for (const k of names(i)) all.add(k);
    const objectOf = (i: Instance) =>
      `{ ${[...all].map((k) => `${hclString(k)} = ${hclValue(i.values[k], mark(i.unknown, k), mark(i.sensitive, k), 1)}`).join(', ')} }`;
    let pick: string;
    if (byCount) {
      const size = Math.max(...list.map((i) => i.key as number)) + 1;
      const items = Array.from({ length: size }, (_, k) => {
        const i = list.find((x) => x.key === k);
        return i ? objectOf(i) : '{}';
      });
      out.push('locals {', `  ${local} = [${items.join(', ')}]`, '}', head, `  count = ${size}`);
      pick = `local.${local}[count.index]`;
    } else {
      const entries = list.map((i) => `${hclString(String(i.key))} = ${objectOf(i)}`);
      out.push('locals {', `  ${local} = { ${entries.join(', ')} }`, '}', head, `  for_each = local.${local}`);
      pick = 'each.value';
    }
    for (const k of all) {
      const sample = list.map((i) => i.values[k]).find((v) => v !== undefined && v !== null);
      if (isBlockList(first.type, k, sample)) {
        const fields = new Set<string>();
        for (const i of list) {
          const v = i.values[k];
          if (Array.isArray(v)) for (const o of v) if (isObject(o)) for (const f of Object.keys(o)) if (IDENT.test(f)) fields.add(f);
        }
        out.push(`  dynamic ${hclString(k)} {`, `    for_each = ${pick}[${hclString(k)}]`, '    content {');
        for (const f of fields) out.push(`      ${f} = ${k}.value[${hclString(f)}]`);
        out.push('    }', '  }');
      } else out.push(`  ${k} = ${pick}[${hclString(k)}]`);
    }
    out.push('}', '');
  }
  return out.join('\n');
}

function literalBody(i: Instance): string[] {
  const out: string[] = [];
  for (const k of names(i)) {
    const v = i.values[k];
    const unk = mark(i.unknown, k);
    const sens = mark(i.sensitive, k);
    // Unset: the provider's default, as the plan says.
    if (v === null && unk !== true) continue;
    if (unk !== true && sens !== true && isBlockList(i.type, k, v)) {
      v.forEach((o, n) => {
        out.push(`  ${k} {`);
        for (const [f, x] of Object.entries(o))
          if (IDENT.test(f))
            out.push(`    ${f} = ${hclValue(x, mark(mark(mark(i.unknown, k), n), f), mark(mark(mark(i.sensitive, k), n), f), 2)}`);
        out.push('  }');
      });
    } else out.push(`  ${k} = ${hclValue(v, unk, sens, 0)}`);
  }
  return out;
}
