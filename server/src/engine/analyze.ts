// The engine's one entry point for the faces (language server, CLI): syntax problems, every
// enabled rule's findings at their configured severity, suppressions applied, unused
// suppressions reported.

import * as path from 'node:path';
import { applyEdits } from '../fixes/apply';
import { isJsonSyntaxPath, parseConfigFile } from '../hcl/json-syntax';
import type { SourceFile, WorkspaceModel } from '../model/types';
import { RULES } from '../rules/index';
import type { Finding, Rule, TextEdit } from '../rules/types';
import { DEFAULT_CONFIG, isExcluded, levelOf, teamPolicy, type Config } from './config';
import { mergeInstances } from './merge-instances';
import { redactOutside } from './redact';
import { entryModules, moduleInstances, runRules } from './run';
import { applySuppressions, parseSuppressions, unusedSuppressions, type Suppression } from './suppress';
import { WeakCache } from '../model/weak-cache';

export interface AnalyzeOptions {
  config?: Config;
  /** The workspace root that `exclude` globs are relative to. */
  root?: string;
  /** Only these module folders (all when absent). */
  dirs?: ReadonlySet<string>;
  /** Only these rule ids (the CLI's --rule); applied after the configuration. */
  only?: ReadonlySet<string>;
  /** Called when a rule throws; the analysis goes on. */
  onRuleError?: (rule: Rule, dir: string, error: unknown) => void;
  /** Keep rules' answers for the next analysis of the same model (see incremental/answers.ts). */
  keep?: boolean;
  /** True for files read from outside the repository: their strings are never printed (redact.ts). */
  outside?: (path: string) => boolean;
}

export function analyze(ws: WorkspaceModel, opts: AnalyzeOptions = {}): Finding[] {
  const config = opts.config ?? DEFAULT_CONFIG;
  const enabled = (id: string) => levelOf(config, id, 'error') !== 'off' && (!opts.only || opts.only.has(id));
  const rules = RULES.filter((r) => enabled(r.meta.id));

  let findings = runRules(ws, rules, {
    dirs: opts.dirs,
    keep: opts.keep,
    policy: teamPolicy(config),
    onRuleError: (rule, module, e) => opts.onRuleError?.(rule, module.dir, e),
  });
  for (const f of findings) {
    // A configured level replaces the rule's own choice (error vs warning); 'off' never ran.
    const level = config.rules[f.rule];
    if (level && level !== 'off') f.severity = level;
  }

  dropFixesThatBreakSyntax(ws, findings);
  const files = filesOf(ws, opts.dirs);
  findings.push(...syntaxFindings(files));
  findings.push(...limitFindings(ws, opts.dirs));

  const byFile = new Map<string, Suppression[]>();
  for (const f of files) {
    if (f.readError) continue;
    const list = parseSuppressions(f);
    if (list.length) byFile.set(f.path, list);
  }
  findings = applySuppressions(findings, byFile);
  findings.push(...unusedSuppressions(byFile, (id) => enabled(id)));

  if (opts.root && config.exclude.length) {
    const root = opts.root;
    // Findings come from a few files: each is matched once.
    const excluded = new Map<string, boolean>();
    findings = findings.filter((f) => {
      let x = excluded.get(f.uri);
      if (x === undefined) excluded.set(f.uri, (x = isExcluded(config, root, f.uri)));
      return !x;
    });
  }
  if (opts.outside) redactOutside(findings, readFiles(ws, opts.dirs), opts.outside);
  // Last, on what is shown: kept answers, suppressions and exclusions work per instance.
  return sortFindings(mergeInstances(findings));
}

const errorsIn = (text: string, uri: string) => parseConfigFile(text, uri).diagnostics.filter((d) => d.severity === 'error').length;

/** Per file in JSON syntax, whether the text after a fix's edits (by their text) is still clean. */
const jsonVerdicts = new WeakCache<SourceFile, Map<string, boolean>>();

/**
 * A fix's edits of a file in JSON syntax are kept only when the file is clean and stays so:
 * an edit written in the native syntax, or one that leaves the JSON meaning no configuration,
 * is dropped. The verdict is remembered while the file is unchanged (the same findings come
 * back on every analysis).
 */
function keepsJsonClean(file: SourceFile, edits: readonly TextEdit[]): boolean {
  if (file.ast.diagnostics.some((d) => d.severity === 'error')) return false;
  let verdicts = jsonVerdicts.get(file);
  if (!verdicts) jsonVerdicts.set(file, (verdicts = new Map<string, boolean>()));
  const key = JSON.stringify(edits.map((e) => [e.range.start.offset, e.range.end.offset, e.newText]));
  let ok = verdicts.get(key);
  if (ok === undefined) verdicts.set(key, (ok = errorsIn(applyEdits(file.text, edits), file.path) === 0));
  return ok;
}

/**
 * In a file that already has syntax errors, a fix's text can land inside an unclosed block or
 * heredoc and break more: such a fix is dropped, and so is any fix that edits a top-level
 * block holding an error (Terraform rejects that block; an edit there cannot be trusted to
 * land where it means to). Clean files are not re-parsed (rules' fixes there are checked by
 * the tests and the fuzzer), so the keystroke path stays cheap; files in JSON syntax always
 * are (see keepsJsonClean).
 */
function dropFixesThatBreakSyntax(ws: WorkspaceModel, findings: Finding[]): void {
  for (const f of findings) {
    if (!f.fixes?.length) continue;
    f.fixes = f.fixes.filter((fix) =>
      [...new Set(fix.edits.map((e) => e.uri))].every((uri) => {
        const file = ws.file(uri);
        if (!file || file.readError) return false;
        const edits = fix.edits.filter((e) => e.uri === uri);
        if (isJsonSyntaxPath(uri)) return keepsJsonClean(file, edits);
        const errors = file.ast.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length === 0 || uri.endsWith('.json')) return true;
        if (edits.some((e) => brokenBlockAt(file, errors, e.range.start.offset, e.range.end.offset))) return false;
        return errorsIn(applyEdits(file.text, edits), uri) <= errors.length;
      }),
    );
  }
}

/** True when [from, to] touches a top-level block that holds a syntax error. */
function brokenBlockAt(file: SourceFile, errors: readonly { range: { start: { offset: number } } }[], from: number, to: number): boolean {
  for (const item of file.ast.body.items) {
    const r = item.range;
    if (to < r.start.offset || from > r.end.offset) continue;
    if (errors.some((d) => d.range.start.offset >= r.start.offset && d.range.start.offset <= r.end.offset)) return true;
  }
  return false;
}

/** Every file the analysis of `dirs` read: their modules', every child's, and variable files. */
function readFiles(ws: WorkspaceModel, dirs?: ReadonlySet<string>): SourceFile[] {
  const seen = new Set<SourceFile>();
  for (const m of moduleInstances(entryModules(ws, dirs))) {
    for (const f of m.files) seen.add(f);
    for (const f of m.tfvarsFiles ?? []) seen.add(f);
  }
  return [...seen];
}

/** Files of the analysed modules, and of their local children. */
export function filesOf(ws: WorkspaceModel, dirs?: ReadonlySet<string>): SourceFile[] {
  const seen = new Map<string, SourceFile>();
  for (const m of moduleInstances(entryModules(ws, dirs))) {
    if (dirs && !dirs.has(m.dir)) continue;
    for (const f of m.files) seen.set(f.path, f);
    // Terraform reads variable files for the root module only; a syntax error there matters.
    if (!m.parent) for (const f of m.tfvarsFiles ?? []) seen.set(f.path, f);
  }
  return [...seen.values()];
}

/** Limits the model hit (instances capped, modules not followed), as information findings. */
export function limitFindings(ws: WorkspaceModel, dirs?: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const m of moduleInstances(entryModules(ws, dirs))) {
    if (dirs && !dirs.has(m.dir)) continue;
    for (const n of m.notes ?? []) {
      const key = `${n.uri}|${n.range.start.offset}|${n.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ rule: 'limit', severity: 'information', message: `Not fully analysed: ${n.message}`, uri: n.uri, range: n.range });
    }
  }
  return out;
}

export function syntaxFindings(files: readonly SourceFile[]): Finding[] {
  const out: Finding[] = [];
  for (const f of files) {
    if (f.readError) {
      const zero = { line: 0, character: 0, offset: 0 };
      out.push({
        rule: 'read-error',
        severity: 'error',
        message: `${path.basename(f.path)} was not analysed: ${f.readError}`,
        uri: f.path,
        range: { start: zero, end: zero },
      });
      continue;
    }
    for (const d of f.ast.diagnostics) {
      out.push({ rule: 'syntax', severity: d.severity, message: d.message, uri: f.path, range: d.range });
    }
  }
  return out;
}

const ORDER = { error: 0, warning: 1, information: 2, hint: 3 } as const;

/** Code-unit order: the same on every machine (a locale's order is not), and no collator to set up. */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortFindings(fs: Finding[]): Finding[] {
  return fs.sort(
    (a, b) =>
      byCode(a.uri, b.uri) ||
      a.range.start.offset - b.range.start.offset ||
      ORDER[a.severity] - ORDER[b.severity] ||
      byCode(a.rule, b.rule) ||
      a.range.end.offset - b.range.end.offset ||
      byCode(a.message, b.message),
  );
}
