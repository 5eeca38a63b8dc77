// What a face shows or copies of a resource besides its PrivateLink facts: its `name` argument
// and Name tag, an argument as it is written (its place and source text), and a local written
// as a literal list: for display, and for writing new code in the module's own style.

import type { Attribute, Block, Range, TupleExpr } from '../hcl/ast';
import { attributeOf } from '../model/blocks';
import type { ModuleInstance, NestedBlock, ResourceInstance, SourceFile } from '../model/types';
import { str } from '../model/value';
import { mentionsInstance } from './policy/read';
import { fileOf } from './wiring';

/** The `name` argument, when it is a known string. */
export function nameArgument(r: NestedBlock): string | undefined {
  return str(r.attr('name'));
}

/** The `Name` tag, when the tags are a known map and it is a known string. */
export function nameTag(r: NestedBlock): string | undefined {
  const tags = r.attr('tags');
  return tags?.kind === 'map' ? str(tags.entries.get('Name')) : undefined;
}

export interface WrittenArgument {
  /** The whole argument (`vpc_id = ...`). */
  range: Range;
  /** The source text of its value; undefined when it has none (a half-written argument). */
  text: string | undefined;
}

/** The argument as written in the resource's block; undefined when it is not written. */
export function writtenArgument(r: ResourceInstance, name: string): WrittenArgument | undefined {
  const a = r.attrNode(name);
  if (!a) return undefined;
  const file = a.value && fileOf(r, r.module, a);
  return { range: a.range, text: a.value && file ? file.text.slice(a.value.range.start.offset, a.value.range.end.offset) : undefined };
}

/**
 * The argument's source text when it does not depend on the instance (`each`, `count`, `self`):
 * what a new block next to this one can copy as is.
 */
export function portableArgumentText(r: ResourceInstance, name: string): string | undefined {
  const a = r.attrNode(name);
  if (!a?.value || mentionsInstance(a.value)) return undefined;
  return writtenArgument(r, name)?.text;
}

/** The argument is written, and differs per instance (it uses `each`, `count` or `self`). */
export function writtenPerInstance(r: NestedBlock, name: string): boolean {
  const e = r.attrNode(name)?.value;
  return !!e && mentionsInstance(e);
}

export interface LiteralListLocal {
  /** The list as written in `locals`. */
  list: TupleExpr;
  file: SourceFile;
  /** Each item's value when it is a known string, else undefined. */
  values: (string | undefined)[];
}

/** `local.<name>` when it is written as a literal list (`[ "a", "b" ]`). */
export function literalListLocal(module: ModuleInstance, name: string): LiteralListLocal | undefined {
  const local = module.index.get(`local.${name}`)?.[0];
  const list = local?.attribute?.value;
  if (!local || !list || list.type !== 'Tuple') return undefined;
  const file = module.files.find((f) => f.path === local.uri);
  if (!file) return undefined;
  return { list, file, values: list.items.map((item) => str(module.evaluate(item))) };
}

/** The attribute written in a block, from the syntax tree (the first, as Terraform reports a duplicate). */
export function attributeIn(block: Block, name: string): Attribute | undefined {
  return attributeOf(block.body, name);
}
