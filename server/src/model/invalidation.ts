// What an edit makes a module instance forget. The instance remembers values (variables,
// locals, outputs, resources' expansions, expressions shared by its instances) under keys;
// this records what each remembered value read while it was computed, and after an edit
// follows that graph from the changed declarations to everything that read them, directly or
// not. Each key forgotten has its generation bumped: answers kept across edits
// (incremental/answers.ts) were recorded against those generations (incremental/reads.ts)
// and learn what to drop from the log of bumps.

import type { Expression } from '../hcl/ast';
import type { Changes } from './edits';
import type { BlockEntry } from './types';
import type { Value } from './value';
import { ANY_PART, readKey, readOpaque, tracking, type Generations } from '../incremental/reads';

/**
 * What a remembered value is remembered under: a top-level address (`aws_vpc.main`,
 * `local.x`, `var.y`), a part of one (see partKey) or an expression shared by a module's
 * instances.
 */
export type DepKey = string | Expression;

/** Keys of changes remembered between two runs of the rules; beyond that, everything changed. */
const MAX_BUMP_LOG = 100_000;

/** Generation keys beside addresses: the instances of one type, the set of addresses. */
const LIST = '#list:';
const ADDRESSES = '#addresses';
/** Any edit at all (reads of every declaration). */
const ADDRESSES_ALL = '#all';

/** The dependency graph, generations and log of bumps of one module instance. */
export class Dependencies {
  /** What each remembered value read directly: the graph an edit invalidates along. */
  private readonly reads = new Map<DepKey, Set<DepKey>>();
  /** The remembered value being computed (its reads are recorded under it). */
  frame: DepKey | undefined;
  /** How often an edit made the instance forget each key (see incremental/reads.ts). */
  private readonly gens = new Map<string, number>();
  private readonly exprGens = new WeakMap<Expression, number>();
  private bumped: DepKey[] = [];
  private bumpOverflow = false;
  private readonly partKeys = new Map<string, Map<string, string>>();
  /** The declaration of each part key. */
  private readonly baseOf = new Map<string, string>();
  private tracked: { index: Map<string, BlockEntry[]>; view: Map<string, BlockEntry[]> } | undefined;

  constructor(
    /** The module instance: what reads are recorded against (the owner of the generations). */
    private readonly owner: Generations,
    /** The instance's values shared under expressions, which go with what read them. */
    private readonly instanceFree: Map<Expression, Value>,
    /**
     * No edit will ever reach the instance (a batch of a CLI run): the graph an edit follows is
     * not recorded. Reads of answers being recorded (incremental/reads.ts) still are.
     */
    private readonly frozen = false,
  ) {}

  // ---- generations

  generation(key: unknown): number {
    return (typeof key === 'string' ? this.gens.get(key) : this.exprGens.get(key as Expression)) ?? 0;
  }

  private bump(key: DepKey): void {
    if (typeof key === 'string') this.gens.set(key, (this.gens.get(key) ?? 0) + 1);
    else this.exprGens.set(key, (this.exprGens.get(key) ?? 0) + 1);
    if (this.bumped.length < MAX_BUMP_LOG) this.bumped.push(key);
    else this.bumpOverflow = true;
  }

  /** The keys whose generation went up since the last call ('all' when too many to list). */
  takeBumps(): readonly unknown[] | 'all' {
    const out = this.bumpOverflow ? 'all' : this.bumped;
    this.bumped = [];
    this.bumpOverflow = false;
    return out;
  }

  // ---- keys

  /** The key of one part of a declaration (`aws_vpc.main@tags`; `aws_vpc.main@`: its instances). */
  partKey(address: string, part: string): string {
    let m = this.partKeys.get(address);
    if (!m) this.partKeys.set(address, (m = new Map<string, string>()));
    let k = m.get(part);
    if (k === undefined) {
      m.set(part, (k = `${address}@${part}`));
      this.baseOf.set(k, address);
    }
    return k;
  }

  /** The declaration a key names (itself, or the declaration a part key is part of). */
  declarationOf(key: string): string {
    return this.baseOf.get(key) ?? key;
  }

  // ---- recording what read what

  /** Runs `f` computing the value remembered under `key`. */
  within<T>(key: DepKey, f: () => T): T {
    if (this.frozen) return f();
    const saved = this.frame;
    this.frame = key;
    try {
      return f();
    } finally {
      this.frame = saved;
    }
  }

  /** A read of `key`: by the value being computed, and by the answer being recorded. */
  touch(key: DepKey): void {
    readKey(this.owner, key);
    if (this.frozen) return;
    const f = this.frame;
    if (f === undefined || f === key) return;
    const set = this.reads.get(f);
    if (set) set.add(key);
    else this.reads.set(f, new Set([key]));
  }

  /** A read of one part of a declaration (see partKey). */
  touchPart(address: string, part: string): void {
    if (this.frozen && !tracking()) return;
    this.touch(this.partKey(address, part));
  }

  /** A read of which instances there are of one `kind:type`, or (undefined) of any type. */
  readInstances(kindType: string | undefined): void {
    readKey(this.owner, kindType === undefined ? ADDRESSES_ALL : `${LIST}${kindType}`);
  }

  /**
   * The declarations by address as seen while reads are recorded: lookups by address are
   * recorded by address, listing the addresses as one key, and anything else as a read of
   * everything.
   */
  trackedIndex(index: Map<string, BlockEntry[]>): Map<string, BlockEntry[]> {
    if (this.tracked?.index !== index) this.tracked = { index, view: trackedIndex(this.owner, index) };
    return this.tracked.view;
  }

  // ---- an edit

  /**
   * After an edit that changed the declarations in `changes` (old and new addresses, with the
   * parts that changed when known): forgets what read them, directly or not, bumping the
   * generation of every key forgotten, and returns those keys. `partial` holds the changed
   * declarations that keep their instances (changed part by part): what read only their
   * other parts is kept. Those that go whole after all are taken out of it. `before` and
   * `after` are the index before and after the edit.
   */
  forget(
    changes: Changes,
    partial: Map<string, Set<string>>,
    before: Map<string, BlockEntry[]>,
    after: Map<string, BlockEntry[]>,
  ): Set<DepKey> {
    const invalid = new Set<DepKey>();
    // What was forgotten: keys, and declarations whose every part goes.
    let keys = new Set<DepKey>();
    let whole = new Set<string>();
    const invalidate = (k: DepKey) => {
      if (invalid.has(k)) return;
      invalid.add(k);
      keys.add(k);
      if (typeof k === 'string') whole.add(k);
    };
    for (const [address] of changes) {
      const parts = partial.get(address);
      if (!parts) {
        invalidate(address);
        continue;
      }
      // What read the declaration as such, or a part that changed.
      keys.add(address);
      for (const p of parts) keys.add(this.partKey(address, p));
    }
    // What read a forgotten key goes too, whole (so does what read any part of it), and so
    // on: one pass over what each value read per step, with no map of readers to build.
    while (keys.size || whole.size) {
      const ks = keys;
      const ws = whole;
      keys = new Set();
      whole = new Set();
      for (const [from, tos] of this.reads) {
        if (invalid.has(from)) continue;
        for (const t of tos) {
          if (ks.has(t) || (ws.size > 0 && typeof t === 'string' && ws.has(this.baseOf.get(t) ?? t))) {
            invalidate(from);
            break;
          }
        }
      }
    }
    for (const k of invalid) if (typeof k === 'string') partial.delete(k);
    if (invalid.size || partial.size) this.bump(ADDRESSES_ALL);
    for (const key of invalid) {
      this.bump(key);
      if (typeof key === 'string') {
        const b = before.get(key)?.[0];
        const a = after.get(key)?.[0];
        const e = b ?? a;
        if (e && (e.kind === 'resource' || e.kind === 'data')) {
          this.bump(`${LIST}${e.kind}:${e.type}`);
          this.bump(`${key}${ANY_PART}`);
        }
        if (!b !== !a) this.bump(ADDRESSES);
      }
      this.forgetExpressions(key);
      this.reads.delete(key);
    }
    for (const [address, parts] of partial) {
      this.bump(address);
      for (const p of parts) this.bump(this.partKey(address, p));
      // Its expressions are new objects: values shared under the old ones go. What it read
      // stays listed (its expansion's reads among them), a superset of what it reads now.
      this.forgetExpressions(address);
    }
    return invalid;
  }

  /** Values shared under the expressions a declaration read (they may be gone with it). */
  private forgetExpressions(key: DepKey): void {
    const reads = this.reads.get(key);
    if (!reads) return;
    for (const r of reads) {
      if (typeof r !== 'string') {
        this.instanceFree.delete(r);
        this.reads.delete(r);
        reads.delete(r);
      }
    }
  }
}

/** The index as seen while reads are recorded (see Dependencies.trackedIndex). */
function trackedIndex(m: Generations, index: Map<string, BlockEntry[]>): Map<string, BlockEntry[]> {
  return new Proxy(index, {
    get(target, prop) {
      if (prop === 'get' || prop === 'has') {
        return (address: string) => {
          readKey(m, address);
          return prop === 'get' ? target.get(address) : target.has(address);
        };
      }
      if (prop === 'keys') {
        return () => {
          readKey(m, ADDRESSES);
          return target.keys();
        };
      }
      // Sizes, entries, values and iteration see every declaration.
      readOpaque();
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v;
    },
  });
}
