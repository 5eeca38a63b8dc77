// What a report needs besides the findings, and the path every CI format names files by.

import * as path from 'node:path';
import { insideAny, realOf, repositoryTop } from '../../model/boundary';
import type { ReadText } from './fingerprint';

/** A rule that threw on a module: the run goes on, and the report says the analysis is incomplete. */
export interface RuleFailure {
  rule: string;
  dir: string;
  message: string;
}

export interface ReportContext {
  /** The folder CI formats name files relative to: see `reportBase`. */
  base: string;
  version: string;
  /** The text of a file with findings (through the same boundary the analysis read through). */
  read: ReadText;
  /** The module folders analysed. */
  modules: readonly string[];
  /** The rules that ran (registry ids), in registry order. */
  rules: readonly string[];
  failures: readonly RuleFailure[];
}

/**
 * The folder report paths are relative to. GitHub annotations, code scanning and GitLab want
 * paths relative to the repository, wherever in it the CLI runs: the repository holding the
 * working folder, else the one holding the first path; outside any repository, the working
 * folder, or the first path's folder when it is elsewhere.
 */
export function reportBase(firstRoot: string, cwd = process.cwd()): string {
  const first = realOf(firstRoot);
  const candidates = [repositoryTop(cwd), repositoryTop(first), realOf(cwd), first];
  return candidates.find((c): c is string => c !== undefined && insideAny(first, [c])) ?? first;
}

/**
 * `file` relative to `base` with `/` separators, as CI systems name files (`.` for `base`
 * itself); a file elsewhere keeps its absolute path. A path reached through a symlinked folder is compared by its real path.
 */
export function relativeTo(base: string): (file: string) => string {
  const cache = new Map<string, string>();
  const inside = (p: string) => {
    const r = path.relative(base, p);
    if (r === '') return '.';
    return r !== '..' && !r.startsWith(`..${path.sep}`) && !path.isAbsolute(r) ? r.split(path.sep).join('/') : undefined;
  };
  return (file) => {
    let r = cache.get(file);
    if (r === undefined) {
      r = inside(file) ?? inside(realOf(file)) ?? file;
      cache.set(file, r);
    }
    return r;
  };
}
