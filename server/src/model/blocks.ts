// Blocks as rules see them: attributes evaluated on demand and remembered, nested blocks
// with `dynamic` blocks expanded when their `for_each` is known.

import type { Attribute, Block, Body, Expression } from '../hcl/ast';
import { mkMap, mkNumber, mkString } from './convert';
import { iterate } from './evaluate';
import { uriOfNode } from './overrides';
import type { AnswerSlots, BlockEntry, ModuleInstance, NestedBlock, ResourceInstance } from './types';
import { readKey, readOpaque, tracking } from '../incremental/reads';
import { UNKNOWN, type Value } from './value';
import { WeakCache } from './weak-cache';

/** What a block needs from its module. */
export interface BlockModule {
  /** `from`: the top-level declaration the value belongs to (what it is remembered under). */
  evaluateIn(expr: Expression, uri: string, vars: Map<string, Value> | undefined, from?: string): Value;
  /** Limit on dynamic block expansion (and `for_each`/`count` instances). */
  readonly maxInstances: number;
  note(message: string, uri: string, block: Block, from?: string): void;
  generation(key: unknown): number;
  /** The key of one part of a declaration (`aws_vpc.main@tags`): an argument or a nested block type. */
  partKey(address: string, part: string): string;
  /** Instance keys a plan lists for a resource or module call (plan.ts); undefined without. */
  plannedKeys?(entry: BlockEntry): (string | number)[] | undefined;
}

const attrIndex = new WeakCache<Body, Map<string, Attribute>>();
const BUSY = Symbol('busy');
/** Remembered for an argument the block does not set: rules ask for many it leaves out. */
const ABSENT = Symbol('absent');

/** The first attribute of that name in a body. Small bodies are scanned; large ones indexed. */
export function attributeOf(body: Body, name: string): Attribute | undefined {
  const items = body.items;
  if (items.length > 24) return attributesOf(body).get(name);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.type === 'Attribute' && it.name.name === name) return it;
  }
  return undefined;
}

export function attributesOf(body: Body): Map<string, Attribute> {
  let m = attrIndex.get(body);
  if (!m) {
    m = new Map();
    for (const it of body.items) if (it.type === 'Attribute' && !m.has(it.name.name)) m.set(it.name.name, it);
    attrIndex.set(body, m);
  }
  return m;
}

export class NestedBlockImpl implements NestedBlock {
  /** Evaluated attributes; BUSY while one is being evaluated. */
  protected values: Map<string, Value | typeof BUSY | typeof ABSENT> | undefined;
  protected nested: Map<string, NestedBlock[]> | undefined;
  protected node: Block;

  constructor(
    readonly type: string,
    block: Block,
    readonly uri: string,
    protected readonly owner: BlockModule,
    readonly vars: Map<string, Value> | undefined,
    /** Address of the top-level declaration this block is part of. */
    readonly from?: string,
    /** What a recorded read of this block is a read of: its part of the declaration. */
    private readonly readAs: string | undefined = from,
  ) {
    this.node = block;
  }

  /** The syntax; a recorded read of it depends on all of it. */
  get block(): Block {
    this.read(undefined);
    return this.node;
  }

  header(): Block {
    // A header changes only with the address (of a resource) or the part (of a nested block):
    // reading it is reading that the block is there.
    this.read('');
    return this.node;
  }

  /**
   * A recorded read depends on the part of the declaration it reads: `part` names an argument
   * or a nested block type of a declaration, undefined the whole block (see track.ts).
   */
  protected read(_part: string | undefined): void {
    if (tracking()) {
      if (this.readAs === undefined) readOpaque();
      else readKey(this.owner, this.readAs);
    }
  }

  /** The key nested blocks of this type read under. */
  protected nestedKey(_type: string): string | undefined {
    return this.readAs;
  }

  attrNode(name: string): Attribute | undefined {
    this.read(name);
    return attributeOf(this.node.body, name);
  }

  attr(name: string): Value | undefined {
    this.read(name);
    const values = (this.values ??= new Map<string, Value | typeof BUSY | typeof ABSENT>());
    const cached = values.get(name);
    if (cached !== undefined) {
      if (cached === ABSENT) return undefined;
      // An attribute that depends on itself (through other resources) has no value.
      if (cached === BUSY) return UNKNOWN;
      return cached;
    }
    const node = attributeOf(this.node.body, name);
    if (!node) {
      values.set(name, ABSENT);
      return undefined;
    }
    values.set(name, BUSY);
    let v: Value = UNKNOWN;
    try {
      if (node.value) v = this.owner.evaluateIn(node.value, this.uri, this.vars, this.from);
    } finally {
      values.set(name, v);
    }
    return v;
  }

  blocks(type: string): NestedBlock[] {
    this.read(type);
    this.nested ??= new Map();
    let list = this.nested.get(type);
    if (!list) {
      list = this.expand(type);
      this.nested.set(type, list);
    }
    return list;
  }

  private expand(type: string): NestedBlock[] {
    const out: NestedBlock[] = [];
    const key = this.nestedKey(type);
    for (const it of this.node.body.items) {
      if (it.type !== 'Block') continue;
      // A nested block of a merged block may have been written in an override file.
      if (it.blockType.name === type)
        out.push(new NestedBlockImpl(type, it, uriOfNode(it, this.uri), this.owner, this.vars, this.from, key));
      else if (it.blockType.name === 'dynamic' && it.labels[0]?.value === type) out.push(...this.dynamic(type, it));
    }
    return out;
  }

  private dynamic(type: string, dyn: Block): NestedBlock[] {
    const content = dyn.body.items.find((x): x is Block => x.type === 'Block' && x.blockType.name === 'content');
    const forEach = attributeOf(dyn.body, 'for_each')?.value;
    if (!content || !forEach) return [];
    const uri = uriOfNode(dyn, this.uri);
    const coll = this.owner.evaluateIn(forEach, uri, this.vars, this.from);
    const pairs = iterate(coll);
    if (!pairs) return [];
    if (pairs.length > this.owner.maxInstances) {
      this.owner.note(
        `dynamic "${type}" has ${pairs.length} elements; only the first ${this.owner.maxInstances} are analysed`,
        uri,
        dyn,
        this.from,
      );
      pairs.length = this.owner.maxInstances;
    }
    const it = attributeOf(dyn.body, 'iterator')?.value;
    const iterName = it && it.type === 'Variable' ? it.name : type;
    const isSet = coll.kind === 'list' && coll.items.every((x) => x.kind === 'string');
    return pairs.map(([k, v]) => {
      const vars = new Map(this.vars ?? []);
      // Over a set (toset gives a list of strings here) the key is the element, as in Terraform.
      const key = isSet ? v : k;
      vars.set(
        iterName,
        mkMap(
          new Map([
            ['key', key],
            ['value', v],
          ]),
        ),
      );
      return new NestedBlockImpl(type, content, uri, this.owner, vars, this.from, this.nestedKey(type));
    });
  }
}

export class ResourceInstanceImpl extends NestedBlockImpl implements ResourceInstance, AnswerSlots {
  readonly mode: 'managed' | 'data';
  readonly name: string;
  private addr: string | undefined;
  private id: string | undefined;
  entry: BlockEntry;
  memoRun = -1;
  memos: unknown[] | undefined = undefined;

  constructor(
    readonly module: ModuleInstance & BlockModule,
    entry: BlockEntry,
    readonly key: string | number | undefined,
    readonly expanded: boolean,
    vars: Map<string, Value> | undefined,
  ) {
    super(entry.type, entry.block, entry.uri, module, vars, entry.address);
    this.entry = entry;
    this.mode = entry.kind === 'data' ? 'data' : 'managed';
    this.name = entry.name;
  }

  protected override read(part: string | undefined): void {
    if (tracking()) readKey(this.owner, part === undefined ? this.entry.address : this.owner.partKey(this.entry.address, part));
  }

  /** An argument the configuration leaves unknown takes the value a plan gives it, if any. */
  override attr(name: string): Value | undefined {
    const v = super.attr(name);
    if (v?.kind !== 'unknown' || !this.module.planned) return v;
    const p = this.module.planned(this, name);
    return p && p.kind !== 'unknown' ? p : v;
  }

  protected override nestedKey(type: string): string {
    return this.owner.partKey(this.entry.address, type);
  }

  /**
   * The same instance after an edit that changed only some parts of its declaration (not
   * `count` or `for_each`): the new syntax, and nothing evaluated kept.
   */
  reset(entry: BlockEntry): void {
    this.entry = entry;
    this.node = entry.block;
    this.values = undefined;
    this.nested = undefined;
  }

  get identity(): string {
    // Asked for every endpoint by many rules: an instance's folder, path and address never change.
    if (this.id === undefined) this.id = `${this.module.dir}\u0000${this.module.path}\u0000${this.address}`;
    return this.id;
  }

  get address(): string {
    if (this.addr === undefined) {
      const k = this.key;
      const suffix = k === undefined ? '' : typeof k === 'number' ? `[${k}]` : `[${JSON.stringify(k)}]`;
      this.addr = `${this.module.path ? `${this.module.path}.` : ''}${this.entry.address}${suffix}`;
    }
    return this.addr;
  }
}

/** The scope of one instance: `each` for for_each, `count` for count. */
export function instanceVars(kind: 'each' | 'count', key: string | number | undefined, value: Value | undefined): Map<string, Value> {
  if (kind === 'count') {
    return new Map([['count', key === undefined ? UNKNOWN : mkMap(new Map([['index', mkNumber(key as number)]]))]]);
  }
  if (key === undefined) return new Map([['each', UNKNOWN]]);
  return new Map([
    [
      'each',
      mkMap(
        new Map([
          ['key', mkString(String(key))],
          ['value', value ?? UNKNOWN],
        ]),
      ),
    ],
  ]);
}
