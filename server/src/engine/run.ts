// Runs rules over every module instance of a workspace: root modules and, below them, the
// instances of their local child modules evaluated with the callers' inputs.

import type { ModuleInstance, WorkspaceModel } from '../model/types';
import { catalog as defaultCatalog } from '../rules/catalog';
import type { ServiceCatalog } from '../rules/catalog-types';
import type { Finding, Report, Rule, RuleContext } from '../rules/types';
import { kept } from '../rules/lib/kept';
import { placeFinding } from './remap';
import { withRunCaches } from '../rules/lib/index-cache';

export interface RunOptions {
  catalog?: ServiceCatalog;
  /** Only modules whose folder is in this set (all when absent). */
  dirs?: ReadonlySet<string>;
  /** Called when a rule throws: the run goes on without that rule's findings for the module. */
  onRuleError?: (rule: Rule, module: ModuleInstance, error: unknown) => void;
  /** Keep rules' answers for the next run (an editor re-checking as the user types). */
  keep?: boolean;
}

/** Every module instance reachable from the roots, each once. */
export function moduleInstances(roots: readonly ModuleInstance[]): ModuleInstance[] {
  const out: ModuleInstance[] = [];
  const seen = new Set<string>();
  const visit = (m: ModuleInstance, depth: number) => {
    const key = `${m.dir}\u0000${m.path}`;
    if (seen.has(key) || depth > 20) return;
    seen.add(key);
    out.push(m);
    for (const list of m.children().values()) for (const c of list) visit(c, depth + 1);
  };
  for (const r of roots) visit(r, 0);
  return out;
}

/**
 * The modules to analyse from the top: every folder is a root, except a folder that another
 * root calls as a local child module. Such a folder is analysed through its callers, with their
 * inputs: alone, its variable defaults could give findings the callers' values rule out.
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

export function runRules(ws: WorkspaceModel, rules: readonly Rule[], opts: RunOptions = {}): Finding[] {
  return withRunCaches(() => runRulesNow(ws, rules, opts), opts.keep);
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
        const ctx: RuleContext = { module, workspace: ws, catalog: cat, report };
        if (!opts.keep) {
          rule.check(ctx);
          continue;
        }
        // Across edits, a rule's reports for a module are kept while nothing the rule read
        // changed: typing in one place then runs only the rules that look there.
        const reports = kept(ctx, `${rule.meta.id} module`, module, () => {
          const out: Report[] = [];
          rule.check({ ...ctx, report: (r) => out.push(r) });
          return out;
        });
        for (const r of reports) report(r);
      } catch (e) {
        opts.onRuleError?.(rule, module, e);
      }
    }
  }
  return findings;
}
