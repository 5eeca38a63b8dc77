// Runs rules over every module instance of a workspace: root modules and, below them, the
// instances of their local child modules evaluated with the callers' inputs.

import type { ModuleInstance, WorkspaceModel } from '../model/types';
import { catalog as defaultCatalog } from '../query/catalog';
import type { ServiceCatalog } from '../query/catalog-types';
import type { CheckContext, Finding, Report, Rule } from '../rules/types';
import { answersPerSubject, keptAnswer } from '../incremental/answers';
import { SUBJECTS } from '../query/subjects';
import { entryModules, moduleInstances } from '../query/modules';

export { entryModules, moduleInstances };
import { placeFinding } from './remap';
import { withRun } from '../incremental/run';

export interface RunOptions {
  catalog?: ServiceCatalog;
  /** Only modules whose folder is in this set (all when absent). */
  dirs?: ReadonlySet<string>;
  /** Called when a rule throws: the run goes on without that rule's findings for the module. */
  onRuleError?: (rule: Rule, module: ModuleInstance, error: unknown) => void;
  /** Keep rules' answers for the next run (an editor re-checking as the user types). */
  keep?: boolean;
}

export function runRules(ws: WorkspaceModel, rules: readonly Rule[], opts: RunOptions = {}): Finding[] {
  return withRun(() => runRulesNow(ws, rules, opts), opts.keep);
}

function runRulesNow(ws: WorkspaceModel, rules: readonly Rule[], opts: RunOptions): Finding[] {
  const cat = opts.catalog ?? defaultCatalog;
  const roots = entryModules(ws, opts.dirs);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const module of moduleInstances(roots)) {
    for (const rule of rules) {
      const report = (r: Report) => {
        const raw: Finding = {
          rule: rule.meta.id,
          severity: r.severity ?? rule.meta.severity,
          message: r.message,
          uri: r.uri,
          range: r.range,
          related: r.related,
          fixes: r.fixes,
        };
        // Findings inside installed or known modules move to the user's module block.
        const f = placeFinding(raw, module);
        if (!f) return;
        // A child module seen alone and through its caller can report the same thing.
        const key = `${f.rule}|${f.uri}|${f.range.start.offset}|${f.range.end.offset}|${f.message}`;
        if (seen.has(key)) return;
        seen.add(key);
        findings.push(f);
      };
      try {
        const ctx: CheckContext = { module, workspace: ws, catalog: cat };
        for (const r of opts.keep ? keptReports(rule, ctx) : reportsOf(rule, ctx)) report(r);
      } catch (e) {
        opts.onRuleError?.(rule, module, e);
      }
    }
  }
  return findings;
}

const NONE: readonly Report[] = [];

/** A rule's reports for one module, computed afresh. */
function reportsOf(rule: Rule, ctx: CheckContext): readonly Report[] {
  if (rule.when && !rule.when(ctx.module, ctx)) return NONE;
  const subjects = SUBJECTS[rule.subject](ctx.module) as readonly object[];
  const out: Report[] = [];
  for (const s of subjects) for (const r of rule.check(s as never, ctx) ?? NONE) out.push(r);
  return out;
}

/**
 * A rule's reports for one module, kept across edits: the whole run while nothing the rule read
 * changed (typing in one place then runs only the rules that look there), and below it each
 * subject's answer while nothing that subject's check read changed.
 */
function keptReports(rule: Rule, ctx: CheckContext): readonly Report[] {
  const id = rule.meta.id;
  return keptAnswer(ctx, `${id} module`, ctx.module, () => {
    if (rule.when && !rule.when(ctx.module, ctx)) return [];
    if (rule.subject === 'module') return [...(rule.check(ctx.module, ctx) ?? NONE)];
    const subjects = SUBJECTS[rule.subject](ctx.module) as readonly object[];
    return answersPerSubject(ctx, id, subjects, (s) => rule.check(s as never, ctx) ?? NONE);
  });
}
