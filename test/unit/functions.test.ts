import * as assert from 'node:assert/strict';
import { evalExpr, jsonOf } from './model-helpers';

// Declarations that give the cases an unknown input: a variable without default.
const UNK = 'variable "u" {}\nvariable "l" { default = ["a", "b"] }';

const cases: [string, unknown][] = [
  ['jsonencode({b = 1, a = ["x", true, null]})', '{"a":["x",true,null],"b":1}'],
  ['jsonencode("<&>")', '"\\u003c\\u0026\\u003e"'],
  [
    'jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = "*"}]})',
    '{"Statement":[{"Action":"*","Effect":"Allow"}],"Version":"2012-10-17"}',
  ],
  ['jsondecode("{\\"a\\": [1, 2], \\"b\\": {\\"c\\": null}}")', { a: [1, 2], b: { c: null } }],
  ['merge({a = 1, b = 2}, {b = 3}, null, {c = 4})', { a: 1, b: 3, c: 4 }],
  ['concat(["a"], [], ["b", "c"])', ['a', 'b', 'c']],
  ['toset(["b", "a", "b"])', ['a', 'b']],
  ['toset([3, 1, 3])', [1, 3]],
  // Sets order false before true, and strings by code point (UTF-8 bytes), as Terraform does:
  // an emoji (above U+FFFF) after a full-width form (U+FF01), which UTF-16 order reverses.
  ['toset([true, false, true])', [false, true]],
  // Strings convert to bools and numbers as Terraform converts them: "1" and "0" are bools,
  // a number is written in decimal (no blanks, no 0x, no Infinity).
  ['tobool("1")', true],
  ['tobool("0")', false],
  ['"1" ? "y" : "n"', 'y'],
  ['!"0"', true],
  ['format("%t", "1")', 'true'],
  ['can(tobool("yes"))', false],
  ['tonumber("+1")', 1],
  ['tonumber(".5")', 0.5],
  ['tonumber("1E3")', 1000],
  ['can(tonumber("0x10"))', false],
  ['can(tonumber(" 1"))', false],
  ['can(tonumber("Infinity"))', false],
  ['sort(["\uFF01", "\\U0001F600", "a"])', ['a', '\uFF01', '\u{1F600}']],
  ['keys({"\\U0001F600" = 1, "\uFF01" = 2})', ['\uFF01', '\u{1F600}']],
  ['tolist(["a"])', ['a']],
  ['tomap({a = "x"})', { a: 'x' }],
  ['flatten([["a", ["b"]], [], "c"])', ['a', 'b', 'c']],
  ['format("%s-%03d-%v-%t", "a", 7, 1.5, true)', 'a-007-1.5-true'],
  ['format("%-4s|%5.2f|%x|%q|%%", "ab", 3.14159, 255, "q")', 'ab  | 3.14|ff|"q"|%'],
  ['format("%[2]s %[1]s", "a", "b")', 'b a'],
  // formatlist and cidrsubnets as `terraform console` gives them (Terraform 1.11).
  ['formatlist("com.amazonaws.eu-west-1.%s", ["s3", "ecr.dkr"])', ['com.amazonaws.eu-west-1.s3', 'com.amazonaws.eu-west-1.ecr.dkr']],
  ['formatlist("%s-%s", ["a", "b"], "x")', ['a-x', 'b-x']],
  ['formatlist("%s", "a")', ['a']],
  ['formatlist("%s", [])', []],
  ['formatlist("%d", [1, 2])', ['1', '2']],
  ['can(formatlist("%s-%s", ["a", "b"], ["c"]))', false],
  ['can(formatlist("%s", ["a", null]))', false],
  ['cidrsubnets("10.0.0.0/16", 4, 4, 8, 4)', ['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/24', '10.0.48.0/20']],
  ['cidrsubnets("10.0.0.0/16", 8, 4)', ['10.0.0.0/24', '10.0.16.0/20']],
  ['cidrsubnets("fd00::/56", 8, 8)', ['fd00::/64', 'fd00:0:0:1::/64']],
  ['cidrsubnets("10.1.2.3/16", 8)', ['10.1.0.0/24']],
  ['can(cidrsubnets("10.0.0.0/30", 1, 1, 1))', false],
  ['can(cidrsubnets("10.0.0.0/16", 0))', false],
  ['lookup({a = 1}, "a", 0)', 1],
  ['lookup({a = 1}, "z", 0)', 0],
  ['element(["a", "b", "c"], 4)', 'b'],
  ['replace("a.b.c", ".", "-")', 'a-b-c'],
  ['replace("ecr.dkr", "/[.]/", "_")', 'ecr_dkr'],
  ['replace("abc123", "/([a-z]+)([0-9]+)/", "$2-$1")', '123-abc'],
  ['lower("AbC")', 'abc'],
  ['upper("AbC")', 'ABC'],
  ['length("héllo")', 5],
  ['length(["a", "b"])', 2],
  ['length({a = 1})', 1],
  ['keys({b = 1, a = 2})', ['a', 'b']],
  ['values({b = 1, a = 2})', [2, 1]],
  ['try(local.nope, "fallback")', 'fallback'],
  ['try({a = 1}.b, {a = 1}.a)', 1],
  ['can({a = 1}.b)', false],
  ['can({a = 1}.a)', true],
  ['coalesce(null, "", "x", "y")', 'x'],
  ['coalescelist([], ["a"], ["b"])', ['a']],
  ['cidrsubnet("10.0.0.0/16", 8, 2)', '10.0.2.0/24'],
  ['cidrsubnet("10.1.0.0/16", 4, 15)', '10.1.240.0/20'],
  ['cidrsubnet("fd00:fd12:3456:7890::/56", 8, 1)', 'fd00:fd12:3456:7801::/64'],
  ['cidrhost("10.0.0.0/24", 5)', '10.0.0.5'],
  ['cidrnetmask("10.0.0.0/20")', '255.255.240.0'],
  ['contains(["a", "b"], "b")', true],
  ['contains(["a", "b"], "c")', false],
  ['distinct(["a", "b", "a"])', ['a', 'b']],
  ['join(",", ["a", "b"], ["c"])', 'a,b,c'],
  ['split(",", "a,b,,c")', ['a', 'b', '', 'c']],
  ['trimspace("  a b \\n")', 'a b'],
  ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
  ['compact(["a", "", null, "b"])', ['a', 'b']],
  ['slice(["a", "b", "c", "d"], 1, 3)', ['b', 'c']],
  ['min(3, 1, 2)', 1],
  ['max(3, 1, 2)', 3],
  ['max([4, 9]...)', 9],
  ['tostring(5)', '5'],
  ['tostring(true)', 'true'],
  ['tonumber("42")', 42],
  ['tobool("true")', true],
  ['one(["x"])', 'x'],
  ['one([])', null],
  ['startswith("com.amazonaws.s3", "com.amazonaws.")', true],
  ['endswith("ecr.dkr", ".api")', false],
  ['substr("hello world", 6, 5)', 'world'],
  ['substr("hello", -3, -1)', 'llo'],
  ['chomp("line\\n\\n")', 'line'],
  ['chomp("a\\r\\n\\r\\n\\r")', 'a'],
  ['chomp("a\\n\\rb")', 'a\n\rb'],
  ['setunion(["b", "a"], ["c", "a"])', ['a', 'b', 'c']],
  ['setintersection(["a", "b"], ["b", "c"])', ['b']],
  ['setsubtract(["a", "b"], ["b"])', ['a']],
  ['range(3)', [0, 1, 2]],
  ['sort(["b", "a"])', ['a', 'b']],
  ['reverse([1, 2])', [2, 1]],
  ['trimprefix("com.amazonaws.s3", "com.amazonaws.")', 's3'],
  ['trimsuffix("a.json", ".json")', 'a'],
  ['abs(-2)', 2],
  ['index(["a", "b"], "b")', 1],
  ['alltrue([true, "true"])', true],
  ['anytrue([false])', false],
  ['sum([1, 2, 3])', 6],
];

describe('functions', () => {
  for (const [expr, expected] of cases) {
    it(expr, () => {
      assert.deepEqual(jsonOf(expr), expected);
    });
  }

  describe('with unknown inputs', () => {
    const unknownCases = [
      'jsonencode({a = var.u})',
      'merge({a = 1}, var.u)',
      'concat(["a"], var.u)',
      'toset(var.u)',
      'length(var.u)',
      'lookup(var.u, "a", 1)',
      'lower(var.u)',
      'format("%s", var.u)',
      'cidrsubnet(var.u, 8, 1)',
      'coalesce(var.u, "x")',
      'keys(var.u)',
      'contains(["a", var.u], "b")',
      'element(var.l, var.u)',
      'tostring(var.u)',
      'try(var.u, "x")',
      'can(var.u)',
      'templatefile("x.tpl", {})',
      'file("policy.json")',
    ];
    for (const expr of unknownCases) {
      it(`${expr} is unknown`, () => {
        assert.equal(jsonOf(expr, UNK), 'UNKNOWN');
      });
    }
  });

  it('keeps the known pieces of join with an unknown item', () => {
    const v = evalExpr('join(".", ["com", "amazonaws", var.u, "s3"])', UNK);
    assert.equal(v.kind, 'unknown');
    assert.deepEqual(v.kind === 'unknown' && v.parts, ['com.amazonaws.', null, '.s3']);
  });

  it('jsonencode of a value holding a resource reference is unknown', () => {
    const v = evalExpr('jsonencode({Resource = aws_s3_bucket.b.arn})', 'resource "aws_s3_bucket" "b" {}');
    assert.equal(v.kind, 'unknown');
  });

  it('coalesce keeps a computed attribute, which is never empty', () => {
    const v = evalExpr('coalesce(aws_vpc.v.id, "x")', 'resource "aws_vpc" "v" {}');
    assert.equal(v.kind === 'ref' && v.target.address, 'aws_vpc.v');
  });

  it('replace understands RE2 named groups', () => {
    assert.equal(jsonOf('replace("ab12", "/(?P<l>[a-z]+)(?P<d>[0-9]+)/", "$2$1")'), '12ab');
  });

  it('misuse is an error that try skips', () => {
    assert.equal(jsonOf('try(cidrsubnet("10.0.0.0/30", 8, 1), "bad")'), 'bad');
    assert.equal(jsonOf('try(element([], 0), "empty")'), 'empty');
    assert.equal(jsonOf('try(one(["a", "b"]), "many")'), 'many');
    assert.equal(jsonOf('try(jsondecode("{"), "invalid")'), 'invalid');
    assert.equal(jsonOf('try(lookup({}, "k"), "missing")'), 'missing');
    assert.equal(jsonOf('try(tonumber("x"), -1)'), -1);
  });
});
