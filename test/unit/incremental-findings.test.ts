// Findings after edits: the rules keep answers with model objects across runs (policy
// documents with their endpoint, parsed service names, and each subject's reports while what
// they read is unchanged), so after every edit the findings of a workspace that was edited in
// place must equal those of a fresh workspace over the same texts: rule, place (line,
// character and offset), message, related places and fix edits.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { memoryHost } from '../../server/src/model/testing';
import { createWorkspace } from '../../server/src/model/workspace';
import type { WorkspaceModel } from '../../server/src/model/types';
import type { Finding } from '../../server/src/rules/types';
import type { Range } from '../../server/src/hcl/ast';
import { moduleFiles } from '../../bench/corpus';
import { rng, replaceOnce } from './edit-helpers';
import { checkKeptAnswers, keptStats } from '../../server/src/incremental/answers';
import { isDeepStrictEqual } from 'node:util';
import { RULES } from '../../server/src/rules/index';

const at = (r: Range) => `${r.start.line}:${r.start.character}@${r.start.offset}-${r.end.line}:${r.end.character}@${r.end.offset}`;

function project(findings: Finding[]): string[] {
  return findings.map((f) =>
    JSON.stringify({
      rule: f.rule,
      severity: f.severity,
      uri: f.uri,
      at: at(f.range),
      message: f.message,
      related: (f.related ?? []).map((r) => `${r.uri}@${at(r.range)}:${r.message}`),
      fixes: (f.fixes ?? []).map((x) => ({ title: x.title, edits: x.edits.map((e) => `${e.uri}@${at(e.range)}=${e.newText}`) })),
    }),
  );
}

function fresh(files: Record<string, string>): WorkspaceModel {
  return createWorkspace(memoryHost({ ...files }), { folders: [Object.keys(files)[0].split('/').slice(0, 2).join('/')] });
}

function check(ws: WorkspaceModel, files: Record<string, string>, what: string): number {
  const got = project(analyze(ws, { keep: true }));
  const want = project(analyze(fresh(files)));
  assert.deepEqual(got, want, what);
  return want.length;
}

/** Edits that change what the rules see: policies, ports, names, DNS settings, services. */
const TARGETED: [string, string][] = [
  ['"Condition": {"StringEquals"', '"Conditions": {"StringEquals"'],
  ['"Conditions": {"StringEquals"', '"Condition": {"StringEquals"'],
  ['"Principal": "*"', '"Principal": {"AWS": "arn:aws:iam::123456789012:root"}'],
  ['"Principal": {"AWS": "arn:aws:iam::123456789012:root"}', '"Principal": "*"'],
  ['Principal = "*"', 'Principal = { AWS = "arn:aws:iam::123456789012:root" }'],
  ['from_port   = 443', 'from_port   = 8443'],
  ['from_port   = 8443', 'from_port   = 443'],
  ['private_dns_enabled = true', 'private_dns_enabled = false'],
  ['private_dns_enabled = false', 'private_dns_enabled = true'],
  ['enable_dns_hostnames = true', 'enable_dns_hostnames = false'],
  ['"ecr.api"', '"ecr.dkr"'],
  ['"s3"', '"s3x"'],
  ['"s3x"', '"s3"'],
];

/**
 * A keystroke. Most keep the file valid, so the model is updated in place and later items only
 * move: a blank line or an indent (everything after shifts), a letter typed into a string; the
 * rest type or delete any character, which may break the file.
 */
function typingEdit(text: string, r: () => number): string {
  const x = r();
  if (x < 0.6) {
    const lineStarts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    const at = lineStarts[Math.floor(r() * lineStarts.length)];
    if (x < 0.2) return `${text.slice(0, at)}\n${text.slice(at)}`;
    if (x < 0.4) return `${text.slice(0, at)} ${text.slice(at)}`;
    const q = text.indexOf('"', at);
    if (q < 0 || text.charAt(q + 1) === '$') return text;
    return `${text.slice(0, q + 1)}z${text.slice(q + 1)}`;
  }
  const i = Math.floor(r() * (text.length + 1));
  const ins = ['a', '1', '"', ' ', '}', '{', '\n', '=', '*'][Math.floor(r() * 9)];
  return text.slice(0, i) + (r() < 0.6 ? ins : '') + text.slice(i + (r() < 0.5 ? 1 : 0));
}

function run(files: Record<string, string>, seed: number, steps: number): number {
  const r = rng(seed);
  const paths = Object.keys(files).filter((p) => p.endsWith('.tf'));
  const ws = fresh(files);
  let seen = check(ws, files, `seed ${seed}, start`);
  for (let step = 0; step < steps; step++) {
    const path = paths[Math.floor(r() * paths.length)];
    const t = TARGETED.find(([from]) => files[path].includes(from) && r() < 0.4);
    files[path] = t ? replaceOnce(files[path], t[0], t[1]) : typingEdit(files[path], r);
    ws.setFile(path, files[path]);
    // Sometimes several edits land before the next analysis.
    if (r() < 0.7) seen += check(ws, files, `seed ${seed}, step ${step}: ${t ? t[0] : 'typing'} in ${path}`);
  }
  return seen + check(ws, files, `seed ${seed}, end`);
}

/** The bundled examples' Terraform, under `prefix`. */
function exampleFiles(prefix: string): Record<string, string> {
  const root = join(__dirname, '..', '..', 'examples');
  const files: Record<string, string> = {};
  for (const dir of ['consumer', 'provider', 'consumer-dns']) {
    for (const name of ['main.tf', 'endpoints.tf', 'variables.tf', 'vpc.tf']) {
      try {
        files[`${prefix}${dir}/${name}`] = readFileSync(join(root, dir, name), 'utf8');
      } catch {
        // Not every example has every file.
      }
    }
  }
  return files;
}

describe('findings after edits equal a fresh analysis', function () {
  this.timeout(120_000);

  it('on generated endpoint modules', () => {
    const reusedBefore = keptStats.reused;
    let findings = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const files: Record<string, string> = {};
      for (const f of moduleFiles(seed, 'm')) files[`/c/${f.path}`] = f.text;
      findings += run(files, seed, 40);
    }
    assert.ok(findings > 0, 'the modules have findings to compare');
    assert.ok(keptStats.reused > reusedBefore, 'answers kept from earlier runs were reused');
  });

  it('as the lines of findings are indented and commented, the places on them moving', () => {
    let edited = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const files: Record<string, string> = {};
      for (const f of moduleFiles(seed, 'm')) files[`/c/${f.path}`] = f.text;
      const ws = fresh(files);
      check(ws, files, `seed ${seed}, start`);
      const lines = analyze(fresh(files)).map((f) => ({ uri: f.uri, line: f.range.start.line }));
      for (const { uri, line } of lines.slice(0, 12)) {
        for (const edit of [(l: string) => ` ${l}`, (l: string) => `${l} # note`]) {
          const text = files[uri].split('\n');
          text[line] = edit(text[line]);
          files[uri] = text.join('\n');
          ws.setFile(uri, files[uri]);
          check(ws, files, `seed ${seed}, edit ${edited++}: line ${line + 1} of ${uri}`);
        }
      }
    }
    assert.ok(edited > 6, 'lines with findings were edited');
  });

  it('on the bundled examples', () => {
    assert.ok(run(exampleFiles('/ex/'), 11, 60) > 0, 'the examples have findings to compare');
  });

  it('on policies written as JSON text, as lines are added above them', () => {
    // Lines are added at the top: the items next to an edit are parsed again, the ones further
    // down (the endpoints) only move.
    const heredoc = `locals {
  a = 1
}

locals {
  b = 2
}

locals {
  c = 3
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  policy            = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}
      ]
    }
  POLICY
}

resource "aws_vpc_endpoint" "dynamodb" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.dynamodb"
  vpc_endpoint_type = "Gateway"
  policy            = "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Principal\\": \\"*\\", \\"Action\\": \\"*\\", \\"Resource\\": \\"*\\"}]}"
}
`;
    const files: Record<string, string> = { '/h/net/main.tf': heredoc };
    const ws = fresh(files);
    let findings = check(ws, files, 'start');
    const r = rng(5);
    for (let step = 0; step < 30; step++) {
      const text = files['/h/net/main.tf'];
      files['/h/net/main.tf'] = `${r() < 0.5 ? '\n' : '# note\n'}${text}`;
      ws.setFile('/h/net/main.tf', files['/h/net/main.tf']);
      findings += check(ws, files, `step ${step}`);
    }
    assert.ok(findings > 0, 'the policies have findings to compare');
  });

  it("every rule's kept answers equal a fresh computation of them, on the bundled examples and generated modules", () => {
    // Every reuse of a kept answer is compared, as it happens, with the answer computed afresh.
    const compared = new Map<string, number>();
    const wrong: string[] = [];
    checkKeptAnswers((rule, kept, freshAnswer) => {
      compared.set(rule, (compared.get(rule) ?? 0) + 1);
      if (!isDeepStrictEqual(kept, freshAnswer) && wrong.length < 5)
        wrong.push(`${rule}: kept ${JSON.stringify(kept).slice(0, 300)}\nfresh ${JSON.stringify(freshAnswer).slice(0, 300)}`);
    });
    try {
      for (let seed = 1; seed <= 2; seed++) {
        const files: Record<string, string> = {};
        for (const f of moduleFiles(seed, 'm')) files[`/k/${f.path}`] = f.text;
        run(files, seed, 25);
      }
      run(exampleFiles('/e/'), 7, 25);
    } finally {
      checkKeptAnswers(undefined);
    }
    assert.deepEqual(wrong, []);
    // Every rule had answers kept and compared.
    const ruleIds = new Set([...compared.keys()].map((k) => k.split(' ')[0]));
    const missing = RULES.map((r) => r.meta.id).filter((id) => !ruleIds.has(id));
    assert.deepEqual(missing, [], 'rules whose kept answers were never compared');
  });
});
