// Terraform's built-in functions that real modules use around endpoints and networks.
// Each follows Terraform's documented behaviour on known inputs; an unknown input gives
// unknown, a misuse gives an error value (which `try` and `can` see), and a function that is
// not here gives plain unknown: not modelled is not a failure.

import {
  asString, compareStrings, dedupeValues, encodeJson, MAX_ITEMS, MAX_STRING, errorValue, fromJson, isError, mkBool, mkList, mkMap,
  mkNumber, mkString, NULL, sortedKeys, unknownFrom, valueEquals,
} from './convert';
import { cidrHost, cidrNetmask, cidrSubnet } from './cidr';
import { formatString } from './format';
import { UNKNOWN, type ListValue, type MapValue, type Value } from './value';

type Fn = (args: Value[]) => Value;

export function callFunction(name: string, args: Value[]): Value {
  const f = FUNCTIONS.get(name);
  if (!f) return UNKNOWN;
  for (const a of args) if (isError(a)) return a;
  const r = f(args);
  if ((r.kind === 'string' && r.value.length > MAX_STRING) || (r.kind === 'list' && r.items.length > MAX_ITEMS)) return UNKNOWN;
  return r;
}

export function isModelledFunction(name: string): boolean {
  return FUNCTIONS.has(name) || name === 'try' || name === 'can';
}

// ---- argument helpers

const unknown = (v: Value): boolean => v.kind === 'unknown' || v.kind === 'ref';

/** A string parameter: primitives convert as Terraform converts them. */
function s(v: Value): string | undefined {
  return asString(v);
}

function arity(args: Value[], min: number, max = min): boolean {
  return args.length >= min && args.length <= max;
}

/** Applies `f` to string arguments when all are known; unknown or error otherwise. */
function strings(n: number, f: (...xs: string[]) => Value): Fn {
  return (args) => {
    if (!arity(args, n)) return errorValue();
    const xs: string[] = [];
    for (const a of args) {
      if (unknown(a)) return unknownFrom(a);
      const x = s(a);
      if (x === undefined) return errorValue();
      xs.push(x);
    }
    return f(...xs);
  };
}

function list(v: Value): ListValue | undefined {
  return v.kind === 'list' ? v : undefined;
}

function numArg(v: Value): number | undefined {
  if (v.kind === 'number') return v.value;
  if (v.kind === 'string' && v.value.trim() !== '' && !Number.isNaN(Number(v.value))) return Number(v.value);
  return undefined;
}

const dedupe = dedupeValues;

/** Terraform's set order: strings lexical, numbers ascending; other sets keep their order. */
function setOrder(items: Value[]): Value[] {
  if (items.every((x) => x.kind === 'string')) {
    return [...items].sort((a, b) => compareStrings((a as { value: string }).value, (b as { value: string }).value));
  }
  if (items.every((x) => x.kind === 'number')) {
    return [...items].sort((a, b) => (a as { value: number }).value - (b as { value: number }).value);
  }
  return items;
}

function toSet(items: Value[]): Value {
  const d = dedupe(items);
  return d ? mkList(setOrder(d)) : UNKNOWN;
}

function chars(x: string): string[] {
  return [...x];
}

// ---- the table

const FUNCTIONS = new Map<string, Fn>();
const def = (name: string, f: Fn) => FUNCTIONS.set(name, f);

def('jsonencode', (args) => {
  if (!arity(args, 1)) return errorValue();
  const j = encodeJson(args[0]);
  return j === undefined ? UNKNOWN : mkString(j);
});

def('jsondecode', strings(1, (x) => {
  try {
    return fromJson(JSON.parse(x));
  } catch {
    return errorValue();
  }
}));

def('merge', (args) => {
  const m = new Map<string, Value>();
  for (const a of args) {
    if (a.kind === 'null') continue;
    if (unknown(a)) return UNKNOWN;
    if (a.kind !== 'map') return errorValue();
    for (const [k, v] of a.entries) m.set(k, v);
  }
  return mkMap(m);
});

def('concat', (args) => {
  const out: Value[] = [];
  for (const a of args) {
    if (unknown(a)) return UNKNOWN;
    if (a.kind !== 'list') return errorValue();
    if (out.length + a.items.length > MAX_ITEMS) return UNKNOWN;
    for (const x of a.items) out.push(x);
  }
  return mkList(out);
});

def('toset', (args) => {
  if (!arity(args, 1)) return errorValue();
  const a = args[0];
  if (unknown(a)) return UNKNOWN;
  if (a.kind === 'null') return a;
  if (a.kind !== 'list') return errorValue();
  return toSet(a.items);
});

def('tolist', (args) => {
  if (!arity(args, 1)) return errorValue();
  const a = args[0];
  if (unknown(a)) return UNKNOWN;
  return a.kind === 'list' || a.kind === 'null' ? a : errorValue();
});

def('tomap', (args) => {
  if (!arity(args, 1)) return errorValue();
  const a = args[0];
  if (unknown(a)) return UNKNOWN;
  return a.kind === 'map' || a.kind === 'null' ? a : errorValue();
});

def('flatten', (args) => {
  if (!arity(args, 1)) return errorValue();
  const out: Value[] = [];
  const walk = (v: Value): boolean => {
    if (v.kind === 'unknown') return false;
    if (v.kind !== 'list') {
      out.push(v);
      return true;
    }
    return v.items.every(walk);
  };
  if (args[0].kind !== 'list') return unknown(args[0]) ? UNKNOWN : errorValue();
  return walk(args[0]) ? mkList(out) : UNKNOWN;
});

def('format', (args) => {
  if (args.length < 1) return errorValue();
  if (unknown(args[0])) return UNKNOWN;
  const f = s(args[0]);
  if (f === undefined) return errorValue();
  return formatString(f, args.slice(1));
});

def('lookup', (args) => {
  if (!arity(args, 2, 3)) return errorValue();
  const [m, k] = args;
  if (unknown(m) || unknown(k)) return UNKNOWN;
  const key = s(k);
  if (m.kind !== 'map' || key === undefined) return errorValue();
  return m.entries.get(key) ?? args[2] ?? errorValue();
});

def('element', (args) => {
  if (!arity(args, 2)) return errorValue();
  const [l, i] = args;
  if (unknown(l) || unknown(i)) return UNKNOWN;
  const n = numArg(i);
  if (l.kind !== 'list' || n === undefined || !Number.isInteger(n) || n < 0 || l.items.length === 0) return errorValue();
  return l.items[n % l.items.length];
});

def('replace', strings(3, (x, sub, rep) => {
  if (sub.length > 1 && sub.startsWith('/') && sub.endsWith('/')) {
    let re: RegExp;
    try {
      // RE2's named groups are `(?P<name>...)`; JavaScript spells them `(?<name>...)`.
      re = new RegExp(sub.slice(1, -1).replace(/\(\?P</g, '(?<'), 'gu');
    } catch {
      return UNKNOWN; // RE2 syntax JavaScript does not read: not modelled
    }
    return mkString(x.replace(re, rep.replace(/\$\{(\d+)\}/g, '$$$1')));
  }
  if (sub === '') return mkString(x);
  return mkString(x.split(sub).join(rep));
}));

def('lower', strings(1, (x) => mkString(x.toLowerCase())));
def('upper', strings(1, (x) => mkString(x.toUpperCase())));
def('trimspace', strings(1, (x) => mkString(x.trim())));
def('chomp', strings(1, (x) => mkString(x.replace(/(?:\r\n|\r|\n)+$/, ''))));
def('startswith', strings(2, (x, p) => mkBool(x.startsWith(p))));
def('endswith', strings(2, (x, p) => mkBool(x.endsWith(p))));
def('trimprefix', strings(2, (x, p) => mkString(p && x.startsWith(p) ? x.slice(p.length) : x)));
def('trimsuffix', strings(2, (x, p) => mkString(p && x.endsWith(p) ? x.slice(0, x.length - p.length) : x)));
def('trim', strings(2, (x, cut) => {
  const set = new Set(chars(cut));
  const c = chars(x);
  let a = 0;
  let b = c.length;
  while (a < b && set.has(c[a])) a++;
  while (b > a && set.has(c[b - 1])) b--;
  return mkString(c.slice(a, b).join(''));
}));
def('strrev', strings(1, (x) => mkString(chars(x).reverse().join(''))));
def('title', strings(1, (x) => mkString(x.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()))));
def('split', strings(2, (sep, x) => mkList((x === '' ? [''] : x.split(sep)).map((p) => mkString(p)))));
def('base64encode', strings(1, (x) => mkString(Buffer.from(x, 'utf8').toString('base64'))));
def('base64decode', strings(1, (x) => {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(x) || x.length % 4 !== 0) return errorValue();
  return mkString(Buffer.from(x, 'base64').toString('utf8'));
}));

def('substr', (args) => {
  if (!arity(args, 3)) return errorValue();
  if (args.some(unknown)) return UNKNOWN;
  const x = s(args[0]);
  let off = numArg(args[1]);
  let len = numArg(args[2]);
  if (x === undefined || off === undefined || len === undefined) return errorValue();
  const c = chars(x);
  if (off < 0) off = c.length + off;
  if (off < 0 || off > c.length) return errorValue();
  if (len < 0) len = c.length - off;
  return mkString(c.slice(off, off + len).join(''));
});

def('length', (args) => {
  if (!arity(args, 1)) return errorValue();
  const a = args[0];
  switch (a.kind) {
    case 'list': return mkNumber(a.items.length);
    case 'map': return mkNumber(a.entries.size);
    case 'string': return mkNumber(chars(a.value).length);
    case 'unknown':
    case 'ref':
      return UNKNOWN;
    default: return errorValue();
  }
});

def('keys', (args) => {
  if (!arity(args, 1)) return errorValue();
  const m = args[0];
  if (unknown(m)) return UNKNOWN;
  if (m.kind !== 'map') return errorValue();
  return mkList(sortedKeys(m).map((k) => mkString(k)));
});

def('values', (args) => {
  if (!arity(args, 1)) return errorValue();
  const m = args[0];
  if (unknown(m)) return UNKNOWN;
  if (m.kind !== 'map') return errorValue();
  return mkList(sortedKeys(m).map((k) => m.entries.get(k)!));
});

def('coalesce', (args) => {
  for (const a of args) {
    // A computed attribute (an id, an ARN) is never null or empty once known.
    if (a.kind === 'ref') return a;
    if (unknown(a)) return UNKNOWN;
    if (a.kind === 'null' || (a.kind === 'string' && a.value === '')) continue;
    return a;
  }
  return errorValue();
});

def('coalescelist', (args) => {
  for (const a of args) {
    if (unknown(a)) return UNKNOWN;
    if (a.kind !== 'list') return errorValue();
    if (a.items.length) return a;
  }
  return errorValue();
});

def('cidrsubnet', (args) => {
  if (!arity(args, 3)) return errorValue();
  if (args.some(unknown)) return UNKNOWN;
  const p = s(args[0]);
  const bits = numArg(args[1]);
  const n = numArg(args[2]);
  if (p === undefined || bits === undefined || n === undefined) return errorValue();
  const r = cidrSubnet(p, bits, n);
  return r === undefined ? errorValue() : mkString(r);
});

def('cidrhost', (args) => {
  if (!arity(args, 2)) return errorValue();
  if (args.some(unknown)) return UNKNOWN;
  const p = s(args[0]);
  const n = numArg(args[1]);
  if (p === undefined || n === undefined) return errorValue();
  const r = cidrHost(p, n);
  return r === undefined ? errorValue() : mkString(r);
});

def('cidrnetmask', strings(1, (p) => {
  const r = cidrNetmask(p);
  return r === undefined ? errorValue() : mkString(r);
}));

def('contains', (args) => {
  if (!arity(args, 2)) return errorValue();
  const [l, v] = args;
  if (unknown(l)) return UNKNOWN;
  if (l.kind !== 'list') return errorValue();
  let maybe = false;
  for (const x of l.items) {
    const e = valueEquals(x, v);
    if (e === true) return mkBool(true);
    if (e === undefined) maybe = true;
  }
  return maybe ? UNKNOWN : mkBool(false);
});

def('distinct', (args) => {
  if (!arity(args, 1)) return errorValue();
  const l = args[0];
  if (unknown(l)) return UNKNOWN;
  if (l.kind !== 'list') return errorValue();
  const d = dedupe(l.items);
  return d ? mkList(d) : UNKNOWN;
});

def('join', (args) => {
  if (args.length < 2) return errorValue();
  if (unknown(args[0])) return UNKNOWN;
  const sep = s(args[0]);
  if (sep === undefined) return errorValue();
  const pieces: (string | null)[] = [];
  let first = true;
  for (const l of args.slice(1)) {
    if (unknown(l)) return UNKNOWN;
    if (l.kind !== 'list') return errorValue();
    for (const x of l.items) {
      if (!first) pieces.push(sep);
      first = false;
      if (x.kind === 'unknown' && x.parts && !isError(x)) for (const p of x.parts) pieces.push(p);
      else if (unknown(x)) pieces.push(null);
      else {
        const t = s(x);
        if (t === undefined) return errorValue();
        pieces.push(t);
      }
    }
  }
  if (pieces.every((p) => p !== null)) return mkString(pieces.join(''));
  const merged: (string | null)[] = [];
  for (const p of pieces) {
    const last = merged.length - 1;
    if (p !== null && last >= 0 && merged[last] !== null) merged[last] += p;
    else merged.push(p);
  }
  return merged.length > 10_000 ? UNKNOWN : { kind: 'unknown', parts: merged };
});

def('zipmap', (args) => {
  if (!arity(args, 2)) return errorValue();
  const [k, v] = args;
  if (unknown(k) || unknown(v)) return UNKNOWN;
  if (k.kind !== 'list' || v.kind !== 'list' || k.items.length !== v.items.length) return errorValue();
  const m = new Map<string, Value>();
  for (let i = 0; i < k.items.length; i++) {
    const key = k.items[i];
    if (unknown(key)) return UNKNOWN;
    const ks = s(key);
    if (ks === undefined) return errorValue();
    m.set(ks, v.items[i]);
  }
  return mkMap(m);
});

def('compact', (args) => {
  if (!arity(args, 1)) return errorValue();
  const l = args[0];
  if (unknown(l)) return UNKNOWN;
  if (l.kind !== 'list') return errorValue();
  if (l.items.some(unknown)) return UNKNOWN;
  return mkList(l.items.filter((x) => x.kind !== 'null' && !(x.kind === 'string' && x.value === '')));
});

def('slice', (args) => {
  if (!arity(args, 3)) return errorValue();
  if (args.some(unknown)) return UNKNOWN;
  const l = list(args[0]);
  const a = numArg(args[1]);
  const b = numArg(args[2]);
  if (!l || a === undefined || b === undefined || a < 0 || b > l.items.length || a > b) return errorValue();
  return mkList(l.items.slice(a, b));
});

function minmax(pick: (a: number, b: number) => number): Fn {
  return (args) => {
    if (!args.length) return errorValue();
    let r: number | undefined;
    for (const a of args) {
      if (unknown(a)) return UNKNOWN;
      const n = numArg(a);
      if (n === undefined) return errorValue();
      r = r === undefined ? n : pick(r, n);
    }
    return mkNumber(r!);
  };
}
def('min', minmax(Math.min));
def('max', minmax(Math.max));

def('sum', (args) => {
  if (!arity(args, 1)) return errorValue();
  const l = args[0];
  if (unknown(l)) return UNKNOWN;
  if (l.kind !== 'list' || !l.items.length) return errorValue();
  let t = 0;
  for (const x of l.items) {
    if (unknown(x)) return UNKNOWN;
    const n = numArg(x);
    if (n === undefined) return errorValue();
    t += n;
  }
  return mkNumber(t);
});

function numeric(f: (n: number) => number): Fn {
  return (args) => {
    if (!arity(args, 1)) return errorValue();
    if (unknown(args[0])) return UNKNOWN;
    const n = numArg(args[0]);
    return n === undefined ? errorValue() : mkNumber(f(n));
  };
}
def('abs', numeric(Math.abs));
def('ceil', numeric(Math.ceil));
def('floor', numeric(Math.floor));
def('signum', numeric(Math.sign));

def('tostring', (args) => {
  if (!arity(args, 1)) return errorValue();
  const a = args[0];
  if (unknown(a)) return a.kind === 'unknown' ? a : UNKNOWN;
  if (a.kind === 'null') return a;
  const x = s(a);
  return x === undefined ? errorValue() : mkString(x, a.origin);
});

def('tonumber', (args) => {
  if (!arity(args, 1)) return errorValue();
  const a = args[0];
  if (unknown(a)) return UNKNOWN;
  if (a.kind === 'null' || a.kind === 'number') return a;
  const n = a.kind === 'string' ? numArg(a) : undefined;
  return n === undefined ? errorValue() : mkNumber(n, a.origin);
});

def('tobool', (args) => {
  if (!arity(args, 1)) return errorValue();
  const a = args[0];
  if (unknown(a)) return UNKNOWN;
  if (a.kind === 'null' || a.kind === 'bool') return a;
  if (a.kind === 'string' && (a.value === 'true' || a.value === 'false')) return mkBool(a.value === 'true');
  return errorValue();
});

def('one', (args) => {
  if (!arity(args, 1)) return errorValue();
  const l = args[0];
  if (unknown(l)) return UNKNOWN;
  if (l.kind !== 'list') return errorValue();
  if (l.items.length === 0) return NULL;
  return l.items.length === 1 ? l.items[0] : errorValue();
});

function setOp(op: (acc: Value[], next: Value[]) => Value[] | undefined): Fn {
  return (args) => {
    if (!args.length) return errorValue();
    let acc: Value[] | undefined;
    for (const a of args) {
      if (unknown(a)) return UNKNOWN;
      if (a.kind !== 'list') return errorValue();
      const d = dedupe(a.items);
      if (!d) return UNKNOWN;
      acc = acc === undefined ? d : op(acc, d);
      if (!acc) return UNKNOWN;
    }
    return mkList(setOrder(acc!));
  };
}

/** Membership with three values: undefined when some comparison cannot be told. */
function member(x: Value, set: Value[]): boolean | undefined {
  let maybe = false;
  for (const y of set) {
    const e = valueEquals(x, y);
    if (e === true) return true;
    if (e === undefined) maybe = true;
  }
  return maybe ? undefined : false;
}

def('setunion', setOp((acc, next) => dedupe([...acc, ...next])));
def('setintersection', setOp((acc, next) => {
  const out: Value[] = [];
  for (const x of acc) {
    const m = member(x, next);
    if (m === undefined) return undefined;
    if (m) out.push(x);
  }
  return out;
}));
def('setsubtract', (args) => {
  if (!arity(args, 2)) return errorValue();
  return setOp((acc, next) => {
    const out: Value[] = [];
    for (const x of acc) {
      const m = member(x, next);
      if (m === undefined) return undefined;
      if (!m) out.push(x);
    }
    return out;
  })(args);
});

def('range', (args) => {
  if (!arity(args, 1, 3)) return errorValue();
  if (args.some(unknown)) return UNKNOWN;
  const ns = args.map(numArg);
  if (ns.some((n) => n === undefined)) return errorValue();
  const [a, b, step] = ns.length === 1 ? [0, ns[0]!, 1] : [ns[0]!, ns[1]!, ns[2] ?? (ns[0]! <= ns[1]! ? 1 : -1)];
  if (step === 0) return errorValue();
  const out: Value[] = [];
  // Bounded: a range is an input to for_each or count, which the model caps anyway.
  for (let x = a; step > 0 ? x < b : x > b; x += step) {
    out.push(mkNumber(x));
    if (out.length > 1_000_000) return UNKNOWN;
  }
  return mkList(out);
});

def('reverse', (args) => {
  if (!arity(args, 1)) return errorValue();
  const l = args[0];
  if (unknown(l)) return UNKNOWN;
  return l.kind === 'list' ? mkList([...l.items].reverse()) : errorValue();
});

def('sort', (args) => {
  if (!arity(args, 1)) return errorValue();
  const l = args[0];
  if (unknown(l)) return UNKNOWN;
  if (l.kind !== 'list') return errorValue();
  const xs: string[] = [];
  for (const x of l.items) {
    if (unknown(x)) return UNKNOWN;
    const t = s(x);
    if (t === undefined) return errorValue();
    xs.push(t);
  }
  return mkList(xs.sort(compareStrings).map((x) => mkString(x)));
});

def('index', (args) => {
  if (!arity(args, 2)) return errorValue();
  const [l, v] = args;
  if (unknown(l)) return UNKNOWN;
  if (l.kind !== 'list') return errorValue();
  for (let i = 0; i < l.items.length; i++) {
    const e = valueEquals(l.items[i], v);
    if (e === undefined) return UNKNOWN;
    if (e) return mkNumber(i);
  }
  return errorValue();
});

function allAny(all: boolean): Fn {
  return (args) => {
    if (!arity(args, 1)) return errorValue();
    const l = args[0];
    if (unknown(l)) return UNKNOWN;
    if (l.kind !== 'list') return errorValue();
    let maybe = false;
    for (const x of l.items) {
      const b = x.kind === 'bool' ? x.value : x.kind === 'string' && (x.value === 'true' || x.value === 'false') ? x.value === 'true' : undefined;
      if (b === undefined) {
        if (unknown(x)) maybe = true;
        else return errorValue();
      } else if (b !== all) return mkBool(!all);
    }
    return maybe ? UNKNOWN : mkBool(all);
  };
}
def('alltrue', allAny(true));
def('anytrue', allAny(false));

export type { MapValue };
