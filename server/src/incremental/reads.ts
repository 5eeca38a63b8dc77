// What a computation read of the model, so that its result can be kept across edits. A
// module names what it forgets after an edit by keys (declarations' addresses, shared
// expressions, the instances of a type); a read is recorded as (module, key). A result stays
// true until one of its keys is forgotten. Reads the model cannot describe that way make the
// record `opaque`: never kept.

/**
 * Keys name a declaration (`aws_vpc.main`: all of it) or one part of it (`aws_vpc.main@tags`,
 * an argument or a nested block type; `aws_vpc.main@`: which instances it has). Forgetting
 * `aws_vpc.main@*` forgets every part.
 */
export const ANY_PART = '@*';

/** Anything that names its keys: a module instance. */
export interface Generations {
  generation(key: unknown): number;
}

export class Reads {
  readonly owners: Generations[] = [];
  readonly keys: unknown[] = [];
  /** Records this one builds on (a remembered helper's answer), shared, not copied. */
  readonly parts: Reads[] = [];
  /** The parts as a set, once there are several: a record replayed again is not added twice. */
  private partSet: Set<Reads> | undefined;
  opaque = false;

  /** Adds a record this one builds on, once. */
  part(r: Reads): void {
    const parts = this.parts;
    const n = parts.length;
    if (n && parts[n - 1] === r) return;
    if (n >= 8) {
      if (!this.partSet) this.partSet = new Set(parts);
      if (this.partSet.has(r)) return;
      this.partSet.add(r);
    } else if (parts.includes(r)) return;
    parts.push(r);
  }

  key(owner: Generations, key: unknown): void {
    const n = this.keys.length;
    // Reads come in runs on one declaration: record it once per run.
    if (n && this.keys[n - 1] === key && this.owners[n - 1] === owner) return;
    this.owners.push(owner);
    this.keys.push(key);
  }
}

let current: Reads | undefined;

/** The record being made, if any: model code asks before recording. */
export function tracking(): Reads | undefined {
  return current;
}

/** Runs `f` recording into `reads` (nested records add themselves to their parent). */
export function recording<T>(reads: Reads, f: () => T): T {
  const saved = current;
  if (saved) saved.part(reads);
  current = reads;
  try {
    return f();
  } finally {
    current = saved;
  }
}

/** Runs `f` with nothing recorded (work whose reads are accounted for otherwise). */
export function unrecorded<T>(f: () => T): T {
  const saved = current;
  current = undefined;
  try {
    return f();
  } finally {
    current = saved;
  }
}

export function readKey(owner: Generations, key: unknown): void {
  if (current) current.key(owner, key);
}

/** A read the generations cannot describe: whatever is being recorded must not be kept. */
export function readOpaque(): void {
  if (current) current.opaque = true;
}

/** Adds an earlier record (a remembered answer's reads) to the one being made. */
export function replay(reads: Reads): void {
  if (!current || current === reads) return;
  if (!reads.opaque && !reads.keys.length && !reads.parts.length) return;
  current.part(reads);
}
