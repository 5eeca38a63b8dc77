// Generic traversal of the syntax tree: one place that knows every node's children.
import type { Node, TemplatePart } from './ast';

/** Call `visit` on each direct child of `node`, in source order. */
export function forEachChild(node: Node, visit: (child: Node) => void): void {
  switch (node.type) {
    case 'File':
      visit(node.body);
      return;
    case 'Body':
      for (const i of node.items) visit(i);
      return;
    case 'Attribute':
      visit(node.name);
      if (node.value !== undefined) visit(node.value);
      return;
    case 'Block':
      visit(node.blockType);
      for (const l of node.labels) visit(l);
      visit(node.body);
      return;
    case 'Template':
    case 'Heredoc':
      parts(node.parts, visit);
      return;
    case 'TemplateInterpolation':
      visit(node.expr);
      return;
    case 'TemplateIf':
      visit(node.condition);
      parts(node.then, visit);
      if (node.else !== undefined) parts(node.else, visit);
      return;
    case 'TemplateFor':
      visit(node.collection);
      parts(node.body, visit);
      return;
    case 'Tuple':
      for (const i of node.items) visit(i);
      return;
    case 'Object':
      for (const i of node.items) visit(i);
      return;
    case 'ObjectItem':
      visit(node.key);
      visit(node.value);
      return;
    case 'FunctionCall':
      visit(node.name);
      for (const a of node.args) visit(a);
      return;
    case 'GetAttr':
      visit(node.object);
      visit(node.name);
      return;
    case 'Index':
      visit(node.object);
      visit(node.key);
      return;
    case 'LegacyIndex':
      visit(node.object);
      return;
    case 'Splat':
      visit(node.object);
      visit(node.each);
      return;
    case 'For':
      visit(node.collection);
      if (node.keyExpr !== undefined) visit(node.keyExpr);
      visit(node.valueExpr);
      if (node.condition !== undefined) visit(node.condition);
      return;
    case 'Conditional':
      visit(node.condition);
      visit(node.trueExpr);
      visit(node.falseExpr);
      return;
    case 'BinaryOp':
      visit(node.left);
      visit(node.right);
      return;
    case 'UnaryOp':
      visit(node.operand);
      return;
    case 'Parens':
      visit(node.expr);
      return;
    default:
      return; // leaves: Identifier, BlockLabel, Literal, TemplateLiteral, Variable, SplatItem, Error
  }
}

function parts(list: TemplatePart[], visit: (child: Node) => void): void {
  for (const p of list) visit(p);
}

/**
 * Depth-first walk with an explicit stack (deep trees cost no call stack). `enter` returning
 * false skips the node's children.
 */
export function walk(root: Node, enter: (node: Node, parent: Node | undefined) => boolean | void): void {
  const stack: { node: Node; parent: Node | undefined }[] = [{ node: root, parent: undefined }];
  while (stack.length > 0) {
    const { node, parent } = stack.pop()!;
    if (enter(node, parent) === false) continue;
    const children: Node[] = [];
    forEachChild(node, (c) => children.push(c));
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], parent: node });
  }
}
