// The plain-JSON reader for policy text builds exactly the tree jsonc-parser builds, and leaves
// everything else (errors, comments, unusual blanks or numbers) to jsonc-parser.
import { strict as assert } from 'node:assert';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { plainJsonTree } from '../../server/src/query/policy/json-tree';

/** A tree as plain data: every node's own properties in their order, its parent by path. */
function shape(n: JsonNode, path = 'root', parentPath?: string): unknown {
  const out: [string, unknown][] = [];
  for (const k of Object.keys(n)) {
    const v = (n as unknown as Record<string, unknown>)[k];
    if (k === 'parent') out.push([k, parentPath]);
    else if (k === 'children') out.push([k, (v as JsonNode[]).map((c, i) => shape(c, `${path}/${i}`, path))]);
    else out.push([k, v]);
  }
  return out;
}

const jsonc = (text: string) => {
  const errors: unknown[] = [];
  const tree = parseTree(text, errors as never, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return { tree, errors };
};

describe('policy text: plain JSON tree', () => {
  const plain = [
    '{}',
    '[]',
    '"s"',
    '0',
    '-0.5e+3',
    '12E-2',
    'true',
    'null',
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:PutObject"]}]}',
    '\n    {\r\n      "a": [1, 2.5, -3, true, false, null, {}, []],\t"b" : { "c" : "d" }\n    }\n',
    '{"esc":"q\\" b\\\\ s\\/ \\b\\f\\n\\r\\t u\\u00e9\\uD83D\\uDE00","hole":"x\uE000y","same":1,"same":2}',
    '[[[["deep"]]], {"k": [{"l": -0}]}]',
  ];
  for (const text of plain) {
    it(`reads ${JSON.stringify(text).slice(0, 40)} as jsonc-parser does`, () => {
      const want = jsonc(text);
      assert.deepEqual(want.errors, []);
      const got = plainJsonTree(text);
      assert.ok(got, 'read as plain JSON');
      assert.deepEqual(shape(got), shape(want.tree!));
    });
  }

  const other = [
    '',
    '   ',
    '{',
    '{"a":1,}',
    '[1,]',
    '{"a" 1}',
    '{a:1}',
    '01',
    '1.',
    '.5',
    '+1',
    '1e',
    'truex',
    '"unterminated',
    '"tab\there"',
    '"bad \\x escape"',
    '"\\u12G4"',
    '// c\n{}',
    '{} /* c */',
    '{}{}',
    '\u00a0{}',
    '\ufeff{}',
    '{"a":\u000b1}',
    'NaN',
    '[1 2]',
  ];
  for (const text of other) {
    it(`leaves ${JSON.stringify(text)} to jsonc-parser`, () => {
      assert.equal(plainJsonTree(text), undefined);
    });
  }
});
