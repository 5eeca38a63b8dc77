// SARIF 2.1.0 output, so code-scanning services show the findings with their rules, help
// links and fixes. GitHub code scanning also reads a rule's `security-severity` (it ranks
// alerts by it), a result's `partialFingerprints` (it follows an alert across runs by them),
// the run's `automationDetails.id` (its category) and whether the run succeeded.

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Range } from '../hcl/ast';
import { mainFix } from '../engine/fix-all';
import { RULES } from '../rules/index';
import { docsUrl, type Finding, type Severity } from '../rules/types';
import { relativeTo, type RuleFailure } from './formats/context';
import { FINGERPRINT_KEY, fingerprints, type ReadText } from './formats/fingerprint';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/**
 * `properties.security-severity` by a rule's default level, on GitHub's scale (over 9.0
 * critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, 0.1 to 3.9 low). An error-level rule finds an
 * endpoint that fails to deploy, cannot be reached, or is open to more principals than meant:
 * high. Critical is left to tools that know what is exposed at run time, which reading the
 * configuration does not.
 */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  error: '7.5',
  warning: '5.0',
  information: '3.0',
  hint: '1.0',
};

/** The category code scanning files the results under (the text before the last `/`). */
export const AUTOMATION_ID = 'privatelink-lint/';

export interface SarifOptions {
  /** The text of a file with findings, to fingerprint them by block and argument. */
  read?: ReadText;
  /** Rules that threw: the run then did not succeed. */
  failures?: readonly RuleFailure[];
}

function region(r: Range) {
  return {
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
    charOffset: r.start.offset,
    charLength: Math.max(0, r.end.offset - r.start.offset),
  };
}

/**
 * `root` is the folder results are relative to (`SRCROOT`): code scanning wants paths relative
 * to the repository, so the CLI gives the repository's top (see `formats/context.ts`).
 */
export function toSarif(findings: readonly Finding[], root: string, version: string, options: SarifOptions = {}): object {
  const rel = relativeTo(root);
  const artifact = (file: string) => {
    const r = rel(file);
    // A relative reference: each segment percent-encoded, so `#`, `?`, `%` or a space in a name stay part of the path.
    return r === file ? { uri: pathToFileURL(file).href } : { uri: r.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
  };
  const extra: { id: string; name: string; text: string; severity: Severity }[] = [
    {
      id: 'syntax',
      name: 'syntax-error',
      text: 'The file has a syntax error; what follows the error may not be analysed.',
      severity: 'error',
    },
    {
      id: 'read-error',
      name: 'unreadable-file',
      text: 'The file could not be read as Terraform text (unreadable, binary or too large).',
      severity: 'error',
    },
    { id: 'unused-suppression', name: 'unused-suppression', text: 'A suppression comment silences nothing.', severity: 'hint' },
    {
      id: 'limit',
      name: 'analysis-limit',
      text: 'Part of the configuration was not analysed: an instance cap, an evaluation budget or a module call that is not followed.',
      severity: 'information',
    },
  ];
  const rules = [
    ...RULES.map((r) => ({
      id: r.meta.id,
      name: r.meta.name,
      shortDescription: { text: r.meta.description },
      fullDescription: { text: r.meta.why || r.meta.description },
      helpUri: docsUrl(r.meta.id),
      help: { text: `${r.meta.description} See ${docsUrl(r.meta.id)}` },
      defaultConfiguration: { level: LEVEL[r.meta.severity] },
      // What the rule looks at and whether it has a fix: code scanning shows a rule's properties.
      properties: {
        tags: ['security', 'aws', 'privatelink', 'terraform'],
        resources: [...r.meta.resources],
        fixable: r.meta.fixable,
        'security-severity': SECURITY_SEVERITY[r.meta.severity],
      },
    })),
    // Reports about the run itself; without the `security` tag code scanning shows them by level.
    ...extra.map((e) => ({
      id: e.id,
      name: e.name,
      shortDescription: { text: e.text },
      fullDescription: { text: e.text },
      defaultConfiguration: { level: LEVEL[e.severity] },
      properties: { tags: ['terraform'], 'security-severity': SECURITY_SEVERITY[e.severity] },
    })),
  ];
  const prints = fingerprints(findings, rel, options.read ?? (() => undefined));
  const failures = options.failures ?? [];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = findings
    .map((f, i) => {
      const fix = mainFix(f);
      return {
        ruleId: f.rule,
        ruleIndex: index.get(f.rule) ?? -1,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: artifact(f.uri), region: region(f.range) } }],
        partialFingerprints: { [FINGERPRINT_KEY]: prints[i] },
        ...(f.related?.length
          ? {
              relatedLocations: f.related.map((r, i) => ({
                id: i + 1,
                message: { text: r.message },
                physicalLocation: { artifactLocation: artifact(r.uri), region: region(r.range) },
              })),
            }
          : {}),
        ...(fix
          ? {
              fixes: [
                {
                  description: { text: fix.title },
                  artifactChanges: groupByFile(fix.edits).map(([uri, edits]) => ({
                    artifactLocation: artifact(uri),
                    replacements: edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                  })),
                },
              ],
            }
          : {}),
      };
    })
    .map((r) => (r.ruleIndex < 0 ? { ...r, ruleIndex: undefined } : r));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'privatelink-lint',
            version,
            semanticVersion: version,
            informationUri: 'https://github.com/privatelink-tools/privatelink-terraform',
            rules,
          },
        },
        automationDetails: { id: AUTOMATION_ID },
        invocations: [
          {
            executionSuccessful: failures.length === 0,
            ...(failures.length
              ? {
                  toolExecutionNotifications: failures.map((x) => ({
                    level: 'error' as const,
                    message: { text: `Rule ${x.rule} failed on ${rel(x.dir)}: ${x.message}` },
                    associatedRule: { id: x.rule, ...(index.has(x.rule) ? { index: index.get(x.rule) } : {}) },
                  })),
                }
              : {}),
          },
        ],
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(root.endsWith(path.sep) ? root : root + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function groupByFile<T extends { uri: string }>(edits: readonly T[]): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const e of edits) m.set(e.uri, [...(m.get(e.uri) ?? []), e]);
  return [...m];
}
