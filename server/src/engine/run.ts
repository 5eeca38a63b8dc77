// Runs rules over every module instance of a workspace: root modules and, below them, the
// instances of their local child modules evaluated with the callers' inputs, one per call (a
// folder called from two roots is analysed twice, each time with that call's inputs). The same
// finding from several calls is reported once; in a module file that several calls share, it
// names the calls it holds for.

import type { ModuleInstance, WorkspaceModel } from '../model/types';
import { catalog as defaultCatalog } from '../query/catalog';
import type { ServiceCatalog } from '../query/catalog-types';
import { EMPTY_POLICY, policyKey, type TeamPolicy } from '../query/team-policy';
import type { CheckContext, Finding, Fix, Related, Report, Rule, TextEdit } from '../rules/types';
import { answersPerSubject, keptAnswer, MAX_MODULE_KEPT_KEYS } from '../incremental/answers';
import { SUBJECTS } from '../query/subjects';
import { callOf, entryModules, MAX_MODULE_DEPTH, moduleInstances, rootOf, type ModuleCall } from '../query/modules';
import { headerRange } from '../query/wiring';

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
  /** The team's policy (`.privatelink.json`): rules see it as `ctx.policy`; empty when absent. */
  policy?: TeamPolicy;
}

export function runRules(ws: WorkspaceModel, rules: readonly Rule[], opts: RunOptions = {}): Finding[] {
  return withRun(() => runRulesNow(ws, rules, opts), opts.keep);
}

function runRulesNow(ws: WorkspaceModel, rules: readonly Rule[], opts: RunOptions): Finding[] {
  const cat = opts.catalog ?? defaultCatalog;
  const policy = opts.policy ?? EMPTY_POLICY;
  // Answers kept across runs are kept per policy. The model knows nothing of the policy, so
  // nothing it forgets says that the policy changed: an answer given under another policy must
  // not be reused under this one. (Those of a policy seen again are still current: they are
  // dropped on edits like any other.)
  const tag = policyKey(policy);
  const modules = moduleInstances(entryModules(ws, opts.dirs));
  const calls = new Calls(modules);
  const groups = new Map<string, Group>();
  for (const module of modules) {
    // One context for the module's rules: they read it, none changes it.
    const ctx: CheckContext = { module, workspace: ws, catalog: cat, policy };
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
        // The same finding from several calls of a module (or instances of one call) is one.
        const key = `${f.rule}|${f.uri}|${f.range.start.offset}|${f.range.end.offset}|${f.message}`;
        const from: Contribution = { finding: f, module, call: calls.of(module, f.uri) };
        const g = groups.get(key);
        if (g) g.push(from);
        else groups.set(key, [from]);
      };
      try {
        for (const r of opts.keep ? keptReports(rule, ctx, tag) : reportsOf(rule, ctx)) report(r);
      } catch (e) {
        opts.onRuleError?.(rule, module, e);
      }
    }
  }
  const findings: Finding[] = [];
  for (const g of groups.values()) findings.push(g.length === 1 && !g[0].call ? g[0].finding : merged(g, calls));
  return findings;
}

/** One module instance's finding, with the call it holds for when its file is shared. */
interface Contribution {
  finding: Finding;
  module: ModuleInstance;
  call: ModuleCall | undefined;
}

type Group = Contribution[];

/**
 * Which calls analyse each file. A file that several calls analyse (a module folder called
 * from two roots, or twice from one) is shared: its findings say which calls they hold for.
 */
class Calls {
  /** Files analysed through more than one call (or as a root and through a call), with how many calls. */
  private readonly shared = new Map<string, number>();
  private readonly callOfModule = new Map<ModuleInstance, ModuleCall | undefined>();

  constructor(modules: readonly ModuleInstance[]) {
    const byFile = new Map<string, Set<string>>();
    for (const m of modules) {
      const key = this.call(m)?.key ?? '';
      for (const f of m.files) {
        const had = byFile.get(f.path);
        if (had === undefined) byFile.set(f.path, new Set([key]));
        else if (!had.has(key)) {
          had.add(key);
          this.shared.set(f.path, had.size - (had.has('') ? 1 : 0));
        }
      }
    }
  }

  /** How many calls analyse a shared file; 0 for a file that one call (or root) analyses. */
  count(uri: string): number {
    return this.shared.get(uri) ?? 0;
  }

  private call(m: ModuleInstance): ModuleCall | undefined {
    if (!m.parent) return undefined;
    let c = this.callOfModule.get(m);
    if (c === undefined && !this.callOfModule.has(m)) this.callOfModule.set(m, (c = callOf(m)));
    return c;
  }

  /**
   * The call a finding of `module` in `uri` holds for, when `uri` is shared: the instance of
   * the file's folder that `module` is or is under, else the one instance of it below
   * `module`. undefined for a file that one call analyses, and for a root's own file.
   */
  of(module: ModuleInstance, uri: string): ModuleCall | undefined {
    if (!this.shared.has(uri)) return undefined;
    const holds = (m: ModuleInstance) => m.files.some((f) => f.path === uri);
    for (let m: ModuleInstance | undefined = module, i = 0; m && i <= MAX_MODULE_DEPTH; m = m.parent?.module, i++) {
      if (holds(m)) return this.call(m);
    }
    const below = new Map<string, ModuleCall>();
    for (const m of moduleInstances([module])) {
      const c = m !== module && holds(m) ? this.call(m) : undefined;
      if (c) below.set(c.key, c);
    }
    return below.size === 1 ? [...below.values()][0] : undefined;
  }
}

const SEVERITY_RANK = { error: 0, warning: 1, information: 2, hint: 3 } as const;

/** Most calls a message names; the finding's related places list all of them. */
const NAMED_IN_MESSAGE = 3;

/**
 * One finding for a group of identical ones (same rule, place and message) from several
 * module instances: its calls named in the message and as related places, the strongest
 * severity, every related place and every fix once (fixes with one title become one fix that
 * edits each call). Contributions are taken in the order of their calls, so the result does
 * not depend on the order the instances were walked in.
 */
function merged(group: Group, all: Calls): Finding {
  const order = (c: Contribution) => `${c.call?.call.uri ?? rootOf(c.module).dir}\u0000${c.module.path}`;
  const sorted =
    group.length === 1
      ? group
      : group
          .map((c) => ({ c, k: order(c) }))
          .sort((a, b) => byCode(a.k, b.k))
          .map((x) => x.c);
  const first = sorted[0].finding;
  let severity = first.severity;
  const related: Related[] = [];
  const relatedKeys = new Set<string>();
  const fixes: Fix[] = [];
  const fixByTitle = new Map<string, MergedFix>();
  const calls = new Map<string, ModuleCall>();
  for (const c of sorted) {
    const f = c.finding;
    if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[severity]) severity = f.severity;
    for (const r of f.related ?? []) {
      const k = `${r.uri}|${r.range.start.offset}|${r.range.end.offset}|${r.message}`;
      if (relatedKeys.has(k)) continue;
      relatedKeys.add(k);
      related.push(r);
    }
    for (const x of f.fixes ?? []) mergeFix(fixes, fixByTitle, x);
    if (c.call) calls.set(c.call.key, c.call);
  }
  // A fix that gained other calls' edits lists them file by file (each file's in their order):
  // the same fix whichever call came first.
  for (const m of fixByTitle.values()) if (m.grown) m.fix.edits.sort((a, b) => byCode(a.uri, b.uri));
  const out: Finding = { ...first, severity };
  if (related.length || first.related) out.related = related;
  if (fixes.length || first.fixes) out.fixes = fixes;
  if (calls.size) nameCalls(out, [...calls.values()], all.count(out.uri));
  return out;
}

/** A fix being merged: its edits by file, and whether other calls added to them. */
interface MergedFix {
  fix: Fix;
  edits: Map<string, TextEdit[]>;
  grown: boolean;
}

/** Adds `x` to `fixes`, or its edits to the fix with its title (each call's input set). */
function mergeFix(fixes: Fix[], byTitle: Map<string, MergedFix>, x: Fix): void {
  const had = byTitle.get(x.title);
  if (!had) {
    const edits = new Map<string, TextEdit[]>();
    for (const e of x.edits) {
      const inFile = edits.get(e.uri);
      if (inFile) inFile.push(e);
      else edits.set(e.uri, [e]);
    }
    const fix = { ...x, edits: [...x.edits] };
    byTitle.set(x.title, { fix, edits, grown: false });
    fixes.push(fix);
    return;
  }
  const add: TextEdit[] = [];
  for (const e of x.edits) {
    const inFile = had.edits.get(e.uri) ?? [];
    if (inFile.some((o) => sameEdit(o, e))) continue;
    // Edits of one file must not overlap: a fix that would clash with the kept one is left out.
    if (inFile.some((o) => overlaps(o, e)) || add.some((o) => o.uri === e.uri && overlaps(o, e))) return;
    add.push(e);
  }
  for (const e of add) {
    had.fix.edits.push(e);
    const inFile = had.edits.get(e.uri);
    if (inFile) inFile.push(e);
    else had.edits.set(e.uri, [e]);
  }
  if (add.length) had.grown = true;
}

const sameEdit = (a: TextEdit, b: TextEdit) =>
  a.uri === b.uri && a.range.start.offset === b.range.start.offset && a.range.end.offset === b.range.end.offset && a.newText === b.newText;

/** Two edits that touch: they could not both be applied as written (two insertions at one place neither). */
const overlaps = (a: TextEdit, b: TextEdit) => a.range.start.offset <= b.range.end.offset && b.range.start.offset <= a.range.end.offset;

/** Code-unit order: the same on every machine. */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Names the calls a finding in a shared module file holds for: in the message (the first few,
 * with the file of each call, relative to the folder the finding and the calls have in common),
 * and as related places at each call's module block.
 */
function nameCalls(f: Finding, calls: ModuleCall[], total: number): void {
  calls.sort(
    (a, b) => byCode(a.call.uri, b.call.uri) || a.call.block.range.start.offset - b.call.block.range.start.offset || byCode(a.name, b.name),
  );
  const short = shortPaths([f.uri, ...calls.map((c) => c.call.uri)]).slice(1);
  const names = calls.map((c, i) => `${c.name} in ${short[i]}`);
  const listed = names.slice(0, NAMED_IN_MESSAGE);
  const more = names.length - listed.length;
  const text =
    more > 0
      ? `${listed.join(', ')} and ${more} more`
      : listed.length > 1
        ? `${listed.slice(0, -1).join(', ')} and ${listed[listed.length - 1]}`
        : listed[0];
  // A finding every call gives says so: it is about the module, not one caller's inputs.
  const every = calls.length > 1 && calls.length >= total ? (calls.length === 2 ? 'both calls: ' : `all ${calls.length} calls: `) : '';
  f.message = `${f.message} (from ${every}${text})`;
  f.related = [
    ...(f.related ?? []),
    ...calls.map((c) => ({ uri: c.call.uri, range: headerRange(c.call.block), message: `called here as ${c.name}` })),
  ];
}

/** Paths without the folders they all start with (`/ws/prod/main.tf` -> `prod/main.tf`). */
function shortPaths(paths: readonly string[]): string[] {
  const parts = paths.map((p) => p.split(/[\\/]/));
  let common = 0;
  const dirsOf = (ps: string[]) => ps.length - 1;
  while (parts.every((ps) => common < dirsOf(ps) && ps[common] === parts[0][common])) common++;
  return parts.map((ps) => ps.slice(common).join('/'));
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
function keptReports(rule: Rule, ctx: CheckContext, policyTag: string): readonly Report[] {
  const id = policyTag ? `${rule.meta.id} ${policyTag}` : rule.meta.id;
  return keptAnswer(
    ctx,
    `${id} module`,
    ctx.module,
    () => {
      if (rule.when && !rule.when(ctx.module, ctx)) return [];
      if (rule.subject === 'module') return [...(rule.check(ctx.module, ctx) ?? NONE)];
      const subjects = SUBJECTS[rule.subject](ctx.module) as readonly object[];
      return answersPerSubject(ctx, id, subjects, (s) => rule.check(s as never, ctx) ?? NONE);
    },
    MAX_MODULE_KEPT_KEYS,
  );
}
