// Variable values from `terraform.tfvars`, `terraform.tfvars.json` and `*.auto.tfvars(.json)`,
// in Terraform's order of precedence (later files win), each value remembering its line.

import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { computeLineStarts, offsetToPosition } from '../hcl/positions';
import { fromJson, mkList, mkMap, origin } from './convert';
import { evaluate, type EvalHost } from './evaluate';
import { baseOf } from './paths';
import type { SourceFile } from './types';
import type { Value } from './value';

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

const cache = new WeakMap<SourceFile, Map<string, Value>>();

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
      if (it.type === 'Attribute' && it.value) m.set(it.name.name, evaluate(it.value, { host: constants, uri: file.uri, vars: undefined }));
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

/** All values, later files overriding earlier ones. `files` must be in tfvarsOrder. */
export function tfvarsValues(files: readonly SourceFile[]): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const f of files) for (const [k, v] of valuesOf(f)) out.set(k, v);
  return out;
}
