// Helpers over evaluator values: construction, equality, conversion to strings, JSON both
// ways. Errors (a missing key, a failed function) are unknown values too, but marked, so that
// `try` and `can` can tell "failed" from "not known yet".

import type { Range } from '../hcl/ast';
import { UNKNOWN, type ListValue, type MapValue, type Origin, type UnknownValue, type Value } from './value';

const errors = new WeakSet<object>();

/** An evaluation error: unknown to everyone but `try` and `can`. */
export function errorValue(): UnknownValue {
  const v: UnknownValue = { kind: 'unknown' };
  errors.add(v);
  return v;
}

export function isError(v: Value | undefined): boolean {
  return v !== undefined && errors.has(v);
}

/** Unknown, but keeps an error from any of the inputs (errors win, as in Terraform). */
export function unknownFrom(...vals: (Value | undefined)[]): UnknownValue {
  for (const v of vals) if (v && errors.has(v)) return v as UnknownValue;
  return UNKNOWN;
}

export function mkString(value: string, origin?: Origin): Value {
  return origin ? { kind: 'string', value, origin } : { kind: 'string', value };
}

export function mkNumber(value: number, origin?: Origin): Value {
  return origin ? { kind: 'number', value, origin } : { kind: 'number', value };
}

export function mkBool(value: boolean): Value {
  return { kind: 'bool', value };
}

export const NULL: Value = Object.freeze({ kind: 'null' });

export function mkList(items: Value[], origin?: Origin): ListValue {
  return origin ? { kind: 'list', items, origin } : { kind: 'list', items };
}

export function mkMap(entries: Map<string, Value>, origin?: Origin): MapValue {
  return origin ? { kind: 'map', entries, origin } : { kind: 'map', entries };
}

export function origin(uri: string, range: Range): Origin {
  return { uri, range };
}

/** Keys in the order Terraform iterates maps and objects: lexical. */
export function sortedKeys(m: MapValue): string[] {
  return [...m.entries.keys()].sort(compareStrings);
}

/**
 * Terraform's order of strings: by UTF-8 bytes, which is code point order. JavaScript's `<`
 * compares UTF-16 code units, which differs only where a character above U+FFFF (a surrogate
 * pair, such as an emoji) meets one from U+E000 to U+FFFF (such as a full-width form).
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length < b.length ? -1 : 1;
  return codePointRank(a.charCodeAt(i)) < codePointRank(b.charCodeAt(i)) ? -1 : 1;
}

/** A UTF-16 code unit moved so that code units compare as the code points they start. */
function codePointRank(c: number): number {
  if (c < 0xd800) return c;
  return c < 0xe000 ? c + 0x2000 : c - 0x800;
}

/** Terraform's set order: strings by code point, numbers ascending, false before true; other sets keep their order. */
export function setOrder(items: Value[]): Value[] {
  if (items.every((x) => x.kind === 'string')) return [...items].sort((a, b) => compareStrings(a.value, b.value));
  if (items.every((x) => x.kind === 'number')) return [...items].sort((a, b) => a.value - b.value);
  if (items.every((x) => x.kind === 'bool')) return [...items].sort((a, b) => Number(a.value) - Number(b.value));
  return items;
}

/** Terraform's number to string: integers without a fraction, others in shortest form. */
export function numberToString(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

/** A primitive as a string (template interpolation, tostring); undefined for others. */
export function asString(v: Value): string | undefined {
  switch (v.kind) {
    case 'string':
      return v.value;
    case 'number':
      return numberToString(v.value);
    case 'bool':
      return v.value ? 'true' : 'false';
    default:
      return undefined;
  }
}

/**
 * Equality of two values: true/false when it can be told, undefined when not (an unknown
 * part, or two refs that are not the same attribute of the same instance).
 */
export function valueEquals(a: Value, b: Value): boolean | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  if (a.kind === 'ref' || b.kind === 'ref') {
    if (a.kind === 'ref' && b.kind === 'ref' && a.target === b.target && samePath(a.path, b.path)) return true;
    return undefined;
  }
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'null':
      return true;
    case 'string':
    case 'number':
    case 'bool':
      return a.value === (b as typeof a).value;
    case 'list': {
      const bi = (b as ListValue).items;
      if (a.items.length !== bi.length) return false;
      let unknown = false;
      for (let i = 0; i < bi.length; i++) {
        const e = valueEquals(a.items[i], bi[i]);
        if (e === false) return false;
        if (e === undefined) unknown = true;
      }
      return unknown ? undefined : true;
    }
    case 'map': {
      const be = (b as MapValue).entries;
      if (a.entries.size !== be.size) return false;
      let unknown = false;
      for (const [k, x] of a.entries) {
        const y = be.get(k);
        if (y === undefined) return false;
        const e = valueEquals(x, y);
        if (e === false) return false;
        if (e === undefined) unknown = true;
      }
      return unknown ? undefined : true;
    }
  }
}

function samePath(a: (string | number)[], b: (string | number)[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A value from parsed JSON (jsondecode, `.tfvars.json`). */
export function fromJson(j: unknown, o?: Origin): Value {
  if (j === null || j === undefined) return o ? { kind: 'null', origin: o } : NULL;
  if (typeof j === 'string') return mkString(j, o);
  if (typeof j === 'number') return mkNumber(j, o);
  if (typeof j === 'boolean') return o ? { kind: 'bool', value: j, origin: o } : mkBool(j);
  if (Array.isArray(j))
    return mkList(
      j.map((x) => fromJson(x, o)),
      o,
    );
  const m = new Map<string, Value>();
  for (const [k, x] of Object.entries(j as Record<string, unknown>)) m.set(k, fromJson(x, o));
  return mkMap(m, o);
}

/** Past these sizes a value is unknown: shared sub-values can describe exponentially large data. */
export const MAX_STRING = 16 * 1024 * 1024;
export const MAX_ITEMS = 1_000_000;

/**
 * JSON text as Terraform's jsonencode writes it: object keys sorted, no spaces, and `<`, `>`,
 * `&`, U+2028, U+2029 escaped. Undefined unless wholly known (or when too large).
 */
export function encodeJson(v: Value): string | undefined {
  const budget = { left: MAX_STRING };
  return encodeWithin(v, budget);
}

function encodeWithin(v: Value, budget: { left: number }): string | undefined {
  if (budget.left < 0) return undefined;
  let out: string | undefined;
  switch (v.kind) {
    case 'null':
      out = 'null';
      break;
    case 'bool':
      out = v.value ? 'true' : 'false';
      break;
    case 'number':
      out = Number.isFinite(v.value) ? numberToString(v.value) : undefined;
      break;
    case 'string':
      out = quoteJson(v.value);
      break;
    case 'list': {
      const parts: string[] = [];
      for (const x of v.items) {
        const s = encodeWithin(x, budget);
        if (s === undefined) return undefined;
        parts.push(s);
      }
      return `[${parts.join(',')}]`;
    }
    case 'map': {
      const parts: string[] = [];
      for (const k of sortedKeys(v)) {
        const s = encodeWithin(v.entries.get(k)!, budget);
        if (s === undefined) return undefined;
        parts.push(`${quoteJson(k)}:${s}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined;
  }
  if (out !== undefined) budget.left -= out.length;
  return budget.left < 0 ? undefined : out;
}

/** Characters Terraform's jsonencode writes as `\u` escapes. */
const ESCAPED = /[<>&\u2028\u2029]/;
const ESCAPED_ALL = /[<>&\u2028\u2029]/g;

function quoteJson(s: string): string {
  const q = JSON.stringify(s);
  // Most strings hold none of them: a test is cheaper than a replace.
  return ESCAPED.test(q) ? q.replace(ESCAPED_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : q;
}

/** Drops the origin of a value (results of functions are not "written" anywhere). */
export function withOrigin<T extends Value>(v: T, o: Origin | undefined): T {
  if (v.origin === o) return v;
  return { ...v, origin: o };
}

/**
 * Removes duplicates, keeping the first of each; undefined when two items cannot be compared
 * (unknown parts). Primitives go through a hash so large sets stay linear.
 */
export function dedupeValues(items: Value[]): Value[] | undefined {
  const out: Value[] = [];
  const primitives = new Set<string>();
  const others: Value[] = [];
  for (const x of items) {
    if (x.kind === 'string' || x.kind === 'number' || x.kind === 'bool' || x.kind === 'null') {
      const key = x.kind === 'null' ? 'null' : `${x.kind}:${String(x.value)}`;
      if (primitives.has(key)) continue;
      primitives.add(key);
      out.push(x);
      continue;
    }
    let dup = false;
    for (const y of others) {
      const e = valueEquals(x, y);
      if (e === true) {
        dup = true;
        break;
      }
      // Two distinct refs are distinct resources' attributes: kept apart, as Terraform will.
      if (e === undefined && !(x.kind === 'ref' && y.kind === 'ref')) return undefined;
    }
    if (!dup) {
      others.push(x);
      out.push(x);
    }
  }
  if (others.length && primitives.size && others.some((x) => x.kind === 'unknown')) return undefined;
  return out;
}
