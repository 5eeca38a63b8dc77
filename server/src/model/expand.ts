// `count` and `for_each` of resources, data sources and module calls, into instance keys, and
// OpenTofu's `lifecycle { enabled = ... }` (1.11), which makes one instance or none. Unknown or
// too many: one unexpanded instance stands for all of them.

import type { Attribute, Body } from '../hcl/ast';
import { instanceVars, type BlockModule } from './blocks';
import { compareStrings, sortedKeys } from './convert';
import type { BlockEntry } from './types';
import { bool, num, type Value } from './value';

export interface ExpansionItem {
  key: string | number | undefined;
  vars: Map<string, Value> | undefined;
}

export interface Expansion {
  kind: 'single' | 'count' | 'for_each';
  /** False when the keys are not known (one unexpanded item then). */
  known: boolean;
  items: ExpansionItem[];
}

export function expandMeta(m: BlockModule, entry: BlockEntry): Expansion {
  const { fe, count, enabled } = metaArguments(entry.block.body);
  const unexpanded = (kind: 'count' | 'for_each'): Expansion => ({
    kind,
    known: false,
    items: [{ key: undefined, vars: instanceVars(kind === 'count' ? 'count' : 'each', undefined, undefined) }],
  });
  // Keys a plan lists where the configuration alone does not know them.
  const planned = (kind: 'count' | 'for_each'): Expansion | undefined => {
    const keys = m.plannedKeys?.(entry);
    if (!keys || keys.length > m.maxInstances) return undefined;
    if (kind === 'count' ? !keys.every((k, i) => k === i) : !keys.every((k) => typeof k === 'string')) return undefined;
    return {
      kind,
      known: true,
      items: keys.map((k) => ({ key: k, vars: instanceVars(kind === 'count' ? 'count' : 'each', k, undefined) })),
    };
  };
  const tooMany = (kind: 'count' | 'for_each', n: number): Expansion => {
    m.note(
      `${entry.address} has ${n} instances, more than the ${m.maxInstances} analysed; treated as one unexpanded instance`,
      entry.uri,
      entry.block,
    );
    return unexpanded(kind);
  };
  if (fe) {
    if (!fe.value) return unexpanded('for_each');
    const v = m.evaluateIn(fe.value, entry.uri, undefined);
    const pairs = forEachPairs(v);
    if (!pairs) return planned('for_each') ?? unexpanded('for_each');
    if (pairs.length > m.maxInstances) return tooMany('for_each', pairs.length);
    return {
      kind: 'for_each',
      known: true,
      items: pairs.map(([k, val]) => ({ key: k, vars: instanceVars('each', k, val) })),
    };
  }
  if (count) {
    if (!count.value) return unexpanded('count');
    const n = num(m.evaluateIn(count.value, entry.uri, undefined));
    if (n === undefined || !Number.isInteger(n) || n < 0) return planned('count') ?? unexpanded('count');
    if (n > m.maxInstances) return tooMany('count', n);
    const items: ExpansionItem[] = [];
    for (let i = 0; i < n; i++) items.push({ key: i, vars: instanceVars('count', i, undefined) });
    return { kind: 'count', known: true, items };
  }
  if (enabled?.value) {
    // Not with count or for_each (OpenTofu rejects that): a single instance, or none when false.
    const on = bool(m.evaluateIn(enabled.value, entry.uri, undefined));
    if (on === false) return { kind: 'single', known: true, items: [] };
    if (on === undefined) return { kind: 'single', known: false, items: [{ key: undefined, vars: undefined }] };
  }
  return { kind: 'single', known: true, items: [{ key: undefined, vars: undefined }] };
}

/**
 * Keys and values of a for_each: a map by sorted key, or a set of strings (a list here, as
 * toset gives) whose elements are both key and value. Undefined when not known.
 */
function forEachPairs(v: Value): [string, Value][] | undefined {
  if (v.kind === 'map') return sortedKeys(v).map((k) => [k, v.entries.get(k)!]);
  if (v.kind !== 'list') return undefined;
  const seen = new Map<string, Value>();
  for (const x of v.items) {
    if (x.kind !== 'string') return undefined;
    if (!seen.has(x.value)) seen.set(x.value, x);
  }
  return [...seen.keys()].sort(compareStrings).map((k) => [k, seen.get(k)!]);
}

/**
 * The first `for_each`, the first `count` and the first `lifecycle` block's `enabled` of a
 * body, in one pass: every declaration is expanded, and most have none, so looking for each in
 * turn read every body several times.
 */
function metaArguments(body: Body): { fe: Attribute | undefined; count: Attribute | undefined; enabled: Attribute | undefined } {
  let fe: Attribute | undefined;
  let count: Attribute | undefined;
  let enabled: Attribute | undefined;
  let lifecycle = false;
  for (const it of body.items) {
    if (it.type !== 'Attribute') {
      if (!lifecycle && it.blockType.name === 'lifecycle') {
        lifecycle = true;
        for (const a of it.body.items) if (a.type === 'Attribute' && a.name.name === 'enabled') enabled ??= a;
      }
      continue;
    }
    const name = it.name.name;
    if (name === 'for_each') fe ??= it;
    else if (name === 'count') count ??= it;
  }
  return { fe, count, enabled };
}
