#!/usr/bin/env node
// Writes the lists of rules that follow from the registry (server/src/rules/index.ts):
//   schemas/privatelink.schema.json  (the .privatelink.json schema: its rule ids, and the other
//                                     keys the configuration takes: exclude, varFiles, and the
//                                     team policy, whose required endpoints are the service
//                                     catalog's names, server/src/query/catalog-data.ts)
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
const { catalog } = require(path.join(ROOT, 'server/src/query/catalog.ts'));
const { ACCOUNT_ID, ORGANIZATION_ID } = require(path.join(ROOT, 'server/src/query/team-policy.ts'));

const SEVERITIES = ['error', 'warning', 'information', 'hint'];

function schema() {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment:
      'Written by scripts/gen-rule-lists.mjs (npm run gen:rules) from server/src/rules/index.ts and the service catalog: change the script, not this file.',
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
      requiredEndpoints: {
        type: 'array',
        description:
          'AWS services every VPC that has VPC endpoints must have an endpoint for, by the service part of their name ("ssm", "ecr.dkr", "s3"); an endpoint of any type counts. PL503 reports a VPC that lacks one, as Security Hub EC2.10 and EC2.55 to EC2.58 and the AWS Config rule service-vpc-endpoint-enabled do in the account.',
        items: { enum: catalog.services.map((s) => s.name).sort() },
        uniqueItems: true,
      },
      trustedAccounts: {
        type: 'array',
        description:
          'AWS account ids (12 digits, as strings) that endpoint services may allow as principals (PL610) and endpoint policies may grant (PL306). When set, a principal ARN or account id of any other account is reported, also one that belongs to a trusted organization.',
        items: { type: 'string', pattern: ACCOUNT_ID.source },
        uniqueItems: true,
      },
      trustedOrganizations: {
        type: 'array',
        description:
          'AWS Organizations ids (o-...) that endpoint policies may name in aws:PrincipalOrgID, aws:ResourceOrgID, aws:SourceOrgID and their OrgPaths keys (PL306). An account principal held to these organizations by aws:PrincipalOrgID in the same statement is not reported.',
        items: { type: 'string', pattern: ORGANIZATION_ID.source },
        uniqueItems: true,
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
