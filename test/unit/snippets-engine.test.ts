import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { analyze } from '../../server/src/engine/analyze';
import { workspaceFromFiles } from '../../server/src/model/testing';
import type { Finding } from '../../server/src/rules/types';
import { expandSnippet } from './snippet-expand';

// Every snippet, expanded with its defaults, goes through the engine: it must not trigger an
// error- or warning-level finding, neither alone in a module (the VPC and the subnets unknown)
// nor in a module that defines them (every value known, so the rules really look).

const ROOT = path.resolve(__dirname, '..', '..');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
}

/** The module around the snippet: a VPC with DNS on, two private subnets, a route table. */
const MODULE_CONTEXT = `
variable "region" {
  type    = string
  default = "us-east-1"
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags                 = { Name = "main" }
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
  availability_zone = ["us-east-1a", "us-east-1b"][count.index]
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}
`;

/** Attribute-only snippets go into the block they are written for. */
const WRAP: Record<string, (text: string) => string> = {
  'pl-policy': (text) =>
    [
      'resource "aws_vpc_endpoint" "s3" {',
      '  vpc_id            = aws_vpc.main.id',
      '  service_name      = "com.amazonaws.${var.region}.s3"',
      '  vpc_endpoint_type = "Gateway"',
      '  route_table_ids   = [aws_route_table.private.id]',
      '  tags              = { Name = "s3-gateway-endpoint" }',
      text,
      '}',
    ].join('\n'),
};

function describeFinding(f: Finding): string {
  return `${f.severity} ${f.rule} at ${path.basename(f.uri)}:${f.range.start.line + 1}: ${f.message}`;
}

describe('snippets through the engine', () => {
  const errors: Parameters<typeof parseJsonc>[1] = [];
  const file = parseJsonc(fs.readFileSync(path.join(ROOT, 'snippets', 'terraform.code-snippets'), 'utf8'), errors) as Record<
    string,
    Snippet
  >;
  it('reads the snippet file', () => assert.deepEqual(errors, []));

  for (const snippet of Object.values(file)) {
    const prefix = Array.isArray(snippet.prefix) ? snippet.prefix[0] : snippet.prefix;
    const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
    const text = (WRAP[prefix] ?? ((t: string) => t))(expandSnippet(body));

    const contexts: [string, Record<string, string>][] = [
      ['alone in a module', { '/ws/main.tf': text }],
      ['in a module with its VPC, subnets and route tables', { '/ws/main.tf': text, '/ws/vpc.tf': MODULE_CONTEXT }],
    ];
    for (const [where, files] of contexts) {
      it(`${prefix}: no error or warning ${where}`, () => {
        const ruleErrors: string[] = [];
        const findings = analyze(workspaceFromFiles(files), {
          onRuleError: (rule, _dir, e) => ruleErrors.push(`${rule.meta.id}: ${String(e)}`),
        });
        assert.deepEqual(ruleErrors, [], 'no rule throws on the snippet');
        const serious = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
        assert.deepEqual(serious.map(describeFinding), []);
      });
    }
  }
});
