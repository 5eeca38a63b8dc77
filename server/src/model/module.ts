// One evaluated module instance: variables, locals, outputs, resource instances and child
// module instances, all computed on first use and remembered until the workspace replaces
// the instance after an edit.

import type { Expression, Node, Range } from '../hcl/ast';
import { attributeOf, NestedBlockImpl, ResourceInstanceImpl, type BlockModule } from './blocks';
import { errorValue, mkList, mkMap, NULL } from './convert';
import { evaluateTop, LIMITS, type EvalHost, type Step } from './evaluate';
import { expandMeta, type Expansion } from './expand';
import { literalAttr } from './index-blocks';
import { remoteModuleDir } from './installed-modules';
import type { PlanValues } from './plan';
import { uriOfNode } from './overrides';
import { joinPath, normalizeDir } from './paths';
import { tfvarsValues, type VarArg, type VarValues } from './tfvars';
import { convertToType } from './vartypes';
import type { AnswerSlots, BlockEntry, ModelNote, ModuleInstance, NestedBlock, ResourceInstance, Scope, SourceFile } from './types';
import { describeLimit, metered, UNKNOWN, type LimitHit, type Value } from './value';
import { readKey, tracking, type Generations } from '../incremental/reads';
import type { Changes } from './edits';
import { Dependencies, type DepKey } from './invalidation';
import { WeakCache } from './weak-cache';

export interface DirData {
  dir: string;
  /** The module's `.tf` files, by name. */
  files: SourceFile[];
  /** Variable files, in Terraform's order of precedence. */
  tfvars: SourceFile[];
  /** `NAME=VALUE` assignments given for the folder as a root (the CLI's --var), among the files. */
  varArgs?: VarArg[];
  index: Map<string, BlockEntry[]>;
  /** What Terraform would reject in the module's override files (see overrides.ts). */
  notes?: ModelNote[];
  /** Why the folder cannot be listed: its module has no declarations, and says so. */
  unreadable?: string;
}

/** Where modules find the folders of their children; records what a root depends on. */
export interface Loader {
  dirData(dir: string): DirData | undefined;
  readonly maxDepth: number;
  readonly maxInstances: number;
  /** Child module instances that may still be created below one root (fan-out compounds). */
  moduleBudget: number;
  /** A file's text (the installed-modules manifest); undefined when it cannot be read. */
  readText?(path: string): string | undefined;
  /** What a plan of this root module knows (plan.ts): consulted where static reading gives unknown. */
  readonly plan?: PlanValues;
  /** No file changes while the instances live (see WorkspaceOptions.frozen). */
  readonly frozen?: boolean;
}

interface Parent {
  module: ModuleImpl;
  call: BlockEntry;
  key: string | number | undefined;
}

interface ResourceSet {
  expansion: Expansion;
  instances: ResourceInstanceImpl[];
}

interface CallSet {
  expansion: Expansion;
  instances: ModuleImpl[];
}

export const MAX_MODULE_INSTANCES = 2_000;

export function isLocalSource(source: string): boolean {
  return (
    source.startsWith('./') ||
    source.startsWith('../') ||
    source === '.' ||
    source === '..' ||
    source.startsWith('.\\') ||
    source.startsWith('..\\')
  );
}

/**
 * The addresses of a module index by `kind:type`, in index order. Rules ask for one type after
 * another on every run: grouped once per index (a new index comes with each edit), not
 * searched once per type.
 */
const byTypeOfIndex = new WeakCache<Map<string, BlockEntry[]>, Map<string, string[]>>();

function addressesByType(index: Map<string, BlockEntry[]>): Map<string, string[]> {
  let m = byTypeOfIndex.get(index);
  if (!m) {
    m = new Map();
    for (const [address, entries] of index) {
      const e = entries[0];
      if (e.kind !== 'resource' && e.kind !== 'data') continue;
      const k = `${e.kind}:${e.type}`;
      const list = m.get(k);
      if (list) list.push(address);
      else m.set(k, [address]);
    }
    byTypeOfIndex.set(index, m);
  }
  return m;
}

export class ModuleImpl implements ModuleInstance, EvalHost, BlockModule, Generations, AnswerSlots {
  readonly dir: string;
  files: SourceFile[];
  private idx: Map<string, BlockEntry[]>;
  readonly maxInstances: number;
  memoRun = -1;
  memos: unknown[] | undefined = undefined;

  readonly instanceFree = new Map<Expression, Value>();
  private readonly vars = new Map<string, Value>();
  private readonly locals = new Map<string, Value>();
  private readonly outputs = new Map<string, Value>();
  private readonly busy = new Set<string>();
  private readonly resourceSets = new Map<string, ResourceSet>();
  /** Instances by kind, then by type (`*`: of every type); asked for by every rule, so looked up without building a key. */
  private readonly byType = { resource: new Map<string, ResourceInstance[]>(), data: new Map<string, ResourceInstance[]>() };
  private readonly providers = new Map<BlockEntry, NestedBlock>();
  private calls: Map<string, CallSet> | undefined;
  private tfvars: VarValues | undefined;
  private readonly noteList: ModelNote[] = [];
  private readonly noted = new Set<string>();
  /** Which declaration's evaluation made each note, so an edit drops the notes it outdates. */
  private readonly noteFrom = new Map<ModelNote, DepKey | undefined>();
  /** What each remembered value read, and what an edit makes it forget (invalidation.ts). */
  private readonly deps: Dependencies;

  /** How often an edit made this instance forget `key` (see incremental/reads.ts). */
  generation(key: unknown): number {
    return this.deps.generation(key);
  }

  /**
   * The keys whose generation went up since the last call ('all' when too many to list).
   * For the one reader that keeps answers across edits (incremental/answers.ts).
   */
  takeBumps(): readonly unknown[] | 'all' {
    return this.deps.takeBumps();
  }

  /** The key of one part of a declaration (`aws_vpc.main@tags`). */
  partKey(address: string, part: string): string {
    return this.deps.partKey(address, part);
  }

  /**
   * The declarations by address. While a read is recorded, lookups by address are recorded
   * by address, listing the addresses as one key, and anything else as a read of everything.
   */
  get index(): Map<string, BlockEntry[]> {
    return tracking() ? this.deps.trackedIndex(this.idx) : this.idx;
  }

  constructor(
    private readonly loader: Loader,
    data: DirData,
    readonly path: string,
    readonly parent: Parent | undefined,
    private readonly depth: number,
    /** `each`/`count` of the module call instance, for evaluating its arguments. */
    private readonly callVars: Map<string, Value> | undefined,
  ) {
    this.deps = new Dependencies(this, this.instanceFree, loader.frozen === true);
    this.dir = data.dir;
    this.files = data.files;
    this.idx = data.index;
    this.maxInstances = loader.maxInstances;
    this.data = data;
  }

  private data: DirData;

  get tfvarsFiles(): SourceFile[] {
    return this.data.tfvars;
  }

  // ---- evaluation

  evaluate(expr: Expression, scope?: Scope): Value {
    return this.evaluateIn(expr, scope?.uri ?? this.uriOf(expr), scope?.vars);
  }

  evaluateIn(expr: Expression, uri: string, vars: Map<string, Value> | undefined, from?: string): Value {
    const deps = this.deps;
    const saved = deps.frame;
    // An expression of an override file is written there (its values' origins).
    uri = uriOfNode(expr, uri);
    try {
      if (from !== undefined) deps.frame = from;
      return evaluateTop(expr, { host: this, uri, vars, splat: undefined });
    } catch {
      // A limit of the runtime (stack, memory) on pathological input: not known, not fatal.
      return UNKNOWN;
    } finally {
      deps.frame = saved;
    }
  }

  instanceFreeMiss(expr: Expression, compute: () => Value): Value {
    this.deps.touch(expr);
    return this.deps.within(expr, compute);
  }

  instanceFreeHit(expr: Expression): void {
    this.deps.touch(expr);
  }

  /**
   * Takes the folder's new files after an edit that changed the declarations in `changes`
   * (old and new addresses, with the parts that changed when known): what read them,
   * directly or not, is forgotten; everything else is kept with its node objects. A
   * resource whose edit left its expansion alone keeps its instances (the same objects, on
   * the new syntax), so what read only its other parts is kept too. False when the edit
   * needs a new instance instead.
   */
  update(data: DirData, changes: Changes): boolean {
    if (this.parent || hasModuleCalls(this.idx) || hasModuleCalls(data.index)) return false;
    // Declarations that may keep their instances: changed part by part, expanded already, one
    // block before and after, and no note made under them.
    const noted = new Set(this.noteFrom.values());
    const partial = new Map<string, Set<string>>();
    for (const [address, parts] of changes) {
      const keeps =
        parts !== undefined &&
        this.resourceSets.has(address) &&
        !noted.has(address) &&
        this.idx.get(address)?.length === 1 &&
        data.index.get(address)?.length === 1;
      if (keeps) partial.set(address, parts);
    }
    const invalid = this.deps.forget(changes, partial, this.idx, data.index);
    for (const key of invalid) {
      if (typeof key !== 'string') {
        this.instanceFree.delete(key);
        continue;
      }
      const e = this.idx.get(key)?.[0] ?? data.index.get(key)?.[0];
      if (e && (e.kind === 'resource' || e.kind === 'data')) {
        // Its instances are made again: so are the lists they are in.
        const lists = this.byType[e.kind];
        lists.delete(e.type);
        lists.delete('*');
      }
      if (key.startsWith('var.')) this.vars.delete(key.slice(4));
      else if (key.startsWith('local.')) this.locals.delete(key.slice(6));
      else if (key.startsWith('output.')) this.outputs.delete(key.slice(7));
      else this.resourceSets.delete(key);
    }
    for (const address of partial.keys()) {
      const entry = data.index.get(address)![0];
      for (const inst of this.resourceSets.get(address)!.instances) inst.reset(entry);
    }
    // A resource changed part by part keeps its instances, and the lists of its type.
    this.providers.clear();
    this.calls = undefined;
    // Notes made by what was forgotten go (each kept note stays with what made it).
    const kept: ModelNote[] = [];
    for (const n of this.noteList) {
      const from = this.noteFrom.get(n);
      if (from !== undefined && invalid.has(from)) this.noteFrom.delete(n);
      else kept.push(n);
    }
    this.noteList.length = 0;
    this.noted.clear();
    for (const n of kept) {
      this.noteList.push(n);
      this.noted.add(`${n.uri}:${n.range.start.offset}:${n.message}`);
    }
    this.files = data.files;
    this.idx = data.index;
    this.data = data;
    return true;
  }

  /** The file that holds an expression (for origins), found by identity. */
  private uriOf(expr: Expression): string {
    if (this.files.length === 1) return this.files[0].uri;
    for (const f of this.files) {
      for (const it of f.ast.body.items) {
        const r = it.range;
        if (r.start.offset <= expr.range.start.offset && expr.range.end.offset <= r.end.offset && containsWithin(it, expr)) return f.uri;
      }
    }
    // Ranges nest in every tree the parsers build; should one not, the exhaustive search still
    // finds the node (an expression belongs to one file's tree only).
    for (const f of this.files) {
      for (const it of f.ast.body.items) {
        const r = it.range;
        if (r.start.offset <= expr.range.start.offset && expr.range.end.offset <= r.end.offset && contains(it, expr)) return f.uri;
      }
    }
    return this.files[0]?.uri ?? '';
  }

  private first(address: string): BlockEntry | undefined {
    return this.idx.get(address)?.[0];
  }

  /** A memoized computation guarded against cycles: a value that needs itself is unknown. */
  private memo(cache: Map<string, Value>, key: string, f: () => Value): Value {
    const hit = cache.get(key);
    if (hit) return hit;
    const busyKey = `${cache === this.vars ? 'var' : cache === this.locals ? 'local' : 'output'}.${key}`;
    if (this.busy.has(busyKey)) return UNKNOWN;
    this.busy.add(busyKey);
    try {
      const v = this.deps.within(busyKey, f);
      cache.set(key, v);
      return v;
    } finally {
      this.busy.delete(busyKey);
    }
  }

  variable(name: string): Value {
    readKey(this, `var.${name}`);
    return this.memo(this.vars, name, () => {
      const decl = this.first(`var.${name}`);
      if (!decl) return errorValue();
      const attr = (n: string) => attributeOf(decl.block.body, n);
      let v: Value | undefined;
      if (this.parent) {
        const input = attributeOf(this.parent.call.block.body, name);
        if (input?.value) v = this.parent.module.evaluateIn(input.value, this.parent.call.uri, this.callVars);
      } else {
        // The plan's value is what the pipeline set; a sensitive one is not read.
        const planned = this.loader.plan?.variable(name);
        if (planned) v = isTrue(attr('sensitive')?.value) ? UNKNOWN : planned;
        else {
          this.tfvars ??= tfvarsValues(this.data.tfvars, this.data.varArgs);
          v = this.tfvars.get(name, attr('type')?.value);
        }
      }
      if (v === undefined || (v.kind === 'null' && isFalse(attr('nullable')?.value))) {
        const def = attr('default')?.value;
        if (!def) return UNKNOWN;
        v = this.evaluateIn(def, decl.uri, undefined);
      }
      const type = attr('type')?.value;
      // A primitive type converts a primitive value: nothing to meter.
      if (!type || type.type === 'Variable') return convertToType(v, type);
      // Optional attributes' defaults are constants written in the type, in the declaration's file.
      const given = v;
      const r = metered(this, LIMITS, () => convertToType(given, type, (e) => this.evaluateIn(e, decl.uri, undefined)));
      if (r.hit) this.limit(r.hit, type, decl.uri);
      return r.value;
    });
  }

  local(name: string): Value {
    readKey(this, `local.${name}`);
    return this.memo(this.locals, name, () => {
      const e = this.first(`local.${name}`);
      if (!e?.attribute?.value) return errorValue();
      return this.evaluateIn(e.attribute.value, e.uri, undefined);
    });
  }

  output(name: string): Value {
    readKey(this, `output.${name}`);
    return this.memo(this.outputs, name, () => {
      const e = this.first(`output.${name}`);
      if (!e) return errorValue();
      const v = attributeOf(e.block.body, 'value')?.value;
      return v ? this.evaluateIn(v, e.uri, undefined) : UNKNOWN;
    });
  }

  private allOutputs(): Value {
    const m = new Map<string, Value>();
    for (const [addr, list] of this.idx) {
      if (list[0].kind === 'output') m.set(addr.slice('output.'.length), this.output(list[0].name));
    }
    return mkMap(m);
  }

  reference(root: string, steps: Step[]): { value: Value; used: number } | undefined {
    const a0 = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
    if ((this.deps.frame !== undefined || tracking()) && a0 !== undefined) this.touchRef(root, a0, steps);
    switch (root) {
      case 'var':
        return { value: a0 === undefined ? UNKNOWN : this.variable(a0), used: 1 };
      case 'local':
        return { value: a0 === undefined ? UNKNOWN : this.local(a0), used: 1 };
      case 'module':
        return a0 === undefined ? { value: UNKNOWN, used: 0 } : this.moduleRef(a0, steps);
      case 'data': {
        const a1 = steps[1]?.kind === 'attr' ? steps[1].name : undefined;
        if (a0 === undefined || a1 === undefined) return { value: UNKNOWN, used: steps.length };
        return this.resourceRef(`data.${a0}.${a1}`, steps, 2);
      }
      case 'resource': {
        // `resource.aws_vpc.main` is Terraform's long form of `aws_vpc.main`.
        const a1 = steps[1]?.kind === 'attr' ? steps[1].name : undefined;
        if (a0 === undefined || a1 === undefined) return { value: UNKNOWN, used: steps.length };
        return this.resourceRef(`${a0}.${a1}`, steps, 2);
      }
      case 'each':
      case 'count':
      case 'self':
      case 'path':
      case 'terraform':
        return { value: UNKNOWN, used: steps.length };
      default:
        if (a0 === undefined) return undefined;
        return this.resourceRef(`${root}.${a0}`, steps, 1);
    }
  }

  private touchRef(root: string, a0: string, steps: Step[]): void {
    switch (root) {
      case 'each':
      case 'count':
      case 'self':
      case 'path':
      case 'terraform':
        return;
      case 'var':
      case 'local':
      case 'module':
      case 'output':
        this.deps.touch(`${root}.${a0}`);
        return;
      case 'data':
      case 'resource': {
        // A resource as such: which instances it has. Its arguments are read part by part
        // (instanceAttr).
        const a1 = steps[1]?.kind === 'attr' ? steps[1].name : undefined;
        if (a1 !== undefined) this.deps.touchPart(root === 'data' ? `data.${a0}.${a1}` : `${a0}.${a1}`, '');
        return;
      }
      default:
        this.deps.touchPart(`${root}.${a0}`, '');
    }
  }

  private resourceRef(address: string, steps: Step[], used: number): { value: Value; used: number } | undefined {
    const set = this.resourceSet(address);
    if (!set) return undefined;
    const refTo = (i: ResourceInstance): Value => ({ kind: 'ref', target: i, path: [] });
    const ex = set.expansion;
    if (ex.kind === 'single') {
      if (set.instances[0]) return { value: refTo(set.instances[0]), used };
      // Disabled (`lifecycle { enabled = false }`): the resource is null; what is read through it is not known.
      return { value: steps.length > used ? UNKNOWN : NULL, used: steps.length };
    }
    if (!ex.known) {
      // Through an unknown count or for_each, any index selects the one unexpanded instance.
      const next = steps[used];
      if (next && next.kind !== 'attr') return { value: refTo(set.instances[0]), used: used + 1 };
      return { value: UNKNOWN, used: steps.length };
    }
    if (ex.kind === 'count') return { value: mkList(set.instances.map(refTo)), used };
    const m = new Map<string, Value>();
    for (const i of set.instances) m.set(String(i.key), refTo(i));
    return { value: mkMap(m), used };
  }

  private moduleRef(name: string, steps: Step[]): { value: Value; used: number } | undefined {
    const call = this.first(`module.${name}`);
    if (!call) return undefined;
    const set = this.callSets().get(name);
    if (!set) return { value: UNKNOWN, used: steps.length };
    const ex = set.expansion;
    const outputsOf = (m: ModuleImpl, at: number): { value: Value; used: number } => {
      const s = steps[at];
      if (s?.kind === 'attr') return { value: m.output(s.name), used: at + 1 };
      return { value: m.allOutputs(), used: at };
    };
    if (ex.kind === 'single') return set.instances[0] ? outputsOf(set.instances[0], 1) : { value: UNKNOWN, used: steps.length };
    if (!ex.known) {
      const next = steps[1];
      if (next && next.kind !== 'attr' && set.instances[0]) return outputsOf(set.instances[0], 2);
      return { value: UNKNOWN, used: steps.length };
    }
    // An index picks one instance; otherwise the whole list or map of output objects.
    if (ex.kind === 'count') return { value: mkList(set.instances.map((m) => m.allOutputs())), used: 1 };
    const m = new Map<string, Value>();
    for (const i of set.instances) m.set(String(i.parent!.key), i.allOutputs());
    return { value: mkMap(m), used: 1 };
  }

  instanceAttr(inst: ResourceInstance, name: string): Value {
    if (inst.module === this && (this.deps.frame !== undefined || tracking())) this.deps.touchPart(inst.entry.address, name);
    // What the configuration sets is known at plan time; everything else is computed.
    if (inst.attrNode(name)) {
      const v = inst.attr(name) ?? UNKNOWN;
      // An argument set to null is not set: the provider computes it (or leaves it null).
      if (v.kind !== 'null') return v;
    }
    // What a data source read at plan time, when a plan says (its identity stays a reference,
    // which rules follow to the block).
    if (inst.mode === 'data' && this.loader.plan && !PLAN_REFERENCES.has(name) && !PLAN_STATIC.has(inst.type)) {
      const p = this.loader.plan.attribute(inst.address, name);
      if (p && p.kind !== 'unknown') return p;
    }
    return { kind: 'ref', target: inst, path: [name] };
  }

  /** The value a plan gives an attribute of a resource instance of this module (plan.ts). */
  planned(res: ResourceInstance, name: string): Value | undefined {
    return this.loader.plan?.attribute(res.address, name);
  }

  /** The instance keys a plan lists for a resource or module call whose own are not known. */
  plannedKeys(entry: BlockEntry): (string | number)[] | undefined {
    return this.loader.plan?.keys(this.path, entry.address);
  }

  // ---- instances

  private resourceSet(address: string): ResourceSet | undefined {
    let set = this.resourceSets.get(address);
    if (set) return set;
    const entry = this.first(address);
    if (!entry || (entry.kind !== 'resource' && entry.kind !== 'data')) return undefined;
    const expansion = this.deps.within(address, () => expandMeta(this, entry));
    const instances = expansion.items.map((it) => new ResourceInstanceImpl(this, entry, it.key, expansion.known, it.vars));
    set = { expansion, instances };
    this.resourceSets.set(address, set);
    return set;
  }

  private instancesOf(kind: 'resource' | 'data', type?: string): ResourceInstance[] {
    // Which instances there are of a type changes when one of its declarations does.
    if (tracking()) this.deps.readInstances(type === undefined ? undefined : `${kind}:${type}`);
    const lists = this.byType[kind];
    const cacheKey = type ?? '*';
    let list = lists.get(cacheKey);
    if (list) return list;
    list = [];
    const addresses = type === undefined ? undefined : addressesByType(this.idx).get(`${kind}:${type}`);
    if (type === undefined) {
      for (const [address, entries] of this.idx) if (entries[0].kind === kind) list.push(...this.resourceSet(address)!.instances);
    } else {
      for (const address of addresses ?? []) list.push(...this.resourceSet(address)!.instances);
    }
    lists.set(cacheKey, list);
    return list;
  }

  resources(type?: string): ResourceInstance[] {
    return this.instancesOf('resource', type);
  }

  dataSources(type?: string): ResourceInstance[] {
    return this.instancesOf('data', type);
  }

  private callSets(): Map<string, CallSet> {
    if (this.calls) return this.calls;
    this.calls = new Map();
    for (const entries of this.idx.values()) {
      const call = entries[0];
      if (call.kind !== 'module') continue;
      const source = literalAttr(call.block, 'source');
      if (source === undefined) continue;
      // Registry and git modules: their installed copy, or a known module's stand-in.
      const dir = isLocalSource(source)
        ? normalizeDir(joinPath(this.dir, source))
        : remoteModuleDir(this, call, source, literalAttr(call.block, 'version'), this.loader);
      if (dir === undefined) {
        this.plannedCall(call);
        continue;
      }
      if (this.depth + 1 > this.loader.maxDepth) {
        this.note(`module "${call.name}" is nested more than ${this.loader.maxDepth} levels deep; not followed`, call.uri, call.block);
        continue;
      }
      if (this.isAncestorDir(dir)) {
        this.note(`module "${call.name}" calls a module that contains it; not followed`, call.uri, call.block);
        continue;
      }
      const data = this.loader.dirData(dir);
      if (!data) {
        // A local path with no Terraform files (a missing folder, a typo, a partial checkout):
        // what the call would declare is not analysed, and the user is told.
        if (isLocalSource(source))
          this.note(
            `module "${call.name}" is not followed: ${source} holds no Terraform files`,
            call.uri,
            attributeOf(call.block.body, 'source') ?? call.block,
          );
        continue;
      }
      if (data.unreadable !== undefined) {
        this.note(`module "${call.name}" is not followed: its folder ${dir} cannot be read (${data.unreadable})`, call.uri, call.block);
        continue;
      }
      const expansion = expandMeta(this, call);
      if (expansion.items.length > this.loader.moduleBudget) {
        this.note(
          `module "${call.name}" would exceed ${MAX_MODULE_INSTANCES} module instances under one root; not followed`,
          call.uri,
          call.block,
        );
        continue;
      }
      this.loader.moduleBudget -= expansion.items.length;
      const instances = expansion.items.map((it) => {
        const suffix = it.key === undefined ? '' : typeof it.key === 'number' ? `[${it.key}]` : `[${JSON.stringify(it.key)}]`;
        const path = `${this.path ? `${this.path}.` : ''}module.${call.name}${suffix}`;
        return new ModuleImpl(this.loader, data, path, { module: this, call, key: it.key }, this.depth + 1, it.vars);
      });
      this.calls.set(call.name, { expansion, instances });
    }
    return this.calls;
  }

  /** A call whose module is not here: its instances as the plan has them (stand-ins, plan.ts). */
  private plannedCall(call: BlockEntry): void {
    const plan = this.loader.plan;
    if (!plan || this.depth + 1 > this.loader.maxDepth) return;
    const expansion = expandMeta(this, call);
    if (!expansion.known || expansion.items.length > this.loader.moduleBudget) return;
    const instances: ModuleImpl[] = [];
    for (const it of expansion.items) {
      const suffix = it.key === undefined ? '' : typeof it.key === 'number' ? `[${it.key}]` : `[${JSON.stringify(it.key)}]`;
      const path = `${this.path ? `${this.path}.` : ''}module.${call.name}${suffix}`;
      const dir = plan.moduleDir(path);
      const data = dir === undefined ? undefined : this.loader.dirData(dir);
      if (!data) continue;
      instances.push(new ModuleImpl(this.loader, data, path, { module: this, call, key: it.key }, this.depth + 1, it.vars));
    }
    if (!instances.length) return;
    this.loader.moduleBudget -= instances.length;
    this.calls!.set(call.name, { expansion, instances });
  }

  private isAncestorDir(dir: string): boolean {
    if (this.dir === dir) return true;
    for (let m = this.parent?.module; m; m = m.parent?.module) if (m.dir === dir) return true;
    return false;
  }

  children(): Map<string, ModuleInstance[]> {
    const out = new Map<string, ModuleInstance[]>();
    for (const [name, set] of this.callSets()) out.set(name, set.instances);
    return out;
  }

  // ---- providers and refs

  providerOf(res: ResourceInstance): NestedBlock | undefined {
    const expr = res.attrNode('provider')?.value;
    let local = res.type.split('_')[0];
    let alias: string | undefined;
    let key: Expression | undefined;
    const ref = expr && providerRef(expr);
    if (ref) [local, alias, key] = ref;
    if (key === undefined) return this.providerFor(local, alias);
    // OpenTofu's provider instances (`for_each` on a provider, 1.9): `aws.by_region[each.key]`.
    const k = this.evaluateIn(key, res.uri, (res as unknown as NestedBlockImpl).vars);
    return alias === undefined || k.kind !== 'string' ? undefined : this.providerInstance(local, alias, k.value);
  }

  /**
   * One instance of a provider configuration with `for_each`, declared in this module: its
   * arguments read with that instance's `each`. Undefined when it is not declared here or has
   * no such key (a provider passed from a caller by key is not followed).
   */
  private providerInstance(local: string, alias: string, key: string): NestedBlock | undefined {
    const address = `provider.${local}.${alias}`;
    readKey(this, address);
    const e = this.first(address);
    if (!e) return undefined;
    const item = expandMeta(this, e).items.find((it) => it.key === key);
    return item && new NestedBlockImpl('provider', e.block, e.uri, this, item.vars, address);
  }

  private providerFor(local: string, alias: string | undefined): NestedBlock | undefined {
    const address = alias ? `provider.${local}.${alias}` : `provider.${local}`;
    readKey(this, address);
    const e = this.first(address);
    if (e) {
      let p = this.providers.get(e);
      if (!p) {
        p = new NestedBlockImpl('provider', e.block, e.uri, this, undefined, address);
        this.providers.set(e, p);
      }
      return p;
    }
    if (!this.parent) return undefined;
    // A child module uses what its caller passes in `providers`, else the caller's default.
    const passed = attributeOf(this.parent.call.block.body, 'providers')?.value;
    if (passed && passed.type === 'Object') {
      for (const item of passed.items) {
        const k = providerRef(item.key);
        if (!k || k[0] !== local || k[1] !== alias) continue;
        const v = providerRef(item.value);
        // One instance of a caller's provider with `for_each`, by key: not followed (not known).
        if (v) return v[2] ? undefined : this.parent.module.providerFor(v[0], v[1]);
      }
    }
    return alias ? undefined : this.parent.module.providerFor(local, undefined);
  }

  resolve(v: Value | undefined): ResourceInstance | undefined {
    return v && v.kind === 'ref' ? v.target : undefined;
  }

  // ---- notes

  note(message: string, uri: string, node: { range: Range }, from?: string): void {
    uri = uriOfNode(node, uri);
    const key = `${uri}:${node.range.start.offset}:${message}`;
    if (this.noted.has(key)) return;
    this.noted.add(key);
    const n: ModelNote = { message, uri, range: node.range };
    this.noteList.push(n);
    this.noteFrom.set(n, from ?? this.deps.frame);
  }

  /**
   * An evaluation hit a bound of the evaluator: noted on the expression, under the declaration
   * being evaluated (an edit that makes it forget the declaration drops the note). An
   * expression evaluated for no declaration leaves no note: nothing would drop it.
   */
  limit(hit: LimitHit, expr: Expression, uri: string): void {
    const f = this.deps.frame;
    if (f === undefined) return;
    const what = typeof f === 'string' ? this.deps.declarationOf(f) : 'an expression';
    this.note(`value of ${what} ${describeLimit(hit)}; treated as unknown`, uri, expr);
  }

  /** Limits the model hit (instances capped, modules not followed), after expanding everything. */
  get notes(): ModelNote[] {
    this.resources();
    this.dataSources();
    this.callSets();
    return this.data.notes ? [...this.data.notes, ...this.noteList] : this.noteList;
  }
}

function hasModuleCalls(index: Map<string, BlockEntry[]>): boolean {
  for (const list of index.values()) if (list[0].kind === 'module') return true;
  return false;
}

function isFalse(e: Expression | undefined): boolean {
  return !!e && e.type === 'Literal' && e.value === false;
}

function isTrue(e: Expression | undefined): boolean {
  return !!e && e.type === 'Literal' && e.value === true;
}

/** Attributes of a data source that name what it read: kept as references to the block. */
const PLAN_REFERENCES = new Set(['id', 'arn']);
/** Data sources whose values the model computes from their own arguments. */
const PLAN_STATIC = new Set(['aws_iam_policy_document']);

/**
 * `aws` or `aws.west` written as a traversal (or a quoted string in old configurations), and an
 * instance of a provider with `for_each`, `aws.by_region[key]` (with the key's expression).
 */
function providerRef(e: Expression): [string, string | undefined, Expression?] | undefined {
  if (e.type === 'Index') {
    const base = providerRef(e.object);
    return base && base[1] !== undefined && base[2] === undefined && e.object.type === 'GetAttr' ? [base[0], base[1], e.key] : undefined;
  }
  if (e.type === 'Variable') return [e.name, undefined];
  if (e.type === 'GetAttr' && e.object.type === 'Variable') return [e.object.name, e.name.name];
  if (e.type === 'Template' && e.parts.length === 1 && e.parts[0].type === 'TemplateLiteral') {
    const [a, b] = e.parts[0].value.split('.');
    return [a, b];
  }
  return undefined;
}

/**
 * `contains`, descending only into nodes whose range holds the target's: a search through the
 * one branch that can hold it rather than the whole block (asked for every expression
 * evaluated without a scope).
 */
function containsWithin(root: Node, target: Node): boolean {
  if (root === target) return true;
  const from = target.range.start.offset;
  const to = target.range.end.offset;
  const holds = (n: Node) => n.range.start.offset <= from && to <= n.range.end.offset;
  for (const k in root) {
    const v = (root as unknown as Record<string, unknown>)[k];
    if (!v || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v as unknown[]) {
        if (x && typeof x === 'object' && 'type' in x && 'range' in x && holds(x as Node) && containsWithin(x as Node, target)) return true;
      }
    } else if ('type' in v && 'range' in v && holds(v as Node) && containsWithin(v as Node, target)) return true;
  }
  return false;
}

function contains(root: Node, target: Node): boolean {
  if (root === target) return true;
  for (const v of Object.values(root)) {
    if (v && typeof v === 'object') {
      if (Array.isArray(v)) {
        for (const x of v) if (x && typeof x === 'object' && 'type' in x && contains(x as Node, target)) return true;
      } else if ('type' in v && 'range' in v && contains(v as Node, target)) return true;
    }
  }
  return false;
}
