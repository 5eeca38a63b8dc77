// Building a policy document from what the module wrote: an evaluated value (`jsonencode`),
// plain JSON, or a `data "aws_iam_policy_document"` (the JSON the data source renders, built
// from its blocks). Values take their places from the expressions written beside them.

import type { Block, Expression, Range } from '../../hcl/ast';
import type { ModuleInstance, NestedBlock, ResourceInstance } from '../../model/types';
import { str, type Value } from '../../model/value';
import { keyText } from '../../model/index-blocks';
import { argument, headerRange } from '../wiring';
import { stringsOf, wholly, type Loc, type PNode, type PProp } from './document';

// ---------------------------------------------------------------------------------------------
// jsonencode: values with locations from the object expression written beside them.

function objectItem(expr: Expression | undefined, key: string): { value: Expression; range: Range } | undefined {
  if (!expr || expr.type !== 'Object') return undefined;
  for (const it of expr.items) {
    if (keyText(it.key) === key) return { value: it.value, range: it.range };
  }
  return undefined;
}

function tupleItem(expr: Expression | undefined, i: number): Expression | undefined {
  return expr && expr.type === 'Tuple' ? expr.items[i] : undefined;
}

function locFrom(uri: string, expr: Expression | undefined, origin: { uri: string; range: Range } | undefined): Loc | undefined {
  if (expr) return { uri, range: expr.range };
  return origin ? { uri: origin.uri, range: origin.range } : undefined;
}

export function fromValue(v: Value, expr: Expression | undefined, uri: string): PNode {
  const loc = locFrom(uri, expr, v.origin);
  switch (v.kind) {
    case 'unknown':
    case 'ref':
      return { kind: 'unknown', loc };
    case 'null':
      return { kind: 'scalar', value: null, loc };
    case 'string':
    case 'number':
    case 'bool':
      return { kind: 'scalar', value: v.value, loc };
    case 'list':
      return { kind: 'array', items: v.items.map((x, i) => fromValue(x, tupleItem(expr, i), uri)), loc };
    case 'map': {
      const props = new Map<string, PProp>();
      for (const [k, x] of v.entries) {
        const it = objectItem(expr, k);
        props.set(k, { key: k, value: fromValue(x, it?.value, uri), loc: it ? { uri, range: it.range } : undefined });
      }
      return { kind: 'object', props, loc };
    }
  }
}

export function fromPlain(j: unknown, expr: Expression | undefined, uri: string): PNode {
  const loc = expr ? { uri, range: expr.range } : undefined;
  if (j === undefined) return { kind: 'unknown', loc };
  if (j === null || typeof j === 'string' || typeof j === 'number' || typeof j === 'boolean') return { kind: 'scalar', value: j, loc };
  if (Array.isArray(j)) return { kind: 'array', items: j.map((x, i) => fromPlain(x, tupleItem(expr, i), uri)), loc };
  const props = new Map<string, PProp>();
  for (const [k, x] of Object.entries(j as Record<string, unknown>)) {
    const it = objectItem(expr, k);
    props.set(k, { key: k, value: fromPlain(x, it?.value, uri), loc: it ? { uri, range: it.range } : undefined });
  }
  return { kind: 'object', props, loc };
}

// ---------------------------------------------------------------------------------------------
// data "aws_iam_policy_document": the JSON the data source renders, built from its blocks.

/** The data source a policy expression renders, when it is one `data.aws_iam_policy_document.NAME.json`. */
export function dataSourceOf(module: ModuleInstance, expr: Expression, value: Value | undefined): ResourceInstance | undefined {
  if (value && value.kind === 'ref' && value.target.type === 'aws_iam_policy_document' && value.path[0] === 'json') {
    return value.target;
  }
  // data.aws_iam_policy_document.NAME.json
  if (expr.type !== 'GetAttr' || expr.name.name !== 'json') return undefined;
  const nameNode = expr.object;
  if (nameNode.type !== 'GetAttr') return undefined;
  const typeNode = nameNode.object;
  if (typeNode.type !== 'GetAttr' || typeNode.name.name !== 'aws_iam_policy_document') return undefined;
  if (typeNode.object.type !== 'Variable' || typeNode.object.name !== 'data') return undefined;
  const found = module.dataSources('aws_iam_policy_document').filter((d) => d.name === nameNode.name.name);
  return found.length === 1 && found[0].key === undefined ? found[0] : undefined;
}

function hasDynamic(b: Block, type: string): boolean {
  return b.body.items.some((it) => it.type === 'Block' && it.blockType.name === 'dynamic' && it.labels[0]?.value === type);
}

function attrNode(nb: NestedBlock, name: string, uri: string, module: ModuleInstance): PNode | undefined {
  const v = argument(nb, name, module);
  if (v === undefined) return undefined;
  const a = nb.attrNode(name);
  return fromValue(v, a?.value, uri);
}

function attrLoc(nb: NestedBlock, name: string): Loc | undefined {
  const a = nb.attrNode(name);
  return a ? { uri: nb.uri, range: a.range } : undefined;
}

/** One string or a list, as the data source renders single-element lists. */
function compact(n: PNode): PNode {
  if (n.kind === 'array' && n.items.length === 1) return n.items[0];
  return n;
}

export function fromDataSource(ds: ResourceInstance): PNode {
  const uri = ds.uri;
  const headerLoc: Loc = { uri, range: headerRange(ds) };
  for (const merged of ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']) {
    if (argument(ds, merged) !== undefined) return { kind: 'unknown', loc: headerLoc };
  }
  if (hasDynamic(ds.block, 'statement')) return { kind: 'unknown', loc: headerLoc };
  const props = new Map<string, PProp>();
  const version = attrNode(ds, 'version', uri, ds.module) ?? { kind: 'scalar', value: '2012-10-17', loc: headerLoc };
  props.set('Version', { key: 'Version', value: version, loc: attrLoc(ds, 'version') ?? headerLoc });
  const id = attrNode(ds, 'policy_id', uri, ds.module);
  if (id) props.set('Id', { key: 'Id', value: id, loc: attrLoc(ds, 'policy_id') });

  const statements: PNode[] = [];
  let unknown = false;
  for (const st of ds.blocks('statement')) {
    const sLoc: Loc = { uri: st.uri, range: headerRange(st) };
    const sp = new Map<string, PProp>();
    const put = (key: string, attr: string, single = true) => {
      const n = attrNode(st, attr, st.uri, ds.module);
      if (!n) return;
      if (n.kind === 'unknown') unknown = true;
      sp.set(key, { key, value: single ? compact(n) : n, loc: attrLoc(st, attr) });
    };
    put('Sid', 'sid');
    const effect = attrNode(st, 'effect', st.uri, ds.module) ?? { kind: 'scalar', value: 'Allow', loc: sLoc };
    if (effect.kind === 'unknown') unknown = true;
    sp.set('Effect', { key: 'Effect', value: effect, loc: attrLoc(st, 'effect') ?? sLoc });
    put('Action', 'actions');
    put('NotAction', 'not_actions');
    put('Resource', 'resources');
    put('NotResource', 'not_resources');
    for (const [blockType, key] of [
      ['principals', 'Principal'],
      ['not_principals', 'NotPrincipal'],
    ] as const) {
      if (hasDynamic(st.block, blockType)) unknown = true;
      const blocks = st.blocks(blockType);
      if (!blocks.length) continue;
      const byType = new Map<string, PProp>();
      let star = false;
      for (const b of blocks) {
        const type = str(b.attr('type'));
        const ids = attrNode(b, 'identifiers', b.uri, ds.module);
        if (type === undefined || !ids || ids.kind === 'unknown') {
          unknown = true;
          continue;
        }
        const idList = stringsOf(ids);
        if (type === '*' && idList && idList.length === 1 && idList[0] === '*') star = true;
        byType.set(type, { key: type, value: compact(ids), loc: { uri: b.uri, range: b.block.range } });
      }
      const loc: Loc = { uri: blocks[0].uri, range: blocks[0].block.range };
      const value: PNode = star && byType.size === 1 ? { kind: 'scalar', value: '*', loc } : { kind: 'object', props: byType, loc };
      sp.set(key, { key, value, loc });
    }
    if (hasDynamic(st.block, 'condition')) unknown = true;
    const conds = st.blocks('condition');
    if (conds.length) {
      const ops = new Map<string, PProp>();
      for (const c of conds) {
        const test = str(c.attr('test'));
        const variable = str(c.attr('variable'));
        const values = attrNode(c, 'values', c.uri, ds.module);
        if (test === undefined || variable === undefined || !values) {
          unknown = true;
          continue;
        }
        const cLoc: Loc = { uri: c.uri, range: c.block.range };
        let op = ops.get(test);
        if (!op) {
          op = { key: test, value: { kind: 'object', props: new Map(), loc: cLoc }, loc: cLoc };
          ops.set(test, op);
        }
        if (op.value.kind === 'object') op.value.props.set(variable, { key: variable, value: compact(values), loc: cLoc });
      }
      const loc: Loc = { uri: conds[0].uri, range: conds[0].block.range };
      sp.set('Condition', { key: 'Condition', value: { kind: 'object', props: ops, loc }, loc });
    }
    statements.push({ kind: 'object', props: sp, loc: sLoc });
  }
  if (unknown) return { kind: 'unknown', loc: headerLoc };
  props.set('Statement', { key: 'Statement', value: { kind: 'array', items: statements, loc: headerLoc }, loc: headerLoc });
  const doc: PNode = { kind: 'object', props, loc: headerLoc };
  return wholly(doc) ? doc : { kind: 'unknown', loc: headerLoc };
}

/** The statement block of a data source that a statement node came from. */
export function statementBlock(ds: ResourceInstance, statement: PNode): NestedBlock | undefined {
  const r = statement.loc?.range;
  return r ? ds.blocks('statement').find((b) => b.block.range.start.offset === r.start.offset && b.uri === statement.loc?.uri) : undefined;
}
