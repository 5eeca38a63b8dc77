// Answers of a rule for one subject (an endpoint, a security group), kept from one run to the
// next while what they read is unchanged. Typing changes one declaration at a time, and the
// model then forgets only what depends on it, naming each key it forgot (reads.ts). Each
// kept answer is listed under every key it read; a run first drops the answers listed under
// the keys forgotten since the last run, and reuses the rest without looking at them again,
// their places carried past the edits above them. Answers are plain data: reports, and places
// as `{ uri, range }`. Only runs that ask for it (the editor's) keep anything. A rule's whole
// run over a module is kept the same way (engine/run.ts): a reused answer hands its reads to
// the run being recorded, so the run is listed under everything its answers read.

import type { Position } from '../hcl/ast';
import { ANY_PART, Reads, recording, replay, unrecorded } from './reads';
import type { ModuleInstance, ResourceInstance } from '../model/types';
import { carry, editsBetween, versionOf, type FileVersion } from './positions';
import { eol, indentUnit } from '../fixes/edits';
import type { WorkspaceModel } from '../model/types';
import { runEpoch, runKeeps } from './run';

/** Where answers are kept: per module instance, with the workspace to look files up in. */
export interface Keeper {
  module: ModuleInstance;
  workspace: Pick<WorkspaceModel, 'file'>;
}

interface Entry {
  value: unknown;
  /** The version of each file the value's places were taken in (none: no places). */
  files: Map<string, FileVersion> | undefined;
  /** The last offset of a place in each file: edits after it move nothing. */
  last: Map<string, number> | undefined;
  /** Each file's line ending and indentation, which fixes' texts follow. */
  styles: Map<string, string> | undefined;
  valid: boolean;
  /** How many keys it is listed under. */
  listed: number;
  /** What computing it read: given again to a record being made when it is reused. */
  reads: Reads;
}

/** A helper's answer kept across runs (see `acrossRuns`). */
interface HelperEntry {
  value: unknown;
  reads: Reads;
  valid: boolean;
  listed: number;
  /** Where an answer with places of its own making was anchored when computed. */
  at: Position | undefined;
}

/**
 * An answer that holds places of its own making (ranges worked out from offsets in a text it
 * read) says how to follow that text: a live position of the syntax tree it was read from,
 * which moves with edits above it, and how to move its own places by as much.
 */
export interface Anchored {
  anchor(): Position;
  /** False when the answer cannot follow (then it is computed again). */
  shift(dOffset: number, dLine: number): boolean;
}

interface ModuleState {
  tables: Map<string, WeakMap<object, Entry>>;
  helpers: WeakMap<object, WeakMap<object, HelperEntry>>;
  /** The kept answers that read each key. */
  readers: Map<unknown, Listed[]>;
  /** The part keys (`aws_vpc.main@tags`) listed in `readers`, by declaration. */
  parts: Map<string, Set<string>>;
  /** Listings in `readers`, and those of answers still valid: the rest is dropped now and then. */
  listed: number;
  live: number;
  syncedAt: number;
  /** Each file's version and style in the current run. */
  versions: Map<string, FileVersion | undefined>;
  styles: Map<string, string>;
}

interface Forgetful {
  takeBumps(): readonly unknown[] | 'all';
}

interface Listed {
  valid: boolean;
  listed: number;
}

const states = new WeakMap<ModuleInstance, ModuleState>();

/** Listings after which a module's kept answers start over (dropped answers stay listed). */
const MAX_LISTED = 2_000_000;

/** Called on every reuse with the kept and a fresh answer (tests compare them). */
let checker: ((rule: string, kept: unknown, fresh: unknown) => void) | undefined;

export function checkKeptAnswers(f: typeof checker): void {
  checker = f;
}

/** Kept answers reused and computed, since the process started (for the benchmark). */
export const keptStats = { reused: 0, computed: 0 };

/** Told why each answer was computed (new subject, dropped, moved out, not keepable): for tuning. */
let why: ((rule: string, reason: string) => void) | undefined;
export function explainKept(f: typeof why): void {
  why = f;
}

function fresh(): ModuleState {
  return {
    tables: new Map(),
    helpers: new WeakMap(),
    readers: new Map(),
    parts: new Map(),
    listed: 0,
    live: 0,
    syncedAt: -1,
    versions: new Map(),
    styles: new Map(),
  };
}

/** The module's kept answers, with those that read what changed since the last run dropped. */
function stateOf(module: ModuleInstance): ModuleState | undefined {
  const m = module as ModuleInstance & Partial<Forgetful>;
  if (!m.takeBumps) return undefined;
  let st = states.get(module);
  if (!st) states.set(module, (st = fresh()));
  if (st.syncedAt === runEpoch()) return st;
  const bumps = m.takeBumps();
  if (bumps === 'all' || st.listed > MAX_LISTED) {
    st = fresh();
    states.set(module, st);
  } else {
    for (const key of bumps) {
      if (typeof key === 'string' && key.endsWith(ANY_PART)) {
        // Every part of a declaration.
        const base = key.slice(0, -ANY_PART.length);
        for (const k of st.parts.get(base) ?? []) dropReaders(st, k);
        st.parts.delete(base);
      } else dropReaders(st, key);
    }
    // Answers dropped or replaced stay listed under the keys that did not change: let them go.
    if (st.listed > 2 * st.live + 20_000) compact(st);
  }
  st.syncedAt = runEpoch();
  st.versions.clear();
  st.styles.clear();
  return st;
}

/**
 * `compute()` for `subject` under `rule`, or the answer kept from an earlier run when nothing
 * it read has changed since. `compute` must return plain data.
 */
export function keptAnswer<T>(ctx: Keeper, rule: string, subject: object, compute: () => T, limit = MAX_KEPT_KEYS): T {
  if (!runKeeps()) return compute();
  const st = stateOf(ctx.module);
  if (!st) return compute();
  const table = tableOf(st, rule);
  const hit = reuse(ctx, st, table, subject);
  if (hit === undefined) return computeKept(ctx, st, table, rule, subject, compute, limit);
  if (checker) checker(rule, hit, unrecorded(compute));
  return hit as T;
}

function tableOf(st: ModuleState, rule: string): WeakMap<object, Entry> {
  let table = st.tables.get(rule);
  if (!table) st.tables.set(rule, (table = new WeakMap()));
  return table;
}

/** The kept answer for `subject`, its places carried to the current text; undefined when none. */
function reuse(ctx: Keeper, st: ModuleState, table: WeakMap<object, Entry>, subject: object): unknown {
  const entry = table.get(subject);
  if (!entry?.valid) return undefined;
  const value = entry.files ? carried(ctx, st, entry) : entry.value;
  if (value !== undefined) {
    keptStats.reused++;
    // A larger answer being made (a rule's whole run) depends on what this one read.
    replay(entry.reads);
  }
  return value;
}

function computeKept<T>(
  ctx: Keeper,
  st: ModuleState,
  table: WeakMap<object, Entry>,
  rule: string,
  subject: object,
  compute: () => T,
  limit = MAX_KEPT_KEYS,
): T {
  const entry = table.get(subject);
  keptStats.computed++;
  if (why) why(rule, !entry ? 'new' : entry.valid ? 'places' : 'dropped');
  if (entry) drop(st, entry);
  const reads = new Reads();
  const value = recording(reads, compute);
  const keys = keysOf(reads, ctx.module, false, limit);
  const files = new Map<string, FileVersion>();
  const last = new Map<string, number>();
  const copy = keys && snapshot(value, ctx, files, last);
  if (!keys || copy === undefined) {
    if (why) why(rule, !keys ? 'untracked reads' : 'not plain data');
    table.delete(subject);
    return value;
  }
  const styles = new Map<string, string>();
  for (const uri of files.keys()) styles.set(uri, styleNow(ctx, st, uri));
  const e: Entry = { value: copy, files: files.size ? files : undefined, last, styles, valid: true, listed: 0, reads };
  table.set(subject, e);
  list(st, keys, e);
  return value;
}

function dropReaders(st: ModuleState, key: unknown): void {
  const list = st.readers.get(key);
  if (!list) return;
  for (const e of list) drop(st, e);
  st.listed -= list.length;
  st.readers.delete(key);
}

function list(st: ModuleState, keys: Set<unknown>, e: Listed): void {
  for (const k of keys) {
    const l = st.readers.get(k);
    if (l) l.push(e);
    else {
      st.readers.set(k, [e]);
      const at = typeof k === 'string' ? k.indexOf('@') : -1;
      if (at > 0) {
        const base = (k as string).slice(0, at);
        let p = st.parts.get(base);
        if (!p) st.parts.set(base, (p = new Set()));
        p.add(k as string);
      }
    }
  }
  e.listed = keys.size;
  st.listed += keys.size;
  st.live += keys.size;
}

function drop(st: ModuleState, e: Listed): void {
  if (!e.valid) return;
  e.valid = false;
  st.live -= e.listed;
}

function compact(st: ModuleState): void {
  let listed = 0;
  for (const [k, l] of st.readers) {
    const kept = l.filter((e) => e.valid);
    if (kept.length) st.readers.set(k, kept);
    else st.readers.delete(k);
    listed += kept.length;
  }
  st.listed = listed;
}

/**
 * A query's answer for one resource instance, kept across runs like a rule's answer while
 * nothing it read has changed, and per run (`perRunOnly`) otherwise. Its answer is returned as
 * it is, not copied: model objects and plain values, no places of its own making. It may hold
 * syntax of what it read, so it is kept while none of those declarations changed at all, not
 * only the parts it read.
 */
export function keptAcross<K extends ResourceInstance, V>(
  compute: (key: K) => V,
  key: K,
  perRunOnly: (key: K) => V,
  anchored?: (value: V) => Anchored | undefined,
): V {
  const st = stateOf(key.module);
  if (!st) return perRunOnly(key);
  let table = st.helpers.get(compute);
  if (!table) st.helpers.set(compute, (table = new WeakMap()));
  const hit = table.get(key);
  if (hit?.valid && (!hit.at || follows(hit, anchored!(hit.value as V)))) {
    replay(hit.reads);
    return hit.value as V;
  }
  if (hit) drop(st, hit);
  const reads = new Reads();
  const value = recording(reads, () => compute(key));
  // What a query returns may hold syntax of what it read: kept while none of it changed.
  const keys = keysOf(reads, key.module, true);
  if (!keys) {
    table.delete(key);
    return value;
  }
  const a = anchored?.(value);
  const e: HelperEntry = { value, reads, valid: true, listed: 0, at: a && { ...a.anchor() } };
  table.set(key, e);
  list(st, keys, e);
  return value;
}

/** Moves a kept answer's own places with its anchor; false when they cannot follow. */
function follows(e: HelperEntry, a: Anchored | undefined): boolean {
  if (!a) return false;
  const now = a.anchor();
  const at = e.at!;
  if (now.offset === at.offset && now.line === at.line && now.character === at.character) return true;
  // Only whole lines added or removed above move every place by as much.
  if (now.character !== at.character || !a.shift(now.offset - at.offset, now.line - at.line)) return false;
  e.at = { ...now };
  return true;
}

/**
 * An answer that read more than this many keys is not kept: in a module of thousands of
 * endpoints, every endpoint's answer reads a module-wide index, and listing each answer under
 * each key that index read made the first analysis quadratic (minutes for a few MB). Such an
 * answer is computed again on the next analysis, which the run's own caches keep linear.
 */
export const MAX_KEPT_KEYS = 4_000;

/**
 * The same limit for a rule's whole answer over a module: there is one such answer per rule and
 * module, not one per endpoint, so listing it under more keys stays linear.
 */
export const MAX_MODULE_KEPT_KEYS = 16_000;

/** Keys a composite record read, its parts' counted again where shared: an upper bound, kept. */
const reachOf = new WeakMap<Reads, number>();

function reach(r: Reads): number {
  const hit = reachOf.get(r);
  if (hit !== undefined) return hit;
  let n = r.keys.length;
  for (const p of r.parts) {
    if (n > MAX_KEPT_KEYS) break;
    n += reach(p);
  }
  if (r.parts.length) reachOf.set(r, n);
  return n;
}

/**
 * Every key a record read, its parts' too; undefined when one cannot be followed or there are
 * too many (`MAX_KEPT_KEYS`). `whole`: a part of a declaration (`aws_vpc.main@tags`) counts as
 * all of it (`aws_vpc.main`).
 */
function keysOf(reads: Reads, module: ModuleInstance, whole = false, limit = MAX_KEPT_KEYS): Set<unknown> | undefined {
  const keys = new Set<unknown>();
  const seen = new Set<Reads>();
  const visit = (r: Reads): boolean => {
    if (seen.has(r)) return true;
    seen.add(r);
    if (r.opaque) return false;
    // The estimate counts shared parts again: it spares walking the records of the many
    // per-subject answers; a module's whole answer (one per rule) is walked, its keys counted.
    if (limit === MAX_KEPT_KEYS && r.parts.length && reach(r) > limit) return false;
    for (let i = 0; i < r.keys.length; i++) {
      // Another module's keys are not followed here (such modules are rebuilt on every edit).
      if (r.owners[i] !== (module as unknown)) return false;
      const k = r.keys[i];
      const at = whole && typeof k === 'string' ? k.indexOf('@') : -1;
      keys.add(at > 0 ? (k as string).slice(0, at) : k);
    }
    if (keys.size > limit) return false;
    for (const p of r.parts) if (!visit(p)) return false;
    return keys.size <= limit;
  };
  return visit(reads) ? keys : undefined;
}

/**
 * `check` per subject, each subject's answer (a list of plain data: a rule's reports) kept
 * across runs while nothing it read changed (see `keptAnswer`); the answers in subject order.
 */
export function answersPerSubject<S extends object, T>(
  ctx: Keeper,
  rule: string,
  subjects: readonly S[],
  check: (subject: S) => readonly T[],
): T[] {
  const out: T[] = [];
  // With the tests' checker, through `keptAnswer` (which compares every reuse with a fresh answer).
  const st = runKeeps() && !checker ? stateOf(ctx.module) : undefined;
  const table = st && tableOf(st, rule);
  for (const s of subjects) {
    // Reuse first: a kept answer costs no closure.
    const answer = st
      ? ((reuse(ctx, st, table!, s) as readonly T[] | undefined) ?? computeKept(ctx, st, table!, rule, s, () => check(s)))
      : keptAnswer(ctx, rule, s, () => check(s));
    for (const r of answer) out.push(r);
  }
  return out;
}

const isPosition = (o: Record<string, unknown>) =>
  typeof o.line === 'number' && typeof o.character === 'number' && typeof o.offset === 'number';

function isPlain(o: object): boolean {
  const proto: unknown = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === Array.prototype || proto === null;
}

/**
 * A deep copy of `value` (positions are live in the syntax tree and move with later edits),
 * noting each file's version; undefined when it is not plain data or has a place without
 * its file.
 */
function snapshot(value: unknown, ctx: Keeper, files: Map<string, FileVersion>, last: Map<string, number>): unknown {
  let ok = true;
  const copy = (v: unknown, uri: string | undefined): unknown => {
    if (!ok || v === null || typeof v !== 'object') return v;
    if (!isPlain(v)) {
      ok = false;
      return undefined;
    }
    if (Array.isArray(v)) return v.map((x) => copy(x, uri));
    const o = v as Record<string, unknown>;
    if (isPosition(o)) {
      if (uri === undefined) ok = false;
      else if ((last.get(uri) ?? -1) < (o.offset as number)) last.set(uri, o.offset as number);
      return { line: o.line, character: o.character, offset: o.offset };
    }
    const own = typeof o.uri === 'string' ? o.uri : uri;
    if (own !== undefined && !files.has(own)) {
      const f = ctx.workspace.file(own);
      if (!f) ok = false;
      else files.set(own, versionOf(f));
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) out[k] = copy(o[k], own);
    return out;
  };
  const c = copy(value, undefined);
  return ok ? c : undefined;
}

function versionNow(ctx: Keeper, st: ModuleState, uri: string): FileVersion | undefined {
  if (st.versions.has(uri)) return st.versions.get(uri);
  const f = ctx.workspace.file(uri);
  const v = f ? versionOf(f) : undefined;
  st.versions.set(uri, v);
  return v;
}

/** What fixes take from a whole file: its line ending and indentation unit. */
function styleNow(ctx: Keeper, st: ModuleState, uri: string): string {
  let s = st.styles.get(uri);
  if (s === undefined) {
    const f = ctx.workspace.file(uri);
    s = f ? `${eol(f)}|${indentUnit(f)}` : '';
    st.styles.set(uri, s);
  }
  return s;
}

/** The kept value with its places carried to the current text; undefined when one is gone. */
function carried(ctx: Keeper, st: ModuleState, entry: Entry): unknown {
  let edits: Map<string, ReturnType<typeof editsBetween>> | undefined;
  for (const [uri, v] of entry.files!) {
    const now = versionNow(ctx, st, uri);
    if (!now) return undefined;
    if (now === v) continue;
    const list = editsBetween(v, now);
    if (!list) return undefined;
    // A fix written for the file's old line endings or indentation is written again.
    if (entry.styles!.get(uri) !== styleNow(ctx, st, uri)) return undefined;
    const end = entry.last!.get(uri) ?? -1;
    if (list.every((r) => r.start > end)) {
      // Every edit came after the last place in this file: nothing moves.
      entry.files!.set(uri, now);
      continue;
    }
    (edits ??= new Map()).set(uri, list);
  }
  if (!edits) return entry.value;
  let ok = true;
  const moved = new Map<string, number>();
  const move = (v: unknown, uri: string | undefined): unknown => {
    if (!ok || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => move(x, uri));
    const o = v as Record<string, unknown>;
    if (isPosition(o)) {
      const list = edits.get(uri!);
      if (!list) return o;
      const p = carry(o as unknown as Position, list);
      if (!p) ok = false;
      else if ((moved.get(uri!) ?? -1) < p.offset) moved.set(uri!, p.offset);
      return p;
    }
    const own = typeof o.uri === 'string' ? o.uri : uri;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) out[k] = move(o[k], own);
    return out;
  };
  const value = move(entry.value, undefined);
  if (!ok) return undefined;
  entry.value = value;
  for (const uri of edits.keys()) {
    entry.files!.set(uri, versionNow(ctx, st, uri)!);
    entry.last!.set(uri, moved.get(uri) ?? -1);
  }
  return value;
}
