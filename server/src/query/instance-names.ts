// How several instances of one block (`for_each` keys, `count` indexes) are named in one
// sentence: `aws_vpc_endpoint.interface (4 instances: ecr.api, ecr.dkr, logs, ssm)`. The engine
// merges findings that differ only by instance with it, and a rule that groups instances
// itself names them the same way.

import { compareStrings } from '../model/convert';

/**
 * An instance address in a text: `aws_vpc_endpoint.x["a"]`, `module.m[0]`, `data.t.n["k"]`.
 * It starts where no name does (not inside a name or after a dot): tried at every letter of a
 * long name, the search would take quadratic time on a text without a match.
 */
export const INSTANCE_ADDRESS = /(?<![\w.-])((?:[A-Za-z_][\w-]*\.)+[A-Za-z_][\w-]*)\[(\d+|"(?:[^"\\]|\\.)*")\]/g;

/** Most instances a text names; the rest are counted. */
export const NAMED_INSTANCES = 10;

/** An instance key as it was written in an address (`"ecr.api"`, `0`), read back. */
export function keyOf(written: string): string | number {
  if (written.startsWith('"')) {
    try {
      return JSON.parse(written) as string;
    } catch {
      return written;
    }
  }
  return Number(written);
}

/** Keys in Terraform's order: indexes by number, then names by code point (the same on every machine). */
export function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return compareStrings(a, b);
}

/** A key for people: bare when it reads unambiguously in a list, quoted otherwise. */
export function showKey(k: string | number): string {
  if (typeof k === 'number') return String(k);
  return /^[\w.\-/:@+]+$/.test(k) ? k : JSON.stringify(k);
}

/** `ecr.api, ecr.dkr and 3 more`: the first keys (in order), the rest counted. */
export function keyList(keys: readonly (string | number)[]): string {
  const sorted = [...keys].sort(compareKeys);
  const shown = sorted.slice(0, NAMED_INSTANCES).map(showKey);
  const more = sorted.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** `4 instances: ecr.api, ecr.dkr, logs, ssm` (`of module.x` for a module's instances). */
export function instancesPhrase(base: string, keys: readonly (string | number)[]): string {
  const of = base.startsWith('module.') && !base.slice('module.'.length).includes('.') ? ` of ${base}` : '';
  return `${keys.length} instance${keys.length === 1 ? '' : 's'}${of}: ${keyList(keys)}`;
}

/**
 * Addresses named together, each block once: `aws_vpc_endpoint.a (2 instances: x, y), aws_vpc_endpoint.b`.
 * `count` is how many blocks are named (for the verb that follows).
 */
export function nameAddresses(addresses: readonly string[]): { text: string; count: number } {
  const byBase = new Map<string, (string | number)[] | undefined>();
  for (const a of addresses) {
    INSTANCE_ADDRESS.lastIndex = 0;
    const m = INSTANCE_ADDRESS.exec(a);
    // Only a whole address that ends in its key is one instance of a block.
    if (!m || m.index !== 0 || m[0].length !== a.length) {
      if (!byBase.has(a)) byBase.set(a, undefined);
      continue;
    }
    const keys = byBase.get(m[1]) ?? [];
    const k = keyOf(m[2]);
    if (!keys.includes(k)) keys.push(k);
    byBase.set(m[1], keys);
  }
  const parts = [...byBase].map(([base, keys]) =>
    !keys
      ? base
      : keys.length === 1
        ? `${base}[${typeof keys[0] === 'number' ? keys[0] : JSON.stringify(keys[0])}]`
        : `${base} (${instancesPhrase(base, keys)})`,
  );
  return { text: parts.join(', '), count: parts.length };
}
