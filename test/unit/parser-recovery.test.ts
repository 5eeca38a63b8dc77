// Error tolerance: broken files still yield every block after the break, with the right
// ranges, plus diagnostics that carry ranges. Nothing throws, and deep nesting is reported.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Attribute, Block, File } from '../../server/src/hcl/ast';
import { MAX_DEPTH, parse } from '../../server/src/hcl/parser';
import { offsetToPosition } from '../../server/src/hcl/positions';

const dir = join(__dirname, '..', 'fixtures', 'hcl', 'broken');
const read = (name: string): string => readFileSync(join(dir, name), 'utf8');

function itemName(i: Attribute | Block): string {
  return i.type === 'Attribute' ? i.name.name : i.blockType.name;
}

function topBlocks(f: File): Block[] {
  return f.body.items.filter((i): i is Block => i.type === 'Block');
}

function findBlock(f: File, lastLabel: string): Block {
  const b =
    topBlocks(f).find((x) => x.labels.length > 0 && x.labels[x.labels.length - 1].value === lastLabel) ??
    topBlocks(f).find((x) => x.labels.length === 0 && x.blockType.name === lastLabel);
  assert.ok(b, `block ${lastLabel} is in the tree`);
  return b;
}

/**
 * Every top-level block whose last label starts with "after" must start where its header is
 * in the text, and end at the first `}` in column 0 after it.
 */
function assertBlocksAfterBreak(name: string, expectedAfter: string[]): File {
  const text = read(name);
  const f = parse(text, name);
  assert.ok(f.diagnostics.length > 0, 'a broken file has diagnostics');
  for (const d of f.diagnostics) {
    assert.equal(d.severity, 'error');
    assert.ok(d.range.start.offset <= d.range.end.offset && d.range.end.offset <= text.length, 'diagnostic range inside the file');
    assert.deepEqual(d.range.start, offsetToPosition(f.lineStarts, d.range.start.offset), 'diagnostic start position is consistent');
  }
  for (const label of expectedAfter) {
    const b = findBlock(f, label);
    const headerAt = text.search(new RegExp(`^\\w+ (?:"[^"]*" )*"${label}" \\{`, 'm'));
    assert.ok(headerAt >= 0, `fixture ${name} has a header for ${label}`);
    const closeAt = text.indexOf('\n}', headerAt) + 1;
    assert.deepEqual(b.range.start, offsetToPosition(f.lineStarts, headerAt), `${label} starts at its header`);
    assert.deepEqual(b.range.end, offsetToPosition(f.lineStarts, closeAt + 1), `${label} ends at its closing brace`);
    assert.ok(b.closeBrace, `${label} is closed`);
    assert.equal(b.closeBrace.start.offset, closeAt);
  }
  return f;
}

describe('parser: error recovery', () => {
  it('an unclosed block does not hide the blocks after it', () => {
    const f = assertBlocksAfterBreak('unclosed-brace.tf', ['after_one', 'after_two']);
    const broken = findBlock(f, 'broken');
    assert.equal(broken.closeBrace, undefined);
    assert.deepEqual(broken.body.items.map(itemName), ['cidr_block', 'tags']);
    assert.ok(f.diagnostics.some((d) => /Unclosed block/.test(d.message) && d.range.start.line === 0));
    const two = findBlock(f, 'after_two');
    assert.equal(two.body.items[0].type, 'Block');
  });

  it('an unclosed nested block keeps the later top-level blocks (with and without labels)', () => {
    const f = assertBlocksAfterBreak('unclosed-nested.tf', ['after_one']);
    const locals = findBlock(f, 'locals');
    assert.deepEqual(locals.body.items.map(itemName), ['after_locals']);
  });

  it('a block header typed above existing blocks does not swallow them', () => {
    const f = assertBlocksAfterBreak('new-header-above.tf', ['after_one']);
    const broken = findBlock(f, 'broken');
    assert.equal(broken.body.items.length, 0);
    assert.equal(broken.closeBrace, undefined);
    assert.deepEqual(
      topBlocks(f).map((b) => b.blockType.name),
      ['resource', 'resource', 'locals'],
    );
  });

  it('a nested block at column 0 stays nested when its type is not a top-level one', () => {
    const f = parse('resource "a" "b" {\ndynamic "x" {\ncontent {}\n}\n}\n', 'x.tf');
    assert.deepEqual(f.diagnostics, []);
    assert.equal(topBlocks(f).length, 1);
  });

  it('a half-typed attribute keeps the attributes and blocks after it', () => {
    const f = assertBlocksAfterBreak('half-typed-attribute.tf', ['after_one', 'after_two']);
    const broken = findBlock(f, 'broken');
    const attrs = broken.body.items.filter((i) => i.type === 'Attribute');
    assert.deepEqual(
      attrs.map((a) => a.name.name),
      ['vpc_id', 'service_name', 'subnet_ids'],
    );
    const vpc = attrs[0];
    assert.equal(vpc.type === 'Attribute' && vpc.value, undefined, 'the half-typed value is undefined');
    assert.ok(broken.closeBrace, 'the block still closes at its own brace');
    const d = f.diagnostics.find((x) => /after "="/.test(x.message));
    assert.ok(d);
    assert.equal(d.range.start.line, 1);
  });

  it('an unterminated string ends at its line', () => {
    const f = assertBlocksAfterBreak('unterminated-string.tf', ['after_one']);
    const broken = findBlock(f, 'broken');
    assert.deepEqual(broken.body.items.map(itemName), ['service_name', 'vpc_id']);
    const d = f.diagnostics.find((x) => /Unterminated string/.test(x.message));
    assert.ok(d);
    assert.equal(d.range.start.line, 1);
  });

  it('an unterminated interpolation ends at its line', () => {
    const f = assertBlocksAfterBreak('unterminated-interpolation.tf', ['after_one']);
    assert.deepEqual(findBlock(f, 'broken').body.items.map(itemName), ['service_name', 'vpc_id']);
  });

  it('an unterminated heredoc at the end of the file keeps the blocks before it', () => {
    const text = read('unterminated-heredoc.tf');
    const f = parse(text, 'x.tf');
    const before = findBlock(f, 'after_zero');
    assert.equal(before.range.start.offset, 0);
    assert.ok(before.closeBrace);
    const broken = findBlock(f, 'broken');
    const policy = broken.body.items[0];
    assert.ok(policy.type === 'Attribute' && policy.value?.type === 'Heredoc');
    assert.equal(policy.value.range.end.offset, text.length);
    assert.ok(f.diagnostics.some((d) => /Unterminated heredoc/.test(d.message)));
  });

  it('an unclosed tuple, call or object stops at the next top-level block', () => {
    assertBlocksAfterBreak('unclosed-tuple.tf', ['after_one']);
    assertBlocksAfterBreak('unclosed-call.tf', ['after_one']);
    assertBlocksAfterBreak('unclosed-object.tf', ['after_one']);
  });

  it('stray tokens are reported and skipped', () => {
    const f = assertBlocksAfterBreak('stray-tokens.tf', ['after_one']);
    assert.ok(f.diagnostics.length >= 4);
    const broken = findBlock(f, 'broken');
    assert.equal(itemName(broken.body.items[0]), 'cidr_block');
  });

  it('binary junk is reported and skipped', () => {
    const f = assertBlocksAfterBreak('binary-junk.tf', ['after_one']);
    assert.ok(findBlock(f, 'after_zero').closeBrace);
  });

  it('broken templates are reported and the block goes on', () => {
    const f = assertBlocksAfterBreak('bad-template.tf', ['after_one']);
    const msgs = f.diagnostics.map((d) => d.message).join('\n');
    assert.match(msgs, /Unclosed "if"/);
    assert.match(msgs, /Invalid escape/);
    assert.match(msgs, /template directive/);
    assert.equal(findBlock(f, 'broken').body.items.length, 4);
  });

  it('every broken fixture parses without throwing, with diagnostics in order', () => {
    for (const name of readdirSync(dir)) {
      const f = parse(read(name), name);
      assert.ok(f.diagnostics.length > 0, name);
      for (let i = 1; i < f.diagnostics.length; i++) {
        assert.ok(f.diagnostics[i - 1].range.start.offset <= f.diagnostics[i].range.start.offset, `${name}: diagnostics sorted`);
      }
    }
  });

  it('every prefix of a real file parses without throwing', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'hcl', 'valid', 'privatelink-consumer.tf'), 'utf8');
    for (let i = 0; i <= text.length; i += 7) {
      const f = parse(text.slice(0, i), 'p.tf');
      assert.equal(f.range.end.offset, i);
    }
  });
});

describe('parser: depth guard', () => {
  const after = '\n\nresource "aws_vpc" "after" {\n  a = 1\n}\n';

  function assertDeep(text: string, what: RegExp): void {
    const f = parse(text + after, 'deep.tf');
    assert.ok(
      f.diagnostics.some((d) => what.test(d.message)),
      `reports: ${f.diagnostics.map((d) => d.message).join('; ')}`,
    );
    const b = findBlock(f, 'after');
    assert.ok(b.closeBrace, 'the block after the deep nesting is intact');
  }

  it('10,000 open brackets', () => assertDeep('x = ' + '['.repeat(10_000), /nested too deeply/));
  it('10,000 open parentheses', () => assertDeep('x = ' + '('.repeat(10_000), /nested too deeply/));
  it('10,000 balanced brackets', () => assertDeep('x = ' + '['.repeat(10_000) + ']'.repeat(10_000), /nested too deeply/));
  it('10,000 unary operators', () => assertDeep('x = ' + '!'.repeat(10_000) + 'true', /nested too deeply/));
  it('10,000 nested objects', () => assertDeep('x = ' + '{a = '.repeat(10_000) + '1' + '}'.repeat(10_000), /nested too deeply/));
  it('10,000 nested blocks', () => assertDeep('a {\n'.repeat(10_000) + '}\n'.repeat(10_000), /nested too deeply/));
  it('10,000 nested template directives', () => assertDeep('x = "' + '%{if a}'.repeat(10_000) + '"', /nested too deeply|Unclosed "if"/));
  it('10,000 nested interpolations', () => assertDeep('x = "' + '${"'.repeat(5_000) + '"', /nested too deeply|Unterminated/));

  it('nesting up to the limit is accepted', () => {
    const n = MAX_DEPTH - 5;
    const f = parse('x = ' + '['.repeat(n) + ']'.repeat(n) + '\n', 'ok.tf');
    assert.deepEqual(f.diagnostics, []);
  });
});

describe('parser: item endings HCL requires (errors, with recovery)', () => {
  const after = '\nresource "aws_vpc" "after" {\n  cidr_block = "10.0.0.0/16"\n}\n';

  function check(text: string, what: RegExp, expectItems?: (b: Block) => void): void {
    const f = parse(text + after, 'x.tf');
    const errors = f.diagnostics.filter((d) => d.severity === 'error');
    assert.ok(
      errors.some((d) => what.test(d.message)),
      `reports ${what}: ${errors.map((d) => d.message).join('; ')}`,
    );
    const b = findBlock(f, 'after');
    assert.ok(b.closeBrace, 'the block after is intact');
    assert.equal(b.body.items.length, 1);
    if (expectItems) expectItems(topBlocks(f)[0]);
  }

  it('an argument and the closing brace on one line: reported at the brace, the block still closes there', () => {
    const text = 'resource "aws_vpc_endpoint" "x" {\n  vpc_id = aws_vpc.main.id\n  vpc_endpoint_type = "Interface" }\n';
    check(text, /Missing newline after the argument/, (b) => {
      assert.ok(b.closeBrace);
      assert.equal(b.closeBrace.start.offset, text.lastIndexOf('}'));
      assert.deepEqual(b.body.items.map(itemName), ['vpc_id', 'vpc_endpoint_type']);
    });
    const f = parse(text, 'x.tf');
    const d = f.diagnostics[0];
    assert.equal(d.range.start.offset, text.lastIndexOf('}'));
  });

  it('a nested block and the closing brace on one line', () => {
    check('resource "x" "y" {\n  timeouts {\n  } }\n', /Missing newline after the block/, (b) => {
      assert.ok(b.closeBrace);
      assert.deepEqual(b.body.items.map(itemName), ['timeouts']);
    });
  });

  it('a single-line block with two arguments: reported, the block closes at the end of its line', () => {
    check('resource "x" "y" { a = 1, b = 2 }\n', /single-line block holds one argument/, (b) => assert.ok(b.closeBrace));
    check('resource "x" "y" { a = 1 b = 2 }\n', /single-line block holds one argument/, (b) => assert.ok(b.closeBrace));
  });

  it('a single-line block with a nested block', () => {
    check('resource "x" "y" { timeouts {} }\n', /single-line block holds only one argument/, (b) => {
      assert.ok(b.closeBrace);
      assert.deepEqual(b.body.items.map(itemName), ['timeouts']);
    });
  });

  it('an argument on the line of "{" but the "}" on a later line: reported, the rest read as a body', () => {
    check('resource "x" "y" { a = 1\n  b = 2\n}\n', /single-line block must end with "}"/, (b) => {
      assert.ok(b.closeBrace);
      assert.deepEqual(b.body.items.map(itemName), ['a', 'b']);
    });
  });

  it('text after the closing brace of a block, and two arguments on one line', () => {
    check('resource "x" "y" {\n  a = 1\n} x = 1\n', /Unexpected text after the block/);
    check('resource "x" "y" {\n  a = 1 b = 2 }\n', /Unexpected text after the attribute value/, (b) => assert.ok(b.closeBrace));
  });

  it('an argument set twice in one body', () => {
    check('resource "x" "y" {\n  a = 1\n  b = 2\n  a = 3\n}\n', /Argument "a" is already set on line 2/);
    const f = parse('a = 1\nb {\n  a = 1\n}\nc {\n  a = 2\n}\n', 'x.tf');
    assert.deepEqual(f.diagnostics, [], 'the same name in different bodies is fine');
  });

  it('a byte order mark after the start, a lone carriage return in a string or heredoc, a heredoc marker at the end of the file', () => {
    for (const text of ['a = 1\n\ufeffb = 2\n', 'a = "x\ry"\n', 'a = <<EOT\nx\ry\nEOT\n', 'a = <<EOT\nx\nEOT']) {
      assert.ok(parse(text, 'x.tf').diagnostics.length > 0, JSON.stringify(text));
    }
    assert.deepEqual(parse('\ufeffa = 1\n', 'x.tf').diagnostics, []);
  });

  it('the accepted forms stay clean', () => {
    for (const text of [
      'resource "x" "y" { a = 1 }\n',
      'resource "x" "y" {}\n',
      'resource "x" "y" { }\n',
      'resource "x" "y" { a = {\n  b = 1\n} }\n',
      'resource "x" "y" { # c\n  a = 1\n}\n',
      'resource "x" "y" { a = 1 } # c\n',
      'resource "x" "y" {\n  a = 1\n}',
      'a = <<EOT\nx\n  EOT  \n',
    ])
      assert.deepEqual(parse(text, 'x.tf').diagnostics, [], JSON.stringify(text));
  });

  it('the data block of a check block, written at column 0, is nested: not a sign the check was left open', () => {
    const text =
      'check "reachable" {\ndata "http" "probe" {\n  url = "https://example.com"\n}\n  assert {\n    condition     = true\n    error_message = "x"\n  }\n}\n';
    const f = parse(text, 'x.tf');
    assert.deepEqual(f.diagnostics, []);
    const check = findBlock(f, 'reachable');
    assert.deepEqual(check.body.items.map(itemName), ['data', 'assert']);
    assert.equal(topBlocks(f).length, 1);
  });

  it('a check block left open still ends at the next top-level header, and a resource left open at a data header', () => {
    const check = parse('check "open" {\n  assert {\n    condition = true\n  }\nresource "aws_vpc" "after" {\n}\n', 'x.tf');
    assert.ok(check.diagnostics.some((d) => /Unclosed block/.test(d.message) && d.range.start.line === 0));
    assert.deepEqual(
      topBlocks(check).map((b) => b.blockType.name),
      ['check', 'resource'],
    );
    const res = parse('resource "aws_vpc" "open" {\ndata "http" "after" {\n}\n', 'x.tf');
    assert.ok(res.diagnostics.some((d) => /Unclosed block/.test(d.message) && d.range.start.line === 0));
    assert.deepEqual(
      topBlocks(res).map((b) => b.blockType.name),
      ['resource', 'data'],
    );
  });

  it('a splat inside a full splat (x[*].*.ids, x[*].a[*].b) is valid', () => {
    for (const text of ['a = flatten(var.x[*].*.ids)\n', 'a = var.y[*].a[*].b\n', 'a = var.y[*].a.*.b\n', 'a = var.z.*.a\n'])
      assert.deepEqual(parse(text, 'x.tf').diagnostics, [], text);
  });
});
