// Terraform's JSON configuration syntax read into the native syntax tree: structure and
// ranges, templates, the arguments Terraform reads as written or as references, broken JSON,
// the same values as HashiCorp's parser gives for the same configuration in the native syntax,
// and the conformance script over folders with JSON files and files the loader skips.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareJsonText, loadConfigFiles, renderNative } from '../../bench/conformance';
import type { Attribute, Block, Expression, File } from '../../server/src/hcl/ast';
import { reparse, type ReparseInfo } from '../../server/src/hcl/incremental';
import { isJsonSyntaxPath, parseConfigFile, parseJsonConfig } from '../../server/src/hcl/json-syntax';
import { toHcl2Json } from '../../server/src/hcl/to-json';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const reference = require('@cdktf/hcl2json') as { parse: (name: string, text: string) => Promise<unknown> };

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'json-syntax');

const blocks = (f: File): Block[] => f.body.items.filter((i): i is Block => i.type === 'Block');
const attr = (b: Block, name: string): Attribute => {
  const a = b.body.items.find((i): i is Attribute => i.type === 'Attribute' && i.name.name === name);
  assert.ok(a, `no argument ${name}`);
  return a;
};
/** 1-based line:column of a range's start, as an editor shows it. */
const at = (r: { start: { line: number; character: number } }) => `${r.start.line + 1}:${r.start.character + 1}`;
const slice = (text: string, e: { range: { start: { offset: number }; end: { offset: number } } }) =>
  text.slice(e.range.start.offset, e.range.end.offset);
const parseOk = (text: string, name = 'main.tf.json'): File => {
  const f = parseJsonConfig(text, name);
  assert.deepEqual(
    f.diagnostics.map((d) => `${at(d.range)} ${d.message}`),
    [],
  );
  return f;
};

describe('JSON configuration syntax', () => {
  it('is recognised by its file name, and parseConfigFile picks the parser', () => {
    assert.ok(isJsonSyntaxPath('/ws/main.tf.json') && isJsonSyntaxPath('/ws/main.tofu.json'));
    assert.ok(!isJsonSyntaxPath('/ws/main.tf') && !isJsonSyntaxPath('/ws/terraform.tfvars.json') && !isJsonSyntaxPath('/ws/x.json'));
    assert.equal(parseConfigFile('{"locals": {"a": 1}}', 'a.tf.json').diagnostics.length, 0);
    assert.ok(parseConfigFile('{"locals": {"a": 1}}', 'a.tf').diagnostics.length > 0, 'a .tf file is native syntax');
  });

  describe('the same configuration as the native syntax', () => {
    const pairs = fs
      .readdirSync(FIXTURES)
      .filter((n) => n.endsWith('.tf.json'))
      .sort();

    it('has fixtures', () => assert.ok(pairs.length >= 1));

    for (const name of pairs) {
      it(`${name}: our reading of the JSON equals HashiCorp's reading of the native file`, async () => {
        const json = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
        const native = fs.readFileSync(path.join(FIXTURES, name.replace(/\.json$/, '')), 'utf8');
        const expected = await reference.parse('main.tf', native);
        assert.deepStrictEqual(toHcl2Json(parseOk(json, name), json), expected);
      });

      it(`${name}: written back in the native syntax, HashiCorp's parser reads the same values`, async () => {
        const json = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
        assert.deepEqual(await compareJsonText(json, reference.parse, name), { verdict: 'equal' });
      });
    }

    it('notices a difference (the comparison is not vacuous)', async () => {
      const json = fs.readFileSync(path.join(FIXTURES, 'endpoints.tf.json'), 'utf8');
      const native = fs.readFileSync(path.join(FIXTURES, 'endpoints.tf'), 'utf8');
      const expected = await reference.parse('main.tf', native);
      for (const [from, to] of [
        ['"${aws_vpc.main.id}"', '"aws_vpc.main.id"'],
        ['"depends_on": ["aws_vpc.main", ', '"depends_on": ['],
        ['"ignore_changes": ["tags", "dns_options"]', '"ignore_changes": ["tags"]'],
        ['$${literal}', '${literal}'],
      ]) {
        const mutated = json.replace(from, to);
        assert.notEqual(mutated, json);
        assert.notDeepStrictEqual(toHcl2Json(parseOk(mutated), mutated), expected, `${from} -> ${to}`);
      }
    });
  });

  it('nests blocks by labels, reads bodies given as arrays, and points every node into the JSON text', () => {
    const text = [
      '{',
      '  "resource": {',
      '    "aws_vpc": {',
      '      "main": {"cidr_block": "10.0.0.0/16"},',
      '      "other": [{"cidr_block": "10.1.0.0/16"}, {"cidr_block": "10.2.0.0/16"}]',
      '    },',
      '    "aws_subnet": {"a": {"vpc_id": "${aws_vpc.main.id}"}}',
      '  },',
      '  "locals": [{"x": 1}, {"y": 2}]',
      '}',
    ].join('\n');
    const f = parseOk(text);
    const all = blocks(f);
    assert.deepEqual(
      all.map((b) => [b.blockType.name, ...b.labels.map((l) => l.value)].join(' ')),
      ['resource aws_vpc main', 'resource aws_vpc other', 'resource aws_vpc other', 'resource aws_subnet a', 'locals', 'locals'],
    );
    const [main, other1, other2, subnet] = all;
    // A block starts at the property that opens its body (its last label), the type shares it.
    assert.equal(at(main.range), '4:7');
    assert.equal(slice(text, main.blockType), '"main"');
    assert.equal(at(main.labels[0].range), '3:5');
    assert.equal(slice(text, main.labels[0]), '"aws_vpc"');
    assert.equal(slice(text, main), '"main": {"cidr_block": "10.0.0.0/16"}');
    assert.equal(slice(text, { range: main.openBrace! }), '{');
    assert.equal(main.closeBrace!.start.offset, main.range.end.offset - 1);
    // Elements of an array of bodies are blocks of their own, each over its object.
    assert.equal(slice(text, other1), '{"cidr_block": "10.1.0.0/16"}');
    assert.equal(slice(text, other2), '{"cidr_block": "10.2.0.0/16"}');
    const cidr = attr(main, 'cidr_block');
    assert.equal(slice(text, cidr), '"cidr_block": "10.0.0.0/16"');
    assert.equal(slice(text, cidr.name), '"cidr_block"');
    assert.equal(slice(text, { range: cidr.equals }), ':');
    assert.equal(cidr.value?.type, 'Template');
    const vpcId = attr(subnet, 'vpc_id').value!;
    // `"${expr}"` alone is the expression, placed inside the string.
    assert.equal(vpcId.type, 'GetAttr');
    assert.equal(slice(text, vpcId), 'aws_vpc.main.id');
    assert.equal(at(vpcId.range), '7:39');
    // The top-level items are in the order of the text and do not overlap.
    for (let i = 1; i < f.body.items.length; i++) assert.ok(f.body.items[i - 1].range.end.offset <= f.body.items[i].range.start.offset);
  });

  it('reads strings as templates, with positions past escapes in the JSON text', () => {
    const text = '{"locals": {"a": "x\\"\\u00e9 ${var.name}-%{ if var.on }on%{ endif }", "b": "$${not} ${1 + 2}", "c": "plain \\n"}}';
    const f = parseOk(text);
    const [locals] = blocks(f);
    const a = attr(locals, 'a').value!;
    assert.equal(a.type, 'Template');
    if (a.type !== 'Template') return;
    assert.deepEqual(
      a.parts.map((p) => p.type),
      ['TemplateLiteral', 'TemplateInterpolation', 'TemplateLiteral', 'TemplateIf'],
    );
    assert.equal(a.parts[0].type === 'TemplateLiteral' && a.parts[0].value, 'x"é ');
    assert.equal(slice(text, a.parts[0]), 'x\\"\\u00e9 ');
    const interp = a.parts[1];
    assert.equal(interp.type === 'TemplateInterpolation' && slice(text, interp.expr), 'var.name');
    assert.equal(slice(text, a.parts[3]), '%{ if var.on }on%{ endif }');
    const b = attr(locals, 'b').value!;
    assert.ok(b.type === 'Template' && b.parts[0].type === 'TemplateLiteral' && b.parts[0].value === '${not} ');
    const c = attr(locals, 'c').value!;
    assert.ok(c.type === 'Template' && c.parts.length === 1 && c.parts[0].type === 'TemplateLiteral' && c.parts[0].value === 'plain \n');
    assert.equal(slice(text, c), '"plain \\n"');
  });

  it('reads plain references in strings directly, to the same nodes and places as the native parser', () => {
    // A directive at the end sends the string to the native parser; the parts before it must not differ.
    for (const s of [
      '${a}',
      '${a.b.c}',
      'x-${a.b}-y',
      '${a[0]}',
      '${a.b[12].c}',
      'com.amazonaws.${var.region}.s3',
      '${a}${b}',
      '${a.b-c}',
      '${true}',
      '${a.0}',
      '\\"${a}\\"',
    ]) {
      const direct = attr(blocks(parseOk(`{"locals": {"v": "${s}"}}`))[0], 'v').value!;
      const viaParser = attr(blocks(parseOk(`{"locals": {"v": "${s}%{ if true }%{ endif }"}}`))[0], 'v').value!;
      assert.ok(viaParser.type === 'Template');
      const parts = viaParser.parts.slice(0, -1);
      if (direct.type === 'Template') assert.deepEqual(direct.parts, parts, s);
      else assert.deepEqual(direct, parts.length === 1 && parts[0].type === 'TemplateInterpolation' ? parts[0].expr : parts, s);
    }
  });

  it('reads numbers, booleans, null, arrays and objects as literals, tuples and objects', () => {
    const text = '{"locals": {"n": -1.5e3, "t": true, "z": null, "l": [1, "a"], "o": {"k": false, "//": "kept in a value"}}}';
    const [locals] = blocks(parseOk(text));
    const v = (n: string) => attr(locals, n).value!;
    assert.deepEqual(
      [v('n'), v('t'), v('z')].map((e) => e.type === 'Literal' && e.value),
      [-1500, true, null],
    );
    assert.equal(v('l').type, 'Tuple');
    const o = v('o');
    assert.ok(o.type === 'Object');
    // In an expression, "//" is an ordinary key.
    assert.deepEqual(
      o.items.map((i) => slice(text, i.key)),
      ['"k"', '"//"'],
    );
  });

  it('reads "//" as a comment in bodies and at the root only', () => {
    const text = '{"//": "generated", "resource": {"aws_vpc": {"main": {"//": "a note", "cidr_block": "10.0.0.0/16"}}}}';
    const f = parseOk(text);
    assert.equal(f.body.items.length, 1);
    assert.deepEqual(
      blocks(f)[0].body.items.map((i) => (i.type === 'Attribute' ? i.name.name : i.blockType.name)),
      ['cidr_block'],
    );
    // A label level is not a body: there "//" would name a resource, as HCL reads it.
    const wrong = parseJsonConfig('{"resource": {"//": "a note"}}', 'main.tf.json');
    assert.equal(wrong.diagnostics.length, 1);
  });

  it('reads arguments as Terraform does: literal where it takes a literal, references where it takes references', () => {
    const text = JSON.stringify({
      variable: { v: { type: 'list(string)', default: ['${not.a.template}'], description: 'x ${y}' } },
      module: { m: { source: './mod-${x}', providers: { aws: 'aws.west' }, depends_on: ['aws_vpc.main'] } },
      provider: { aws: { alias: 'west', region: '${var.region}' } },
      resource: {
        aws_vpc_endpoint: {
          e: {
            provider: 'aws.west',
            depends_on: ['aws_vpc.main', 'module.m'],
            lifecycle: { ignore_changes: 'all', replace_triggered_by: ['aws_vpc.main.id'] },
            dynamic: { dns_options: { for_each: '${var.x}', iterator: 'opt', content: { dns_record_ip_type: '${opt.value}' } } },
          },
        },
      },
      terraform: { required_version: '>= ${not.a.template}' },
    });
    const f = parseOk(text);
    const [variable, module, provider, endpoint, terraform] = blocks(f);
    const v = (b: Block, n: string) => attr(b, n).value!;
    const literal = (e: Expression) =>
      e.type === 'Template' && e.parts.length === 1 && e.parts[0].type === 'TemplateLiteral' ? e.parts[0].value : undefined;
    assert.equal(v(variable, 'type').type, 'FunctionCall');
    const def = v(variable, 'default');
    assert.ok(def.type === 'Tuple' && literal(def.items[0]) === '${not.a.template}');
    assert.equal(literal(v(variable, 'description')), 'x ${y}');
    assert.equal(literal(v(module, 'source')), './mod-${x}');
    const providers = v(module, 'providers');
    assert.ok(providers.type === 'Object' && providers.items[0].key.type === 'Variable' && providers.items[0].value.type === 'GetAttr');
    assert.equal(literal(v(provider, 'alias')), 'west');
    assert.equal(v(provider, 'region').type, 'GetAttr');
    assert.equal(v(endpoint, 'provider').type, 'GetAttr');
    const deps = v(endpoint, 'depends_on');
    assert.ok(deps.type === 'Tuple' && deps.items.every((i) => i.type === 'GetAttr'));
    const lifecycle = endpoint.body.items.find((i): i is Block => i.type === 'Block' && i.blockType.name === 'lifecycle')!;
    assert.equal(v(lifecycle, 'ignore_changes').type, 'Variable');
    const dyn = endpoint.body.items.find((i): i is Block => i.type === 'Block' && i.blockType.name === 'dynamic')!;
    assert.deepEqual(
      dyn.labels.map((l) => l.value),
      ['dns_options'],
    );
    assert.equal(v(dyn, 'iterator').type, 'Variable');
    assert.ok(dyn.body.items.some((i) => i.type === 'Block' && i.blockType.name === 'content'));
    assert.equal(literal(v(terraform, 'required_version')), '>= ${not.a.template}');
  });

  it('tells nested blocks from arguments by a small schema, everything else an argument', () => {
    const text = JSON.stringify({
      resource: {
        aws_vpc_endpoint: {
          e: { dns_options: [{ dns_record_ip_type: 'ipv4' }], subnet_configuration: { ipv4: '10.0.0.5' }, tags: { Name: 'e' } },
        },
        aws_security_group: {
          inline: { ingress: [{ from_port: 443 }, { from_port: 8443 }], egress: [] },
          expr: { ingress: '${var.rules}' },
        },
        aws_instance: { i: { ebs_block_device: { device_name: '/dev/sdb' }, timeouts: { create: '10m' } } },
        something_else: { x: { timeouts: { create: '10m' } } },
      },
      data: {
        aws_iam_policy_document: { p: { statement: [{ actions: ['s3:*'], principals: { type: '*', identifiers: ['*'] } }] } },
        aws_subnets: { s: { filter: { name: 'vpc-id', values: ['x'] } } },
      },
      provider: { aws: { default_tags: { tags: { Team: 'a' } } } },
    });
    const f = parseOk(text);
    const kinds = (b: Block) =>
      b.body.items.map((i) => `${i.type === 'Block' ? 'block' : 'arg'} ${i.type === 'Block' ? i.blockType.name : i.name.name}`);
    const [endpoint, inline, expr, instance, other, policy, subnets, provider] = blocks(f);
    assert.deepEqual(kinds(endpoint), ['block dns_options', 'block subnet_configuration', 'arg tags']);
    // An empty array of ingress blocks is no block; an expression stays an argument.
    assert.deepEqual(kinds(inline), ['block ingress', 'block ingress']);
    assert.deepEqual(kinds(expr), ['arg ingress']);
    assert.deepEqual(kinds(instance), ['arg ebs_block_device', 'block timeouts'], 'a type not in the schema: only the meta blocks');
    assert.deepEqual(kinds(other), ['arg timeouts'], 'timeouts is known for AWS types');
    const statement = policy.body.items[0] as Block;
    assert.deepEqual(kinds(statement), ['arg actions', 'block principals']);
    assert.deepEqual(kinds(subnets), ['block filter']);
    assert.deepEqual(kinds(provider), ['block default_tags']);
  });

  describe('broken JSON: never throws, reports where, keeps what it could read', () => {
    const cases: [string, string, RegExp, string][] = [
      ['a missing comma', '{"locals": {"a": 1 "b": 2}}', /expected ","/, '1:20'],
      ['a trailing comma', '{"locals": {"a": 1,}}', /property name|expected a value/, '1:20'],
      ['an unterminated string', '{"locals": {"a": "x}}', /Unterminated string/, '1:18'],
      ['a comment', '{\n  // no\n  "locals": {"a": 1}\n}', /Comments are not allowed/, '2:3'],
      ['an empty file', '', /expected a value/, '1:1'],
      ['a root array', '[{"locals": {}}]', /root .* must be an object/, '1:1'],
      ['a value where labels go', '{"resource": {"aws_vpc": "x"}}', /to give the resource block's name/, '1:26'],
      ['no label at all', '{"resource": {"aws_vpc": {}}}', /Missing block label/, '1:26'],
      ['a string as a body', '{"locals": "x"}', /Either a JSON object or a JSON array is required/, '1:12'],
      ['an argument set twice', '{"locals": {"a": 1, "a": 2}}', /already set on line 1/, '1:21'],
      ['a template error', '{"locals": {"a": "x-${var.}"}}', /attribute name/, '1:26'],
      ['a type expression error', '{"variable": {"v": {"type": "list(string"}}}', /Unclosed function call/, '1:30'],
    ];
    for (const [what, text, message, where] of cases) {
      it(what, () => {
        const f = parseJsonConfig(text, 'main.tf.json');
        assert.ok(f.diagnostics.length > 0, 'reported');
        const d = f.diagnostics[0];
        assert.match(d.message, message);
        assert.equal(at(d.range), where);
        assert.equal(d.severity, 'error');
      });
    }

    it('keeps the blocks around an error', () => {
      const f = parseJsonConfig(
        '{"resource": {"aws_vpc": {"a": {"cidr_block": "x"}, "b": {"cidr_block" "y"}}}, "locals": {"z": 1}}',
        'm.tf.json',
      );
      assert.ok(f.diagnostics.length > 0);
      assert.ok(blocks(f).some((b) => b.labels[1]?.value === 'a'));
    });

    it('every prefix of a real file parses without throwing, with positions inside the text', () => {
      const text = fs.readFileSync(path.join(FIXTURES, 'endpoints.tf.json'), 'utf8');
      for (let n = 0; n < text.length; n += 7) {
        const cut = text.slice(0, n);
        const f = parseJsonConfig(cut, 'm.tf.json');
        for (const d of f.diagnostics) assert.ok(d.range.start.offset >= 0 && d.range.end.offset <= cut.length, `${n}: ${d.message}`);
      }
    });

    it('deep nesting is reported, not a crash', () => {
      const deep = '{"locals": {"a": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}}';
      const f = parseJsonConfig(deep, 'm.tf.json');
      assert.match(f.diagnostics[0].message, /nested too deeply/);
    });
  });

  it('is always parsed whole after an edit', () => {
    const before = '{"locals": {"a": 1}, "resource": {"aws_vpc": {"main": {"cidr_block": "10.0.0.0/16"}}}}';
    const after = before.replace('"a": 1', '"a": 2');
    const info: ReparseInfo = { incremental: true, removed: [], added: [] };
    const f = reparse(parseJsonConfig(before, 'm.tf.json'), before, after, info);
    assert.equal(info.incremental, false);
    assert.deepEqual(toHcl2Json(f, after), toHcl2Json(parseJsonConfig(after, 'm.tf.json'), after));
    assert.deepEqual(f.diagnostics, []);
  });

  describe('conformance script', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-conformance-'));
      fs.mkdirSync(path.join(dir, 'm'));
      const vpc = 'resource "aws_vpc" "a" {\n  cidr_block = "10.0.0.0/16"\n}\n';
      fs.writeFileSync(path.join(dir, 'm', 'vpc.tf'), vpc);
      fs.writeFileSync(path.join(dir, 'm', 'vpc.tofu'), vpc);
      fs.writeFileSync(path.join(dir, 'm', 'b.tf.json'), '{"resource": {"aws_vpc": {"b": {"cidr_block": "10.1.0.0/16"}}}}');
      fs.writeFileSync(path.join(dir, 'm', 'b.tofu.json'), '{"resource": {"aws_vpc": {"b": {"cidr_block": "10.2.0.0/16"}}}}');
      fs.writeFileSync(path.join(dir, 'm', 'c.tf.json'), fs.readFileSync(path.join(FIXTURES, 'endpoints.tf.json')));
      fs.writeFileSync(path.join(dir, 'm', 'bin.tf'), Buffer.from([0, 1, 2, 0, 255, 0]));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('reads JSON files and lists every file the loader skips, with why', () => {
      const { read, skipped } = loadConfigFiles(dir);
      assert.deepEqual(
        read.map((r) => path.basename(r.path)),
        ['b.tofu.json', 'c.tf.json', 'vpc.tofu'],
      );
      const why = Object.fromEntries(skipped.map((s) => [path.basename(s.path), s.detail]));
      assert.deepEqual(Object.keys(why).sort(), ['b.tf.json', 'bin.tf', 'vpc.tf']);
      assert.match(why['vpc.tf']!, /shadowed by vpc\.tofu/);
      assert.match(why['b.tf.json']!, /shadowed by b\.tofu\.json/);
      assert.match(why['bin.tf']!, /not a text file/);
    });

    it('compares a JSON file through its native rendering, and says when it is not JSON', async () => {
      assert.deepEqual(await compareJsonText('{"locals": {"a": "x-${var.y}", "b": [1, true]}}', reference.parse), { verdict: 'equal' });
      assert.equal((await compareJsonText('{"locals": {"a": }}', reference.parse)).verdict, 'rejected');
      const wrong = await compareJsonText('{"resource": {"aws_vpc": "x"}}', reference.parse);
      assert.equal(wrong.verdict, 'differ');
      assert.match(wrong.detail!, /we report 1 error/);
      const f = parseJsonConfig('{"locals": {"a b": 1}}', 'x.tf.json');
      assert.equal(renderNative(f, '{"locals": {"a b": 1}}'), undefined, 'a name the native syntax cannot write');
    });
  });
});
