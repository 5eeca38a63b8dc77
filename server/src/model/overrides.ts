// Override files (`override.tf`, `*_override.tf`, and their `.tofu` and JSON forms), merged into
// a module after its other files, file by file in lexical order and block by block, as
// Terraform and OpenTofu do (Terraform's "Override Files" page; configs/module_merge.go):
//
// - A top-level block of an override file merges into the block of the other files with the
//   same type and labels; there must be one (else Terraform stops: a note here, and the block
//   is left out). A default `provider` or a `terraform` block needs none: it is added.
// - Within it, an argument replaces the original's argument of that name, and the nested blocks
//   of a type (`dynamic` blocks counted as blocks of their type) replace all the original's
//   blocks of that type. Nested blocks are not merged, except `lifecycle` in a resource (and
//   `required_providers` in `terraform`), merged argument by argument. A `backend` or `cloud`
//   block replaces both. `depends_on` cannot be overridden in a resource or an output.
// - A local value replaces the one of that name, whichever `locals` block holds either.
// - A variable's `type` applies to the default, overridden or not: the model converts the
//   default to the type it finds in the merged block.
//
// The merged block is a new syntax node whose items are the items as written, in their own
// files: an argument from an override file keeps its range there. Which file a node was
// written in is kept here, by the identity of its range and position objects (see writtenIn):
// evaluation gives its values that file as their origin, findings on it are placed there,
// edits of it go there (fixes/edits.ts), and a finding on a value that replaced another one
// can name the original (overridden).

import type { Attribute, Block, Node, Position, Range } from '../hcl/ast';
import { forEachChild } from '../hcl/walk';
import { entriesOf } from './index-blocks';
import { baseOf } from './paths';
import type { BlockEntry, ModelNote, SourceFile } from './types';
import { WeakCache } from './weak-cache';

/** An argument or a nested block. */
type Item = Attribute | Block;

/** The current version of a file, shared by the nodes it keeps from one version to the next. */
export interface FileRef {
  file: SourceFile;
}

/** Range and position objects of the nodes of override files, to their file. */
const written = new WeakCache<object, FileRef>();
/** Set once an override file is seen: until then nothing is looked up. */
let inUse = false;

/** Each registered version of an override file, to its ref. */
const refOfFile = new WeakCache<SourceFile, FileRef>();

/**
 * A range worked out in a file (from offsets): noted as written there when the file is an
 * override file, so that a finding or an edit at it is placed there (query/overrides.ts).
 */
export function placedIn(file: SourceFile, range: Range): Range {
  if (!inUse) return range;
  const ref = refOfFile.get(file);
  if (ref) {
    written.set(range, ref);
    written.set(range.start, ref);
    written.set(range.end, ref);
  }
  return range;
}

/** True once any override file has been merged (lookups are skipped until then). */
export function overridesInUse(): boolean {
  return inUse;
}

/**
 * Notes the nodes of a version of an override file as written in it. Nodes kept from the last
 * version (incremental parsing moves them in place) are already noted under `ref`, which then
 * gives the new version.
 */
export function registerOverrideFile(ref: FileRef, file: SourceFile): void {
  inUse = true;
  ref.file = file;
  refOfFile.set(file, ref);
  const mark = (r: Range | undefined) => {
    if (!r) return;
    written.set(r, ref);
    written.set(r.start, ref);
    written.set(r.end, ref);
  };
  // An explicit stack: a long operator chain is a deep tree.
  const stack: Node[] = [file.ast.body];
  while (stack.length) {
    const n = stack.pop()!;
    if (written.get(n.range) === ref && n.type !== 'Body') continue;
    mark(n.range);
    if (n.type === 'Attribute') mark(n.equals);
    else if (n.type === 'Block') {
      mark(n.openBrace);
      mark(n.closeBrace);
    } else if (n.type === 'Heredoc') mark(n.contentRange);
    forEachChild(n, (c) => stack.push(c));
  }
}

/**
 * The override file a node (or a range or position of one) was written in; undefined for a
 * node of any other file, and for a merged block (its header is in the original file).
 */
export function writtenIn(x: { range: Range } | Range | Position | undefined): SourceFile | undefined {
  if (!inUse || !x) return undefined;
  if ('range' in x) return written.get(x.range)?.file;
  if ('start' in x) return (written.get(x) ?? written.get(x.start) ?? written.get(x.end))?.file;
  return written.get(x)?.file;
}

/** The uri of the override file a node was written in, else `fallback`. */
export function uriOfNode<T extends string | undefined>(node: { range: Range }, fallback: T): string | T {
  if (!inUse) return fallback;
  return written.get(node.range)?.file.uri ?? fallback;
}

// ---- merged blocks

interface MergedInfo {
  /** The block of the original file. */
  original: Block;
  /** By nested block type, the override block whose blocks of that type the merged block has. */
  nested: Map<string, Block>;
}

/** A merged block to what it was merged from. */
const mergedFrom = new WeakCache<Block, MergedInfo>();

/**
 * Where an edit of `node` written for `file` belongs: the file the node was written in (an
 * override file's, for an argument or nested block it replaced); for a merged block, its block
 * in the original file, or, for a new nested block of type `nested` whose blocks an override
 * gives, that override's block. Positions worked out from the result are positions of its file.
 */
export function editTarget<T extends Item>(file: SourceFile, node: T, nested?: string): { file: SourceFile; node: T } {
  if (!inUse) return { file, node };
  let own: T = node;
  if (node.type === 'Block') {
    const info = mergedFrom.get(node);
    if (info) own = ((nested !== undefined && info.nested.get(nested)) || info.original) as T;
  }
  return { file: writtenIn(own) ?? file, node: own };
}

/** What an argument or nested block of an override file replaced: the original, where written. */
export interface Overridden {
  uri: string;
  range: Range;
  /** `enable_dns_hostnames`, `ingress blocks`, `local.x`. */
  what: string;
  /** The items replaced: the argument, or every block of the type (in `uri`). */
  items: Item[];
}

const replaced = new WeakCache<Range, Overridden>();

/** The original an override's node replaced, by the range of the node (or of its value or name). */
export function overriddenBy(range: Range): Overridden | undefined {
  return inUse ? replaced.get(range) : undefined;
}

function noteReplaced(by: Item, original: Item, originalUri: string, what: string, all: Item[] = [original]): void {
  const o: Overridden = { uri: uriOfNode(original, originalUri), range: original.range, what, items: all };
  replaced.set(by.range, o);
  if (by.type === 'Attribute') {
    replaced.set(by.name.range, o);
    if (by.value) replaced.set(by.value.range, o);
  }
}

/** How nested blocks of a kind of top-level block merge. */
interface Rules {
  /** Nested block types merged argument by argument (`lifecycle`). */
  byArgument?: ReadonlySet<string>;
  /** Block types that replace each other (`backend` and `cloud`). */
  group?: Readonly<Record<string, string>>;
  /** The override's nested blocks are not merged (a variable's `validation`). */
  keepNested?: boolean;
  /** Arguments an override may not set (`depends_on`): noted and left out. */
  refused?: ReadonlySet<string>;
}

const DEPENDS_ON = new Set(['depends_on']);
const RULES: Partial<Record<BlockEntry['kind'], Rules>> = {
  resource: { byArgument: new Set(['lifecycle']), refused: DEPENDS_ON },
  data: { byArgument: new Set(['lifecycle']), refused: DEPENDS_ON },
  variable: { keepNested: true },
  output: { keepNested: true, refused: DEPENDS_ON },
  module: {},
  provider: {},
  terraform: { byArgument: new Set(['required_providers']), group: { backend: 'backend', cloud: 'backend' } },
};

const typeOf = (b: Block): string => (b.blockType.name === 'dynamic' ? (b.labels[0]?.value ?? 'dynamic') : b.blockType.name);

/** The merged items of a body: `base` (written in `baseUri`) with `over`'s merged in. */
function mergeItems(
  base: readonly Item[],
  over: readonly Item[],
  baseUri: string,
  rules: Rules,
  refusedNote: (a: Attribute) => void,
): Item[] {
  const group = (t: string) => rules.group?.[t] ?? t;
  const overAttrs = new Map<string, Attribute>();
  const overBlocks = new Map<string, Block[]>();
  for (const it of over) {
    if (it.type === 'Attribute') {
      if (rules.refused?.has(it.name.name)) refusedNote(it);
      else if (!overAttrs.has(it.name.name)) overAttrs.set(it.name.name, it);
    } else if (!rules.keepNested) {
      const g = group(typeOf(it));
      const list = overBlocks.get(g);
      if (list) list.push(it);
      else overBlocks.set(g, [it]);
    }
  }
  const out: Item[] = [];
  const placed = new Set<string>();
  for (const it of base) {
    if (it.type === 'Attribute') {
      const o = overAttrs.get(it.name.name);
      if (!o) out.push(it);
      else if (!placed.has(`=${it.name.name}`)) {
        placed.add(`=${it.name.name}`);
        noteReplaced(o, it, baseUri, it.name.name);
        out.push(o);
      }
      continue;
    }
    const t = typeOf(it);
    const g = group(t);
    const os = overBlocks.get(g);
    if (!os) {
      out.push(it);
      continue;
    }
    if (placed.has(g)) continue;
    placed.add(g);
    if (rules.byArgument?.has(t) && it.blockType.name === t) {
      // Merged argument by argument: into this block (the first of its type), each in turn.
      let merged: Block = it;
      for (const o of os) merged = o.blockType.name === t ? mergeBlock(merged, o, baseUri, {}, refusedNote) : o;
      out.push(merged);
    } else {
      const all = base.filter((b): b is Block => b.type === 'Block' && group(typeOf(b)) === g);
      for (const o of os) noteReplaced(o, it, baseUri, `${t} blocks`, all);
      out.push(...os);
    }
  }
  for (const [name, a] of overAttrs) if (!placed.has(`=${name}`)) out.push(a);
  for (const [g, os] of overBlocks) if (!placed.has(g)) out.push(...os);
  return out;
}

/** A new block: `base` with `over` merged in (the header, braces and range are `base`'s). */
function mergeBlock(base: Block, over: Block, baseUri: string, rules: Rules, refusedNote: (a: Attribute) => void): Block {
  const items = mergeItems(base.body.items, over.body.items, baseUri, rules, refusedNote);
  const merged: Block = { ...base, body: { ...base.body, items } };
  const prev = mergedFrom.get(base);
  const nested = new Map(prev?.nested);
  if (!rules.keepNested) {
    for (const it of over.body.items) {
      if (it.type !== 'Block') continue;
      const t = typeOf(it);
      if (rules.byArgument?.has(t)) continue;
      nested.set(t, over);
      // The types that replace each other go with it (a new `cloud` block goes where `backend` is).
      const g = rules.group?.[t];
      if (g) for (const [other, og] of Object.entries(rules.group!)) if (og === g) nested.set(other, over);
    }
  }
  mergedFrom.set(merged, { original: prev?.original ?? base, nested });
  return merged;
}

function headerRange(b: Block): Range {
  const last = b.labels.length ? b.labels[b.labels.length - 1] : b.blockType;
  return { start: b.range.start, end: last.range.end };
}

/** How Terraform names a kind of block in its "Missing … to override" errors. */
const MISSING: Partial<Record<BlockEntry['kind'], string>> = {
  resource: 'Missing resource to override',
  data: 'Missing data resource to override',
  variable: 'Missing base variable declaration to override',
  local: 'Missing base local value definition to override',
  output: 'Missing base output definition to override',
  module: 'Missing module call to override',
  provider: 'Missing base provider configuration for override',
};

function describe(e: BlockEntry): string {
  const b = e.block;
  if (e.kind === 'local') return `local value "${e.name}"`;
  return [b.blockType.name, ...b.labels.map((l) => `"${l.value}"`)].join(' ');
}

/** Merges of one base entry, kept while the base and its overrides are the same objects. */
const mergedCache = new WeakCache<BlockEntry, { overs: BlockEntry[]; merged: BlockEntry; notes: ModelNote[] }>();

function mergeEntry(base: BlockEntry, overs: BlockEntry[]): { merged: BlockEntry; notes: ModelNote[] } {
  const hit = mergedCache.get(base);
  if (hit && hit.overs.length === overs.length && hit.overs.every((o, i) => o === overs[i])) return hit;
  const notes: ModelNote[] = [];
  let merged = base;
  for (const over of overs) {
    if (base.kind === 'local') {
      if (over.attribute && merged.attribute) noteReplaced(over.attribute, merged.attribute, merged.uri, `local.${base.name}`);
      merged = { ...over, overrides: [...(merged.overrides ?? []), over] };
      continue;
    }
    const refused = (a: Attribute) =>
      notes.push({
        message: `${a.name.name} in ${describe(over)} of ${baseOf(over.uri)} is not applied: Terraform does not allow overriding depends_on`,
        uri: over.uri,
        range: a.name.range,
      });
    merged = {
      ...merged,
      block: mergeBlock(merged.block, over.block, merged.uri, RULES[base.kind] ?? {}, refused),
      overrides: [...(merged.overrides ?? []), over],
    };
  }
  mergedCache.set(base, { overs, merged, notes });
  return { merged, notes };
}

/**
 * Merges the override files (in lexical order: Terraform's) into the index of a module's other
 * files, in place; returns what Terraform would reject, as notes.
 */
export function mergeOverrides(index: Map<string, BlockEntry[]>, overrideFiles: readonly SourceFile[]): ModelNote[] {
  const notes: ModelNote[] = [];
  // Each address's overrides, in the order they apply.
  const byAddress = new Map<string, BlockEntry[]>();
  for (const f of overrideFiles) {
    for (const e of entriesOf(f)) {
      const list = byAddress.get(e.address);
      if (list) list.push(e);
      else byAddress.set(e.address, [e]);
    }
  }
  for (const [address, overs] of byAddress) {
    const list = index.get(address);
    if (!list) {
      const first = overs[0];
      // An absent default provider configuration or terraform block is an empty one: the
      // override is it (Terraform adds it).
      if ((first.kind === 'provider' && !address.slice('provider.'.length).includes('.')) || first.kind === 'terraform') {
        const { merged, notes: n } = overs.length > 1 ? mergeEntry(first, overs.slice(1)) : { merged: first, notes: [] };
        index.set(address, [merged]);
        notes.push(...n);
        continue;
      }
      for (const o of overs) {
        notes.push({
          message: `${describe(o)} in ${baseOf(o.uri)} overrides nothing: no other file of the module declares it (Terraform stops: "${MISSING[o.kind] ?? 'Missing block to override'}"); left out`,
          uri: o.uri,
          range: o.kind === 'local' && o.attribute ? o.attribute.name.range : headerRange(o.block),
        });
      }
      continue;
    }
    const { merged, notes: n } = mergeEntry(list[0], overs);
    index.set(address, [merged, ...list.slice(1)]);
    notes.push(...n);
  }
  return notes;
}
