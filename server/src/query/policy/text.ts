// Heredocs and quoted strings holding a policy: the JSON text, with every character mapped
// back to the file, read into a document whose nodes point at where they are written.

import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Expression, Range, TemplatePart } from '../../hcl/ast';
import type { ModuleInstance, SourceFile } from '../../model/types';
import { str } from '../../model/value';
import { pos } from '../../fixes/edits';
import { plainJsonTree } from './json-tree';
import { UNKNOWN, type Loc, type PNode, type PolicyDoc, type PolicyForm, type PProp } from './document';

/** Stands for an interpolation inside policy text; a private-use character JSON accepts in strings. */
const HOLE = '\uE000';

/** Ranges made while a document is read from text (they do not move with the syntax tree). */
let placesMade: Range[] | undefined;

/** Runs `read`, recording in `made` the ranges it makes while reading text. */
export function recordingPlaces<T>(made: Range[], read: () => T): T {
  const outer = placesMade;
  placesMade = made;
  try {
    return read();
  } finally {
    placesMade = outer;
  }
}

export interface MappedText {
  text: string;
  /** File offset of every character of `text`. */
  map: number[];
  /** File offset just after every character of `text` (escapes take several). */
  ends: number[];
  /** Offsets in `text` of interpolations (each stands as one HOLE character). */
  holes: { offset: number; expr: Expression }[];
}

/**
 * Rebuilds the text of a template from its parts, mapping each character to the file. Returns
 * undefined for templates with directives (`%{ if }`), whose text is not fixed.
 */
export function templateText(file: SourceFile, parts: TemplatePart[], heredoc: boolean): MappedText | undefined {
  let text = '';
  const map: number[] = [];
  const ends: number[] = [];
  const holes: MappedText['holes'] = [];
  for (const p of parts) {
    if (p.type === 'TemplateInterpolation') {
      holes.push({ offset: text.length, expr: p.expr });
      text += HOLE;
      map.push(p.range.start.offset);
      ends.push(p.range.end.offset);
      continue;
    }
    if (p.type !== 'TemplateLiteral') return undefined;
    if (!mapLiteral(file, p.range, p.value, heredoc, map, ends)) return undefined;
    text += p.value;
  }
  return { text, map, ends, holes };
}

/**
 * File offsets of each character of a literal's decoded value, by walking its source text:
 * escapes (`\"`, `\n`, `\uXXXX` in quoted strings; `$${`, `%%{` everywhere) and, in `<<-`
 * heredocs, the indentation removed at the start of each line.
 */
function mapLiteral(file: SourceFile, range: Range, value: string, heredoc: boolean, out: number[], ends: number[]): boolean {
  // The offsets are added to `out` and `ends` (false: the source does not spell the value).
  const raw = file.text.slice(range.start.offset, range.end.offset);
  const base = range.start.offset;
  let i = 0;
  let v = 0;
  let atLineStart = range.start.character === 0 || (heredoc && file.text[base - 1] === '\n');
  while (v < value.length) {
    if (i >= raw.length) return false;
    if (heredoc && atLineStart) {
      // Skip the indentation that `<<-` removed: the raw line has more leading blanks than the value line.
      const rawEnd = lineEnd(raw, i);
      const valEnd = lineEnd(value, v);
      let extra = decodedLength(raw.slice(i, rawEnd)) - (valEnd - v);
      while (extra > 0 && (raw[i] === ' ' || raw[i] === '\t')) {
        i++;
        extra--;
      }
      atLineStart = false;
    }
    const c = raw[i];
    if (c === '\r' && value[v] !== '\r') {
      i++;
      continue;
    }
    if (!heredoc && c === '\\') {
      const n = escapeLength(raw, i);
      const produced = decodeEscape(raw.slice(i, i + n));
      for (let k = 0; k < produced.length; k++) {
        out.push(base + i);
        ends.push(base + i + n);
      }
      v += produced.length;
      i += n;
      continue;
    }
    if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      out.push(base + i, base + i + 2);
      ends.push(base + i + 2, base + i + 3);
      v += 2;
      i += 3;
      continue;
    }
    if (value[v] !== c) return false;
    out.push(base + i);
    ends.push(base + i + 1);
    if (c === '\n') atLineStart = true;
    v++;
    i++;
  }
  return true;
}

function lineEnd(s: string, from: number): number {
  const n = s.indexOf('\n', from);
  const e = n < 0 ? s.length : n;
  return e > from && s[e - 1] === '\r' ? e - 1 : e;
}

function decodedLength(s: string): number {
  if (!s.includes('{')) return s.length;
  return s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{').length;
}

function escapeLength(raw: string, i: number): number {
  const c = raw[i + 1];
  if (c === 'u') return 6;
  if (c === 'U') return 10;
  return 2;
}

function decodeEscape(e: string): string {
  switch (e[1]) {
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'u':
    case 'U': {
      const cp = parseInt(e.slice(2), 16);
      return Number.isNaN(cp) ? '' : String.fromCodePoint(cp);
    }
    default:
      return e[1] ?? '';
  }
}

const ERROR_TEXT: Record<number, string> = {
  1: 'unexpected character',
  2: 'invalid number',
  3: 'a property name in double quotes is expected',
  4: 'a value is expected',
  5: 'a colon is expected',
  6: 'a comma is expected',
  7: 'a closing brace is expected',
  8: 'a closing bracket is expected',
  9: 'nothing may follow the document',
  10: 'comments are not allowed',
  11: 'a comment is not closed',
  12: 'a string is not closed',
  13: 'a number is not finished',
  14: 'invalid unicode escape',
  15: 'invalid escape character',
  16: 'invalid character in a string',
};

/**
 * Reads a document from the JSON text of a heredoc or string: the document and its form, and
 * any syntax errors (the holder's own parts are the caller's). `perInstance`: the text uses
 * values that differ per instance, so its interpolations are unknown.
 */
export function readText(
  file: SourceFile,
  t: MappedText,
  quoted: boolean,
  module: ModuleInstance,
  perInstance: boolean,
): Pick<PolicyDoc, 'doc' | 'form'> & Partial<Pick<PolicyDoc, 'syntaxErrors'>> {
  const errors: ParseError[] = [];
  const tree =
    plainJsonTree(t.text) ?? parseTree(t.text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const form: PolicyForm = { kind: 'text', file, json: t.text, tree, map: t.map, ends: t.ends, quoted };
  const uri = file.path;
  const locAt = (start: number, end: number): Loc => {
    const range = mapRange(file, t, start, end);
    placesMade?.push(range);
    return { uri, range };
  };

  // An interpolation outside a JSON string changes the document's shape: nothing can be said.
  // (Most policies hold no interpolation: their strings are not collected.)
  if (t.holes.length) {
    const strings: [number, number][] = [];
    const collect = (n: JsonNode | undefined) => {
      if (!n) return;
      if (n.type === 'string') strings.push([n.offset, n.offset + n.length]);
      n.children?.forEach(collect);
    };
    collect(tree);
    const holeInString = (h: number) => strings.some(([s, e]) => s < h && h < e - 1);
    if (!t.holes.every((h) => holeInString(h.offset))) return { doc: UNKNOWN, form };
  }

  const syntaxErrors = errors.map((e) => ({
    message: ERROR_TEXT[e.error] ?? 'invalid JSON',
    loc: locAt(e.offset, e.offset + Math.max(1, e.length)),
  }));
  if (errors.length || !tree) return { doc: UNKNOWN, form, syntaxErrors };

  const holeValue = new Map<number, string | undefined>();
  for (const h of t.holes) {
    const v = perInstance ? undefined : str(module.evaluate(h.expr));
    holeValue.set(h.offset, v);
  }
  const stringValue = (n: JsonNode): string | undefined => {
    const s = String(n.value);
    if (!s.includes(HOLE)) return s;
    // Substitute known interpolations in order; any unknown one makes the string unknown.
    const inside = t.holes.filter((h) => h.offset > n.offset && h.offset < n.offset + n.length);
    let k = 0;
    let bad = false;
    const out = s.replace(new RegExp(HOLE, 'g'), () => {
      const h = inside[k++];
      const x = h ? holeValue.get(h.offset) : undefined;
      if (x === undefined) bad = true;
      return x ?? '';
    });
    return bad ? undefined : out;
  };
  // Each node with its offset in the text (`span`), written last as before.
  const conv = (n: JsonNode): PNode => {
    const loc = locAt(n.offset, n.offset + n.length);
    const span = n.offset;
    switch (n.type) {
      case 'object': {
        const props = new Map<string, PProp>();
        for (const p of n.children ?? []) {
          const [k, v] = p.children ?? [];
          if (!k || !v) continue;
          const key = stringValue(k);
          if (key === undefined) return { kind: 'unknown', loc, span };
          props.set(key, { key, value: conv(v), loc: locAt(p.offset, p.offset + p.length) });
        }
        return { kind: 'object', props, loc, span };
      }
      case 'array':
        return { kind: 'array', items: (n.children ?? []).map(conv), loc, span };
      case 'string': {
        const s = stringValue(n);
        return s === undefined ? { kind: 'unknown', loc, span } : { kind: 'scalar', value: s, loc, span };
      }
      default:
        return { kind: 'scalar', value: n.value as number | boolean | null, loc, span };
    }
  };
  return { doc: conv(tree), form, syntaxErrors };
}

/** File range of text offsets [start, end) of a mapped text. */
export function mapRange(file: SourceFile, t: { text: string; map: number[]; ends: number[] }, start: number, end: number): Range {
  return { start: pos(file, mapOffset(t, start)), end: pos(file, mapEnd(t, end - 1)) };
}

/** File offset just after a text offset's character. */
export function mapEnd(t: { map: number[]; ends: number[] }, offset: number): number {
  if (t.ends.length === 0) return 0;
  if (offset < 0) return t.map[0];
  if (offset >= t.ends.length) return t.ends[t.ends.length - 1];
  return t.ends[offset];
}

/** File offset of a text offset; past the end, just after the last character. */
export function mapOffset(t: { text: string; map: number[] }, offset: number): number {
  if (t.map.length === 0) return 0;
  if (offset < 0) return t.map[0];
  if (offset >= t.map.length) return t.map[t.map.length - 1] + 1;
  return t.map[offset];
}
