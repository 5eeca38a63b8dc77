// Reads endpoint policy documents, whichever way the module writes them: `jsonencode({...})`,
// a heredoc or a quoted string of JSON, `data.aws_iam_policy_document.x.json`, on the endpoint
// or through an `aws_vpc_endpoint_policy`.

import type { Attribute, Expression, HeredocExpr, Node, Range, TemplateExpr } from '../../hcl/ast';
import { walk } from '../../hcl/walk';
import { uriOfNode } from '../../model/overrides';
import type { ModuleInstance, ResourceInstance } from '../../model/types';
import type { Value } from '../../model/value';
import { argument, headerRange, policyOf } from '../wiring';
import { query, sharedInRun, type Anchored } from '../../incremental/memo';
import { UNKNOWN, type Loc, type PNode, type PolicyDoc, type PolicyForm, type SyntaxError } from './document';
import { recordingPlaces, readText, templateText } from './text';
import { dataSourceOf, fromDataSource, fromPlain, fromValue } from './convert';
import { WeakCache } from '../../model/weak-cache';

/** The endpoint's policy (`policyOf`: `policy = null`, as modules write `try(each.value.policy, null)`, is none). */
export function endpointPolicy(ep: ResourceInstance): ReturnType<typeof policyOf> {
  return policyOf(ep);
}

/**
 * Whether the module declares policy documents as data sources (then a fix writing a policy
 * writes one too). One pass over the module's names per run, not one per endpoint: a module
 * with thousands of endpoints without a policy would otherwise cost endpoints x names.
 */
export const usesPolicyDocuments: (m: ModuleInstance) => boolean = query((m: ModuleInstance): boolean => {
  for (const k of m.index.keys()) if (k.startsWith('data.aws_iam_policy_document.')) return true;
  return false;
});

/** The endpoint's policy document; undefined when it has none or none can be seen. */
export function readEndpointPolicy(ep: ResourceInstance): PolicyDoc | undefined {
  const p = endpointPolicy(ep);
  if (p.present !== true || !p.attr) return undefined;
  return readPolicyAttr(p.resource ?? ep);
}

/**
 * Reads the `policy` argument of a resource (an endpoint or an `aws_vpc_endpoint_policy`).
 * Three rules read every endpoint's policy, and a shared policy is read once per endpoint: a
 * query, kept across edits while nothing it read changed. A document read from text holds
 * places worked out from offsets in its file; when an edit above moves the text, they move
 * with it.
 */
export function readPolicyAttr(holder: ResourceInstance): PolicyDoc | undefined {
  return policyDocOf(holder);
}

const policyDocOf = query(
  (holder: ResourceInstance): PolicyDoc | undefined => {
    const attr = holder.attrNode('policy');
    if (!attr) return undefined;
    const made: Range[] = [];
    const doc = recordingPlaces(made, () => readPolicyAttrNow(holder, attr, argument(holder, 'policy')));
    if (doc?.form.kind === 'text') madeIn.set(doc, made);
    return doc;
  },
  { anchored: (doc) => (doc?.form.kind === 'text' ? textAnchor(doc) : undefined) },
);

/** Ranges made while a document is read from text (see `recordingPlaces`), by document. */
const madeIn = new WeakCache<PolicyDoc, Range[]>();

/**
 * How a document read from text follows it: its start in the syntax tree moves with edits
 * above; its own places, offset map and file move by as much.
 */
function textAnchor(doc: PolicyDoc): Anchored {
  return {
    anchor: () => doc.loc.range.start,
    shift(dOffset, dLine) {
      const form = doc.form;
      if (form.kind !== 'text') return false;
      const file = doc.holder.module.files.find((f) => f.path === form.file.path);
      if (!file) return false;
      for (const r of madeIn.get(doc) ?? []) {
        r.start.offset += dOffset;
        r.start.line += dLine;
        if (r.end !== r.start) {
          r.end.offset += dOffset;
          r.end.line += dLine;
        }
      }
      form.map = form.map.map((o) => o + dOffset);
      form.ends = form.ends.map((o) => o + dOffset);
      form.file = file;
      return true;
    },
  };
}

function readPolicyAttrNow(holder: ResourceInstance, attr: Attribute, value: Value | undefined): PolicyDoc | undefined {
  // Null (`argument` gives undefined): no document.
  if (!attr.value || value === undefined) return undefined;
  const module = holder.module;
  const followed = followLocal(module, attr.value, uriOfNode(attr, holder.uri));
  const expr = followed.expr;
  const uri = followed.uri;
  const loc = { uri, range: expr.range };

  if (expr.type === 'FunctionCall' && expr.name.name === 'jsonencode' && expr.args.length === 1 && !expr.expandFinal) {
    const arg = expr.args[0];
    let doc: PNode = UNKNOWN;
    if (!mentionsInstance(arg) && followed.sameModule) {
      doc = encodedDoc(module, arg, uri);
    } else if (value && value.kind === 'string') {
      doc = fromPlain(safeJson(value.value), arg, uri);
    }
    return policyDoc(holder, attr, loc, doc, { kind: 'jsonencode', call: expr });
  }

  if (expr.type === 'Heredoc' || expr.type === 'Template') {
    const read = textDoc(module, expr, uri);
    return policyDoc(holder, attr, loc, read.doc, read.form, read.syntaxErrors);
  }

  const ds = dataSourceOf(module, expr, value);
  if (ds) return policyDoc(holder, attr, { uri: ds.uri, range: headerRange(ds) }, fromDataSource(ds), { kind: 'data', source: ds });

  // Anything else (a variable, a file() call, a module output): read its value when known.
  if (value && value.kind === 'string') {
    const plain = safeJson(value.value);
    return policyDoc(holder, attr, loc, plain === undefined ? UNKNOWN : fromPlain(plain, undefined, uri), { kind: 'other' });
  }
  return policyDoc(holder, attr, loc, UNKNOWN, { kind: 'other' });
}

/**
 * A document, made field by field in one order whatever its form (spreading a common part into
 * each form's object made every document in a run a runtime call of its own).
 */
function policyDoc(
  holder: ResourceInstance,
  attr: Attribute,
  loc: Loc,
  doc: PNode,
  form: PolicyForm,
  syntaxErrors?: SyntaxError[],
): PolicyDoc {
  return { holder, attr, doc, form, syntaxErrors: syntaxErrors ?? [], loc };
}

// What a policy written once says does not depend on which instance of its block holds it, nor
// on which holder: every instance of a `for_each` endpoint reads it from the same syntax.
// (The document's places are the syntax's, or for text, made from the file's offsets.)

/** `jsonencode(...)` of an argument that uses no instance's values, in `uri`. */
function encodedDoc(module: ModuleInstance, arg: Expression, uri: string): PNode {
  return byUri(encodedDocs(module, arg), uri, () => fromValue(module.evaluate(arg), arg, uri));
}

/** The document a heredoc or quoted string of JSON holds, read from its file's text. */
function textDoc(module: ModuleInstance, expr: HeredocExpr | TemplateExpr, uri: string): TextRead {
  return byUri(textDocs(module, expr), uri, () => textDocNow(module, expr, uri));
}

type TextRead = ReturnType<typeof readText>;

const encodedDocs = sharedInRun((_m: ModuleInstance, _e: Expression) => new Map<string, PNode>());
const textDocs = sharedInRun((_m: ModuleInstance, _e: Expression) => new Map<string, TextRead>());

function byUri<V>(read: Map<string, V>, uri: string, compute: () => V): V {
  let v = read.get(uri);
  if (v === undefined) {
    v = compute();
    // Remembered only where `sharedInRun` remembers the table (a run that records nothing).
    read.set(uri, v);
  }
  return v;
}

function textDocNow(module: ModuleInstance, expr: HeredocExpr | TemplateExpr, uri: string): TextRead {
  const file = module.files.find((f) => f.path === uri || f.uri === uri);
  const t = file ? templateText(file, expr.parts, expr.type === 'Heredoc') : undefined;
  if (!file || !t) return { doc: UNKNOWN, form: { kind: 'other' } };
  return readText(file, t, expr.type === 'Template', module, mentionsInstance(expr));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `local.x` written in this module: the expression that defines it. */
function followLocal(module: ModuleInstance, expr: Expression, uri: string): { expr: Expression; uri: string; sameModule: boolean } {
  let e = expr;
  let u = uri;
  for (let depth = 0; depth < 5; depth++) {
    // "${data.aws_iam_policy_document.x.json}", the old interpolation-only style.
    if (e.type === 'Template' && e.parts.length === 1 && e.parts[0].type === 'TemplateInterpolation') {
      e = e.parts[0].expr;
      continue;
    }
    if (e.type !== 'GetAttr' || e.object.type !== 'Variable' || e.object.name !== 'local') break;
    const entry = module.index.get(`local.${e.name.name}`)?.[0];
    const value = entry?.attribute?.value;
    if (!entry || !value) break;
    e = value;
    u = entry.uri;
  }
  return { expr: e, uri: u, sameModule: true };
}

/** Does the expression use `each`, `count` or `self` (values that differ per instance)? */
export function mentionsInstance(expr: Node): boolean {
  // A syntax node's answer never changes (edits replace nodes), so it is kept with the node.
  let found = instanceMentions.get(expr);
  if (found !== undefined) return found;
  found = false;
  walk(expr, (n) => {
    if (found) return false;
    if (n.type === 'Variable' && (n.name === 'each' || n.name === 'count' || n.name === 'self')) found = true;
    return !found;
  });
  instanceMentions.set(expr, found);
  return found;
}

const instanceMentions = new WeakCache<Node, boolean>();
