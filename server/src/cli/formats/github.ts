// GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per finding,
// which the runner turns into annotations on the pull request's diff. Unlike code scanning this
// needs no upload and no GitHub Advanced Security.

import { RULES_BY_ID } from '../../rules/index';
import { docsUrl, type Finding, type Severity } from '../../rules/types';
import { relativeTo, type ReportContext } from './context';

/**
 * Information and hints are notices: every format reports the same findings (a rule a team
 * does not want to see is turned off in `.privatelink.json`), and GitHub has no lower level.
 */
export const GITHUB_COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** A command's message: the runner decodes `%25`, `%0D` and `%0A`, so those three are encoded. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value: as data, and `:` and `,`, which end a value, too. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function title(rule: string): string {
  const meta = RULES_BY_ID.get(rule)?.meta;
  return meta ? `${meta.id} ${meta.name}` : rule;
}

export function formatGithub(findings: readonly Finding[], ctx: ReportContext): string {
  const rel = relativeTo(ctx.base);
  // GitHub shows a limited number of annotations of each level per step: within a level, the
  // more severe (information before hints) come first.
  const ordered = findings.map((f, i) => ({ f, i })).sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i);
  const lines = ordered.map(({ f }) => {
    const { start, end } = f.range;
    const props: [string, string | number][] = [
      ['file', rel(f.uri)],
      ['line', start.line + 1],
      ['endLine', end.line + 1],
    ];
    // Columns are only taken for an annotation on one line.
    if (start.line === end.line) props.push(['col', start.character + 1], ['endColumn', end.character + 1]);
    props.push(['title', title(f.rule)]);
    const message = RULES_BY_ID.has(f.rule) ? `${f.message}\n${docsUrl(f.rule)}` : f.message;
    return `::${GITHUB_COMMAND[f.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(message)}`;
  });
  return lines.length ? lines.join('\n') + '\n' : '';
}
