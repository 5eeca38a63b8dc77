// The expression evaluator: syntax tree to Value. What it cannot tell is unknown; references
// to resources become refs (see value.ts) so rules can follow them to the block.

import type {
  BinaryOp,
  Conditional,
  Expression,
  ForExpr,
  FunctionCall,
  ObjectExpr,
  Splat,
  TemplateLiteral,
  TemplatePart,
} from '../hcl/ast';
import {
  asString,
  errorValue,
  isError,
  MAX_ITEMS,
  MAX_STRING,
  mkBool,
  mkList,
  mkMap,
  mkNumber,
  mkString,
  origin,
  sortedKeys,
  unknownFrom,
  valueEquals,
} from './convert';
import { callFunction } from './functions';
import type { ResourceInstance } from './types';
import {
  bool,
  bounded,
  limitHit,
  metered,
  metering,
  num,
  outOfSteps,
  sizeOf,
  spend,
  UNKNOWN,
  type LimitHit,
  type Limits,
  type Origin,
  type RefValue,
  type Value,
} from './value';
import { WeakCache } from './weak-cache';

export type Step = { kind: 'attr'; name: string } | { kind: 'index'; expr: Expression } | { kind: 'legacy'; index: number };

/** What the evaluator asks of the module it evaluates in. */
export interface EvalHost {
  /**
   * The value of a reference rooted at a name that is not a scope variable (`var`, `local`,
   * `module`, `data`, a resource type...), having used the first `used` steps. Undefined when
   * the name means nothing.
   */
  reference(root: string, steps: Step[]): { value: Value; used: number } | undefined;
  /** An attribute of a resource instance: its configured value, else a ref. */
  instanceAttr(inst: ResourceInstance, name: string): Value;
  /** Values of expressions that use no instance variable, shared by a module's instances. */
  readonly instanceFree?: Map<Expression, Value>;
  /** Computes an `instanceFree` entry, so the host can record what the value was made from. */
  instanceFreeMiss?(expr: Expression, compute: () => Value): Value;
  /** An `instanceFree` entry was reused. */
  instanceFreeHit?(expr: Expression): void;
  /** The evaluation of a top-level expression hit a bound (its value is then unknown, in part or whole). */
  limit?(hit: LimitHit, expr: Expression, uri: string): void;
}

export interface Env {
  host: EvalHost;
  uri: string;
  vars: Map<string, Value> | undefined;
  /** The element a splat's traversal applies to. */
  splat: Value | undefined;
}

/**
 * `env` with other variables or splat element. Every environment is made here or written with
 * all four fields in this order: environments of one shape keep the evaluator's property
 * reads monomorphic, and spreading one into another cost a runtime call each.
 */
function envWith(env: Env, vars: Map<string, Value> | undefined, splat: Value | undefined): Env {
  return { host: env.host, uri: env.uri, vars, splat };
}

// Deeply nested expressions are bounded by the parser; this bounds chains through locals,
// outputs and module inputs, which the parser cannot see.
let depth = 0;
const MAX_DEPTH = 400;

/**
 * Steps of one evaluation of a top-level expression: a node evaluated, an iteration, an item a
 * function walks. Real configurations take thousands; this is seconds of work at most.
 */
export const MAX_STEPS = 5_000_000;

/** The bounds of every evaluation (see value.ts). */
export const LIMITS: Limits = Object.freeze({ items: MAX_ITEMS, chars: MAX_STRING, steps: MAX_STEPS });

export function evaluate(expr: Expression | undefined, env: Env): Value {
  if (!expr) return UNKNOWN;
  // Called from outside an evaluation (variable files): on a budget of its own.
  if (!metering(env.host)) return metered(env.host, LIMITS, () => evaluate(expr, env)).value;
  if (!spend(1)) return UNKNOWN;
  if (depth > MAX_DEPTH) return limitHit('depth', MAX_DEPTH);
  depth++;
  try {
    return evalNode(expr, env);
  } finally {
    depth--;
  }
}

// The whole expression of an attribute is often constant (literals, policies in jsonencode,
// CIDR blocks): such an expression has the same value wherever it is evaluated, so it is
// evaluated once per syntax node, for every for_each instance and across rebuilt module
// instances (values are never mutated). `null` marks an expression known not to be constant.
const constants = new WeakCache<Expression, Value | null>();
/** The bound a constant's evaluation hit: told again wherever the constant is used. */
const constantLimits = new WeakCache<Expression, LimitHit>();
const WORTH_CACHING = new Set<string>(['FunctionCall', 'Object', 'Tuple', 'Heredoc', 'Conditional', 'BinaryOp', 'For']);

/** `evaluate` for the whole expression of an attribute, local, output or argument. */
export function evaluateTop(expr: Expression | undefined, env: Env): Value {
  if (!expr) return UNKNOWN;
  // A literal or a plain quoted string (most arguments) is its own value: no budget to open.
  if (depth <= MAX_DEPTH && (expr.type === 'Literal' || (expr.type === 'Template' && isPlainText(expr.parts)))) return evalNode(expr, env);
  const hit = constants.get(expr);
  if (hit) {
    const limit = constantLimits.get(expr);
    if (limit) env.host.limit?.(limit, expr, env.uri);
    return hit;
  }
  // Literals and quoted strings cost less to evaluate than to remember.
  if (hit === undefined && WORTH_CACHING.has(expr.type)) {
    if (computeConstant(expr)) {
      // The value must not depend on how deep the caller is.
      const saved = depth;
      depth = 0;
      let r: { value: Value; hit: LimitHit | undefined };
      try {
        r = metered(env.host, LIMITS, () => evalNode(expr, env));
      } finally {
        depth = saved;
      }
      constants.set(expr, r.value);
      if (r.hit) {
        constantLimits.set(expr, r.hit);
        env.host.limit?.(r.hit, expr, env.uri);
      }
      return r.value;
    }
    constants.set(expr, null);
  }
  // Each top-level expression has a budget of its own, so its value does not depend on what
  // asked for it first.
  const r = metered(env.host, LIMITS, () => evaluateShared(expr, env));
  if (r.hit) env.host.limit?.(r.hit, expr, env.uri);
  return r.value;
}

function evaluateShared(expr: Expression, env: Env): Value {
  // In a for_each/count instance, an expression that uses none of the instance's variables
  // (`subnet_ids = aws_subnet.private[*].id`) has one value for all instances of the module.
  const memo = env.host.instanceFree;
  if (env.vars && memo && expr.type !== 'Literal' && expr.type !== 'Template') {
    const names = rootNames(expr);
    let free = true;
    for (const n of names) {
      if (env.vars.has(n)) {
        free = false;
        break;
      }
    }
    if (free) {
      let v = memo.get(expr);
      if (v === undefined) {
        const inner = envWith(env, undefined, env.splat);
        const host = env.host;
        v = host.instanceFreeMiss ? host.instanceFreeMiss(expr, () => evaluate(expr, inner)) : evaluate(expr, inner);
        memo.set(expr, v);
      } else env.host.instanceFreeHit?.(expr);
      return v;
    }
  }
  return evaluate(expr, env);
}

const rootNameCache = new WeakCache<Expression, string[]>();

/** Names of the variables an expression's traversals start from (`var`, `each`, `aws_vpc`...). */
function rootNames(expr: Expression): string[] {
  let names = rootNameCache.get(expr);
  if (!names) {
    const set = new Set<string>();
    collectRoots(expr, set);
    names = [...set];
    rootNameCache.set(expr, names);
  }
  return names;
}

function collectRoots(node: unknown, out: Set<string>): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const x of node) collectRoots(x, out);
    return;
  }
  const n = node as { type?: string; name?: unknown };
  if (n.type === 'Variable' && typeof n.name === 'string') {
    out.add(n.name);
    return;
  }
  // A splat's traversal refers to its own element; template directives and for
  // expressions bind names that are collected too, which only makes this stricter.
  for (const k in node) {
    if (k === 'range' || k === 'contentRange' || k === 'equals') continue;
    const v = (node as Record<string, unknown>)[k];
    if (v && typeof v === 'object') collectRoots(v, out);
  }
}

const isConstant = (e: Expression): boolean => computeConstant(e);

function computeConstant(e: Expression): boolean {
  switch (e.type) {
    case 'Literal':
      return true;
    case 'Template':
    case 'Heredoc':
      return e.parts.every(constantPart);
    case 'Tuple':
      return e.items.every(isConstant);
    case 'Object':
      return e.items.every((i) => (i.key.type === 'Variable' || isConstant(i.key)) && isConstant(i.value));
    case 'FunctionCall':
      return e.args.every(isConstant);
    case 'Conditional':
      return isConstant(e.condition) && isConstant(e.trueExpr) && isConstant(e.falseExpr);
    case 'BinaryOp':
      return isConstant(e.left) && isConstant(e.right);
    case 'UnaryOp':
      return isConstant(e.operand);
    case 'Parens':
      return isConstant(e.expr);
    default:
      return false;
  }
}

function constantPart(p: TemplatePart): boolean {
  switch (p.type) {
    case 'TemplateLiteral':
      return true;
    case 'TemplateInterpolation':
      return isConstant(p.expr);
    case 'TemplateIf':
      return isConstant(p.condition) && p.then.every(constantPart) && (p.else ?? []).every(constantPart);
    case 'TemplateFor':
      return false;
  }
}

function here(env: Env, expr: Expression): Origin {
  return origin(env.uri, expr.range);
}

function evalNode(expr: Expression, env: Env): Value {
  switch (expr.type) {
    case 'Literal': {
      const o = here(env, expr);
      if (expr.value === null) return { kind: 'null', origin: o };
      if (typeof expr.value === 'number') return mkNumber(expr.value, o);
      return { kind: 'bool', value: expr.value, origin: o };
    }
    case 'Template':
    case 'Heredoc':
      return evalTemplate(expr.parts, env, here(env, expr));
    case 'Tuple': {
      const items = expr.items.map((e) => evaluate(e, env));
      return firstError(items) ?? bounded(mkList(items, here(env, expr)));
    }
    case 'Object':
      return evalObject(expr, env);
    case 'FunctionCall':
      return evalCall(expr, env);
    case 'Variable':
    case 'GetAttr':
    case 'Index':
    case 'LegacyIndex':
      return evalTraversal(expr, env);
    case 'Splat':
      return evalSplat(expr, env);
    case 'SplatItem':
      return env.splat ?? UNKNOWN;
    case 'For':
      return evalFor(expr, env);
    case 'Conditional':
      return evalConditional(expr, env);
    case 'BinaryOp':
      return evalBinary(expr, env);
    case 'UnaryOp': {
      const v = evaluate(expr.operand, env);
      if (expr.operator === '!') {
        const b = bool(v);
        return b === undefined ? unknownFrom(v) : mkBool(!b);
      }
      const n = num(v);
      return n === undefined ? unknownFrom(v) : mkNumber(-n);
    }
    case 'Parens':
      return evaluate(expr.expr, env);
    case 'Error':
      return errorValue();
  }
}

// ---- templates

/** A template of one piece of text and nothing else. */
function isPlainText(parts: TemplatePart[]): boolean {
  return parts.length === 1 && parts[0].type === 'TemplateLiteral';
}

function evalTemplate(parts: TemplatePart[], env: Env, o: Origin): Value {
  if (isPlainText(parts)) return mkString((parts[0] as TemplateLiteral).value, o);
  // A template of one interpolation is that value itself, type and refs intact.
  if (parts.length === 1 && parts[0].type === 'TemplateInterpolation') return evaluate(parts[0].expr, env);
  const out: (string | null)[] = [];
  let error: Value | undefined;
  appendParts(parts, env, out, (e) => (error = error ?? e));
  if (error) return error;
  return joinParts(out, o);
}

const MAX_PARTS = 10_000;

/** Joins known pieces; a string when all are known, else unknown with the pieces. */
export function joinParts(out: (string | null)[], o?: Origin): Value {
  let size = 0;
  for (const p of out) if (p !== null) size += p.length;
  if (size > MAX_STRING) return limitHit('chars', MAX_STRING);
  const merged: (string | null)[] = [];
  for (const p of out) {
    const last = merged.length - 1;
    if (p !== null && last >= 0 && merged[last] !== null) merged[last] += p;
    else if (p !== null || last < 0 || merged[last] !== null) merged.push(p);
  }
  if (merged.every((p) => p !== null)) return mkString(merged.join(''), o);
  if (merged.length > MAX_PARTS || (merged.length === 1 && merged[0] === null)) return UNKNOWN;
  return { kind: 'unknown', parts: merged, origin: o };
}

function appendParts(parts: TemplatePart[], env: Env, out: (string | null)[], fail: (e: Value) => void): void {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    switch (p.type) {
      case 'TemplateLiteral': {
        let s = p.value;
        const prev = parts[i - 1];
        const next = parts[i + 1];
        if (prev && prev.type === 'TemplateInterpolation' && prev.stripRight) s = s.trimStart();
        if (next && next.type === 'TemplateInterpolation' && next.stripLeft) s = s.trimEnd();
        out.push(s);
        break;
      }
      case 'TemplateInterpolation': {
        const v = evaluate(p.expr, env);
        if (isError(v)) fail(v);
        pushValue(v, out, fail);
        break;
      }
      case 'TemplateIf': {
        const c = bool(evaluate(p.condition, env));
        if (c === undefined) out.push(null);
        else if (c) appendParts(p.then, env, out, fail);
        else if (p.else) appendParts(p.else, env, out, fail);
        break;
      }
      case 'TemplateFor': {
        const coll = evaluate(p.collection, env);
        const pairs = iterate(coll);
        if (!pairs) {
          out.push(null);
          break;
        }
        for (const [k, v] of pairs) {
          if (!spend(1)) {
            out.push(null);
            return;
          }
          const vars = new Map(env.vars ?? []);
          if (p.keyVar) vars.set(p.keyVar, k);
          vars.set(p.valueVar, v);
          appendParts(p.body, envWith(env, vars, env.splat), out, fail);
        }
        break;
      }
    }
  }
}

function pushValue(v: Value, out: (string | null)[], fail: (e: Value) => void): void {
  if (v.kind === 'unknown') {
    if (v.parts && !isError(v)) for (const p of v.parts) out.push(p);
    else out.push(null);
    return;
  }
  if (v.kind === 'ref') {
    out.push(null);
    return;
  }
  const s = asString(v);
  if (s === undefined)
    fail(errorValue()); // null, lists and maps cannot be interpolated
  else out.push(s);
}

// ---- collections

function firstError(vals: Value[]): Value | undefined {
  for (const v of vals) if (isError(v)) return v;
  return undefined;
}

function evalObject(expr: ObjectExpr, env: Env): Value {
  const m = new Map<string, Value>();
  let unknownKey = false;
  for (const item of expr.items) {
    let key: string | undefined;
    if (item.key.type === 'Variable') key = item.key.name;
    else {
      const kv = evaluate(item.key, env);
      key = asString(kv);
      if (key === undefined) {
        if (kv.kind === 'unknown' || kv.kind === 'ref') unknownKey = true;
        else return errorValue();
        continue;
      }
    }
    const v = evaluate(item.value, env);
    if (isError(v)) return v;
    m.set(key, v);
  }
  if (unknownKey) return UNKNOWN;
  return bounded(mkMap(m, here(env, expr)));
}

/** Key/value pairs of a known list (index keys) or map (sorted keys); undefined otherwise. */
export function iterate(v: Value): [Value, Value][] | undefined {
  if ((v.kind === 'list' || v.kind === 'map') && !spend(v.kind === 'list' ? v.items.length : v.entries.size)) return undefined;
  if (v.kind === 'list') return v.items.map((x, i) => [mkNumber(i), x]);
  if (v.kind === 'map') return sortedKeys(v).map((k) => [mkString(k), v.entries.get(k)!]);
  return undefined;
}

function evalFor(expr: ForExpr, env: Env): Value {
  const coll = evaluate(expr.collection, env);
  const pairs = iterate(coll);
  if (!pairs) return unknownFrom(coll);
  const list: Value[] = [];
  const map = new Map<string, Value>();
  const groups = new Map<string, Value[]>();
  for (const [k, v] of pairs) {
    if (!spend(1)) return UNKNOWN;
    const vars = new Map(env.vars ?? []);
    if (expr.keyVar) vars.set(expr.keyVar, k);
    vars.set(expr.valueVar, v);
    const inner = envWith(env, vars, env.splat);
    if (expr.condition) {
      const c = evaluate(expr.condition, inner);
      const b = bool(c);
      if (b === undefined) return unknownFrom(c);
      if (!b) continue;
    }
    if (list.length + map.size + groups.size > MAX_ITEMS) return limitHit('items', MAX_ITEMS);
    if (expr.kind === 'tuple') {
      const v = evaluate(expr.valueExpr, inner);
      if (isError(v)) return v;
      list.push(v);
      continue;
    }
    const kv = evaluate(expr.keyExpr, inner);
    const key = asString(kv);
    if (key === undefined) return kv.kind === 'unknown' || kv.kind === 'ref' ? unknownFrom(kv) : errorValue();
    const val = evaluate(expr.valueExpr, inner);
    if (isError(val)) return val;
    if (expr.group) {
      const g = groups.get(key);
      if (g) g.push(val);
      else groups.set(key, [val]);
    } else {
      if (map.has(key)) return errorValue(); // duplicate key without `...`
      map.set(key, val);
    }
  }
  if (outOfSteps()) return UNKNOWN;
  if (expr.kind === 'tuple') return bounded(mkList(list, here(env, expr)));
  if (expr.group) for (const [k, g] of groups) map.set(k, mkList(g));
  return bounded(mkMap(map, here(env, expr)));
}

// ---- traversals

type Traversal = { root: string; steps: Step[] } | null;

/** `a.b[c].d` as a root name and steps. */
const flatten = (expr: Expression): Traversal => computeTraversal(expr);

function computeTraversal(expr: Expression): Traversal {
  const steps: Step[] = [];
  let e: Expression = expr;
  for (;;) {
    if (e.type === 'GetAttr') {
      steps.push({ kind: 'attr', name: e.name.name });
      e = e.object;
    } else if (e.type === 'Index') {
      steps.push({ kind: 'index', expr: e.key });
      e = e.object;
    } else if (e.type === 'LegacyIndex') {
      steps.push({ kind: 'legacy', index: e.index });
      e = e.object;
    } else break;
  }
  if (e.type !== 'Variable') return null;
  steps.reverse();
  return { root: e.name, steps };
}

function evalTraversal(expr: Expression, env: Env): Value {
  const t = flatten(expr);
  if (!t) {
    // A traversal on a computed value: `merge(a, b).x`, `(local.m)["k"]`, a splat item.
    if (expr.type === 'GetAttr') return getAttr(evaluate(expr.object, env), expr.name.name, env);
    if (expr.type === 'Index') return index(evaluate(expr.object, env), evaluate(expr.key, env), env);
    if (expr.type === 'LegacyIndex') return index(evaluate(expr.object, env), mkNumber(expr.index), env);
    return UNKNOWN;
  }
  let value: Value;
  let used = 0;
  const scoped = env.vars?.get(t.root);
  if (scoped !== undefined) value = scoped;
  else {
    const r = env.host.reference(t.root, t.steps);
    if (!r) return errorValue();
    value = r.value;
    used = r.used;
  }
  return applySteps(value, t.steps, used, env);
}

export function applySteps(value: Value, steps: Step[], from: number, env: Env): Value {
  for (let i = from; i < steps.length; i++) {
    const s = steps[i];
    if (s.kind === 'attr') value = getAttr(value, s.name, env);
    else if (s.kind === 'legacy') value = index(value, mkNumber(s.index), env);
    else value = index(value, evaluate(s.expr, env), env);
  }
  return value;
}

export function getAttr(v: Value, name: string, env: Env): Value {
  switch (v.kind) {
    case 'map': {
      const x = v.entries.get(name);
      return x ?? errorValue();
    }
    case 'ref':
      return refStep(v, name, env);
    case 'unknown':
      return unknownFrom(v);
    default:
      return errorValue();
  }
}

export function index(v: Value, key: Value, env: Env): Value {
  if (v.kind === 'unknown') return unknownFrom(v, key);
  if (key.kind === 'unknown' || key.kind === 'ref') {
    if (v.kind === 'ref' && v.path.length) return { kind: 'ref', target: v.target, path: [...v.path, '*'] };
    return unknownFrom(key);
  }
  switch (v.kind) {
    case 'list': {
      const i = num(key);
      if (i === undefined || !Number.isInteger(i) || i < 0 || i >= v.items.length) return errorValue();
      return v.items[i];
    }
    case 'map': {
      const k = asString(key);
      if (k === undefined) return errorValue();
      return v.entries.get(k) ?? errorValue();
    }
    case 'ref': {
      const k = key.kind === 'number' ? key.value : asString(key);
      if (k === undefined) return errorValue();
      return refStep(v, k, env);
    }
    default:
      return errorValue();
  }
}

function refStep(v: RefValue, step: string | number, env: Env): Value {
  if (v.path.length === 0 && typeof step === 'string') return env.host.instanceAttr(v.target, step);
  return { kind: 'ref', target: v.target, path: [...v.path, step] };
}

function evalSplat(expr: Splat, env: Env): Value {
  const obj = evaluate(expr.object, env);
  let items: Value[];
  if (obj.kind === 'list') items = obj.items;
  else if (obj.kind === 'null') return mkList([]);
  else if (obj.kind === 'unknown') return unknownFrom(obj);
  else items = [obj];
  const out: Value[] = [];
  for (const item of items) {
    out.push(evaluate(expr.each, envWith(env, env.vars, item)));
    if (outOfSteps()) return UNKNOWN;
  }
  return bounded(mkList(out, here(env, expr)));
}

// ---- operators

function evalConditional(expr: Conditional, env: Env): Value {
  const c = evaluate(expr.condition, env);
  const b = bool(c);
  if (b === true) return evaluate(expr.trueExpr, env);
  if (b === false) return evaluate(expr.falseExpr, env);
  if (isError(c) || (c.kind !== 'unknown' && c.kind !== 'ref')) return unknownFrom(c, errorValue());
  const t = evaluate(expr.trueExpr, env);
  const f = evaluate(expr.falseExpr, env);
  if (!spendComparing(t, f)) return UNKNOWN;
  return valueEquals(t, f) === true ? t : unknownFrom(c);
}

function evalBinary(expr: BinaryOp, env: Env): Value {
  const op = expr.operator;
  const l = evaluate(expr.left, env);
  const r = evaluate(expr.right, env);
  if (op === '&&' || op === '||') {
    const a = bool(l);
    const b = bool(r);
    if (op === '&&') {
      if (a === false || b === false) return mkBool(false);
      if (a === true && b === true) return mkBool(true);
    } else {
      if (a === true || b === true) return mkBool(true);
      if (a === false && b === false) return mkBool(false);
    }
    return unknownFrom(l, r);
  }
  if (op === '==' || op === '!=') {
    if (!spendComparing(l, r)) return UNKNOWN;
    const e = valueEquals(l, r);
    if (e === undefined) return unknownFrom(l, r);
    return mkBool(op === '==' ? e : !e);
  }
  const a = num(l);
  const b = num(r);
  if (a === undefined || b === undefined) {
    if ((a === undefined && isKnownScalar(l)) || (b === undefined && isKnownScalar(r))) return errorValue();
    return unknownFrom(l, r);
  }
  switch (op) {
    case '+':
      return mkNumber(a + b);
    case '-':
      return mkNumber(a - b);
    case '*':
      return mkNumber(a * b);
    case '/':
      return b === 0 ? errorValue() : mkNumber(a / b);
    case '%':
      return b === 0 ? errorValue() : mkNumber(a % b);
    case '<':
      return mkBool(a < b);
    case '>':
      return mkBool(a > b);
    case '<=':
      return mkBool(a <= b);
    case '>=':
      return mkBool(a >= b);
  }
}

/** Comparing two values walks the smaller one at most. */
function spendComparing(a: Value, b: Value): boolean {
  return spend(Math.min(sizeOf(a).items, sizeOf(b).items));
}

function isKnownScalar(v: Value): boolean {
  return v.kind !== 'unknown' && v.kind !== 'ref';
}

// ---- functions

function evalCall(expr: FunctionCall, env: Env): Value {
  const name = expr.name.name;
  if (name === 'try') {
    for (const a of expr.args) {
      const v = evaluate(a, env);
      if (isError(v)) continue;
      return v;
    }
    return errorValue();
  }
  if (name === 'can') {
    if (expr.args.length !== 1) return errorValue();
    const v = evaluate(expr.args[0], env);
    if (isError(v)) return mkBool(false);
    return v.kind === 'unknown' ? UNKNOWN : mkBool(true);
  }
  let args = expr.args.map((a) => evaluate(a, env));
  if (expr.expandFinal && args.length) {
    const last = args[args.length - 1];
    if (last.kind !== 'list') return unknownFrom(last);
    args = [...args.slice(0, -1), ...last.items];
  }
  return callFunction(name, args);
}
