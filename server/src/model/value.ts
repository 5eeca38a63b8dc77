// Values of the evaluator. Three-valued at heart: a value is known, or it is not.
// Rules act on known values only; anything the evaluator does not model is `unknown`.

import type { Range } from '../hcl/ast';
import type { ResourceInstance } from './types';

/** Where a value was written: lets a finding point at a map entry or a tfvars line. */
export interface Origin {
  uri: string;
  range: Range;
}

export type Value =
  | UnknownValue
  | NullValue
  | StringValue
  | NumberValue
  | BoolValue
  | ListValue
  | MapValue
  | RefValue;

export interface UnknownValue {
  kind: 'unknown';
  /**
   * For a template whose pieces are partly known: the known pieces as strings and the
   * unknown ones as null, in order. `"com.amazonaws.${var.region}.ecr.dkr"` with an unknown
   * region is `['com.amazonaws.', null, '.ecr.dkr']`.
   */
  parts?: (string | null)[];
  origin?: Origin;
}

export interface NullValue { kind: 'null'; origin?: Origin }
export interface StringValue { kind: 'string'; value: string; origin?: Origin }
export interface NumberValue { kind: 'number'; value: number; origin?: Origin }
export interface BoolValue { kind: 'bool'; value: boolean; origin?: Origin }
/** Lists, tuples and sets. */
export interface ListValue { kind: 'list'; items: Value[]; origin?: Origin }
/** Maps and objects. Insertion order is kept (Terraform sorts keys of maps when iterating). */
export interface MapValue { kind: 'map'; entries: Map<string, Value>; origin?: Origin }

/**
 * An attribute of a resource (or data source) that Terraform only knows after apply, such
 * as `aws_vpc.main.id`: kept as a reference so rules can follow it to the block.
 */
export interface RefValue {
  kind: 'ref';
  target: ResourceInstance;
  /** The attribute path after the resource, e.g. ['id'] or ['dns_entry', 0, 'dns_name']. */
  path: (string | number)[];
  origin?: Origin;
}

export const UNKNOWN: UnknownValue = Object.freeze({ kind: 'unknown' }) as UnknownValue;

export function isKnown(v: Value | undefined): v is NullValue | StringValue | NumberValue | BoolValue | ListValue | MapValue {
  return v !== undefined && v.kind !== 'unknown' && v.kind !== 'ref';
}

/** True when the value and everything inside it is known (no unknown, no ref). */
export function isWhollyKnown(v: Value | undefined): boolean {
  if (!v) return false;
  switch (v.kind) {
    case 'unknown':
    case 'ref':
      return false;
    case 'list':
      return v.items.every(isWhollyKnown);
    case 'map':
      for (const x of v.entries.values()) if (!isWhollyKnown(x)) return false;
      return true;
    default:
      return true;
  }
}

export function str(v: Value | undefined): string | undefined {
  return v && v.kind === 'string' ? v.value : undefined;
}

/** A bool, accepting the strings "true"/"false" as Terraform's type conversion does. */
export function bool(v: Value | undefined): boolean | undefined {
  if (!v) return undefined;
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'string' && (v.value === 'true' || v.value === 'false')) return v.value === 'true';
  return undefined;
}

export function num(v: Value | undefined): number | undefined {
  if (!v) return undefined;
  if (v.kind === 'number') return v.value;
  if (v.kind === 'string' && v.value.trim() !== '' && !Number.isNaN(Number(v.value))) return Number(v.value);
  return undefined;
}

/** The items of a known list (or the values of a known map, as `for_each` sees a set). */
export function items(v: Value | undefined): Value[] | undefined {
  if (!v) return undefined;
  if (v.kind === 'list') return v.items;
  return undefined;
}

/** Converts a wholly known value to plain JSON (policies, comparisons). Undefined otherwise. */
export function toJson(v: Value): unknown {
  switch (v.kind) {
    case 'null': return null;
    case 'string':
    case 'number':
    case 'bool':
      return v.value;
    case 'list': {
      const out: unknown[] = [];
      for (const x of v.items) {
        const j = toJson(x);
        if (j === undefined) return undefined;
        out.push(j);
      }
      return out;
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, x] of v.entries) {
        const j = toJson(x);
        if (j === undefined) return undefined;
        out[k] = j;
      }
      return out;
    }
    default:
      return undefined;
  }
}
