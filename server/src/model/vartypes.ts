// The basic conversions Terraform applies to a variable's value from its `type`: primitives
// between string, number and bool, and sets (deduplicated, ordered). Other types pass as is.

import type { Expression } from '../hcl/ast';
import { asString, compareStrings, dedupeValues, mkBool, mkList, mkNumber, mkString } from './convert';
import type { Value } from './value';

export function convertToType(v: Value, type: Expression | undefined): Value {
  if (!type || v.kind === 'unknown' || v.kind === 'ref' || v.kind === 'null') return v;
  if (type.type === 'Variable') {
    switch (type.name) {
      case 'string': {
        const s = v.kind === 'number' || v.kind === 'bool' ? asString(v) : undefined;
        return s === undefined ? v : mkString(s, v.origin);
      }
      case 'number':
        if (v.kind === 'string' && v.value.trim() !== '' && !Number.isNaN(Number(v.value))) return mkNumber(Number(v.value), v.origin);
        return v;
      case 'bool':
        if (v.kind === 'string' && (v.value === 'true' || v.value === 'false')) return { ...mkBool(v.value === 'true'), origin: v.origin };
        return v;
      default:
        return v;
    }
  }
  if (type.type === 'FunctionCall' && type.args.length === 1 && v.kind === 'list') {
    const elem = type.args[0];
    const items = v.items.map((x) => convertToType(x, elem));
    if (type.name.name === 'set') return mkList(toSetOrder(items), v.origin);
    if (type.name.name === 'list') return mkList(items, v.origin);
  }
  return v;
}

function toSetOrder(items: Value[]): Value[] {
  const out = dedupeValues(items) ?? items;
  if (out.every((x) => x.kind === 'string'))
    out.sort((a, b) => compareStrings((a as { value: string }).value, (b as { value: string }).value));
  return out;
}
