// Policy text is almost always plain, valid JSON. This reads such text into the same tree that
// jsonc-parser's parseTree builds (the same nodes, properties and offsets), several times
// faster; anything it does not read as plain JSON (an error, a comment, other blanks, a number
// written otherwise) it leaves to jsonc-parser, which says what is wrong and where.

import type { Node as JsonNode } from 'jsonc-parser';

/** A node being built: jsonc-parser's node, written to. */
type Built = { -readonly [K in keyof JsonNode]: JsonNode[K] } & { children?: JsonNode[] };

/** Thrown inside the reader when the text is not plain JSON: the caller falls back. One, made once. */
const NOT_PLAIN = new Error('not plain JSON');

/** The tree of a plain JSON text; undefined when the text is anything else. */
export function plainJsonTree(text: string): JsonNode | undefined {
  const r = new Reader(text);
  try {
    r.blanks();
    const root = r.value(undefined);
    r.blanks();
    if (r.at !== text.length) return undefined;
    // parseTree's root has no parent property at all.
    delete (root as Built).parent;
    return root;
  } catch (e) {
    if (e === NOT_PLAIN) return undefined;
    throw e;
  }
}

class Reader {
  at = 0;
  constructor(private readonly text: string) {}

  blanks(): void {
    const t = this.text;
    let i = this.at;
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    }
    this.at = i;
  }

  /** A value at `at` (blanks already skipped), added to `parent`'s children. */
  value(parent: JsonNode | undefined): JsonNode {
    const t = this.text;
    const start = this.at;
    const c = t.charCodeAt(start);
    if (c === 0x7b) return this.object(parent);
    if (c === 0x5b) return this.array(parent);
    if (c === 0x22) {
      const value = this.string();
      return { type: 'string', offset: start, length: this.at - start, parent, value };
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const value = this.number();
      return { type: 'number', offset: start, length: this.at - start, parent, value };
    }
    for (const [word, value] of KEYWORDS) {
      if (t.startsWith(word, start)) {
        this.at = start + word.length;
        this.delimited();
        return { type: value === null ? 'null' : 'boolean', offset: start, length: word.length, parent, value };
      }
    }
    throw NOT_PLAIN;
  }

  private object(parent: JsonNode | undefined): JsonNode {
    const t = this.text;
    const node: Built = { type: 'object', offset: this.at, length: -1, parent, children: [] };
    this.at++;
    this.blanks();
    if (t.charCodeAt(this.at) === 0x7d) {
      this.at++;
      node.length = this.at - node.offset;
      return node;
    }
    for (;;) {
      if (t.charCodeAt(this.at) !== 0x22) throw NOT_PLAIN;
      const keyStart = this.at;
      const prop: Built = { type: 'property', offset: keyStart, length: -1, parent: node, children: [] };
      const name = this.string();
      prop.children!.push({ type: 'string', value: name, offset: keyStart, length: this.at - keyStart, parent: prop });
      this.blanks();
      if (t.charCodeAt(this.at) !== 0x3a) throw NOT_PLAIN;
      prop.colonOffset = this.at;
      this.at++;
      this.blanks();
      const v = this.value(prop);
      prop.children!.push(v);
      prop.length = v.offset + v.length - keyStart;
      node.children!.push(prop);
      this.blanks();
      const sep = t.charCodeAt(this.at);
      this.at++;
      if (sep === 0x7d) break;
      if (sep !== 0x2c) throw NOT_PLAIN;
      this.blanks();
    }
    node.length = this.at - node.offset;
    return node;
  }

  private array(parent: JsonNode | undefined): JsonNode {
    const t = this.text;
    const node: Built = { type: 'array', offset: this.at, length: -1, parent, children: [] };
    this.at++;
    this.blanks();
    if (t.charCodeAt(this.at) === 0x5d) {
      this.at++;
      node.length = this.at - node.offset;
      return node;
    }
    for (;;) {
      node.children!.push(this.value(node));
      this.blanks();
      const sep = t.charCodeAt(this.at);
      this.at++;
      if (sep === 0x5d) break;
      if (sep !== 0x2c) throw NOT_PLAIN;
      this.blanks();
    }
    node.length = this.at - node.offset;
    return node;
  }

  /** A string at `at` (its opening quote), decoded; `at` moves past its closing quote. */
  private string(): string {
    const t = this.text;
    let i = this.at + 1;
    let out = '';
    let from = i;
    for (;;) {
      if (i >= t.length) throw NOT_PLAIN;
      const c = t.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) throw NOT_PLAIN;
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += t.slice(from, i);
      const e = t[i + 1];
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else if (e === 'u') {
        const hex = t.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw NOT_PLAIN;
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else throw NOT_PLAIN;
      from = i;
    }
    out += t.slice(from, i);
    this.at = i + 1;
    return out;
  }

  /** A number written as JSON writes them (`-0.5e3`), then a delimiter. */
  private number(): number {
    const t = this.text;
    const start = this.at;
    let i = start;
    if (t.charCodeAt(i) === 0x2d) i++;
    const digits = () => {
      const from = i;
      while (i < t.length && t.charCodeAt(i) >= 0x30 && t.charCodeAt(i) <= 0x39) i++;
      if (i === from) throw NOT_PLAIN;
    };
    if (t.charCodeAt(i) === 0x30) {
      i++;
      const n = t.charCodeAt(i);
      if (n >= 0x30 && n <= 0x39) throw NOT_PLAIN;
    } else digits();
    if (t.charCodeAt(i) === 0x2e) {
      i++;
      digits();
    }
    const e = t.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const s = t.charCodeAt(i);
      if (s === 0x2b || s === 0x2d) i++;
      digits();
    }
    this.at = i;
    this.delimited();
    const value = Number(t.slice(start, i));
    if (Number.isNaN(value)) throw NOT_PLAIN;
    return value;
  }

  /** A number or word ends at a blank, a separator, a closing bracket or the end. */
  private delimited(): void {
    if (this.at >= this.text.length) return;
    const c = this.text.charCodeAt(this.at);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x2c || c === 0x5d || c === 0x7d) return;
    throw NOT_PLAIN;
  }
}

const KEYWORDS: readonly [string, boolean | null][] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

const ESCAPES: Record<string, string | undefined> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
