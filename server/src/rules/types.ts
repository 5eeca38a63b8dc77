// The shape of a rule, its findings and its fixes. Pure data: the LSP and the CLI convert
// these at their edge.

import type { Range } from '../hcl/ast';
import type { ModuleInstance, WorkspaceModel } from '../model/types';
import type { ServiceCatalog } from './catalog-types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  uri: string;
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  /** Edits, possibly in several files; within one file they do not overlap. */
  edits: TextEdit[];
  /** The rule's preferred fix (applied by `--fix` and `source.fixAll`). */
  isPreferred?: boolean;
}

export interface Related {
  uri: string;
  range: Range;
  message: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  uri: string;
  range: Range;
  related?: Related[];
  /** Fixes ride on the finding (the LSP puts them into Diagnostic.data). */
  fixes?: Fix[];
}

/** What a rule reports: severity defaults to the rule's. */
export interface Report {
  message: string;
  uri: string;
  range: Range;
  severity?: Severity;
  related?: Related[];
  fixes?: Fix[];
}

export interface RuleContext {
  /** The module instance being checked (a root module or a child module's instance). */
  module: ModuleInstance;
  workspace: WorkspaceModel;
  catalog: ServiceCatalog;
  report(r: Report): void;
}

export interface RuleMeta {
  /** = file name = Diagnostic.code */
  id: string;
  /** Slug, e.g. `private-dns-needs-vpc-dns`. */
  name: string;
  severity: Severity;
  /** One sentence: what is wrong (hover, SARIF shortDescription). */
  description: string;
  /** Why it matters (hover on the squiggle, SARIF fullDescription). */
  why: string;
  /** Resource types the rule inspects. */
  resources: readonly string[];
  fixable: boolean;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export const DOCS_BASE = 'https://github.com/privatelink-tools/privatelink-terraform/blob/main/docs/rules/';
export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
