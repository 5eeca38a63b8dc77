// The extension's own part of the language server protocol: every custom method name, command
// id and payload the VS Code client (client/src) and the server (server/src) exchange, and the
// address of the rules' published pages, which both sides link to. Both sides import it, so it
// holds string constants and types only: nothing from `vscode`, `vscode-languageserver` or
// `vscode-languageclient`, and only type imports of the server's plain data (erased from both
// bundles). It is the only file of server/src the client's bundle may contain.
//
// Results that are standard LSP structures (the scaffold request's WorkspaceEdit) are typed
// at the call sites with each side's own LSP types.

import type { Bundle } from './scaffold/bundles';
import type { ModuleChoice, ScaffoldCommand } from './scaffold/index';
import type { Topology } from './topology/types';

/**
 * Files whose changes on disk the server must hear of: the globs it registers with clients that
 * do not forward their own events, and the ones VS Code's client watches and forwards.
 */
export const WATCHED_GLOBS: readonly string[] = [
  '**/*.tf',
  '**/*.tofu',
  '**/*.tf.json',
  '**/*.tofu.json',
  '**/*.tfvars',
  '**/*.tfvars.json',
  '**/.privatelink.json',
];

// ---------------------------------------------------------------------------------------------
// Notifications, server to client

/** The background index and the findings so far, for the client's status item. */
export const STATUS_NOTIFICATION = 'privatelink/status';

// ---------------------------------------------------------------------------------------------
// Requests, client to server

/** Analyses every module of the workspace and publishes the findings. */
export const LINT_WORKSPACE_REQUEST = 'privatelink/lintWorkspace';
/** The server's own figures: memory, index, timings (status and benchmarks). */
export const STATS_REQUEST = 'privatelink/stats';
/** The topology graph of a module or of the workspace. */
export const TOPOLOGY_REQUEST = 'privatelink/topology';
/** The topology as SVG or Mermaid text. */
export const TOPOLOGY_EXPORT_REQUEST = 'privatelink/topologyExport';
/** The Markdown cost estimate of a module or of the workspace. */
export const COST_REPORT_REQUEST = 'privatelink/costReport';
/** The module folders a scaffolding command can write into. */
export const MODULES_REQUEST = 'privatelink/modules';
/** A scaffolding command's edits, as one WorkspaceEdit. */
export const SCAFFOLD_REQUEST = 'privatelink/scaffold';
/** What "Add interface endpoints" offers to pick: the catalog's services and the bundles. */
export const SCAFFOLD_CHOICES_REQUEST = 'privatelink/scaffoldChoices';

/** Every custom method, for checks that none is spelled out elsewhere. */
export const METHODS = [
  STATUS_NOTIFICATION,
  LINT_WORKSPACE_REQUEST,
  STATS_REQUEST,
  TOPOLOGY_REQUEST,
  TOPOLOGY_EXPORT_REQUEST,
  COST_REPORT_REQUEST,
  MODULES_REQUEST,
  SCAFFOLD_REQUEST,
  SCAFFOLD_CHOICES_REQUEST,
] as const;

// ---------------------------------------------------------------------------------------------
// Command ids and other names that travel in standard messages

/**
 * Opens a rule's documentation; arguments `[ruleId, url?]`. Sent in code actions; the VS Code
 * client runs it itself, other clients through `workspace/executeCommand`.
 */
export const SHOW_DOCS_COMMAND = 'privatelink.showDocs';
/** The change annotation of a scaffolding WorkspaceEdit (its summary and preview). */
export const SCAFFOLD_ANNOTATION = 'privatelink.scaffold';

/** Where the rules' pages are published; the server links findings there, the client maps the links to its bundled copies. */
export const DOCS_BASE = 'https://github.com/privatelink-tools/privatelink-terraform/blob/main/docs/rules/';

/** The published page of a rule. */
export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

/** `initializationOptions` of the initialize request. */
export interface InitializationOptions {
  /** The client forwards file events itself: the server registers no watchers. */
  clientWatchers?: boolean;
  /** The client runs the commands itself: the server offers no executeCommandProvider. */
  clientCommands?: boolean;
  /**
   * `false`: the server offers no semantic tokens (highlighting is off, or another extension
   * colours Terraform files). Absent or `true`: it offers them.
   */
  semanticTokens?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Payloads

export type SeverityCounts = Record<'error' | 'warning' | 'information' | 'hint', number>;

export interface IndexState {
  state: 'starting' | 'indexing' | 'idle';
  done: number;
  total: number;
}

/** `privatelink/status`. */
export interface StatusParams extends IndexState {
  counts: SeverityCounts;
  /** Files with published findings. */
  files: number;
}

/** `privatelink/lintWorkspace` params: a work-done token to report progress on (optional). */
export interface LintWorkspaceParams {
  workDoneToken?: number | string;
}

/** `privatelink/lintWorkspace` result. */
export interface LintWorkspaceResult {
  modules: number;
  files: number;
  counts: SeverityCounts;
  cancelled: boolean;
}

/** `privatelink/stats` result. */
export interface StatsResult {
  memory: NodeJS.MemoryUsage;
  index: IndexState;
  moduleDirs: number;
  modules: number;
  files: number;
  endpoints: number;
  openDocuments: number;
  publishedFiles: number;
  timings: { analyses: number; analyzeMs: number; publishMs: number };
  kept: { reused: number; computed: number };
}

export type Scope = 'module' | 'workspace';

/** The module of a file or folder URI, or every module of the workspace. */
export interface ScopeParams {
  uri?: string;
  scope?: Scope;
}

/** `privatelink/topology` result (null when the graph could not be built). Locations are LSP URIs and ranges. */
export type TopologyResult = (Topology & { note?: string }) | null;

export type TopologyExportFormat = 'svg' | 'mermaid';

/** `privatelink/topologyExport` params. */
export interface TopologyExportParams extends ScopeParams {
  format: TopologyExportFormat;
}

/** `privatelink/topologyExport` result (null on failure). */
export type TopologyExportResult = { text: string } | null;

/** `privatelink/costReport` result (null on failure). */
export type CostReportResult = { markdown: string } | null;

/** One module of `privatelink/modules`: what scaffolding found in it, and its folder's URI. */
export type ModuleEntry = ModuleChoice & { uri: string };

/** `privatelink/modules` result. */
export interface ModulesResult {
  modules: ModuleEntry[];
}

/** `privatelink/scaffold` params; the result is a WorkspaceEdit annotated with SCAFFOLD_ANNOTATION. */
export interface ScaffoldParams {
  command: ScaffoldCommand;
  /** The module folder, as a `file:` URI or a path. */
  moduleDir: string;
  /** The command's answers; a `service.dir` in them may also be a URI. */
  options?: unknown;
}

/** A service `privatelink/scaffoldChoices` offers: its name after the region and its human name. */
export interface ServiceChoice {
  name: string;
  title: string;
}

/** `privatelink/scaffoldChoices` result: the services that have an endpoint type, in catalog order, and the bundles. */
export interface ScaffoldChoicesResult {
  services: ServiceChoice[];
  bundles: Bundle[];
}

export type { Bundle, ModuleChoice, ScaffoldCommand };
