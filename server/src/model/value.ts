// Values of the evaluator. Three-valued at heart: a value is known, or it is not.
// Rules act on known values only; anything the evaluator does not model is `unknown`.

import type { Range } from '../hcl/ast';
import type { ResourceInstance } from './types';
import { WeakCache } from './weak-cache';

/** Where a value was written: lets a finding point at a map entry or a tfvars line. */
export interface Origin {
  uri: string;
  range: Range;
}

export type Value = UnknownValue | NullValue | StringValue | NumberValue | BoolValue | ListValue | MapValue | RefValue;

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

export interface NullValue {
  kind: 'null';
  origin?: Origin;
}
export interface StringValue {
  kind: 'string';
  value: string;
  origin?: Origin;
}
export interface NumberValue {
  kind: 'number';
  value: number;
  origin?: Origin;
}
export interface BoolValue {
  kind: 'bool';
  value: boolean;
  origin?: Origin;
}
/** Lists, tuples and sets. */
export interface ListValue {
  kind: 'list';
  items: Value[];
  origin?: Origin;
}
/** Maps and objects. Insertion order is kept (Terraform sorts keys of maps when iterating). */
export interface MapValue {
  kind: 'map';
  entries: Map<string, Value>;
  origin?: Origin;
}

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

export const UNKNOWN: UnknownValue = Object.freeze({ kind: 'unknown' });

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

/** A bool, accepting the strings "true", "false", "1" and "0" as Terraform's type conversion does. */
export function bool(v: Value | undefined): boolean | undefined {
  if (!v) return undefined;
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'string') return BOOL_STRINGS[v.value];
  return undefined;
}

const BOOL_STRINGS: Readonly<Record<string, boolean | undefined>> = Object.assign(Object.create(null) as Record<string, boolean>, {
  true: true,
  false: false,
  '1': true,
  '0': false,
});

/** A number, accepting a string that spells one in decimal as Terraform's type conversion does. */
export function num(v: Value | undefined): number | undefined {
  if (!v) return undefined;
  if (v.kind === 'number') return v.value;
  if (v.kind === 'string') return decimalNumber(v.value);
  return undefined;
}

/**
 * The number a string spells in decimal (`42`, `-1.5`, `.5`, `5.`, `+1`, `1e3`), as Terraform
 * converts a string to a number; undefined for anything else: blanks around it, `0x10`,
 * `Infinity`, `1_000`.
 */
export function decimalNumber(s: string): number | undefined {
  return DECIMAL.test(s) ? Number(s) : undefined;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The items of a known list (or the values of a known map, as `for_each` sees a set). */
export function items(v: Value | undefined): Value[] | undefined {
  if (!v) return undefined;
  if (v.kind === 'list') return v.items;
  return undefined;
}

/** Converts a wholly known value to plain JSON (policies, comparisons). Undefined otherwise. */
export function toJson(v: Value): unknown {
  switch (v.kind) {
    case 'null':
      return null;
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

// ---- bounds of one evaluation
//
// Expressions come from files anyone may have written. Values share sub-values, so a few
// lines can describe data of exponential size, and loops can nest without end: every
// evaluation of a top-level expression runs on a budget of steps, and every value it builds
// is measured. Past a bound the value is unknown and the evaluation says which bound it hit.

/** Which bound an evaluation hit. */
export type LimitKind = 'items' | 'chars' | 'steps' | 'depth' | 'runtime';

export interface LimitHit {
  kind: LimitKind;
  /** The bound (a count of items, characters, steps or levels). */
  limit?: number;
  /** For a limit of the runtime: what it said. */
  detail?: string;
}

export interface Limits {
  /** Items (every list, map, primitive and map key counts one) in one value. */
  items: number;
  /** Characters of the strings (and map keys) in one value. */
  chars: number;
  /** Steps (nodes evaluated, iterations, items walked by functions) of one evaluation. */
  steps: number;
}

interface Budget {
  /** Who started the evaluation: another host's evaluation inside it gets its own budget. */
  owner: object;
  limits: Limits;
  left: number;
  hit: LimitHit | undefined;
}

let budget: Budget | undefined;

/** True while an evaluation started by `owner` is running on its budget. */
export function metering(owner: object): boolean {
  return budget !== undefined && budget.owner === owner;
}

/**
 * Runs one evaluation on a fresh budget (the caller's, if any, is set aside). A runtime
 * exception becomes unknown; so does the value when the steps ran out.
 */
export function metered(owner: object, limits: Limits, f: () => Value): { value: Value; hit: LimitHit | undefined } {
  const saved = budget;
  const b: Budget = { owner, limits, left: limits.steps, hit: undefined };
  budget = b;
  try {
    let value: Value;
    try {
      value = f();
    } catch (e) {
      value = runtimeLimit(e);
    }
    if (b.left < 0 || (b.hit && b.hit.kind === 'runtime')) value = UNKNOWN;
    return { value, hit: b.hit };
  } finally {
    budget = saved;
  }
}

/** Records that a bound was hit (the first one is kept) and gives unknown. */
export function limitHit(kind: LimitKind, limit?: number, detail?: string): UnknownValue {
  if (budget && !budget.hit) budget.hit = { kind, limit, detail };
  return UNKNOWN;
}

/** An exception of the runtime (string or array too long, stack exhausted) as a bound hit. */
export function runtimeLimit(e: unknown): UnknownValue {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError) {
    if (/string length/i.test(message)) return limitHit('chars', budget?.limits.chars);
    if (/array length/i.test(message)) return limitHit('items', budget?.limits.items);
    if (/call stack/i.test(message)) return limitHit('depth', undefined, message);
  }
  return limitHit('runtime', undefined, message);
}

/** Takes `n` steps; false (and the bound recorded) once the evaluation has none left. */
export function spend(n: number): boolean {
  const b = budget;
  if (!b) return true;
  b.left -= n;
  if (b.left >= 0) return true;
  if (!b.hit) b.hit = { kind: 'steps', limit: b.limits.steps };
  return false;
}

/** Uses up the evaluation's steps (work that would not end, or not in time): unknown. */
export function exhaust(): UnknownValue {
  spend(Number.MAX_SAFE_INTEGER);
  return UNKNOWN;
}

/** True once the evaluation's steps ran out. */
export function outOfSteps(): boolean {
  return budget !== undefined && budget.left < 0;
}

/** The bounds of the running evaluation, if any. */
export function currentLimits(): Limits | undefined {
  return budget?.limits;
}

/** A value as built, or unknown (with the bound recorded) when it is larger than a value may be. */
export function bounded(v: Value): Value {
  const b = budget;
  if (!b) return v;
  if (v.kind === 'string') return v.value.length > b.limits.chars ? limitHit('chars', b.limits.chars) : v;
  if (v.kind !== 'list' && v.kind !== 'map') return v;
  const s = sizeOf(v);
  if (s.items > b.limits.items) return limitHit('items', b.limits.items);
  if (s.chars > b.limits.chars) return limitHit('chars', b.limits.chars);
  return v;
}

/** How large a value is, shared sub-values counted each time they appear. */
export interface ValueSize {
  items: number;
  chars: number;
}

const sizes = new WeakCache<object, ValueSize>();

/** Values of fewer items are counted afresh when asked again (a bounded cost, as their items are). */
const REMEMBERED_SIZE = 32;

export function sizeOf(v: Value): ValueSize {
  switch (v.kind) {
    case 'string':
      return { items: 1, chars: v.value.length };
    case 'list':
    case 'map':
    case 'unknown': {
      const hit = sizes.get(v);
      if (hit) return hit;
      let items = 1;
      let chars = 0;
      // A string item is counted here: no size object made for it.
      if (v.kind === 'list') {
        for (const x of v.items) {
          if (x.kind === 'string') {
            items += 1;
            chars += x.value.length;
            continue;
          }
          const s = sizeOf(x);
          items += s.items;
          chars += s.chars;
        }
      } else if (v.kind === 'map') {
        for (const [k, x] of v.entries) {
          if (x.kind === 'string') {
            items += 2;
            chars += x.value.length + k.length;
            continue;
          }
          const s = sizeOf(x);
          items += s.items + 1;
          chars += s.chars + k.length;
        }
      } else if (v.parts) {
        for (const p of v.parts) if (p !== null) chars += p.length;
      }
      const s = { items, chars };
      // Only large lists and maps are remembered: a small one costs less to count again than
      // a weak map's entry does to keep (every list and map built is measured). An unknown's
      // parts may be many: it is remembered.
      if (items >= REMEMBERED_SIZE || v.kind === 'unknown') sizes.set(v, s);
      return s;
    }
    case 'ref':
      return { items: 1 + v.path.length, chars: 0 };
    default:
      return { items: 1, chars: 0 };
  }
}

/**
 * What walking a value once costs, in steps: its items, and its characters at `perChar`
 * steps each (work the runtime does natively on a string costs a 64th of a step a character).
 */
export function walkCost(v: Value, perChar = 1 / 64): number {
  const s = sizeOf(v);
  return s.items + Math.ceil(s.chars * perChar);
}

/** What looking at the top level of a value costs, in steps. */
export function shallowCost(v: Value, perChar = 1 / 64): number {
  switch (v.kind) {
    case 'list':
      return 1 + v.items.length;
    case 'map':
      return 1 + v.entries.size;
    case 'string':
      return 1 + Math.ceil(v.value.length * perChar);
    default:
      return 1;
  }
}

/** Words for a bound hit, to follow "the value of x": `exceeds the evaluator's size limit (…)`. */
export function describeLimit(hit: LimitHit): string {
  switch (hit.kind) {
    case 'items':
      return `exceeds the evaluator's size limit (${hit.limit ?? '?'} items)`;
    case 'chars':
      return `exceeds the evaluator's size limit (${hit.limit ?? '?'} characters)`;
    case 'steps':
      return `exceeds the evaluator's step limit (${hit.limit ?? '?'} steps)`;
    case 'depth':
      return hit.limit !== undefined
        ? `nests deeper than the evaluator's depth limit (${hit.limit} levels)`
        : `nests deeper than the evaluator's depth limit (${hit.detail ?? 'stack exhausted'})`;
    case 'runtime':
      return `could not be evaluated (${hit.detail ?? 'error'})`;
  }
}
