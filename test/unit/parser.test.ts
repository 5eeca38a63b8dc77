// The shapes the parser builds: bodies, blocks, every expression form, templates, comments.
import { strict as assert } from 'node:assert';
import type {
  Attribute,
  Block,
  Expression,
  File,
  ForExpr,
  FunctionCall,
  HeredocExpr,
  ObjectExpr,
  Splat,
  TemplateExpr,
} from '../../server/src/hcl/ast';
import { parse } from '../../server/src/hcl/parser';
import { walk } from '../../server/src/hcl/walk';

function clean(text: string): File {
  const f = parse(text, 'test.tf');
  assert.deepEqual(
    f.diagnostics.map((d) => d.message),
    [],
    'no diagnostics',
  );
  return f;
}

function attr(text: string): Expression {
  const item = clean(`x = ${text}\n`).body.items[0] as Attribute;
  assert.ok(item.value);
  return item.value;
}

/** A compact rendering of an expression tree, to assert structure in one line. */
function show(e: Expression): string {
  switch (e.type) {
    case 'Literal':
      return e.raw;
    case 'Variable':
      return e.name;
    case 'GetAttr':
      return `${show(e.object)}.${e.name.name}`;
    case 'Index':
      return `${show(e.object)}[${show(e.key)}]`;
    case 'LegacyIndex':
      return `${show(e.object)}.<${e.index}>`;
    case 'Splat':
      return `splat${e.full ? '[*]' : '.*'}(${show(e.object)} => ${show(e.each)})`;
    case 'SplatItem':
      return '@';
    case 'BinaryOp':
      return `(${show(e.left)} ${e.operator} ${show(e.right)})`;
    case 'UnaryOp':
      return `(${e.operator}${show(e.operand)})`;
    case 'Conditional':
      return `(${show(e.condition)} ? ${show(e.trueExpr)} : ${show(e.falseExpr)})`;
    case 'Parens':
      return `<${show(e.expr)}>`;
    case 'FunctionCall':
      return `${e.name.name}(${e.args.map(show).join(', ')}${e.expandFinal ? '...' : ''})`;
    case 'Tuple':
      return `[${e.items.map(show).join(', ')}]`;
    case 'Object':
      return `{${e.items.map((i) => `${show(i.key)}${i.separator}${show(i.value)}`).join(', ')}}`;
    case 'Template':
      return JSON.stringify(
        e.parts.map((p) => (p.type === 'TemplateLiteral' ? p.value : p.type === 'TemplateInterpolation' ? `\${${show(p.expr)}}` : p.type)),
      );
    default:
      return e.type;
  }
}

describe('parser: bodies and blocks', () => {
  it('reads attributes and blocks with quoted and bare labels', () => {
    const f = clean('a = 1\nresource "aws_vpc" main {\n  b = 2\n}\n');
    assert.equal(f.body.items.length, 2);
    const a = f.body.items[0] as Attribute;
    assert.equal(a.name.name, 'a');
    assert.deepEqual([a.equals.start.character, a.equals.end.character], [2, 3]);
    const b = f.body.items[1] as Block;
    assert.equal(b.blockType.name, 'resource');
    assert.deepEqual(
      b.labels.map((l) => [l.value, l.quoted]),
      [
        ['aws_vpc', true],
        ['main', false],
      ],
    );
    assert.deepEqual(b.labels[0].range.start.character, 9, 'a quoted label range includes its quotes');
    assert.equal(b.openBrace?.start.offset, 30);
    assert.equal(b.closeBrace?.start.line, 3);
    assert.equal(b.body.items.length, 1);
  });

  it('decodes escapes in quoted labels', () => {
    const b = clean('a "x\\"y\\u0041" {}\n').body.items[0] as Block;
    assert.equal(b.labels[0].value, 'x"yA');
  });

  it('reads one-line blocks and empty blocks', () => {
    const f = clean('a "b" { c = 1 }\nd {}\ne "f" "g" "h" {\n}\n');
    const [a, d, e] = f.body.items as Block[];
    assert.equal((a.body.items[0] as Attribute).name.name, 'c');
    assert.equal(d.body.items.length, 0);
    assert.deepEqual(
      e.labels.map((l) => l.value),
      ['f', 'g', 'h'],
    );
  });

  it('keeps comments of the three kinds', () => {
    const f = clean('# hash\n// slashes\n/* block\n comment */ a = 1 # trailing\n');
    assert.deepEqual(
      f.comments.map((c) => [c.kind, c.text]),
      [
        ['line', '# hash'],
        ['line', '// slashes'],
        ['block', '/* block\n comment */'],
        ['line', '# trailing'],
      ],
    );
    assert.deepEqual([f.comments[2].range.start.line, f.comments[2].range.end.line, f.comments[2].range.end.character], [2, 3, 11]);
    assert.equal(f.body.items.length, 1);
  });

  it('accepts Unicode identifiers with dashes', () => {
    const f = clean('ünïcode-name = 1\nблок "метка" {\n  ключ_1 = 2\n}\n');
    assert.equal((f.body.items[0] as Attribute).name.name, 'ünïcode-name');
    assert.equal((f.body.items[1] as Block).blockType.name, 'блок');
  });

  it('never throws on arbitrary input', () => {
    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = 'ab1 "{}[]()=:,.*?!<>-+/%#$~\\\n\t\'`@\u00e9\ud83d\ude00<<EOT\n%{${';
    for (let i = 0; i < 300; i++) {
      let s = '';
      const len = Math.floor(rand() * 200);
      for (let j = 0; j < len; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
      const f = parse(s, 'fuzz.tf');
      assert.equal(f.range.end.offset, s.length);
    }
  });
});

describe('parser: expressions', () => {
  it('literals', () => {
    assert.deepEqual(attr('1.5e3'), { type: 'Literal', value: 1500, raw: '1.5e3', range: attr('1.5e3').range });
    assert.equal(show(attr('true')), 'true');
    assert.equal((attr('null') as { value: unknown }).value, null);
    assert.equal(show(attr('-1')), '(-1)');
  });

  it('binary operators follow the spec precedence and associate left', () => {
    assert.equal(show(attr('1 + 2 * 3')), '(1 + (2 * 3))');
    assert.equal(show(attr('1 - 2 - 3')), '((1 - 2) - 3)');
    assert.equal(show(attr('a || b && c')), '(a || (b && c))');
    assert.equal(show(attr('a == b && c < d')), '((a == b) && (c < d))');
    assert.equal(show(attr('a + b < c * d % e')), '((a + b) < ((c * d) % e))');
    assert.equal(show(attr('!a == -b')), '((!a) == (-b))');
    assert.equal(show(attr('a >= 1 != b <= 2')), '((a >= 1) != (b <= 2))');
    assert.equal(show(attr('a / b > c')), '((a / b) > c)');
  });

  it('conditionals nest to the right and bind loosest', () => {
    assert.equal(show(attr('a ? b : c ? d : e')), '(a ? b : (c ? d : e))');
    assert.equal(show(attr('a || b ? 1 + 2 : 3')), '((a || b) ? (1 + 2) : 3)');
  });

  it('parentheses', () => {
    assert.equal(show(attr('(1 + 2) * 3')), '(<(1 + 2)> * 3)');
    assert.equal(show(attr('(\n  a\n  ? b\n  : c\n)')), '<(a ? b : c)>');
  });

  it('traversals: attributes, indexes and legacy indexes', () => {
    assert.equal(show(attr('aws_vpc.main.id')), 'aws_vpc.main.id');
    assert.equal(show(attr('var.list[0]["k"].name')), 'var.list[0][["k"]].name');
    assert.equal(show(attr('var.list.0.name')), 'var.list.<0>.name');
    assert.equal(show(attr('a.0e1')), 'a.<0>');
    // HCL reads `0.1` as one number there and rejects it; the tree keeps both steps.
    const chained = parse('x = a.0.1\n', 'x.tf');
    assert.match(chained.diagnostics[0]?.message ?? '', /legacy index/);
    assert.equal(show((chained.body.items[0] as Attribute).value!), 'a.<0>.<1>');
  });

  it('splats carry their traversal over a SplatItem', () => {
    const full = attr('aws_subnet.private[*].id') as Splat;
    assert.equal(show(full), 'splat[*](aws_subnet.private => @.id)');
    assert.equal(full.each.type, 'GetAttr');
    assert.equal(show(attr('a[*].b[0].c')), 'splat[*](a => @.b[0].c)');
    assert.equal(show(attr('a.*.b.c')), 'splat.*(a => @.b.c)');
    assert.equal(show(attr('a.*.b[0]')), 'splat.*(a => @.b)[0]', 'an attribute splat stops at an index');
    assert.equal(show(attr('a[*]')), 'splat[*](a => @)');
    assert.equal(show(attr('a[ * ].b')), 'splat[*](a => @.b)');
  });

  it('function calls, expansion and namespaced names', () => {
    const call = attr('concat(a, [b]...)') as FunctionCall;
    assert.equal(show(call), 'concat(a, [b]...)');
    assert.equal(call.expandFinal, true);
    assert.equal(call.name.range.end.character, 10);
    assert.equal(show(attr('timestamp()')), 'timestamp()');
    assert.equal(show(attr('f(\n  1,\n  2,\n)')), 'f(1, 2)');
    assert.equal((attr('provider::aws::arn_parse(x)') as FunctionCall).name.name, 'provider::aws::arn_parse');
  });

  it('tuples and objects', () => {
    assert.equal(show(attr('[1, "a", [], {}]')), '[1, ["a"], [], {}]');
    assert.equal(show(attr('[\n  1,\n  2,\n]')), '[1, 2]');
    const obj = attr('{\n  a = 1\n  "b": 2, (c) = 3\n  d.e = 4\n}') as ObjectExpr;
    assert.equal(show(obj), '{a=1, ["b"]:2, <c>=3, d.e=4}');
    assert.equal(obj.items[0].key.type, 'Variable');
  });

  it('for expressions', () => {
    const t = attr('[for i, s in var.l : upper(s) if s != ""]') as ForExpr;
    assert.deepEqual([t.kind, t.keyVar, t.valueVar, t.group], ['tuple', 'i', 's', false]);
    assert.equal(show(t.collection), 'var.l');
    assert.equal(show(t.valueExpr), 'upper(s)');
    assert.equal(show(t.condition!), '(s != [""])');
    const o = attr('{\n  for k, v in m :\n  k => v...\n  if v != null\n}') as ForExpr;
    assert.deepEqual([o.kind, o.keyVar, o.valueVar, o.group], ['object', 'k', 'v', true]);
    assert.equal(show(o.keyExpr!), 'k');
    const noKey = attr('[for s in l : s]') as ForExpr;
    assert.equal(noKey.keyVar, undefined);
    assert.equal(noKey.condition, undefined);
  });
});

describe('parser: templates', () => {
  it('decodes escapes and keeps literal ${ and %{', () => {
    const t = attr('"a\\n\\t\\"\\\\ \\u00e9 \\U0001F600 $${x} %%{y} $ %"') as TemplateExpr;
    assert.equal(t.parts.length, 1);
    assert.equal(t.parts[0].type === 'TemplateLiteral' && t.parts[0].value, 'a\n\t"\\ é 😀 ${x} %{y} $ %');
  });

  it('an empty string has one empty literal part', () => {
    const t = attr('""') as TemplateExpr;
    assert.deepEqual(
      t.parts.map((p) => p.type === 'TemplateLiteral' && p.value),
      [''],
    );
  });

  it('interpolations with strip markers', () => {
    const t = attr('"  a  ${~ b ~}  c  ${d}"') as TemplateExpr;
    assert.equal(show(t), '["  a","${b}","c  ","${d}"]');
    const interp = t.parts[1];
    assert.ok(interp.type === 'TemplateInterpolation');
    assert.deepEqual([interp.stripLeft, interp.stripRight], [true, true]);
    assert.deepEqual([interp.range.start.character, interp.range.end.character], [10, 18]);
  });

  it('if and for directives nest', () => {
    const t = attr('"%{ for k, v in m }%{ if v }${k}%{ else }-%{ endif }%{ endfor }"') as TemplateExpr;
    assert.equal(t.parts.length, 1);
    const f = t.parts[0];
    assert.ok(f.type === 'TemplateFor');
    assert.deepEqual([f.keyVar, f.valueVar, show(f.collection)], ['k', 'v', 'm']);
    const i = f.body[0];
    assert.ok(i.type === 'TemplateIf');
    assert.equal(show(i.condition), 'v');
    assert.equal(i.then[0].type, 'TemplateInterpolation');
    assert.ok(i.else);
    assert.equal(i.else[0].type === 'TemplateLiteral' && i.else[0].value, '-');
  });

  it('heredocs, plain and indented', () => {
    const h = attr('<<EOT\n  a ${b}\n  c\nEOT') as HeredocExpr;
    assert.deepEqual([h.type, h.marker, h.indented], ['Heredoc', 'EOT', false]);
    assert.deepEqual(
      h.parts.map((p) => (p.type === 'TemplateLiteral' ? p.value : p.type)),
      ['  a ', 'TemplateInterpolation', '\n  c\n'],
    );
    assert.deepEqual([h.contentRange.start.line, h.contentRange.end.line, h.range.end.line], [1, 3, 3]);
    const ind = attr('<<-EOT\n    a\n      b\n\n    c\n  EOT') as HeredocExpr;
    assert.equal(ind.indented, true);
    assert.deepEqual(
      ind.parts.map((p) => p.type === 'TemplateLiteral' && p.value),
      ['a\n  b\n\nc\n'],
    );
  });

  it('a heredoc marker must stand alone on its line (white space around it allowed, as in HCL)', () => {
    const h = attr('<<EOT\nEOTX\n EOT x\nEOT\n') as HeredocExpr;
    assert.deepEqual(
      h.parts.map((p) => p.type === 'TemplateLiteral' && p.value),
      ['EOTX\n EOT x\n'],
    );
    const spaced = attr('<<EOT\nEOTX\n EOT \t\n') as HeredocExpr;
    assert.deepEqual(
      spaced.parts.map((p) => p.type === 'TemplateLiteral' && p.value),
      ['EOTX\n'],
    );
  });
});

describe('parser: tree walk', () => {
  it('visits every node once, children inside their parents', () => {
    const f = clean('a "b" {\n  c = [for x in y : "${x.z}" if !x.w]\n  d = f(1)[0].*.e\n}\n');
    let count = 0;
    walk(f, (node, parent) => {
      count++;
      if (parent !== undefined && parent.type !== 'File' && 'range' in node) {
        assert.ok(node.range.start.offset >= parent.range.start.offset, `${node.type} starts inside ${parent.type}`);
        assert.ok(node.range.end.offset <= parent.range.end.offset, `${node.type} ends inside ${parent.type}`);
      }
    });
    assert.ok(count > 25);
  });
});
