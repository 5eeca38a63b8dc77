// Answers kept across edits (incremental/answers.ts, incremental/memo.ts): reused when nothing they read changed,
// computed again when something did, places carried past edits above them, and never kept
// when they read what the model cannot name.
import { strict as assert } from 'node:assert';
import { runRules } from '../../server/src/engine/run';
import type { Position } from '../../server/src/hcl/ast';
import { workspaceFromFiles } from '../../server/src/model/testing';
import { carry } from '../../server/src/incremental/positions';
import { query } from '../../server/src/incremental/memo';
import { defineRule, type CheckContext, type Finding, type Rule } from '../../server/src/rules/types';
import type { ResourceInstance } from '../../server/src/model/types';
import { indentUnit } from '../../server/src/fixes/edits';
import { headerRange } from '../../server/src/query/wiring';
import { RULES_BY_ID } from '../../server/src/rules/index';

const meta = (id: string): Rule['meta'] => ({ id, name: id, severity: 'warning', description: '', why: '', resources: [], fixable: false });

/** Reports each endpoint with its VPC's CIDR, counting how often an answer is computed. */
function cidrRule(counter: { n: number }, extra?: (ctx: CheckContext) => void): Rule {
  return defineRule({
    meta: meta('T1'),
    subject: 'endpoint',
    check(ep, ctx) {
      counter.n++;
      extra?.(ctx);
      const vpc = ctx.module.resolve(ep.attr('vpc_id'));
      const cidr = vpc?.attr('cidr_block');
      return [{ message: `${ep.address} in ${cidr?.kind === 'string' ? cidr.value : '?'}`, uri: ep.uri, range: ep.block.range }];
    },
  });
}

const FILE = '/k/m/main.tf';

function text(cidr: string, gap = ''): string {
  const pad = (k: number) => `locals {\n  pad${k} = ${k}\n}\n\n`;
  return (
    `${gap}resource "aws_vpc" "main" {\n  cidr_block = "${cidr}"\n}\n\n${pad(1)}${pad(2)}` +
    `resource "aws_vpc_endpoint" "a" {\n  vpc_id = aws_vpc.main.id\n}\n\n${pad(3)}${pad(4)}` +
    `resource "aws_vpc_endpoint" "b" {\n  vpc_id = aws_vpc.main.id\n  tags   = { Name = "b" }\n}\n\n${pad(5)}${pad(6)}` +
    `resource "aws_vpc_endpoint" "c" {\n  vpc_id = "vpc-123"\n}\n`
  );
}

const show = (fs: Finding[]) =>
  fs.map((f) => `${f.message} @${f.range.start.line}:${f.range.start.character}/${f.range.start.offset}-${f.range.end.offset}`);

describe('answers kept across edits', () => {
  it('carries a position past an edit, and gives up on one inside or at the end', () => {
    const region = { start: 10, end: 20, offset: 3, lines: 1, oldLength: 100 };
    const p = (offset: number, line = 2, character = 4): Position => ({ line, character, offset });
    assert.deepEqual(carry(p(5), [region]), p(5));
    assert.deepEqual(carry(p(25, 3, 1), [region]), p(28, 4, 1));
    assert.equal(carry(p(15), [region]), undefined);
    assert.equal(carry(p(25), [{ ...region, end: 100 }]), undefined);
    // Two edits apply in order.
    assert.deepEqual(carry(p(25, 3, 1), [region, { start: 0, end: 2, offset: -1, lines: 0, oldLength: 103 }]), p(27, 4, 1));
  });

  it('reuses answers an edit did not touch, and computes the ones it did', () => {
    const counter = { n: 0 };
    const rule = cidrRule(counter);
    const ws = workspaceFromFiles({ [FILE]: text('10.0.0.0/16') });
    const run = () => runRules(ws, [rule], { keep: true });
    assert.deepEqual(
      show(run()).map((s) => s.split(' @')[0]),
      ['aws_vpc_endpoint.a in 10.0.0.0/16', 'aws_vpc_endpoint.b in 10.0.0.0/16', 'aws_vpc_endpoint.c in ?'],
    );
    assert.equal(counter.n, 3);

    // Typing in b's tag: only b is checked again.
    counter.n = 0;
    ws.setFile(FILE, text('10.0.0.0/16').replace('Name = "b"', 'Name = "bx"'));
    run();
    assert.equal(counter.n, 1);

    // The VPC's CIDR: a and b read it, c does not.
    counter.n = 0;
    ws.setFile(FILE, text('10.1.0.0/16'));
    const after = show(run());
    assert.equal(counter.n, 2);
    assert.deepEqual(after, show(runRules(workspaceFromFiles({ [FILE]: text('10.1.0.0/16') }), [cidrRule({ n: 0 })])));
  });

  it("keeps a rule's whole run while nothing it read changed, its places moved", () => {
    const runs = { n: 0 };
    const rule = defineRule({
      meta: meta('T3'),
      subject: 'module',
      check(m) {
        runs.n++;
        return m.resources('aws_vpc_endpoint').map((ep) => {
          const cidr = m.resolve(ep.attr('vpc_id'))?.attr('cidr_block');
          return { message: `${ep.address} in ${cidr?.kind === 'string' ? cidr.value : '?'}`, uri: ep.uri, range: headerRange(ep) };
        });
      },
    });
    const ws = workspaceFromFiles({ [FILE]: text('10.0.0.0/16') });
    const run = () => runRules(ws, [rule], { keep: true });
    const fresh = (t: string) => {
      const before = runs.n;
      const out = show(runRules(workspaceFromFiles({ [FILE]: t }), [rule]));
      runs.n = before;
      return out;
    };
    run();
    assert.equal(runs.n, 1);
    // Typing in b's tag, then lines added above everything: nothing the rule read changed.
    const tagged = text('10.0.0.0/16').replace('Name = "b"', 'Name = "bx"');
    ws.setFile(FILE, tagged);
    assert.deepEqual(show(run()), fresh(tagged));
    const moved = text('10.0.0.0/16', '\n\n').replace('Name = "b"', 'Name = "bx"');
    ws.setFile(FILE, moved);
    assert.deepEqual(show(run()), fresh(moved));
    assert.equal(runs.n, 1, 'the run was kept');
    // The VPC's CIDR: the rule read it.
    const cidr = text('10.1.0.0/16', '\n\n').replace('Name = "b"', 'Name = "bx"');
    ws.setFile(FILE, cidr);
    assert.deepEqual(show(run()), fresh(cidr));
    assert.equal(runs.n, 2);
    // b's vpc_id: the rule read it too.
    const vpc = cidr.replace(
      'resource "aws_vpc_endpoint" "b" {\n  vpc_id = aws_vpc.main.id',
      'resource "aws_vpc_endpoint" "b" {\n  vpc_id = "vpc-9"',
    );
    assert.notEqual(vpc, cidr);
    ws.setFile(FILE, vpc);
    assert.deepEqual(show(run()), fresh(vpc));
    assert.equal(runs.n, 3);
  });

  it('carries kept places past lines added above, equal to a fresh analysis', () => {
    const counter = { n: 0 };
    const rule = cidrRule(counter);
    const ws = workspaceFromFiles({ [FILE]: text('10.0.0.0/16') });
    runRules(ws, [rule], { keep: true });
    let gap = '';
    for (let i = 0; i < 5; i++) {
      gap += i % 2 ? '# note\n' : '\n';
      ws.setFile(FILE, text('10.0.0.0/16', gap));
      counter.n = 0;
      const got = show(runRules(ws, [rule], { keep: true }));
      // The VPC and its neighbours are parsed again; the endpoints further down only move.
      assert.ok(counter.n < 3, `answers were reused (${counter.n} computed)`);
      assert.deepEqual(got, show(runRules(workspaceFromFiles({ [FILE]: text('10.0.0.0/16', gap) }), [cidrRule({ n: 0 })])));
    }
  });

  it('moves kept places again after they moved (an edit between their old and new place)', () => {
    const rule = cidrRule({ n: 0 });
    const ws = workspaceFromFiles({ [FILE]: text('10.0.0.0/16') });
    runRules(ws, [rule], { keep: true });
    // Everything moves down past where it was; then b's tag, now beyond c's old place, grows.
    const gap = '# a long note\n'.repeat(200);
    const steps = [text('10.0.0.0/16', gap), text('10.0.0.0/16', gap).replace('Name = "b"', 'Name = "bx"')];
    for (const t of steps) {
      ws.setFile(FILE, t);
      assert.deepEqual(show(runRules(ws, [rule], { keep: true })), show(runRules(workspaceFromFiles({ [FILE]: t }), [cidrRule({ n: 0 })])));
    }
  });

  it('writes a kept fix again when the indentation of its file changes', () => {
    // The fix indents with the file's unit, which the first block of the file decides.
    const rule = defineRule({
      meta: meta('T2'),
      subject: 'endpoint',
      check(ep, ctx) {
        const file = ctx.workspace.file(ep.uri)!;
        const at = ep.block.range.end;
        return [
          {
            message: ep.address,
            uri: ep.uri,
            range: ep.block.range,
            fixes: [{ title: 't', edits: [{ uri: ep.uri, range: { start: at, end: at }, newText: `${indentUnit(file)}x = 1` }] }],
          },
        ];
      },
    });
    const project = (fs: Finding[]) =>
      fs.map((f) => `${f.message}:${f.fixes![0].edits[0].newText}@${f.fixes![0].edits[0].range.start.offset}`);
    const ws = workspaceFromFiles({ [FILE]: text('10.0.0.0/16') });
    runRules(ws, [rule], { keep: true });
    const tabbed = text('10.0.0.0/16').replace('  cidr_block', '\tcidr_block');
    ws.setFile(FILE, tabbed);
    const got = project(runRules(ws, [rule], { keep: true }));
    assert.ok(
      got.every((g) => g.includes('\tx = 1')),
      got.join('\n'),
    );
    assert.deepEqual(got, project(runRules(workspaceFromFiles({ [FILE]: tabbed }), [rule])));
  });

  it('does not keep an answer that read what the model cannot name', () => {
    const counter = { n: 0 };
    // Counting the module's declarations reads all of them: such an answer is computed every time.
    const rule = cidrRule(counter, (ctx) => void ctx.module.index.size);
    const ws = workspaceFromFiles({ [FILE]: text('10.0.0.0/16') });
    runRules(ws, [rule], { keep: true });
    counter.n = 0;
    ws.setFile(FILE, text('10.0.0.0/16').replace('Name = "b"', 'Name = "bx"'));
    runRules(ws, [rule], { keep: true });
    assert.equal(counter.n, 3);
  });

  it('keeps nothing in runs that do not ask for it (the CLI)', () => {
    const counter = { n: 0 };
    const rule = cidrRule(counter);
    const ws = workspaceFromFiles({ [FILE]: text('10.0.0.0/16') });
    runRules(ws, [rule]);
    counter.n = 0;
    ws.setFile(FILE, text('10.0.0.0/16').replace('Name = "b"', 'Name = "bx"'));
    runRules(ws, [rule]);
    assert.equal(counter.n, 3);
  });

  it("keeps a query's answer for a resource instance across edits while nothing it read changed", () => {
    const computed: string[] = [];
    const cidrOf = query((ep: ResourceInstance) => {
      computed.push(ep.address);
      const cidr = ep.module.resolve(ep.attr('vpc_id'))?.attr('cidr_block');
      return cidr?.kind === 'string' ? cidr.value : '?';
    });
    // Two rules ask the same query of each endpoint: one computation per endpoint and run.
    const rule = (id: string) =>
      defineRule({
        meta: meta(id),
        subject: 'endpoint',
        check: (ep) => [{ message: `${ep.address} ${cidrOf(ep)}`, uri: ep.uri, range: ep.block.range }],
      });
    const rules = [rule('Q1'), rule('Q2')];
    const ws = workspaceFromFiles({ [FILE]: text('10.0.0.0/16') });
    runRules(ws, rules, { keep: true });
    assert.deepEqual(computed.sort(), ['aws_vpc_endpoint.a', 'aws_vpc_endpoint.b', 'aws_vpc_endpoint.c']);
    // b's tag: b's declaration changed, so its answer is computed again; a's and c's are kept.
    computed.length = 0;
    ws.setFile(FILE, text('10.0.0.0/16').replace('Name = "b"', 'Name = "bx"'));
    runRules(ws, rules, { keep: true });
    assert.deepEqual(computed, ['aws_vpc_endpoint.b']);
    // The CIDR: a and b read the VPC.
    computed.length = 0;
    ws.setFile(FILE, text('10.1.0.0/16').replace('Name = "b"', 'Name = "bx"'));
    const got = show(runRules(ws, rules, { keep: true }));
    assert.deepEqual(computed.sort(), ['aws_vpc_endpoint.a', 'aws_vpc_endpoint.b']);
    assert.ok(
      got.some((g) => g.startsWith('aws_vpc_endpoint.a 10.1.0.0/16')),
      got.join('\n'),
    );
    // Outside a run nothing is remembered.
    computed.length = 0;
    const ep = ws.roots()[0].resources('aws_vpc_endpoint')[0];
    cidrOf(ep);
    cidrOf(ep);
    assert.equal(computed.length, 2);
  });

  it('moves the places of a policy read from a heredoc when lines are added above it, equal to a fresh analysis', () => {
    const rules = ['PL302', 'PL303', 'PL304'].map((id) => RULES_BY_ID.get(id)!);
    // Lines added above the first endpoint move its policy; the second endpoint's policy changes
    // each time, so the rules look again and find the first document kept.
    const policy = (gap: string, n = 0) =>
      `${gap}resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n\n` +
      'resource "aws_vpc_endpoint" "s3" {\n  vpc_id       = aws_vpc.main.id\n  service_name = "com.amazonaws.eu-west-1.s3"\n  policy       = <<-EOT\n' +
      '    {\n      "Version": "2012-10-17",\n      "Statement": [\n        { "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*" },\n' +
      '        { "Effect": "Allow", "Principal": "*", "Action": "dynamodb:GetItem", "Resource": "*" },\n        { "Effect": "Maybe", "Action": "s3:*" }\n      ]\n    }\n  EOT\n}\n\n' +
      `resource "aws_vpc_endpoint" "other" {\n  vpc_id       = aws_vpc.main.id\n  service_name = "com.amazonaws.eu-west-1.s3"\n  policy       = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject${n}", Resource = "*" }] })\n}\n`;
    const ws = workspaceFromFiles({ [FILE]: policy('') });
    const first = show(runRules(ws, rules, { keep: true }));
    assert.ok(first.length >= 3, first.join('\n'));
    let gap = '';
    for (let i = 0; i < 4; i++) {
      gap += i % 2 ? '# note\n' : '\n\n';
      ws.setFile(FILE, policy(gap, i));
      assert.deepEqual(show(runRules(ws, rules, { keep: true })), show(runRules(workspaceFromFiles({ [FILE]: policy(gap, i) }), rules)));
    }
  });
});
