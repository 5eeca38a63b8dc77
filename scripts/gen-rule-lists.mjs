#!/usr/bin/env node
// Writes the lists of rules that follow from the registry (server/src/rules/index.ts):
//   schemas/privatelink.schema.json  (the .privatelink.json schema: its rule ids, and the other
//                                     keys the configuration takes: exclude, varFiles)
// `npm run gen:rules` writes them; `--check` writes nothing and exits 1, naming the files,
// when a committed file differs from what would be written (test/unit/registry.test.ts runs it).
// The README's rule table and docs/rules/ are written by hand; the same test checks them.

import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
require(path.join(ROOT, 'test/register.js')); // loads .ts files through esbuild
const { RULES } = require(path.join(ROOT, 'server/src/rules/index.ts'));

const SEVERITIES = ['error', 'warning', 'information', 'hint'];

function schema() {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: 'Written by scripts/gen-rule-lists.mjs (npm run gen:rules) from server/src/rules/index.ts: change the script, not this file.',
    title: 'PrivateLink for Terraform configuration',
    description: 'Committed at the workspace root as .privatelink.json; read by the CLI and the language server.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: 'Severity per rule id, or "off".',
        propertyNames: { enum: RULES.map((r) => r.meta.id) },
        additionalProperties: { enum: [...SEVERITIES, 'off'] },
      },
      exclude: {
        type: 'array',
        description: 'Globs, relative to the workspace root, of files and folders not to report on.',
        items: { type: 'string' },
      },
      varFiles: {
        type: 'object',
        description:
          "Variable files each module folder is analysed with, as `terraform -chdir=FOLDER plan -var-file=FILE` reads them: keys are folders relative to the workspace root, values the files, relative to that folder, later ones winning. Read after the folder's terraform.tfvars and *.auto.tfvars, before the CLI's --var-file and --var. Files outside the repository are not read.",
        propertyNames: { minLength: 1, not: { pattern: '^(/|[A-Za-z]:|\\.\\.(/|\\\\|$))' } },
        additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
  };
}

/** Path relative to the repository root -> the text it should have. */
export function ruleLists() {
  return { 'schemas/privatelink.schema.json': JSON.stringify(schema(), null, 2) + '\n' };
}

const check = process.argv.includes('--check');
const stale = [];
for (const [rel, text] of Object.entries(ruleLists())) {
  const file = path.join(ROOT, rel);
  const now = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (now === text) continue;
  stale.push(rel);
  if (!check) fs.writeFileSync(file, text);
}
if (check && stale.length) {
  console.error(`not what npm run gen:rules writes: ${stale.join(', ')}`);
  process.exit(1);
}
if (!check) console.log(stale.length ? `wrote ${stale.join(', ')}` : 'up to date');
