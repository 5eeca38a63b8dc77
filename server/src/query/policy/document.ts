// The model of an endpoint policy document: a small JSON-like tree whose nodes may be unknown
// and remember where they were written, so rules can point at a statement; and the
// three-valued helpers rules read it with. Reading a document is in `read.ts`.

import type { Node as JsonNode } from 'jsonc-parser';
import type { Attribute, Expression, Range } from '../../hcl/ast';
import type { ResourceInstance, SourceFile } from '../../model/types';

export interface Loc {
  uri: string;
  range: Range;
}

/** `span`: offsets in the JSON text, for documents read from a heredoc or a string. */
export type PNode =
  | { kind: 'unknown'; loc?: Loc; span?: number }
  | { kind: 'scalar'; value: string | number | boolean | null; loc?: Loc; span?: number }
  | { kind: 'array'; items: PNode[]; loc?: Loc; span?: number }
  | { kind: 'object'; props: Map<string, PProp>; loc?: Loc; span?: number };

export interface PProp {
  key: string;
  value: PNode;
  /** The whole `key = value` / `"key": value`. */
  loc?: Loc;
}

/** How the policy text is written, with what a fix needs to edit it. */
export type PolicyForm =
  | { kind: 'jsonencode'; call: Expression }
  | { kind: 'text'; file: SourceFile; json: string; tree: JsonNode | undefined; map: number[]; ends: number[]; quoted: boolean }
  | { kind: 'data'; source: ResourceInstance }
  | { kind: 'other' };

export interface SyntaxError {
  message: string;
  loc: Loc;
}

export interface PolicyDoc {
  /** The resource whose `policy` argument holds it: the endpoint or an `aws_vpc_endpoint_policy`. */
  holder: ResourceInstance;
  attr: Attribute;
  doc: PNode;
  form: PolicyForm;
  /** JSON syntax errors of a literal heredoc or string (first one first). */
  syntaxErrors: SyntaxError[];
  /** Where the policy is written (the attribute value, or the data source's header). */
  loc: Loc;
}

/** A node nothing is known about. */
export const UNKNOWN: PNode = { kind: 'unknown' };

// ---------------------------------------------------------------------------------------------
// Access helpers, three-valued: `undefined` means unknown.

export function prop(n: PNode | undefined, key: string): PProp | undefined {
  return n && n.kind === 'object' ? n.props.get(key) : undefined;
}

/** A string, or a list of strings; undefined when any piece is unknown or not a string. */
export function stringsOf(n: PNode | undefined): string[] | undefined {
  if (!n) return undefined;
  if (n.kind === 'scalar') return typeof n.value === 'string' ? [n.value] : undefined;
  if (n.kind !== 'array') return undefined;
  const out: string[] = [];
  for (const i of n.items) {
    if (i.kind !== 'scalar' || typeof i.value !== 'string') return undefined;
    out.push(i.value);
  }
  return out;
}

export function scalarString(n: PNode | undefined): string | undefined {
  return n && n.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined;
}

/** The statements of a document: `Statement` may be one object or a list. */
export function statementsOf(doc: PNode): PNode[] | undefined {
  const s = prop(doc, 'Statement');
  if (!s) return undefined;
  if (s.value.kind === 'object') return [s.value];
  if (s.value.kind === 'array') return s.value.items;
  return undefined;
}

/** True when the node and everything inside it is known. */
export function wholly(n: PNode): boolean {
  if (n.kind === 'unknown') return false;
  if (n.kind === 'array') return n.items.every(wholly);
  if (n.kind === 'object') return [...n.props.values()].every((p) => wholly(p.value));
  return true;
}

/** The best location for a node: its own, else its parent's. */
export function locOf(n: PNode | PProp | undefined, fallback: Loc): Loc {
  return n?.loc ?? fallback;
}
