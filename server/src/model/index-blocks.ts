// Top-level declarations of one file, by address. Computed once per parsed file, so a
// module's index after an edit is the concatenation of cached lists; within a file, once per
// block, so after an edit only the blocks parsed again are looked at (and the others keep
// their entry objects).

import type { Attribute, Block, Expression } from '../hcl/ast';
import type { BlockEntry, EntryKind, SourceFile } from './types';
import { WeakCache } from './weak-cache';

const cache = new WeakCache<SourceFile, BlockEntry[]>();
const byBlock = new WeakCache<Block, { uri: string; entries: BlockEntry[] }>();

export function entriesOf(file: SourceFile): BlockEntry[] {
  let list = cache.get(file);
  if (!list) {
    list = computeEntries(file);
    cache.set(file, list);
  }
  return list;
}

function entry(
  kind: EntryKind,
  address: string,
  file: SourceFile,
  block: Block,
  type: string,
  name: string,
  attribute?: Attribute,
): BlockEntry {
  const e: BlockEntry = { kind, address, uri: file.uri, block, type, name };
  if (attribute) e.attribute = attribute;
  return e;
}

/** The text of an object key written as an identifier or a plain quoted string. */
export function keyText(k: Expression): string | undefined {
  if (k.type === 'Variable') return k.name;
  if (k.type === 'Template' && k.parts.length === 1 && k.parts[0].type === 'TemplateLiteral') return k.parts[0].value;
  if (k.type === 'Template' && k.parts.length === 0) return '';
  return undefined;
}

/** The literal string value of an attribute of a block (`alias = "west"`). */
export function literalAttr(block: Block, name: string): string | undefined {
  for (const it of block.body.items) {
    if (it.type !== 'Attribute' || it.name.name !== name || !it.value) continue;
    const v = it.value;
    if (v.type === 'Template' && v.parts.length === 1 && v.parts[0].type === 'TemplateLiteral') return v.parts[0].value;
    if (v.type === 'Template' && v.parts.length === 0) return '';
    return undefined;
  }
  return undefined;
}

// Terraform rejects a declaration whose type or name is not an identifier; left out of the
// index, no fix can build a reference such as `aws_route_table.<name>.id` from it.
const NAME = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u;

function computeEntries(file: SourceFile): BlockEntry[] {
  const out: BlockEntry[] = [];
  for (const item of file.ast.body.items) {
    if (item.type !== 'Block') continue;
    const hit = byBlock.get(item);
    if (hit && hit.uri === file.uri) {
      for (const e of hit.entries) out.push(e);
      continue;
    }
    const from = out.length;
    blockEntries(file, item, out);
    byBlock.set(item, { uri: file.uri, entries: out.slice(from) });
  }
  return out;
}

function blockEntries(file: SourceFile, item: Block, out: BlockEntry[]): void {
  {
    const kind = item.blockType.name;
    const l = item.labels.map((x) => x.value);
    if (!l.every((x) => NAME.test(x))) return;
    switch (kind) {
      case 'resource':
        if (l.length >= 2) out.push(entry('resource', `${l[0]}.${l[1]}`, file, item, l[0], l[1]));
        break;
      case 'data':
        if (l.length >= 2) out.push(entry('data', `data.${l[0]}.${l[1]}`, file, item, l[0], l[1]));
        break;
      case 'variable':
        if (l.length >= 1) out.push(entry('variable', `var.${l[0]}`, file, item, l[0], l[0]));
        break;
      case 'module':
        if (l.length >= 1) out.push(entry('module', `module.${l[0]}`, file, item, l[0], l[0]));
        break;
      case 'output':
        if (l.length >= 1) out.push(entry('output', `output.${l[0]}`, file, item, l[0], l[0]));
        break;
      case 'provider': {
        if (l.length < 1) break;
        const alias = literalAttr(item, 'alias');
        const address = alias ? `provider.${l[0]}.${alias}` : `provider.${l[0]}`;
        out.push(entry('provider', address, file, item, l[0], alias ?? l[0]));
        break;
      }
      case 'terraform':
        out.push(entry('terraform', 'terraform', file, item, 'terraform', 'terraform'));
        break;
      case 'locals':
        for (const a of item.body.items) {
          if (a.type === 'Attribute') out.push(entry('local', `local.${a.name.name}`, file, item, a.name.name, a.name.name, a));
        }
        break;
    }
  }
}
