// The shape of a rule, its findings and its fixes. Pure data: the LSP and the CLI convert
// these at their edge.

import type { Range } from '../hcl/ast';
import type { ModuleInstance, WorkspaceModel } from '../model/types';
import type { ServiceCatalog } from '../query/catalog-types';
import type { SubjectKind, SubjectOf } from '../query/subjects';
import type { TeamPolicy } from '../query/team-policy';
import type { Fix, TextEdit } from '../fixes/types';
import { placeWritten } from '../query/overrides';

export type { Fix, TextEdit };

export type Severity = 'error' | 'warning' | 'information' | 'hint';

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

/** What a check may look at besides its subject. */
export interface CheckContext {
  /** The module instance being checked (a root module or a child module's instance). */
  module: ModuleInstance;
  workspace: WorkspaceModel;
  catalog: ServiceCatalog;
  /** The team's policy from `.privatelink.json` (required endpoints, trusted accounts); empty lists when unset. */
  policy: TeamPolicy;
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
  /**
   * Resource types the rule inspects, its subject's first (SARIF lists them; a test checks the
   * first against the subject).
   */
  resources: readonly string[];
  fixable: boolean;
}

/**
 * A rule: what it is (`meta`), what it looks at (`subject`: every endpoint, endpoint service,
 * … of a module, or the module itself) and a check of one subject that returns its reports.
 * The engine runs the check per subject and keeps each answer while what it read is
 * unchanged; a check is written as if everything were computed afresh.
 */
export interface Rule<S extends SubjectKind = SubjectKind> {
  meta: RuleMeta;
  subject: S;
  /**
   * Whether the rule looks at this module at all (checked once per module, before its
   * subjects): a module that another root already calls as a child, for instance.
   */
  when?(module: ModuleInstance, ctx: CheckContext): boolean;
  check(subject: SubjectOf<S>, ctx: CheckContext): readonly Report[] | undefined | void;
}

export function defineRule<S extends SubjectKind>(rule: Rule<S>): Rule<S> {
  // A place on a node of an override file is placed in that file (query/overrides.ts).
  // (The file lookup is made only for reports to place: most checks report nothing.)
  return {
    ...rule,
    check: (subject, ctx) => {
      const reports = rule.check(subject, ctx);
      return reports && reports.length ? placeWritten(reports, (uri) => ctx.workspace.file(uri)) : reports;
    },
  };
}

// The rules' published pages: the address lives with the protocol, which the client shares.
export { DOCS_BASE, docsUrl } from '../protocol';
