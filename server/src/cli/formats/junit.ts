// JUnit XML, the test report Jenkins, Azure Pipelines, CircleCI, Buildkite and most other CI
// systems read: one test suite per module folder, one test case per rule that ran on it.
// A rule with error or warning findings there fails, its failure listing them; information
// and hints are attached to the test case's output and do not fail it; a rule that threw is an
// error of its test case.

import * as path from 'node:path';
import { RULES_BY_ID } from '../../rules/index';
import type { Finding, Severity } from '../../rules/types';
import { relativeTo, type ReportContext, type RuleFailure } from './context';

const FAILING: ReadonlySet<Severity> = new Set(['error', 'warning']);

/**
 * Text for XML 1.0 content or attribute values. The characters XML 1.0 cannot carry at all (C0
 * controls other than tab, newline and carriage return, unpaired surrogates, U+FFFE and U+FFFF)
 * are written as a visible `\uXXXX`; newlines and tabs in an attribute are written as character
 * references, which attribute-value normalisation would otherwise turn into spaces (values are
 * always written in double quotes, so `'` needs no escape).
 */
export function xmlEscape(s: string, attribute = false): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += ch + s[++i];
        continue;
      }
    }
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff)
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (attribute && ch === '"') out += '&quot;';
    else if (attribute && ch === '\n') out += '&#10;';
    else if (attribute && ch === '\r') out += '&#13;';
    else if (attribute && ch === '\t') out += '&#9;';
    // A carriage return in content would be read back as a newline.
    else if (ch === '\r') out += '&#13;';
    else out += ch;
  }
  return out;
}

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v), true)}"`)
    .join('');
}

interface Case {
  rule: string;
  findings: Finding[];
  failures: RuleFailure[];
}

export function formatJunit(findings: readonly Finding[], ctx: ReportContext): string {
  const rel = relativeTo(ctx.base);
  // Every module folder analysed is a suite, with a case per rule that ran; findings of a file
  // in another folder (a variables file, a module reached outside the paths) add their folder.
  const suites = new Map<string, Map<string, Case>>();
  const suite = (dir: string) => {
    const name = rel(dir);
    let cases = suites.get(name);
    if (!cases) suites.set(name, (cases = new Map(ctx.rules.map((r) => [r, { rule: r, findings: [], failures: [] }]))));
    return cases;
  };
  const caseOf = (dir: string, rule: string) => {
    const cases = suite(dir);
    let c = cases.get(rule);
    if (!c) cases.set(rule, (c = { rule, findings: [], failures: [] }));
    return c;
  };
  for (const m of ctx.modules) suite(m);
  for (const f of findings) caseOf(path.dirname(f.uri), f.rule).findings.push(f);
  for (const x of ctx.failures) caseOf(x.dir, x.rule).failures.push(x);

  const line = (f: Finding) => `${rel(f.uri)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.message}`;
  let tests = 0;
  let failed = 0;
  let errored = 0;
  const body: string[] = [];
  for (const [name, cases] of [...suites].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const out: string[] = [];
    let suiteFailed = 0;
    let suiteErrored = 0;
    for (const c of cases.values()) {
      const meta = RULES_BY_ID.get(c.rule)?.meta;
      const failing = c.findings.filter((f) => FAILING.has(f.severity));
      const other = c.findings.filter((f) => !FAILING.has(f.severity));
      const parts: string[] = [];
      if (c.failures.length) {
        suiteErrored++;
        const text = c.failures.map((x) => `${c.rule} failed on ${name}: ${x.message}`).join('\n');
        parts.push(`<error${attrs({ type: 'RuleFailure', message: c.failures[0].message })}>${xmlEscape(text)}</error>`);
      } else if (failing.length) {
        suiteFailed++;
        const type = failing.some((f) => f.severity === 'error') ? 'error' : 'warning';
        const message = failing.length === 1 ? failing[0].message : `${failing.length} findings: ${failing[0].message}`;
        parts.push(`<failure${attrs({ type, message })}>${xmlEscape(failing.map(line).join('\n'))}</failure>`);
      }
      if (other.length) parts.push(`<system-out>${xmlEscape(other.map(line).join('\n'))}</system-out>`);
      const caseAttrs = attrs({ classname: name, name: meta ? `${meta.id} ${meta.name}` : c.rule });
      out.push(
        parts.length ? `    <testcase${caseAttrs}>\n      ${parts.join('\n      ')}\n    </testcase>` : `    <testcase${caseAttrs}/>`,
      );
    }
    tests += cases.size;
    failed += suiteFailed;
    errored += suiteErrored;
    body.push(
      `  <testsuite${attrs({ name, tests: cases.size, failures: suiteFailed, errors: suiteErrored, skipped: 0 })}>\n${out.join('\n')}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'privatelink-lint', tests, failures: failed, errors: errored })}>`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}
