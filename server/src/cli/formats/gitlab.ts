// GitLab's Code Quality report: a JSON array of issues (the subset of the Code Climate spec
// GitLab reads), shown in the merge request widget and, on higher tiers, in the diff.

import { RULES_BY_ID } from '../../rules/index';
import type { Finding, Severity } from '../../rules/types';
import { relativeTo, type ReportContext } from './context';
import { fingerprints } from './fingerprint';

/**
 * Our four levels stay four distinct GitLab levels, in order (the widget sorts by them);
 * `blocker` is left unused, since no finding of a static reading is sure to block a release.
 */
export const GITLAB_SEVERITY: Record<Severity, 'info' | 'minor' | 'major' | 'critical'> = {
  error: 'critical',
  warning: 'major',
  information: 'minor',
  hint: 'info',
};

export interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  categories: string[];
  fingerprint: string;
  severity: (typeof GITLAB_SEVERITY)[Severity];
  location: { path: string; lines: { begin: number; end: number } };
}

export function toGitlab(findings: readonly Finding[], ctx: ReportContext): CodeQualityIssue[] {
  const rel = relativeTo(ctx.base);
  const prints = fingerprints(findings, rel, ctx.read);
  return findings.map((f, i) => ({
    type: 'issue',
    check_name: f.rule,
    description: RULES_BY_ID.has(f.rule) ? `${f.rule}: ${f.message}` : f.message,
    // Code Climate's categories: what a rule finds is a security or a reliability problem; the
    // other reports (syntax, unreadable files, analysis limits) are about the run.
    categories: [RULES_BY_ID.has(f.rule) ? 'Security' : 'Bug Risk'],
    fingerprint: prints[i],
    severity: GITLAB_SEVERITY[f.severity],
    location: { path: rel(f.uri), lines: { begin: f.range.start.line + 1, end: f.range.end.line + 1 } },
  }));
}

export function formatGitlab(findings: readonly Finding[], ctx: ReportContext): string {
  return JSON.stringify(toGitlab(findings, ctx), null, 2) + '\n';
}
