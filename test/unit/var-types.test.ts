// A variable's value converted to its `type` as Terraform converts it: object attributes the
// value leaves out take their `optional(type, default)` default (or null), attributes the type
// does not declare are dropped, and collections are converted element by element. The expected
// values are what `terraform console` (Terraform 1.11) prints for the same declarations.

import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { memoryHost } from '../../server/src/model/testing';
import { toJson, type Value } from '../../server/src/model/value';
import { createWorkspace } from '../../server/src/model/workspace';

/** A value as plain JSON, unknown as the string '<unknown>'. */
function plain(v: Value): unknown {
  const j = toJson(v);
  return j === undefined ? '<unknown>' : j;
}

function variable(decl: string, name = 'v', extra: Record<string, string> = {}): unknown {
  const ws = createWorkspace(memoryHost({ '/ws/main.tf': decl, ...extra }), { folders: ['/ws'] });
  return plain(ws.module('/ws')!.variable(name));
}

describe('variable values converted to their type', () => {
  it('fills optional attributes with their defaults (or null) and drops undeclared ones', () => {
    const decl = `variable "v" {
  type = object({
    a = string
    b = optional(bool, true)
    c = optional(number)
    d = optional(object({ x = optional(string, "dx"), y = optional(list(string), ["y1"]) }), {})
    e = optional(map(object({ p = optional(number, 7) })), { k = {} })
  })
  default = { a = "A", extra = 1, b = null }
}
`;
    assert.deepEqual(variable(decl), { a: 'A', b: true, c: null, d: { x: 'dx', y: ['y1'] }, e: { k: { p: 7 } } });
  });

  it('converts maps, lists, sets and tuples element by element', () => {
    assert.deepEqual(
      variable(`variable "v" {\n  type = map(object({ n = optional(string, "nn") }))\n  default = { one = {}, two = { n = "x" } }\n}\n`),
      {
        one: { n: 'nn' },
        two: { n: 'x' },
      },
    );
    assert.deepEqual(variable(`variable "v" {\n  type = list(object({ r = optional(number, 3) }))\n  default = [{}, { r = 1 }]\n}\n`), [
      { r: 3 },
      { r: 1 },
    ]);
    // Two elements equal once defaulted are one element of a set.
    assert.deepEqual(variable(`variable "v" {\n  type = set(object({ r = optional(number, 3) }))\n  default = [{}, { r = 3 }]\n}\n`), [
      { r: 3 },
    ]);
    // A set of numbers or bools is in Terraform's order, whatever order the value was written in.
    assert.deepEqual(variable(`variable "v" {\n  type = set(number)\n  default = [443, 80, 8443, 80]\n}\n`), [80, 443, 8443]);
    assert.deepEqual(variable(`variable "v" {\n  type = set(bool)\n  default = [true, false]\n}\n`), [false, true]);
    assert.deepEqual(
      variable(`variable "v" {\n  type = tuple([string, object({ q = optional(bool, false) })])\n  default = ["s", {}]\n}\n`),
      ['s', { q: false }],
    );
  });

  it('converts a default to the type of its attribute, and leaves null and any alone', () => {
    assert.deepEqual(
      variable(`variable "v" {\n  type = object({ s = optional(string, 5), t = optional(number, "6") })\n  default = {}\n}\n`),
      {
        s: '5',
        t: 6,
      },
    );
    assert.equal(variable(`variable "v" {\n  type = object({ a = optional(string, "z") })\n  default = null\n}\n`), null);
    assert.deepEqual(variable(`variable "v" {\n  type = any\n  default = { a = 1 }\n}\n`), { a: 1 });
  });

  it('applies the defaults to a value a module call passes and to a value of a variable file', () => {
    const childText = `variable "v" {\n  type = map(object({ dns = optional(bool, true) }))\n}\noutput "o" {\n  value = var.v\n}\n`;
    const ws = createWorkspace(
      memoryHost({
        '/ws/main.tf': 'module "c" {\n  source = "./c"\n  v = { a = {} }\n}\n',
        '/ws/c/main.tf': childText,
      }),
      { folders: ['/ws'] },
    );
    const child = ws.module('/ws')!.children().get('c')?.[0];
    assert.ok(child, 'the call is followed');
    assert.deepEqual(plain(child.variable('v')), { a: { dns: true } });
    assert.deepEqual(
      variable(`variable "v" {\n  type = object({ a = optional(number, 1), b = optional(number, 2) })\n}\n`, 'v', {
        '/ws/terraform.tfvars': 'v = { b = 5 }\n',
      }),
      { a: 1, b: 5 },
    );
  });

  it('converts "1" and "0" to bools and only decimal strings to numbers', () => {
    assert.deepEqual(
      variable(
        `variable "v" {\n  type = object({ dns = bool, on = optional(bool, "1"), l = list(bool) })\n  default = { dns = "0", l = ["1", "false", true] }\n}\n`,
      ),
      { dns: false, on: true, l: [true, false, true] },
    );
    assert.deepEqual(variable(`variable "v" {\n  type = list(number)\n  default = ["443", "0x10", " 5"]\n}\n`), [443, '0x10', ' 5']);
  });

  it('tells a number from a long string of digits in linear time', function () {
    // A pattern that backtracks would take minutes on half a million digits.
    this.timeout(20_000);
    const digits = '1'.repeat(500_000);
    assert.equal(variable(`variable "v" {\n  type = number\n  default = "${digits}x"\n}\n`), `${digits}x`);
  });

  it('leaves a value that does not fit its type as given', () => {
    // A required attribute left out: Terraform stops with an error; the attribute stays unknown.
    assert.deepEqual(variable(`variable "v" {\n  type = object({ a = string, b = optional(string, "B") })\n  default = {}\n}\n`), {
      b: 'B',
    });
    assert.equal(variable(`variable "v" {\n  type = list(string)\n  default = "x"\n}\n`), 'x');
  });

  it('is bounded: defaults that would make too large a value give unknown', () => {
    const attrs = Array.from({ length: 2000 }, (_, i) => `a${i} = optional(string, "x")`).join(', ');
    const decl = `variable "v" {\n  type = list(object({ ${attrs} }))\n  default = [for i in range(5000) : {}]\n}\n`;
    const started = Date.now();
    assert.equal(variable(decl), '<unknown>');
    assert.ok(Date.now() - started < 20_000, 'ends');
  });

  it('reads a setting from an optional default through try, can and lookup as Terraform does', () => {
    const decl = `variable "eps" {
  type = map(object({
    service_name        = string
    private_dns_enabled = optional(bool, true)
    policy = optional(any, {
      Statement = [{ Action = "*", Effect = "Allow", Principal = "*", Resource = "*" }]
    })
  }))
  default = { ssm = { service_name = "com.amazonaws.us-east-1.ssm" } }
}
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
  enable_dns_support   = true
}
resource "aws_vpc_endpoint" "this" {
  for_each            = var.eps
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "Interface"
  service_name        = each.value.service_name
  private_dns_enabled = try(each.value.private_dns_enabled, null)
  policy              = can(each.value.policy) ? jsonencode(each.value.policy) : null
  subnet_ids          = ["subnet-1", "subnet-2"]
  security_group_ids  = ["sg-1"]
}
resource "aws_vpc_endpoint" "looked_up" {
  for_each            = var.eps
  vpc_id              = aws_vpc.main.id
  vpc_endpoint_type   = "Interface"
  service_name        = each.value.service_name
  private_dns_enabled = lookup(each.value, "private_dns_enabled", false)
  policy              = jsonencode(lookup(each.value, "policy", {}))
  subnet_ids          = ["subnet-1", "subnet-2"]
  security_group_ids  = ["sg-1"]
}
`;
    const ws = createWorkspace(memoryHost({ '/ws/main.tf': decl }), { folders: ['/ws'] });
    const rules = new Set(analyze(ws).map((f) => `${f.rule} ${f.range.start.line + 1}`));
    // Private DNS is on and a policy is set (the default's): no PL102, no PL301 …
    for (const r of rules) assert.ok(!/^PL(102|301) /.test(r), `not ${r}`);
    // … and that policy is open to everyone, which PL302 says for both endpoints.
    assert.ok([...rules].filter((r) => r.startsWith('PL302 ')).length >= 1, [...rules].join(', '));
  });
});
