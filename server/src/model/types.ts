// The module model: files of a folder, their blocks indexed by address, and the evaluated
// instances of resources. Pure TypeScript; no editor types.

import type { Attribute, Block, Expression, File, Range } from '../hcl/ast';
import type { Value } from './value';

// Files are identified by their path as given to the model (absolute file-system paths in
// the CLI and the server; the server converts URIs at its edge). Fields named `uri` in the
// model and in findings hold that path.

export interface SourceFile {
  uri: string;
  /** Absolute file-system path (for the CLI) or the path part of the URI. */
  path: string;
  text: string;
  ast: File;
  /** Set when the file could not be read or is not text (binary, too large). */
  readError?: string;
}

export type EntryKind = 'resource' | 'data' | 'variable' | 'local' | 'module' | 'provider' | 'output' | 'terraform';

/** A top-level declaration of a module. */
export interface BlockEntry {
  kind: EntryKind;
  /**
   * `aws_vpc.main`, `data.aws_iam_policy_document.x`, `var.region`, `local.endpoints`,
   * `module.vpc`, `provider.aws`, `provider.aws.west` (alias), `output.vpc_id`, `terraform`.
   */
  address: string;
  uri: string;
  /** The block; for a local, the enclosing `locals` block. */
  block: Block;
  /** For a local: its attribute inside the `locals` block. */
  attribute?: Attribute;
  /** The resource/data type (`aws_vpc`), the variable/local/module/output name otherwise. */
  type: string;
  name: string;
  /**
   * The declarations of override files merged into this one (`block` is then the merged
   * block, its arguments and nested blocks where they were written; see overrides.ts).
   */
  overrides?: BlockEntry[];
}

/** A block nested in a resource (`ingress`, `dns_options`, `listener`...), dynamic blocks expanded when known. */
export interface NestedBlock {
  type: string;
  block: Block;
  uri: string;
  /** Undefined when absent; the evaluated value otherwise. */
  attr(name: string): Value | undefined;
  attrNode(name: string): Attribute | undefined;
  blocks(type: string): NestedBlock[];
  /** The block, for its type and labels only (a read that does not depend on its body). */
  header(): Block;
}

/**
 * Room on the model objects asked about most (a module, a resource instance) for the answers
 * the query layer works out about them in one run (incremental/memo.ts). The model only holds
 * it; which run and which answer each slot is for is the query layer's business.
 */
export interface AnswerSlots {
  memoRun: number;
  memos: unknown[] | undefined;
}

/** One instance of a resource or data block: `count` and `for_each` expanded. */
export interface ResourceInstance extends NestedBlock {
  module: ModuleInstance;
  mode: 'managed' | 'data';
  /** Resource type, e.g. `aws_vpc_endpoint`. */
  type: string;
  name: string;
  /** `each.key` or `count.index`; undefined for a single instance. */
  key: string | number | undefined;
  /** `aws_vpc_endpoint.this["ecr.dkr"]`, prefixed with `module.x.` inside child modules. */
  address: string;
  /**
   * The instance as one string across the workspace: its module's folder and path and its
   * address (two instances with the same identity are the same instance).
   */
  identity: string;
  entry: BlockEntry;
  /**
   * False when `count`/`for_each` is unknown: then this single instance stands for all of
   * them, with `count.index`/`each.*` unknown.
   */
  expanded: boolean;
}

export interface Scope {
  /** Variables of `for` expressions, `each`, `count`, `self`, dynamic block iterators. */
  vars?: Map<string, Value>;
  /** The file the expression was written in (for values' origins); found when absent. */
  uri?: string;
}

/** A limit the model hit in a module: instances capped, a module call not followed. */
export interface ModelNote {
  message: string;
  uri: string;
  range: Range;
}

/** One evaluated module: the root module of a folder, or a child module call's instance. */
export interface ModuleInstance {
  /** Folder of the module's files (absolute path). */
  dir: string;
  /** `""` for a root module, `module.a.module.b["k"]` for children. */
  path: string;
  files: SourceFile[];
  /** Top-level declarations by address. A duplicate declaration gives several entries. */
  index: Map<string, BlockEntry[]>;
  parent: { module: ModuleInstance; call: BlockEntry; key: string | number | undefined } | undefined;
  /** Child module instances by call name (`vpc` for `module.vpc`). */
  children(): Map<string, ModuleInstance[]>;
  /** Every instance of resources (mode managed) of a type, or of all types. */
  resources(type?: string): ResourceInstance[];
  /** Every instance of data sources of a type. */
  dataSources(type?: string): ResourceInstance[];
  /** Evaluate an expression written in this module. */
  evaluate(expr: Expression, scope?: Scope): Value;
  /** The value of `var.name` (caller input, tfvars, default) or unknown. */
  variable(name: string): Value;
  local(name: string): Value;
  /** The provider configuration a resource uses (its `provider` argument or the default). */
  providerOf(res: ResourceInstance): NestedBlock | undefined;
  /**
   * The value a plan (plan.ts) gives a top-level attribute of a resource instance of this
   * module: unknown where the plan does not know it or it is sensitive; undefined without a plan.
   */
  planned?(res: ResourceInstance, name: string): Value | undefined;
  /** Follows a ref value to the instance it points at, through module outputs. */
  resolve(v: Value | undefined): ResourceInstance | undefined;
  /** Limits hit while expanding this module (filled as instances are expanded). */
  readonly notes?: ModelNote[];
  /** The folder's variable files (`terraform.tfvars`, `*.auto.tfvars`), read for a root module. */
  readonly tfvarsFiles?: SourceFile[];
}

/** Where the model reads folders it was not given (child modules, the CLI's inputs). */
export interface Host {
  /**
   * Names (not paths) of the entries of a folder; [] when there is no such folder. Throws when
   * the folder is there but cannot be listed (permission denied): the model reports it.
   */
  readDir(dir: string): { name: string; isDir: boolean }[];
  /**
   * The text of a file, or why it cannot be had (unreadable, binary, larger than the host's
   * limit or than `maxBytes` when given).
   */
  readFile(path: string, maxBytes?: number): { text: string } | { error: string };
  /**
   * True when what is read at `path` comes from outside the folders whose content may be
   * printed (a module source outside the repository); absent when everything may be.
   */
  isOutside?: (path: string) => boolean;
}

/** All modules of a workspace, kept up to date file by file. */
export interface WorkspaceModel {
  /** Adds or replaces a file's text (`.tf` and `.tfvars`), overriding what the host has. */
  setFile(path: string, text: string): void;
  /** Forgets a file (deleted, or closed and to be re-read from the host). */
  removeFile(path: string): void;
  /** Root modules: folders with `.tf` files (every folder is analysed as a root). */
  roots(): ModuleInstance[];
  /** The root module of a folder, if it has `.tf` files. */
  module(dir: string): ModuleInstance | undefined;
  file(path: string): SourceFile | undefined;
  /** The variable inputs given for folders changed (`.privatelink.json` edited): every module is read again. */
  varInputsChanged?(): void;
}

export type { Range };
