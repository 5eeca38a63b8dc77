// SARIF 2.1.0 output, so code-scanning services show the findings with their rules, help
// links and fixes.

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Range } from '../hcl/ast';
import { mainFix } from '../engine/fix-all';
import { RULES } from '../rules/index';
import { docsUrl, type Finding, type Severity } from '../rules/types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

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

function artifact(file: string, root: string) {
  const rel = path.relative(root, file);
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: rel.split(path.sep).join('/'), uriBaseId: 'SRCROOT' };
  return { uri: pathToFileURL(file).href };
}

export function toSarif(findings: readonly Finding[], root: string, version: string): object {
  const extra = [
    { id: 'syntax', name: 'syntax-error', text: 'The file has a syntax error; what follows the error may not be analysed.' },
    { id: 'read-error', name: 'unreadable-file', text: 'The file could not be read as Terraform text (unreadable, binary or too large).' },
    { id: 'unused-suppression', name: 'unused-suppression', text: 'A suppression comment silences nothing.' },
    {
      id: 'limit',
      name: 'analysis-limit',
      text: 'Part of the configuration was not analysed: an instance cap, an evaluation budget or a module call that is not followed.',
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
      properties: { tags: ['security', 'aws', 'privatelink', 'terraform'], resources: [...r.meta.resources], fixable: r.meta.fixable },
    })),
    ...extra.map((e) => ({
      id: e.id,
      name: e.name,
      shortDescription: { text: e.text },
      fullDescription: { text: e.text },
      defaultConfiguration: { level: 'error' as const },
    })),
  ];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = findings
    .map((f) => {
      const fix = mainFix(f);
      return {
        ruleId: f.rule,
        ruleIndex: index.get(f.rule) ?? -1,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: artifact(f.uri, root), region: region(f.range) } }],
        ...(f.related?.length
          ? {
              relatedLocations: f.related.map((r, i) => ({
                id: i + 1,
                message: { text: r.message },
                physicalLocation: { artifactLocation: artifact(r.uri, root), region: region(r.range) },
              })),
            }
          : {}),
        ...(fix
          ? {
              fixes: [
                {
                  description: { text: fix.title },
                  artifactChanges: groupByFile(fix.edits).map(([uri, edits]) => ({
                    artifactLocation: artifact(uri, root),
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
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(root + path.sep).href } },
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
