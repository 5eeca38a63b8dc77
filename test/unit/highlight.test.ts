// The semantic tokens of a file, from the syntax tree: what each piece of text is coloured as,
// the encoding (sorted, one line per token, no overlap), and bad input.

import * as assert from 'node:assert/strict';
import { parse } from '../../server/src/hcl/parser';
import { parseJsonConfig } from '../../server/src/hcl/json-syntax';
import { decodeTokens, encodeTokens, highlight, type DecodedToken, type HighlightOptions } from '../../server/src/handlers/highlight';
import { diff } from '../../server/src/handlers/semanticTokens';

interface Seen {
  text: string;
  type: string;
  modifiers: string[];
  line: number;
}

function tokens(src: string, options: HighlightOptions & { name?: string } = {}): Seen[] {
  const name = options.name ?? 'main.tf';
  const file = options.json ? parseJsonConfig(src, name) : parse(src, name);
  const lines = src.split('\n');
  return decodeTokens(encodeTokens(highlight(file, src, options), file.lineStarts, src)).map((t: DecodedToken) => ({
    text: lines[t.line].slice(t.character, t.character + t.length),
    type: t.type,
    modifiers: t.modifiers,
    line: t.line,
  }));
}

/** The type of the token whose text is `text` (the `nth` such token). */
function typeOf(seen: Seen[], text: string, nth = 0): string | undefined {
  return seen.filter((t) => t.text === text)[nth]?.type;
}

const SAMPLE = `# privatelink:ignore PL202, PL203 -- shared rule
resource "aws_vpc_endpoint" "interface" {
  for_each          = toset(var.services)
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${data.aws_region.current.name}.\${each.key}"
  private_dns_enabled = true
  count_hint        = 2.5
  subnet_ids        = [for s in local.subnets : s.id if s.public]
  policy            = <<-EOT
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "\${each.value}", "Sid": 1}]}
  EOT
  /* a block
     comment */
  dynamic "ingress" {
    content {
      from_port = ingress.value
    }
  }
}

variable "services" {
  type = list(string)
}

locals {
  subnets = module.vpc.private_subnets // tail
  note    = <<EOT
plain \${count.index} text
EOT
}
`;

describe('semantic tokens from the syntax tree', () => {
  const seen = tokens(SAMPLE);

  it('colours keywords, block types and labels', () => {
    assert.equal(typeOf(seen, 'resource'), 'keyword');
    assert.equal(typeOf(seen, '"aws_vpc_endpoint"'), 'type');
    assert.equal(typeOf(seen, '"interface"'), 'variable');
    assert.deepEqual(seen.find((t) => t.text === '"interface"')?.modifiers, ['declaration']);
    assert.equal(typeOf(seen, 'variable'), 'keyword');
    assert.equal(typeOf(seen, '"services"'), 'variable');
    assert.equal(typeOf(seen, 'dynamic'), 'keyword');
    assert.equal(typeOf(seen, 'content'), 'keyword');
    assert.equal(typeOf(seen, '"ingress"'), 'type');
    assert.equal(typeOf(seen, 'true'), 'keyword');
    assert.equal(typeOf(seen, 'for'), 'keyword');
    assert.equal(typeOf(seen, 'in'), 'keyword');
    assert.equal(typeOf(seen, 'if'), 'keyword');
  });

  it('colours attribute names, locals and operators', () => {
    assert.equal(typeOf(seen, 'for_each'), 'property');
    assert.equal(typeOf(seen, 'vpc_id'), 'property');
    assert.equal(typeOf(seen, 'subnets'), 'variable', 'a local is a variable where it is declared');
    assert.equal(typeOf(seen, '='), 'operator');
    assert.equal(typeOf(seen, ':'), 'operator');
  });

  it('colours references by what they name', () => {
    assert.equal(typeOf(seen, 'var'), 'namespace');
    assert.equal(typeOf(seen, 'services', 0), 'variable');
    assert.equal(typeOf(seen, 'aws_vpc'), 'type', 'a resource reference starts with its type');
    assert.equal(typeOf(seen, 'main'), 'variable');
    assert.equal(typeOf(seen, 'id'), 'property');
    assert.equal(typeOf(seen, 'data'), 'namespace');
    assert.equal(typeOf(seen, 'aws_region'), 'type');
    assert.equal(typeOf(seen, 'each'), 'namespace');
    assert.equal(typeOf(seen, 'key'), 'variable');
    assert.equal(typeOf(seen, 'module'), 'namespace');
    assert.equal(typeOf(seen, 'private_subnets'), 'property');
    // Names bound by `for` and by a dynamic block.
    assert.deepEqual(
      seen.filter((t) => t.text === 's').map((t) => t.type),
      ['parameter', 'parameter', 'parameter'],
    );
    assert.equal(typeOf(seen, 'ingress'), 'parameter');
  });

  it('colours functions, strings, numbers and interpolations', () => {
    assert.equal(typeOf(seen, 'toset'), 'function');
    assert.deepEqual(seen.find((t) => t.text === 'toset')?.modifiers, ['defaultLibrary']);
    assert.equal(typeOf(seen, 'list'), 'function');
    assert.equal(typeOf(seen, 'string'), 'type');
    assert.equal(typeOf(seen, '"com.amazonaws.'), 'string');
    assert.equal(typeOf(seen, '${'), 'keyword');
    assert.equal(typeOf(seen, '}'), 'keyword');
    assert.equal(typeOf(seen, '"'), 'string', 'the closing quote after an interpolation');
    assert.equal(typeOf(seen, '2.5'), 'number');
  });

  it('colours comments a line at a time, and the parts of a suppression comment', () => {
    assert.equal(typeOf(seen, 'privatelink:ignore'), 'keyword');
    assert.equal(typeOf(seen, 'PL202'), 'enumMember');
    assert.equal(typeOf(seen, 'PL203'), 'enumMember');
    assert.equal(typeOf(seen, ' -- shared rule'), 'comment');
    assert.equal(typeOf(seen, '/* a block'), 'comment');
    assert.equal(typeOf(seen, '     comment */'), 'comment');
    assert.equal(typeOf(seen, '// tail'), 'comment');
  });

  it('reads policy JSON in a heredoc: keys, strings, numbers, and interpolations inside strings', () => {
    assert.equal(typeOf(seen, '<<-EOT'), 'keyword');
    assert.equal(typeOf(seen, 'EOT'), 'keyword');
    assert.equal(typeOf(seen, '"Version"'), 'property');
    assert.equal(typeOf(seen, '"2012-10-17"'), 'string');
    assert.equal(typeOf(seen, '"Effect"'), 'property', 'a key inside an object inside an array');
    assert.equal(typeOf(seen, '"Allow"'), 'string');
    assert.equal(typeOf(seen, '1'), 'number');
    // `"${each.value}"`: the string is cut by the interpolation and goes on after it.
    const line = seen.filter((t) => t.line === 9).map((t) => `${t.text}:${t.type}`);
    const at = line.indexOf('"Resource":property');
    assert.deepEqual(line.slice(at, at + 7), [
      '"Resource":property',
      '":string',
      '${:keyword',
      'each:namespace',
      'value:variable',
      '}:keyword',
      '":string',
    ]);
  });

  it('colours a plain heredoc as a string, a line at a time, with its interpolations', () => {
    const line = seen.filter((t) => t.text === 'plain ' || t.text === ' text' || t.text === 'count');
    assert.deepEqual(
      line.map((t) => t.type),
      ['string', 'namespace', 'string'],
    );
  });

  it('colours template directives', () => {
    const s = tokens('x = "%{ for k, v in var.m ~}${k}%{ endfor }"\n');
    const kinds = s.map((t) => `${t.text}:${t.type}`);
    for (const k of ['%{:keyword', 'for:keyword', 'k:parameter', 'v:parameter', 'in:keyword', 'endfor:keyword', '~:keyword'])
      assert.ok(kinds.includes(k), `${k} in ${kinds.join(' ')}`);
  });

  it('gives sorted, non-overlapping tokens, each within one line', () => {
    const file = parse(SAMPLE, 'main.tf');
    const t = highlight(file, SAMPLE);
    for (let k = 4; k < t.data.length; k += 4) assert.ok(t.data[k] >= t.data[k - 4] + t.data[k - 3], `token ${k / 4} overlaps`);
    for (const d of tokens(SAMPLE)) assert.ok(!d.text.includes('\n') && d.text.length > 0);
  });

  it('colours a variable file and a range', () => {
    const vars = tokens('region = "eu-west-1"\nazs = 2\n', { vars: true, name: 'x.tfvars' });
    assert.equal(typeOf(vars, 'region'), 'variable');
    const src = 'a = 1\nb = 2\nc = 3\n';
    const file = parse(src, 'main.tf');
    const some = highlight(file, src, { from: 6, to: 11 });
    const lines = decodeTokens(encodeTokens(some, file.lineStarts, src)).map((t) => t.line);
    assert.deepEqual([...new Set(lines)], [1]);
  });

  it('in JSON syntax, colours only what the JSON grammar cannot: the expressions in strings', () => {
    const src = '{"resource": {"aws_vpc": {"main": {"cidr_block": "10.0.0.0/16", "tags": {"Name": "${var.name}-vpc"}, "count": 2}}}}\n';
    const seen = tokens(src, { json: true, name: 'main.tf.json' });
    assert.deepEqual(
      seen.map((t) => `${t.text}:${t.type}`),
      ['${:keyword', 'var:namespace', 'name:variable', '}:keyword'],
    );
  });

  it('never throws and keeps its invariants on broken input', () => {
    const broken = [
      'resource "a" {\n  x = "${\n',
      'x = <<EOT\n{"a": "${b\nEOT\n',
      'x = [for in : ]\n',
      'locals {\n  a = %{ if }\n',
      '"\u0000\ud800 = {{{{',
      'x = "%{ if a }b%{ else }c"\n',
      'x = <<EOT\n{"a": [1, 2\n',
      // Chains of steps as long as the line: read without recursion.
      `x = a${'.b'.repeat(100_000)}\n`,
      `x = a[*]${'[0]'.repeat(100_000)}\n`,
    ];
    for (const src of broken) {
      const file = parse(src, 'main.tf');
      const t = highlight(file, src);
      const name = JSON.stringify(src.slice(0, 40));
      for (let k = 0; k < t.data.length; k += 4) {
        if (!(t.data[k + 1] > 0 && t.data[k] + t.data[k + 1] <= src.length)) assert.fail(`token ${k / 4} out of ${name}`);
        if (k > 0 && t.data[k] < t.data[k - 4] + t.data[k - 3]) assert.fail(`token ${k / 4} overlaps in ${name}`);
      }
      encodeTokens(t, file.lineStarts, src);
    }
  });
});

describe('semantic tokens delta', () => {
  it('is one edit from the common start and end to the new middle, and none when equal', () => {
    assert.deepEqual(diff([1, 2, 3, 4], [1, 2, 3, 4]), []);
    assert.deepEqual(diff([1, 2, 3, 4], [1, 9, 3, 4]), [{ start: 1, deleteCount: 1, data: [9] }]);
    assert.deepEqual(diff([1, 2, 3], [1, 2, 3, 4, 5]), [{ start: 3, deleteCount: 0, data: [4, 5] }]);
    assert.deepEqual(diff([1, 2, 3, 4, 5], [1, 5]), [{ start: 1, deleteCount: 3, data: [] }]);
    // Applying the edit to the old array gives the new one, for repeated values too.
    const a = [0, 0, 1, 0, 0];
    const b = [0, 0, 0];
    const [e] = diff(a, b);
    const applied = [...a.slice(0, e.start), ...(e.data ?? []), ...a.slice(e.start + e.deleteCount)];
    assert.deepEqual(applied, b);
  });
});
