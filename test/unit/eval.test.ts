import * as assert from 'node:assert/strict';
import { evalExpr, jsonOf, moduleOf } from './model-helpers';

const UNK = 'variable "u" {}';

describe('evaluator', () => {
  describe('literals and collections', () => {
    const cases: [string, unknown][] = [
      ['42', 42],
      ['1.5e2', 150],
      ['true', true],
      ['null', null],
      ['"a\\tb"', 'a\tb'],
      ['["a", 1, false]', ['a', 1, false]],
      ['{a = 1, "b-c" = 2, (local.k) = 3}', { a: 1, 'b-c': 2, kk: 3 }],
      ['{a = {b = [1, {c = "d"}]}}.a.b[1].c', 'd'],
      ['["x", "y"].1', 'y'],
    ];
    for (const [expr, expected] of cases) {
      it(expr, () => assert.deepEqual(jsonOf(expr, 'locals {\n k = "kk"\n}'), expected));
    }
  });

  describe('templates', () => {
    it('joins known parts', () => {
      assert.equal(jsonOf('"com.amazonaws.${local.r}.ecr.dkr"', 'locals {\n r = "eu-west-1"\n}'), 'com.amazonaws.eu-west-1.ecr.dkr');
    });

    it('keeps known pieces around an unknown part', () => {
      const v = evalExpr('"com.amazonaws.${var.u}.ecr.dkr"', UNK);
      assert.equal(v.kind, 'unknown');
      assert.deepEqual(v.kind === 'unknown' && v.parts, ['com.amazonaws.', null, '.ecr.dkr']);
    });

    it('splices the pieces of a partly known nested template', () => {
      const v = evalExpr('"${local.p}.s3"', `${UNK}\nlocals {\n p = "com.amazonaws.\${var.u}"\n}`);
      assert.deepEqual(v.kind === 'unknown' && v.parts, ['com.amazonaws.', null, '.s3']);
    });

    it('a lone interpolation is the value itself, refs included', () => {
      const m = moduleOf({ '/ws/main.tf': 'resource "aws_vpc" "main" {}\nlocals {\n id = "${aws_vpc.main.id}"\n n = "${1 + 1}"\n}\n' });
      const id = m.local('id');
      assert.equal(id.kind, 'ref');
      assert.equal(m.resolve(id)?.address, 'aws_vpc.main');
      assert.deepEqual(m.local('n'), { kind: 'number', value: 2 });
    });

    it('interpolates numbers and bools', () => {
      assert.equal(jsonOf('"${1}-${true}-${2.5}"'), '1-true-2.5');
    });

    it('template if and for directives', () => {
      assert.equal(jsonOf('"%{ if true }yes%{ else }no%{ endif }"'), 'yes');
      assert.equal(jsonOf('"%{ for x in ["a", "b"] }${x};%{ endfor }"'), 'a;b;');
    });

    it('strip markers trim the whitespace beside them', () => {
      assert.equal(jsonOf('"a   ${~ "b" ~}   c"'), 'abc');
    });

    it('heredocs, plain and indented', () => {
      const v = evalExpr('<<EOT\n{\n  "a": "${local.r}"\n}\nEOT', 'locals {\n r = "x"\n}');
      assert.equal(v.kind === 'string' && v.value, '{\n  "a": "x"\n}\n');
      const w = evalExpr('<<-EOT\n    line1\n      line2\n    EOT');
      assert.equal(w.kind === 'string' && w.value, 'line1\n  line2\n');
    });

    it('interpolating a list is an error', () => {
      assert.equal(jsonOf('try("x${["a"]}", "err")'), 'err');
      assert.deepEqual(jsonOf('"${["a"]}"'), ['a']);
    });
  });

  describe('operators', () => {
    const cases: [string, unknown][] = [
      ['1 + 2 * 3', 7],
      ['(1 + 2) * 3', 9],
      ['10 / 4', 2.5],
      ['7 % 3', 1],
      ['-(3)', -3],
      ['!true', false],
      ['1 < 2 && 2 >= 2', true],
      ['false || 1 > 2', false],
      ['"a" == "a"', true],
      ['["a", 1] == ["a", 1]', true],
      ['{a = 1} != {a = 2}', true],
      ['"1" + 1', 2],
      ['false && var.u', false],
      ['true || var.u', true],
    ];
    for (const [expr, expected] of cases) {
      it(expr, () => assert.deepEqual(jsonOf(expr, UNK), expected));
    }
    it('unknown operands give unknown', () => {
      assert.equal(jsonOf('var.u + 1', UNK), 'UNKNOWN');
      assert.equal(jsonOf('var.u == "a"', UNK), 'UNKNOWN');
      assert.equal(jsonOf('true && var.u', UNK), 'UNKNOWN');
      assert.equal(jsonOf('!var.u', UNK), 'UNKNOWN');
    });
    it('division by zero is an error', () => {
      assert.equal(jsonOf('try(1 / 0, "div")'), 'div');
    });
  });

  describe('conditionals', () => {
    it('picks the branch of a known condition', () => {
      assert.equal(jsonOf('1 > 0 ? "yes" : "no"'), 'yes');
      assert.equal(jsonOf('"" == "x" ? "yes" : "no"'), 'no');
    });
    it('an unknown condition gives unknown', () => {
      assert.equal(jsonOf('var.u ? "a" : "b"', UNK), 'UNKNOWN');
    });
    it('an unknown condition with equal branches gives the branch', () => {
      assert.equal(jsonOf('var.u ? "same" : "same"', UNK), 'same');
    });
  });

  describe('for expressions', () => {
    const cases: [string, unknown][] = [
      ['[for s in ["a", "b"] : upper(s)]', ['A', 'B']],
      ['[for i, s in ["a", "b"] : "${i}${s}"]', ['0a', '1b']],
      ['{for s in ["a", "b"] : s => length(s)}', { a: 1, b: 1 }],
      ['[for k, v in {b = 2, a = 1} : "${k}=${v}"]', ['a=1', 'b=2']],
      ['[for x in [1, 2, 3, 4] : x if x % 2 == 0]', [2, 4]],
      ['{for s in ["ab", "ac", "b"] : substr(s, 0, 1) => s...}', { a: ['ab', 'ac'], b: ['b'] }],
      ['{for k, v in {x = {port = 443}} : k => v.port}', { x: 443 }],
    ];
    for (const [expr, expected] of cases) {
      it(expr, () => assert.deepEqual(jsonOf(expr), expected));
    }
    it('over an unknown collection is unknown', () => {
      assert.equal(jsonOf('[for s in var.u : s]', UNK), 'UNKNOWN');
    });
    it('an unknown filter is unknown', () => {
      assert.equal(jsonOf('[for s in ["a"] : s if var.u]', UNK), 'UNKNOWN');
    });
    it('duplicate keys without grouping are an error', () => {
      assert.equal(jsonOf('try({for s in ["a", "a"] : s => 1}, "dup")'), 'dup');
    });
  });

  describe('variables and locals', () => {
    it('uses the default of a variable', () => {
      assert.equal(jsonOf('var.region', 'variable "region" { default = "us-west-2" }'), 'us-west-2');
    });
    it('a variable without default and without value is unknown', () => {
      assert.equal(jsonOf('var.region', 'variable "region" {\n type = string\n}'), 'UNKNOWN');
    });
    it('an undeclared variable is an error', () => {
      assert.equal(jsonOf('try(var.nope, "none")'), 'none');
    });
    it('locals refer to locals in other files', () => {
      const m = moduleOf({
        '/ws/a.tf': 'locals {\n a = "${local.b}-a"\n}\n',
        '/ws/b.tf': 'locals {\n b = "b"\n}\n',
      });
      assert.deepEqual(m.local('a').kind === 'string' && m.local('a'), { kind: 'string', value: 'b-a', origin: m.local('a').origin });
    });
    it('a cycle of locals is unknown, not a hang', () => {
      const m = moduleOf({ '/ws/main.tf': 'locals {\n a = local.b\n b = local.a\n c = "${local.c}x"\n}\n' });
      assert.equal(m.local('a').kind, 'unknown');
      assert.equal(m.local('b').kind, 'unknown');
      assert.equal(m.local('c').kind, 'unknown');
    });
    it('a long chain of locals does not overflow the stack', () => {
      const lines = ['  l0 = 1'];
      for (let i = 1; i < 3000; i++) lines.push(`  l${i} = local.l${i - 1} + 1`);
      const m = moduleOf({ '/ws/main.tf': `locals {\n${lines.join('\n')}\n}\n` });
      const v = m.local('l2999');
      assert.ok(v.kind === 'unknown' || (v.kind === 'number' && v.value === 3000));
    });
    it('values that double at every step become unknown instead of exhausting memory', () => {
      const lines = ['  s0 = "ab"', '  l0 = ["a"]', '  p0 = "x"'];
      for (let i = 1; i <= 40; i++) {
        lines.push(`  p${i} = "\${var.u}\${local.p${i - 1}}\${local.p${i - 1}}"`);
        lines.push(`  s${i} = "\${local.s${i - 1}}\${local.s${i - 1}}"`);
        lines.push(`  l${i} = concat(local.l${i - 1}, local.l${i - 1})`);
      }
      lines.push('  j = jsonencode([local.s40, local.l40])', '  f = format("%999999999d", 1)');
      const m = moduleOf({ '/ws/main.tf': `variable "u" {}\nlocals {\n${lines.join('\n')}\n}\n` });
      assert.equal(m.local('s10').kind, 'string');
      const p = m.local('p40');
      assert.ok(p.kind === 'unknown' && !p.parts);
      assert.equal(m.local('s40').kind, 'unknown');
      assert.equal(m.local('l40').kind, 'unknown');
      assert.equal(m.local('j').kind, 'unknown');
      assert.equal(m.local('f').kind, 'unknown');
    });
    it('values remember where they were written', () => {
      const m = moduleOf({ '/ws/main.tf': 'variable "r" {\n  default = "eu-west-1"\n}\n' });
      const v = m.variable('r');
      assert.equal(v.origin?.uri, '/ws/main.tf');
      assert.equal(v.origin?.range.start.line, 1);
      assert.equal(v.origin?.range.start.character, 12);
    });
    it('path, terraform and unknown functions are unknown', () => {
      assert.equal(jsonOf('"${path.module}/x.json"'), 'UNKNOWN');
      assert.equal(jsonOf('terraform.workspace'), 'UNKNOWN');
      assert.equal(jsonOf('timestamp()'), 'UNKNOWN');
    });
  });

  describe('attribute and index access', () => {
    it('missing keys and out-of-range indexes are errors', () => {
      assert.equal(jsonOf('try({a = 1}["b"], "nokey")'), 'nokey');
      assert.equal(jsonOf('try(["a"][3], "range")'), 'range');
      assert.equal(jsonOf('try("s".attr, "scalar")'), 'scalar');
    });
    it('an error inside a collection makes try fall back', () => {
      assert.equal(jsonOf('try([{a = 1}.b], "inner")'), 'inner');
      assert.equal(jsonOf('try({k = ["x"][5]}, "inner")'), 'inner');
      assert.equal(jsonOf('try([for s in ["a"] : {}.s], "inner")'), 'inner');
      assert.equal(jsonOf('try({}.c ? 1 : 1, "cond")'), 'cond');
    });
    it('indexing with a numeric string works on lists', () => {
      assert.equal(jsonOf('["a", "b"]["1"]'), 'b');
    });
    it('splat on a list of objects and on a single value', () => {
      assert.deepEqual(jsonOf('[{n = 1}, {n = 2}][*].n'), [1, 2]);
      assert.deepEqual(jsonOf('{n = 1}[*].n'), [1]);
      assert.deepEqual(jsonOf('[{n = {m = 1}}].*.n.m'), [1]);
    });
    it('a splat inside a full splat applies to each element (values printed by terraform console)', () => {
      const extra = `locals {
  xs = [{ ids = ["a", "b"] }, { ids = ["c"] }]
  ys = [{ a = [{ b = 1 }, { b = 2 }] }, { a = [{ b = 3 }] }]
  zs = [{ a = { b = 1 } }, { a = { b = 2 } }]
}`;
      assert.deepEqual(jsonOf('local.xs[*].*.ids', extra), [[['a', 'b']], [['c']]]);
      assert.deepEqual(jsonOf('flatten(local.xs[*].*.ids)', extra), ['a', 'b', 'c']);
      assert.deepEqual(jsonOf('local.xs.*.ids', extra), [['a', 'b'], ['c']]);
      assert.deepEqual(jsonOf('local.zs[*].a.*.b', extra), [[1], [2]]);
      assert.deepEqual(jsonOf('local.ys[*].a[*].b', extra), [[1, 2], [3]]);
      assert.deepEqual(jsonOf('local.ys[*].a.*.b', extra), [[1, 2], [3]]);
    });
  });
});
