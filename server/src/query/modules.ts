// The module instances of a workspace: which folders are analysed from the top (roots), and
// every instance below them (local child modules evaluated with their callers' inputs); the
// instances a resource block of a file stands for.

import type { Block } from '../hcl/ast';
import type { BlockEntry, ModuleInstance, ResourceInstance, SourceFile, WorkspaceModel } from '../model/types';

/** How deep local child modules are followed below a root (deeper calls are not analysed). */
export const MAX_MODULE_DEPTH = 20;

/** The root module instance above `m`. */
export function rootOf(m: ModuleInstance): ModuleInstance {
  let cur = m;
  for (let i = 0; cur.parent && i <= MAX_MODULE_DEPTH; i++) cur = cur.parent.module;
  return cur;
}

/**
 * Every module instance reachable from the roots, each once: a folder called from two roots
 * (or twice from one) is one instance per call, each with that call's inputs.
 */
export function moduleInstances(roots: readonly ModuleInstance[]): ModuleInstance[] {
  const out: ModuleInstance[] = [];
  const seen = new Set<ModuleInstance>();
  const visit = (m: ModuleInstance, depth: number) => {
    if (seen.has(m) || depth > MAX_MODULE_DEPTH) return;
    seen.add(m);
    out.push(m);
    for (const list of m.children().values()) for (const c of list) visit(c, depth + 1);
  };
  for (const r of roots) visit(r, 0);
  return out;
}

/**
 * The call a module instance stands for, as the user wrote it: the chain of module blocks from
 * its root (`module.net.module.endpoints`, without `count`/`for_each` keys, which are instances
 * of one call), and the outermost block, in the root's folder. undefined for a root.
 */
export interface ModuleCall {
  /** The root's folder and the chain of call names: one per call, whatever its instances. */
  key: string;
  /** `module.endpoints`, `module.net.module.endpoints`. */
  name: string;
  /** The outermost module block, written in the root module. */
  call: BlockEntry;
}

export function callOf(m: ModuleInstance): ModuleCall | undefined {
  if (!m.parent) return undefined;
  const names: string[] = [];
  let cur = m;
  for (let i = 0; cur.parent && i <= MAX_MODULE_DEPTH; i++) {
    names.push(`module.${cur.parent.call.name}`);
    if (!cur.parent.module.parent) break;
    cur = cur.parent.module;
  }
  const name = names.reverse().join('.');
  return { key: `${cur.parent!.module.dir}\u0000${name}`, name, call: cur.parent!.call };
}

/**
 * The modules to analyse from the top: every folder is a root, except a folder that another
 * root calls as a local child module. Such a folder is analysed through each of its calls, with
 * that call's inputs: alone, its variable defaults could give findings the callers' values rule
 * out.
 * Modules that only call each other (a cycle) keep one of them as the root.
 * With `dirs`, the roots whose module tree reaches one of those folders.
 */
export function entryModules(ws: WorkspaceModel, dirs?: ReadonlySet<string>): ModuleInstance[] {
  const all = ws.roots();
  const trees = new Map<ModuleInstance, Set<string>>();
  for (const r of all) trees.set(r, new Set(moduleInstances([r]).map((m) => m.dir)));
  const called = new Set<string>();
  for (const [r, tree] of trees) for (const d of tree) if (d !== r.dir) called.add(d);
  const chosen: ModuleInstance[] = [];
  const covered = new Set<string>();
  for (const r of all) {
    if (called.has(r.dir)) continue;
    chosen.push(r);
    for (const d of trees.get(r)!) covered.add(d);
  }
  for (const r of all) {
    if (covered.has(r.dir)) continue;
    chosen.push(r);
    for (const d of trees.get(r)!) covered.add(d);
  }
  if (!dirs) return chosen;
  return chosen.filter((r) => [...trees.get(r)!].some((d) => dirs.has(d)));
}

/**
 * Every instance (count/for_each expanded) of the resource a top-level block of `file`
 * declares: the block itself, or one at the same place (a syntax tree parsed again).
 */
export function instancesOfBlock(module: ModuleInstance, file: SourceFile, block: Block): ResourceInstance[] {
  const type = block.labels[0]?.value;
  if (block.blockType.name !== 'resource' || !type) return [];
  const start = block.range.start.offset;
  const here = (b: Block, uri: string) => b === block || ((uri === file.path || uri === file.uri) && b.range.start.offset === start);
  // A block of an override file stands for the resource it is merged into.
  return module.resources(type).filter((r) => here(r.entry.block, r.uri) || r.entry.overrides?.some((o) => here(o.block, o.uri)));
}
