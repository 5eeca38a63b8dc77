// Finding the syntax under the cursor: the chain of nodes from the file down to the
// innermost node whose range holds an offset.

import type { Attribute, Block, Expression, File, Node, TemplatePart } from '../hcl/ast';

function children(n: Node): Node[] {
  switch (n.type) {
    case 'File':
      return [n.body];
    case 'Body':
      return n.items;
    case 'Block':
      return [n.blockType, ...n.labels, n.body];
    case 'Attribute':
      return n.value ? [n.name, n.value] : [n.name];
    case 'Template':
    case 'Heredoc':
      return n.parts;
    case 'TemplateInterpolation':
      return [n.expr];
    case 'TemplateIf':
      return [n.condition, ...n.then, ...(n.else ?? [])];
    case 'TemplateFor':
      return [n.collection, ...n.body];
    case 'Tuple':
      return n.items;
    case 'Object':
      return n.items;
    case 'ObjectItem':
      return [n.key, n.value];
    case 'FunctionCall':
      return n.args;
    case 'GetAttr':
      return [n.object, n.name];
    case 'Index':
      return [n.object, n.key];
    case 'LegacyIndex':
      return [n.object];
    case 'Splat':
      return [n.object, n.each];
    case 'For':
      return [n.collection, ...(n.keyExpr ? [n.keyExpr] : []), n.valueExpr, ...(n.condition ? [n.condition] : [])];
    case 'Conditional':
      return [n.condition, n.trueExpr, n.falseExpr];
    case 'BinaryOp':
      return [n.left, n.right];
    case 'UnaryOp':
      return [n.operand];
    case 'Parens':
      return [n.expr];
    default:
      return [];
  }
}

/** Outermost first. The end offset counts as inside, so a cursor just after a word finds it. */
export function nodePath(file: File, offset: number): Node[] {
  const out: Node[] = [file];
  let cur: Node = file;
  for (let depth = 0; depth < 10_000; depth++) {
    const next: Node | undefined = children(cur).find((c) => c.range.start.offset <= offset && offset <= c.range.end.offset);
    if (!next) break;
    out.push(next);
    cur = next;
  }
  return out;
}

export interface Cursor {
  path: Node[];
  /** The top-level block holding the cursor. */
  top: Block | undefined;
  /** The innermost block holding the cursor. */
  block: Block | undefined;
  /** The innermost attribute holding the cursor. */
  attribute: Attribute | undefined;
  /** The innermost expression or template part. */
  expr: Expression | TemplatePart | undefined;
}

export function cursorAt(file: File, offset: number): Cursor {
  const p = nodePath(file, offset);
  let top: Block | undefined;
  let block: Block | undefined;
  let attribute: Attribute | undefined;
  for (const n of p) {
    if (n.type === 'Block') {
      block = n;
      top ??= n;
    } else if (n.type === 'Attribute') attribute = n;
  }
  const last = p[p.length - 1];
  const expr =
    last &&
    last.type !== 'File' &&
    last.type !== 'Body' &&
    last.type !== 'Block' &&
    last.type !== 'Attribute' &&
    last.type !== 'Identifier' &&
    last.type !== 'BlockLabel' &&
    last.type !== 'ObjectItem'
      ? last
      : undefined;
  return { path: p, top, block, attribute, expr };
}

/** `resource "aws_vpc_endpoint" "x"` -> 'aws_vpc_endpoint'. */
export function resourceType(b: Block | undefined): string | undefined {
  return b && b.blockType.name === 'resource' ? b.labels[0]?.value : undefined;
}
