// The workspace: files (from the host, or as the editor holds them), folders as modules, and
// root module instances rebuilt lazily when a file they depend on changes. Parsing happens on
// first read of a changed file; indexing and evaluation happen when a rule asks.

import { reparse, type ReparseInfo } from '../hcl/incremental';
import { recordEdit } from '../incremental/positions';
import { readOpaque } from '../incremental/reads';
import { parseJsonConfig } from '../hcl/json-syntax';
import { parse } from '../hcl/parser';
import { changedAddresses, type Changes } from './edits';
import { entriesOf } from './index-blocks';
import { knownModuleFiles } from './known-modules/index';
import { MAX_FILE_BYTES, MAX_MODULE_BYTES } from './limits';
import { MAX_MODULE_INSTANCES, ModuleImpl, type DirData, type Loader } from './module';
import type { PlanValues } from './plan';
import { mergeOverrides, registerOverrideFile, type FileRef } from './overrides';
import {
  baseOf,
  dirOf,
  isConfigFile,
  isJsonConfigFile,
  isOverrideFile,
  isSkippedFolder,
  joinPath,
  loadedConfigNames,
  normalizeDir,
} from './paths';
import { isTfvarsName, tfvarsOrder, withVarInputs, type VarInput } from './tfvars';
import type { BlockEntry, Host, ModelNote, ModuleInstance, SourceFile, WorkspaceModel } from './types';

export interface WorkspaceOptions {
  /** Folders searched (recursively) for modules; every folder with `.tf` files is a root. */
  folders?: string[];
  /** How deep local module calls are followed (default 10). */
  maxDepth?: number;
  /** Instances of one `count`/`for_each` beyond which it is treated as unexpanded (default 10,000). */
  maxInstances?: number;
  /** Folders searched at most (default 20,000). */
  maxFolders?: number;
  /** What a folder's root module reads after its own variable files (see tfvars.ts), in order. */
  varInputs?: (dir: string) => readonly VarInput[];
  /** A plan of the root module in `plan.dir` (plan.ts): what it knows, that module's tree reads. */
  plan?: PlanValues;
  /**
   * No file is set or removed while the workspace lives (one batch of a CLI run): module
   * instances do not record what an edit would make them forget. An edit all the same gets
   * the instances it reaches built afresh.
   */
  frozen?: boolean;
}

interface RootEntry {
  module: ModuleImpl;
  /** Every folder the instance read, with the version it saw. */
  deps: Map<string, number>;
}

class Workspace implements WorkspaceModel {
  private readonly overlay = new Map<string, string>();
  private readonly parsed = new Map<string, SourceFile>();
  /** The last parse of a file the editor changed since, reparsed around the edit on next read. */
  private readonly previous = new Map<string, SourceFile>();
  private readonly listings = new Map<string, { name: string; isDir: boolean }[]>();
  /** Folders whose listing failed, with why (permission denied...): reported, not skipped silently. */
  private readonly unreadableDirs = new Map<string, string>();
  /** The override files' current versions, for the nodes they keep across edits (overrides.ts). */
  private readonly overrideRefs = new Map<string, FileRef>();
  private readonly dirs = new Map<string, DirData | null>();
  private readonly versions = new Map<string, number>();
  private readonly rootInstances = new Map<string, RootEntry>();
  private rootDirs: string[] | undefined;
  private readonly maxDepth: number;
  private readonly maxInstances: number;
  private readonly maxFolders: number;
  private readonly folders: string[];
  /** The folders whose root modules read each variable file given as an input. */
  private readonly varFileUsers = new Map<string, Set<string>>();

  constructor(
    private readonly host: Host,
    private readonly options: WorkspaceOptions,
  ) {
    this.folders = (options.folders ?? []).map(normalizeDir);
    this.maxDepth = options.maxDepth ?? 10;
    this.maxInstances = options.maxInstances ?? 10_000;
    this.maxFolders = options.maxFolders ?? 20_000;
  }

  // ---- files

  setFile(path: string, text: string): void {
    const known = this.overlay.has(path) || this.parsed.has(path);
    this.overlay.set(path, text);
    const old = this.parsed.get(path);
    if (old && !old.readError && old.text === text) return;
    if (old && !old.readError) this.previous.set(path, old);
    this.parsed.delete(path);
    if (!known) this.rootDirs = undefined;
    this.bump(dirOf(path));
    for (const d of this.varFileUsers.get(path) ?? []) this.bump(d);
  }

  removeFile(path: string): void {
    this.overlay.delete(path);
    this.previous.delete(path);
    this.parsed.delete(path);
    const dir = dirOf(path);
    this.listings.delete(dir);
    this.rootDirs = undefined;
    this.bump(dir);
    for (const d of this.varFileUsers.get(path) ?? []) this.bump(d);
  }

  /** The `varInputs` of some folders changed: every module is read again. */
  varInputsChanged(): void {
    this.varFileUsers.clear();
    this.rootInstances.clear();
    for (const d of [...this.dirs.keys()]) this.bump(d);
  }

  file(path: string, maxBytes?: number): SourceFile | undefined {
    const hit = this.parsed.get(path);
    if (hit) return hit;
    const over = this.overlay.get(path);
    let sf: SourceFile;
    const prev = this.previous.get(path);
    this.previous.delete(path);
    if (over !== undefined) sf = prev ? remakeFile(prev, over) : makeFile(path, over);
    else {
      const r = this.host.readFile(path, maxBytes);
      if ('error' in r) {
        if (!this.listDir(dirOf(path)).some((e) => e.name === baseOf(path) && !e.isDir)) return undefined;
        sf = { ...makeFile(path, ''), readError: r.error };
      } else sf = makeFile(path, r.text);
    }
    this.parsed.set(path, sf);
    return sf;
  }

  /** A file not read because its folder's files already fill the module budget. */
  private overBudget(path: string): SourceFile {
    const why = `the .tf files of its folder exceed ${MAX_MODULE_BYTES / 1048576} MB in all; not analysed (limit)`;
    const hit = this.parsed.get(path);
    if (hit?.readError === why) return hit;
    const sf = { ...makeFile(path, ''), readError: why };
    this.parsed.set(path, sf);
    return sf;
  }

  private bump(dir: string): void {
    this.versions.set(dir, (this.versions.get(dir) ?? 0) + 1);
    this.dirs.delete(dir);
  }

  private listDir(dir: string): { name: string; isDir: boolean }[] {
    let list = this.listings.get(dir);
    if (!list) {
      try {
        list = this.host.readDir(dir);
        this.unreadableDirs.delete(dir);
        this.listings.set(dir, list);
      } catch (e) {
        // Not kept: the next look (after an edit nearby) tries again.
        this.unreadableDirs.set(dir, readDirError(e));
        list = [];
      }
    }
    let extra: { name: string; isDir: boolean }[] | undefined;
    for (const p of this.overlay.keys()) {
      if (dirOf(p) !== dir) continue;
      const name = baseOf(p);
      if (!list.some((e) => e.name === name)) (extra ??= []).push({ name, isDir: false });
    }
    return extra ? [...list, ...extra] : list;
  }

  // ---- modules

  private dirData(dir: string): DirData | undefined {
    const hit = this.dirs.get(dir);
    if (hit !== undefined) return hit ?? undefined;
    // A known module that is not installed: its stand-in files, made in memory.
    const standIn = knownModuleFiles(dir) ?? this.options.plan?.standInFiles(dir);
    if (standIn)
      for (const [name, text] of Object.entries(standIn)) this.parsed.set(joinPath(dir, name), makeFile(joinPath(dir, name), text));
    const entries = standIn ? Object.keys(standIn).map((name) => ({ name, isDir: false })) : this.listDir(dir).filter((e) => !e.isDir);
    const tf = loadedConfigNames(entries.map((e) => e.name));
    // A folder that cannot be listed may hold Terraform files: a module that says so.
    const unreadable = standIn ? undefined : this.unreadableDirs.get(dir);
    if (!tf.length && unreadable === undefined) {
      this.dirs.set(dir, null);
      return undefined;
    }
    // One folder's files together are bounded too: five files just under the limit each
    // would otherwise hold gigabytes. Files past the budget are reported, not analysed.
    let budget = MAX_MODULE_BYTES;
    const files = tf
      .map((n) => {
        const p = joinPath(dir, n);
        if (budget <= 0) return this.overBudget(p);
        const f = this.file(p, budget);
        if (f && !f.readError) budget -= f.text.length;
        else if (f?.readError && / MB limit/.test(f.readError) && budget < MAX_FILE_BYTES) return this.overBudget(p);
        return f;
      })
      .filter((f): f is SourceFile => !!f);
    const own = entries
      .filter((e) => isTfvarsName(e.name))
      .map((e) => joinPath(dir, e.name))
      .sort(tfvarsOrder)
      .map((p) => this.file(p))
      .filter((f): f is SourceFile => !!f);
    const { tfvars, varArgs } = withVarInputs(own, this.options.varInputs?.(dir) ?? [], (p) => {
      this.varFileUsers.set(p, (this.varFileUsers.get(p) ?? new Set()).add(dir));
      return this.file(p);
    });
    const index = new Map<string, BlockEntry[]>();
    // Override files are merged after the other files, in lexical order (files are sorted).
    const overrides: SourceFile[] = [];
    for (const f of files) {
      if (isOverrideFile(baseOf(f.path))) {
        overrides.push(f);
        continue;
      }
      for (const e of entriesOf(f)) {
        const list = index.get(e.address);
        if (list) list.push(e);
        else index.set(e.address, [e]);
      }
    }
    let notes: ModelNote[] | undefined;
    if (overrides.length) {
      for (const f of overrides) {
        let ref = this.overrideRefs.get(f.path);
        if (!ref) this.overrideRefs.set(f.path, (ref = { file: f }));
        registerOverrideFile(ref, f);
      }
      notes = mergeOverrides(index, overrides);
    }
    if (unreadable !== undefined) files.unshift(unreadableFolder(dir, unreadable));
    const data: DirData = {
      dir,
      files,
      tfvars,
      varArgs,
      index,
      ...(notes?.length ? { notes } : {}),
      ...(unreadable !== undefined ? { unreadable } : {}),
    };
    this.dirs.set(dir, data);
    return data;
  }

  module(dir: string): ModuleInstance | undefined {
    dir = normalizeDir(dir);
    const cached = this.rootInstances.get(dir);
    if (cached && [...cached.deps].every(([d, v]) => (this.versions.get(d) ?? 0) === v)) return cached.module;
    if (cached && !this.options.frozen && this.updateInPlace(dir, cached)) return cached.module;
    const deps = new Map<string, number>();
    const loader: Loader = {
      frozen: this.options.frozen,
      maxDepth: this.maxDepth,
      maxInstances: this.maxInstances,
      moduleBudget: MAX_MODULE_INSTANCES,
      ...(this.options.plan?.dir === dir ? { plan: this.options.plan } : {}),
      dirData: (d) => {
        if (!deps.has(d)) deps.set(d, this.versions.get(d) ?? 0);
        return this.dirData(d);
      },
      readText: (p) => {
        const r = this.host.readFile(p);
        return 'error' in r ? undefined : r.text;
      },
    };
    const data = loader.dirData(dir);
    if (!data) {
      this.rootInstances.delete(dir);
      return undefined;
    }
    const m = new ModuleImpl(loader, data, '', undefined, 0, undefined);
    this.rootInstances.set(dir, { module: m, deps });
    return m;
  }

  /**
   * After edits to the `.tf` files of a root that calls no modules, the instance forgets only
   * what depends on the declarations that changed; false when it must be rebuilt.
   */
  private updateInPlace(dir: string, cached: RootEntry): boolean {
    if (cached.deps.size !== 1 || !cached.deps.has(dir)) return false;
    const before = cached.module;
    const data = this.dirData(dir);
    if (!data || data.files.length !== before.files.length || data.tfvars.length !== before.tfvarsFiles.length) return false;
    if (data.tfvars.some((f, i) => f !== before.tfvarsFiles[i])) return false;
    const changed: Changes = new Map();
    for (let i = 0; i < data.files.length; i++) {
      const a = before.files[i];
      const b = data.files[i];
      if (a === b) continue;
      if (a.path !== b.path || a.readError || b.readError) return false;
      changedAddresses(a, b, changed);
    }
    if (!before.update(data, changed)) return false;
    cached.deps.set(dir, this.versions.get(dir) ?? 0);
    return true;
  }

  roots(): ModuleInstance[] {
    this.rootDirs ??= this.findRootDirs();
    // An answer that looks at other folders' modules depends on what no key of one module
    // describes: it is not kept across edits.
    if (this.rootDirs.length > 1) readOpaque();
    const out: ModuleInstance[] = [];
    for (const d of this.rootDirs) {
      const m = this.module(d);
      if (m) out.push(m);
    }
    return out;
  }

  private findRootDirs(): string[] {
    const found = new Set<string>();
    const seen = new Set<string>();
    const queue = [...this.folders];
    while (queue.length && seen.size < this.maxFolders) {
      const dir = queue.shift()!;
      if (seen.has(dir)) continue;
      seen.add(dir);
      for (const e of this.listDir(dir)) {
        if (e.isDir) {
          if (!isSkippedFolder(e.name)) queue.push(joinPath(dir, e.name));
        } else if (isConfigFile(e.name)) found.add(dir);
      }
      // Its module is one that says it cannot be read.
      if (this.unreadableDirs.has(dir)) found.add(dir);
    }
    for (const p of this.overlay.keys()) if (isConfigFile(baseOf(p))) found.add(dirOf(p));
    return [...found].sort();
  }
}

/** Why a folder listing failed: the system's error code (EACCES) or message. */
function readDirError(e: unknown): string {
  const code = e && typeof e === 'object' && 'code' in e ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
}

/** A folder that cannot be listed, as a file not read: reported as unreadable files are. */
function unreadableFolder(dir: string, why: string): SourceFile {
  return { ...makeFile(dir, ''), readError: `the folder ${dir} cannot be read (${why}); none of its Terraform files are analysed` };
}

function makeFile(path: string, text: string): SourceFile {
  // Configuration files in JSON syntax have their parser; variable files in JSON are read by
  // the tfvars loader, not the HCL parser.
  const ast = isJsonConfigFile(path) ? parseJsonConfig(text, path) : parse(path.endsWith('.json') ? '' : text, path);
  return { uri: path, path, text, ast };
}

/** The file after an edit, parsed again only around the change when the old tree allows it. */
function remakeFile(prev: SourceFile, text: string): SourceFile {
  if (prev.path.endsWith('.json')) return makeFile(prev.path, text);
  const info: ReparseInfo = { incremental: false, removed: [], added: [] };
  const next: SourceFile = { uri: prev.path, path: prev.path, text, ast: reparse(prev.ast, prev.text, text, info) };
  recordEdit(prev, next, info.region);
  return next;
}

export function createWorkspace(host: Host, options: WorkspaceOptions = {}): WorkspaceModel {
  return new Workspace(host, options);
}
