// Variable values from `terraform.tfvars`, `terraform.tfvars.json` and `*.auto.tfvars(.json)`,
// then from the variable files and `NAME=VALUE` assignments given for a root module (the CLI's
// --var-file and --var, `.privatelink.json` varFiles), in Terraform's order of precedence
// (later wins), each value from a file remembering its line.

import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { Expression } from '../hcl/ast';
import { parse } from '../hcl/parser';
import { computeLineStarts, offsetToPosition } from '../hcl/positions';
import { fromJson, mkBool, mkList, mkMap, mkNumber, mkString, NULL, origin } from './convert';
import { evaluate, type EvalHost } from './evaluate';
import { baseOf } from './paths';
import type { SourceFile } from './types';
import { UNKNOWN, type Value } from './value';
import { WeakCache } from './weak-cache';

/**
 * What a root module reads after its folder's own variable files, in order: a variable file
 * (an absolute path; `.json` names are read as JSON, others as HCL, as Terraform's -var-file)
 * or one assignment (Terraform's -var).
 */
export type VarInput = { file: string } | { name: string; value: string };

/** A `NAME=VALUE` assignment, with the number of variable files read before it. */
export interface VarArg {
  name: string;
  value: string;
  after: number;
}

export function isTfvarsName(name: string): boolean {
  return (
    name === 'terraform.tfvars' || name === 'terraform.tfvars.json' || name.endsWith('.auto.tfvars') || name.endsWith('.auto.tfvars.json')
  );
}

/** Terraform's loading order: terraform.tfvars, terraform.tfvars.json, then auto files by name. */
export function tfvarsOrder(a: string, b: string): number {
  const rank = (n: string) => (n === 'terraform.tfvars' ? 0 : n === 'terraform.tfvars.json' ? 1 : 2);
  const ra = rank(baseOf(a));
  const rb = rank(baseOf(b));
  if (ra !== rb) return ra - rb;
  return baseOf(a) < baseOf(b) ? -1 : baseOf(a) > baseOf(b) ? 1 : 0;
}

// Values in a tfvars file are constants: any reference is an error.
const constants: EvalHost = {
  reference: () => undefined,
  instanceAttr: () => ({ kind: 'unknown' }),
};

const cache = new WeakCache<SourceFile, Map<string, Value>>();

function valuesOf(file: SourceFile): Map<string, Value> {
  let m = cache.get(file);
  if (m) return m;
  m = new Map();
  if (file.readError) {
    // nothing to read
  } else if (file.path.endsWith('.json')) {
    readJson(file, m);
  } else {
    for (const it of file.ast.body.items) {
      if (it.type === 'Attribute' && it.value) m.set(it.name.name, constant(it.value, file.uri));
    }
  }
  cache.set(file, m);
  return m;
}

function readJson(file: SourceFile, out: Map<string, Value>): void {
  // A byte order mark becomes a space, so offsets still match the text.
  const root = parseTree(file.text.replace(/^\uFEFF/, ' '));
  if (!root || root.type !== 'object') return;
  const starts = computeLineStarts(file.text);
  const at = (n: JsonNode) =>
    origin(file.uri, { start: offsetToPosition(starts, n.offset), end: offsetToPosition(starts, n.offset + n.length) });
  const conv = (n: JsonNode): Value => {
    const o = at(n);
    if (n.type === 'array') return mkList((n.children ?? []).map(conv), o);
    if (n.type === 'object') {
      const m = new Map<string, Value>();
      for (const p of n.children ?? []) if (p.children && p.children.length === 2) m.set(String(p.children[0].value), conv(p.children[1]));
      return mkMap(m, o);
    }
    return fromJson(n.value, o);
  };
  for (const p of root.children ?? []) {
    if (p.type === 'property' && p.children && p.children.length === 2) out.set(String(p.children[0].value), conv(p.children[1]));
  }
}

/**
 * A folder's own variable files (in tfvarsOrder) followed by the inputs given for it: the files
 * that can be had (`read` gives undefined for a file that does not exist) and the assignments,
 * each placed after the files before it.
 */
export function withVarInputs(
  own: SourceFile[],
  inputs: readonly VarInput[],
  read: (path: string) => SourceFile | undefined,
): { tfvars: SourceFile[]; varArgs?: VarArg[] } {
  if (!inputs.length) return { tfvars: own };
  const tfvars = [...own];
  const varArgs: VarArg[] = [];
  for (const i of inputs) {
    if ('file' in i) {
      const f = read(i.file);
      if (f) tfvars.push(f);
    } else varArgs.push({ name: i.name, value: i.value, after: tfvars.length });
  }
  return { tfvars, varArgs: varArgs.length ? varArgs : undefined };
}

/** The values a root module's variables get from its variable files and assignments. */
export interface VarValues {
  /** The value given for `name`, read for a variable of the given `type`; undefined when none is. */
  get(name: string, type: Expression | undefined): Value | undefined;
}

/**
 * All values, later files and assignments overriding earlier ones. `files` must be in
 * Terraform's order (tfvarsOrder, then the inputs given); `args` sit between them by `after`.
 */
export function tfvarsValues(files: readonly SourceFile[], args: readonly VarArg[] = []): VarValues {
  const out = new Map<string, Value | string>();
  for (let k = 0; k <= files.length; k++) {
    if (k > 0) for (const [name, v] of valuesOf(files[k - 1])) out.set(name, v);
    for (const a of args) if (a.after === k) out.set(a.name, a.value);
  }
  return {
    get(name, type) {
      const v = out.get(name);
      return typeof v === 'string' ? parseVarArg(v, type) : v;
    },
  };
}

/**
 * A -var value as Terraform reads it: for a variable declared without a type or with a
 * primitive one (`string`, `number`, `bool`), the text itself as a string (converted to the
 * type afterwards); for any other type, an HCL expression of constants. An expression that
 * does not parse is unknown (Terraform stops there with an error).
 */
export function parseVarArg(raw: string, type: Expression | undefined): Value {
  if (isLiteralMode(type)) return mkString(raw);
  const file = parse(`v = ${raw}\n`, '-var');
  const items = file.body.items;
  if (file.diagnostics.some((d) => d.severity === 'error') || items.length !== 1) return UNKNOWN;
  const it = items[0];
  if (it.type !== 'Attribute' || !it.value) return UNKNOWN;
  // Written on no line of any file: nothing may point at it.
  return withoutOrigins(constant(it.value, '-var'));
}

/**
 * The value of an expression of a variable file or a -var: Terraform evaluates it with no
 * variables and no functions, so a reference or a function call makes it unknown here (an
 * error there).
 */
function constant(expr: Expression, uri: string): Value {
  return callsFunction(expr) ? UNKNOWN : evaluate(expr, { host: constants, uri, vars: undefined, splat: undefined });
}

function callsFunction(node: unknown, depth = 0): boolean {
  if (typeof node !== 'object' || node === null || depth > 200) return false;
  if ((node as { type?: unknown }).type === 'FunctionCall') return true;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'range') continue;
    if (Array.isArray(v)) {
      if (v.some((x) => callsFunction(x, depth + 1))) return true;
    } else if (typeof v === 'object' && callsFunction(v, depth + 1)) return true;
  }
  return false;
}

function isLiteralMode(type: Expression | undefined): boolean {
  if (!type) return true;
  if (type.type === 'Variable') return type.name === 'string' || type.name === 'number' || type.name === 'bool';
  // The quoted types of Terraform 0.11: "string" is literal, "list" and "map" are not.
  if (type.type === 'Template' && type.parts.length === 1 && type.parts[0].type === 'TemplateLiteral')
    return type.parts[0].value === 'string';
  return false;
}

function withoutOrigins(v: Value): Value {
  switch (v.kind) {
    case 'list':
      return mkList(v.items.map(withoutOrigins));
    case 'map':
      return mkMap(new Map([...v.entries].map(([k, x]) => [k, withoutOrigins(x)])));
    case 'string':
      return mkString(v.value);
    case 'number':
      return mkNumber(v.value);
    case 'bool':
      return mkBool(v.value);
    case 'null':
      return NULL;
    default:
      return v.origin ? UNKNOWN : v;
  }
}
