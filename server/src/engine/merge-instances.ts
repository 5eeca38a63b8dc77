// One finding per mistake. A block with `for_each` or `count` is checked once per instance, so
// one mistake in it comes back once per instance: same rule, same place, same fix, messages
// that differ only in the instance they name. Such findings become one that names its
// instances (`aws_vpc_endpoint.interface (4 instances: ecr.api, ecr.dkr, logs, ssm)`), so
// every face (Problems, hover, quick fixes, the CLI and its formats) shows one mistake once.
//
// "Differ only by instance" means: put the instance key of every address the message names
// (`x["a"]`, `x[0]`) and every standalone mention of such a key (a service named by
// `each.key`: `x["kms"] (kms)`) aside, and the messages are equal; what was put aside is, in
// each finding, the key of one instance of one block. Findings whose fixes differ (each
// instance would be fixed by another edit), whose severities differ or that point at other
// places are kept apart.

import type { Finding, Related } from '../rules/types';
import { INSTANCE_ADDRESS, compareKeys, instancesPhrase, keyList, keyOf } from '../query/instance-names';

/** A text cut where instance keys were: literal pieces around holes. */
interface Cut {
  /** The text with each hole replaced by a marker: equal for texts that differ only by instance. */
  shape: string;
  holes: Hole[];
  /** Literal pieces: pieces[i] comes before holes[i]; one more piece than holes. */
  pieces: string[];
}

interface Hole {
  /** An address's key (`slot`, with the address without it) or a standalone mention of one. */
  kind: 'slot' | 'mention';
  base: string;
  written: string;
  key: string | number;
}

/** Standalone: not part of a longer name, path or number. */
const NAME_CHAR = /[\w.\-/:]/;

/** Most distinct keys a text may name for their mentions to be looked for. */
const MAX_MENTIONED_KEYS = 8;

/** A key worth finding elsewhere in a text: a name, not a short index-like word. */
const mentionable = (k: string | number): k is string => typeof k === 'string' && k.length >= 2 && /[A-Za-z]/.test(k);

/**
 * The cut of a text, made once per text: many findings and related places share their texts,
 * and cuts are only read.
 */
function cutOnce(cuts: Map<string, Cut>, text: string): Cut {
  let c = cuts.get(text);
  if (!c) cuts.set(text, (c = cut(text)));
  return c;
}

function cut(text: string): Cut {
  const spans: { start: number; end: number; hole: Hole }[] = [];
  // Mentions of the keys the text's addresses name, outside those addresses, longest first. A
  // text naming many keys is a list already (no instance of it is named on its own): not searched.
  const named: string[] = [];
  INSTANCE_ADDRESS.lastIndex = 0;
  for (let m = INSTANCE_ADDRESS.exec(text); m; m = INSTANCE_ADDRESS.exec(text)) {
    const key = keyOf(m[2]);
    spans.push({ start: m.index + m[1].length, end: m.index + m[0].length, hole: { kind: 'slot', base: m[1], written: m[2], key } });
    if (mentionable(key) && !named.includes(key)) named.push(key);
  }
  const keys = named.length <= MAX_MENTIONED_KEYS ? named.sort((a, b) => b.length - a.length) : [];
  const taken = (a: number, b: number) => spans.some((s) => a < s.end && s.start < b);
  for (const k of keys) {
    for (let i = text.indexOf(k); i >= 0; i = text.indexOf(k, i + 1)) {
      const j = i + k.length;
      if ((i > 0 && NAME_CHAR.test(text[i - 1])) || (j < text.length && NAME_CHAR.test(text[j])) || taken(i, j)) continue;
      spans.push({ start: i, end: j, hole: { kind: 'mention', base: '', written: k, key: k } });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const pieces: string[] = [];
  let shape = '';
  let at = 0;
  for (const s of spans) {
    const piece = text.slice(at, s.start);
    pieces.push(piece);
    shape += piece + (s.hole.kind === 'slot' ? '[\u0000]' : '\u0001');
    at = s.end;
  }
  pieces.push(text.slice(at));
  shape += text.slice(at);
  return { shape, holes: spans.map((s) => s.hole), pieces };
}

/**
 * One text for texts of one shape, naming their instances; undefined when they do not differ
 * by the instances of one block only (two blocks' keys vary, or a varying mention is not the
 * instance's key).
 */
function mergedText(cuts: readonly Cut[]): { text: string; keys: (string | number)[] } | undefined {
  const first = cuts[0];
  const n = first.holes.length;
  const varies = first.holes.map((_, i) => cuts.some((c) => c.holes[i].written !== first.holes[i].written));
  const slots = first.holes.map((h, i) => (varies[i] && h.kind === 'slot' ? i : -1)).filter((i) => i >= 0);
  if (slots.length === 0) {
    // Equal texts (the same finding twice), or only mentions vary: nothing names the instances.
    return varies.some((v) => v)
      ? undefined
      : {
          text: join(
            first,
            first.holes.map((h) => original(h)),
          ),
          keys: [],
        };
  }
  // A key that varies inside another address's brackets (`module.gw["s3"].aws_vpc_endpoint.this["s3"]`,
  // instances of a module called with for_each) is not one block's instances: kept apart.
  for (let i = 0; i < n; i++) {
    if (varies[i] && first.holes[i].kind === 'mention' && first.pieces[i].endsWith('["') && first.pieces[i + 1].startsWith('"]'))
      return undefined;
  }
  const base = first.holes[slots[0]].base;
  const keys: (string | number)[] = [];
  for (const c of cuts) {
    const k = c.holes[slots[0]].key;
    // Each finding is about one instance of one block, named the same way wherever it is.
    for (let i = 0; i < n; i++) {
      if (!varies[i]) continue;
      const h = c.holes[i];
      if (h.kind === 'slot' && (h.base !== base || h.key !== k)) return undefined;
      if (h.kind === 'mention' && h.key !== k) return undefined;
    }
    if (!keys.some((x) => x === k)) keys.push(k);
  }
  keys.sort(compareKeys);
  const named = ` (${instancesPhrase(base, keys)})`;
  const texts: string[] = [];
  let listed = false;
  for (let i = 0; i < n; i++) {
    const h = first.holes[i];
    if (!varies[i]) texts.push(original(h));
    else if (h.kind === 'slot') {
      texts.push(listed ? '' : named);
      listed = true;
    } else texts.push(keyList(keys));
  }
  // A mention that only repeats the key right after the address (`x["kms"] (kms)`) says nothing
  // the list of instances does not.
  const pieces = [...first.pieces];
  for (let i = 0; i < n; i++) {
    const h = first.holes[i];
    if (!varies[i] || h.kind !== 'mention' || i === 0) continue;
    const prev = i - 1;
    if (varies[prev] && first.holes[prev].kind === 'slot' && pieces[i] === ' (' && pieces[i + 1].startsWith(')')) {
      pieces[i] = '';
      texts[i] = '';
      pieces[i + 1] = pieces[i + 1].slice(1);
    }
  }
  return { text: join({ ...first, pieces }, texts), keys };
}

const original = (h: Hole) => (h.kind === 'slot' ? `[${h.written}]` : h.written);

function join(c: Pick<Cut, 'pieces'>, texts: readonly string[]): string {
  let out = c.pieces[0];
  for (let i = 0; i < texts.length; i++) out += texts[i] + c.pieces[i + 1];
  return out;
}

const placeOf = (x: { uri: string; range: Finding['range'] }) => `${x.uri}|${x.range.start.offset}|${x.range.end.offset}`;

/** The fixes as text: findings merge only when each would be fixed by the same edits. */
function fixesKey(f: Finding): string {
  if (!f.fixes?.length) return '';
  return JSON.stringify(
    f.fixes.map((x) => [x.title, x.isPreferred === true, x.edits.map((e) => [e.uri, e.range.start.offset, e.range.end.offset, e.newText])]),
  );
}

/** Related places of merged findings: each place once, notes that differ only by instance merged too. */
function mergedRelated(members: readonly Finding[], cuts: Map<string, Cut>): Related[] | undefined {
  if (!members.some((f) => f.related)) return undefined;
  const groups = new Map<string, { first: Related; cuts: Cut[]; texts: Set<string> }>();
  const out: (Related | { group: string })[] = [];
  for (const f of members) {
    for (const r of f.related ?? []) {
      const c = cutOnce(cuts, r.message);
      const k = `${placeOf(r)}|${c.shape}`;
      const g = groups.get(k);
      if (!g) {
        groups.set(k, { first: r, cuts: [c], texts: new Set([r.message]) });
        out.push({ group: k });
      } else if (!g.texts.has(r.message)) {
        g.texts.add(r.message);
        g.cuts.push(c);
      }
    }
  }
  const related: Related[] = [];
  for (const o of out) {
    const g = groups.get((o as { group: string }).group)!;
    if (g.cuts.length === 1) {
      related.push({ ...g.first });
      continue;
    }
    const m = mergedText(g.cuts);
    if (m) related.push({ ...g.first, message: m.text });
    else for (const text of g.texts) related.push({ ...g.first, message: text });
  }
  return related;
}

/**
 * Findings that differ only by instance, merged into one each. Deterministic: the result does
 * not depend on the order of `findings` beyond the order of unmerged ones (the caller sorts).
 */
export function mergeInstances(findings: readonly Finding[]): Finding[] {
  // Findings merge only with others of their rule, severity and place: one alone there is
  // kept as it is, without cutting its message or writing out its fixes.
  const atPlace = new Map<string, number>();
  const placeKeys: (string | undefined)[] = [];
  for (const f of findings) {
    // A message that names no instance (syntax, notes about a file) is never one of several.
    if (!f.message.includes('[')) {
      placeKeys.push(undefined);
      continue;
    }
    const p = `${f.rule}|${f.severity}|${placeOf(f)}`;
    placeKeys.push(p);
    atPlace.set(p, (atPlace.get(p) ?? 0) + 1);
  }
  const groups = new Map<string, { cuts: Cut[]; members: Finding[] }>();
  const order: (Finding | string)[] = [];
  const cutsByText = new Map<string, Cut>();
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const p = placeKeys[i];
    if (p === undefined || atPlace.get(p) === 1) {
      order.push(f);
      continue;
    }
    const c = cutOnce(cutsByText, f.message);
    const k = `${p}|${c.shape}|${fixesKey(f)}`;
    const g = groups.get(k);
    if (g) {
      g.cuts.push(c);
      g.members.push(f);
    } else {
      groups.set(k, { cuts: [c], members: [f] });
      order.push(k);
    }
  }
  const out: Finding[] = [];
  for (const o of order) {
    if (typeof o !== 'string') {
      out.push(o);
      continue;
    }
    const g = groups.get(o)!;
    if (g.members.length === 1) {
      out.push(g.members[0]);
      continue;
    }
    // Members in the order of their texts, so the merged one is the same whatever came first.
    const idx = g.members
      .map((_, i) => i)
      .sort((a, b) => compareCuts(g.cuts[a], g.cuts[b]) || byCode(g.members[a].message, g.members[b].message));
    const members = idx.map((i) => g.members[i]);
    const cuts = idx.map((i) => g.cuts[i]);
    const m = mergedText(cuts);
    if (!m) {
      out.push(...members);
      continue;
    }
    const merged: Finding = { ...members[0], message: m.text };
    const related = mergedRelated(members, cutsByText);
    if (related) merged.related = related;
    out.push(merged);
  }
  return out;
}

function compareCuts(a: Cut, b: Cut): number {
  for (let i = 0; i < Math.min(a.holes.length, b.holes.length); i++) {
    const d = compareKeys(a.holes[i].key, b.holes[i].key);
    if (d) return d;
  }
  return 0;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
