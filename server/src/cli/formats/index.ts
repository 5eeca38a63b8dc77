// The CLI's report formats. Each takes the findings as the engine gives them; the exit code does
// not depend on the format.

import * as path from 'node:path';
import type { Finding } from '../../rules/types';
import { toSarif } from '../sarif';
import type { ReportContext } from './context';
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatJunit } from './junit';
import { printable } from '../../engine/printable';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(s: string | undefined): s is Format {
  return (FORMATS as readonly string[]).includes(s ?? '');
}

/** A path for people reading the terminal: relative to the working folder when inside it. */
function fromCwd(p: string): string {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
}

/** `1 finding`, `2 findings`: a count and its noun. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

function formatText(findings: readonly Finding[]): string {
  // One line per finding, whatever the file's name and the strings its message quotes hold.
  const lines = findings.map((f) =>
    printable(`${fromCwd(f.uri)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule} ${f.message}`),
  );
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  lines.push(
    `${counted(findings.length, 'finding')}: ${counted(count('error'), 'error')}, ${counted(count('warning'), 'warning')}, ` +
      `${count('information')} information, ${counted(count('hint'), 'hint')}`,
  );
  return lines.join('\n') + '\n';
}

function formatJson(findings: readonly Finding[]): string {
  const strip = (r: Finding['range']) => ({
    start: { line: r.start.line, character: r.start.character },
    end: { line: r.end.line, character: r.end.character },
  });
  return (
    JSON.stringify(
      findings.map((f) => ({
        file: f.uri,
        range: strip(f.range),
        severity: f.severity,
        rule: f.rule,
        message: f.message,
        related: (f.related ?? []).map((r) => ({ file: r.uri, range: strip(r.range), message: r.message })),
        fixes: (f.fixes ?? []).map((x) => ({
          title: x.title,
          preferred: !!x.isPreferred,
          edits: x.edits.map((e) => ({ file: e.uri, range: strip(e.range), newText: e.newText })),
        })),
      })),
      null,
      2,
    ) + '\n'
  );
}

/** The report in `format`, as written to stdout. */
export function render(format: Format, findings: readonly Finding[], ctx: ReportContext): string {
  switch (format) {
    case 'json':
      return formatJson(findings);
    case 'sarif':
      return JSON.stringify(toSarif(findings, ctx.base, ctx.version, { read: ctx.read, failures: ctx.failures }), null, 2) + '\n';
    case 'github':
      return formatGithub(findings, ctx);
    case 'gitlab':
      return formatGitlab(findings, ctx);
    case 'junit':
      return formatJunit(findings, ctx);
    default:
      return formatText(findings);
  }
}
