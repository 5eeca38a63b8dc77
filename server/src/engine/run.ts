// Runs rules over every module instance of a workspace: root modules and, below them, the
// instances of their local child modules evaluated with the callers' inputs.

import type { ModuleInstance, WorkspaceModel } from '../model/types';
import { catalog as defaultCatalog } from '../rules/catalog';
import type { ServiceCatalog } from '../rules/catalog-types';
import type { Finding, Rule } from '../rules/types';

export interface RunOptions {
  catalog?: ServiceCatalog;
  /** Only modules whose folder is in this set (all when absent). */
  dirs?: ReadonlySet<string>;
  /** Called when a rule throws: the run goes on without that rule's findings for the module. */
  onRuleError?: (rule: Rule, module: ModuleInstance, error: unknown) => void;
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

export function runRules(ws: WorkspaceModel, rules: readonly Rule[], opts: RunOptions = {}): Finding[] {
  const cat = opts.catalog ?? defaultCatalog;
  let roots = ws.roots();
  if (opts.dirs) roots = roots.filter((r) => opts.dirs!.has(r.dir));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const module of moduleInstances(roots)) {
    for (const rule of rules) {
      try {
        rule.check({
          module,
          workspace: ws,
          catalog: cat,
          report(r) {
            const f: Finding = {
              rule: rule.meta.id,
              severity: r.severity ?? rule.meta.severity,
              message: r.message,
              uri: r.uri,
              range: r.range,
              related: r.related,
              fixes: r.fixes,
            };
            // A child module seen alone and through its caller can report the same thing.
            const key = `${f.rule}|${f.uri}|${f.range.start.offset}|${f.range.end.offset}|${f.message}`;
            if (seen.has(key)) return;
            seen.add(key);
            findings.push(f);
          },
        });
      } catch (e) {
        opts.onRuleError?.(rule, module, e);
      }
    }
  }
  return findings;
}
