// The conversions Terraform applies to a variable's value from its `type`: primitives between
// string, number and bool; lists, sets (deduplicated, ordered), tuples and maps element by
// element; objects to their declared attributes, where an attribute the value leaves out (or
// sets to null) takes its `optional(type, default)` default, or null, and an attribute the type
// does not declare is dropped. Other types pass as is, and so does a value that does not fit its
// type (Terraform stops there with an error).

import type { Expression, ObjectExpr } from '../hcl/ast';
import { asString, dedupeValues, mkBool, mkList, mkMap, mkNumber, mkString, NULL, setOrder } from './convert';
import { keyText } from './index-blocks';
import { bool, decimalNumber, spend, type MapValue, type Value } from './value';

/** The value of an optional attribute's default (a constant written in the type). */
export type DefaultOf = (expr: Expression) => Value;

/**
 * `v` converted to `type`. Each value made takes a step of the running evaluation's budget
 * (see value.ts): the caller runs the conversion metered and takes an unknown when it ran out.
 */
export function convertToType(v: Value, type: Expression | undefined, defaultOf?: DefaultOf): Value {
  return new Conversion(defaultOf).to(v, type);
}

class Conversion {
  /** Each default written in the type, converted once however many objects take it. */
  private readonly defaults = new Map<Expression, Value>();

  constructor(private readonly defaultOf: DefaultOf | undefined) {}

  to(v: Value, type: Expression | undefined): Value {
    if (!type || v.kind === 'unknown' || v.kind === 'ref' || v.kind === 'null') return v;
    if (type.type === 'Variable') return primitive(v, type.name);
    if (type.type !== 'FunctionCall' || type.args.length === 0) return v;
    const arg = type.args[0];
    switch (type.name.name) {
      case 'list':
      case 'set': {
        if (v.kind !== 'list' || !spend(v.items.length)) return v;
        const items = v.items.map((x) => this.to(x, arg));
        return mkList(type.name.name === 'set' ? toSetOrder(items) : items, v.origin);
      }
      case 'tuple': {
        if (v.kind !== 'list' || arg.type !== 'Tuple' || arg.items.length !== v.items.length || !spend(v.items.length)) return v;
        return mkList(
          v.items.map((x, i) => this.to(x, arg.items[i])),
          v.origin,
        );
      }
      case 'map': {
        if (v.kind !== 'map' || !spend(v.entries.size)) return v;
        const out = new Map<string, Value>();
        for (const [k, x] of v.entries) out.set(k, this.to(x, arg));
        return mkMap(out, v.origin);
      }
      case 'object':
        return v.kind === 'map' && arg.type === 'Object' ? this.object(v, arg) : v;
      case 'optional':
        // Only meaningful as an attribute's type (see object); elsewhere, its type.
        return this.to(v, arg);
      default:
        return v;
    }
  }

  private object(v: MapValue, type: ObjectExpr): Value {
    if (!spend(type.items.length)) return v;
    const out = new Map<string, Value>();
    for (const item of type.items) {
      const name = keyText(item.key);
      // A type Terraform does not accept: the value is left as given.
      if (name === undefined) return v;
      let t = item.value;
      let x = v.entries.get(name);
      if (t.type === 'FunctionCall' && t.name.name === 'optional' && t.args.length > 0) {
        const def = t.args[1];
        t = t.args[0];
        if (x === undefined || x.kind === 'null') {
          if (def === undefined) x = NULL;
          else {
            let d = this.defaults.get(def);
            if (d === undefined) {
              const given = this.defaultOf?.(def);
              d = given === undefined ? undefined : this.to(given, t);
              if (d) this.defaults.set(def, d);
            }
            if (d === undefined) continue;
            out.set(name, d);
            continue;
          }
        }
      }
      // A required attribute left out: Terraform stops with an error; it stays out (unknown).
      if (x === undefined) continue;
      out.set(name, this.to(x, t));
    }
    return mkMap(out, v.origin);
  }
}

function primitive(v: Value, name: string): Value {
  switch (name) {
    case 'string': {
      const s = v.kind === 'number' || v.kind === 'bool' ? asString(v) : undefined;
      return s === undefined ? v : mkString(s, v.origin);
    }
    case 'number':
      if (v.kind === 'string') {
        const n = decimalNumber(v.value);
        if (n !== undefined) return mkNumber(n, v.origin);
      }
      return v;
    case 'bool':
      if (v.kind === 'string') {
        const b = bool(v);
        if (b !== undefined) return { ...mkBool(b), origin: v.origin };
      }
      return v;
    default:
      return v;
  }
}

function toSetOrder(items: Value[]): Value[] {
  return setOrder(dedupeValues(items) ?? items);
}
