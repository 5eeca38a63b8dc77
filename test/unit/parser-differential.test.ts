// Every valid fixture, parsed by our parser and by HashiCorp's (through @cdktf/hcl2json),
// must project to the same JSON value.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../server/src/hcl/parser';
import { toHcl2Json } from '../../server/src/hcl/to-json';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const reference = require('@cdktf/hcl2json') as { parse(name: string, text: string): Promise<unknown> };

const dir = join(__dirname, '..', 'fixtures', 'hcl', 'valid');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.tf'))
  .sort();

describe('parser: differential against @cdktf/hcl2json', () => {
  it('has fixtures to compare', () => {
    assert.ok(files.length >= 10, `only ${files.length} fixtures`);
  });

  for (const name of files) {
    it(name, async () => {
      const text = readFileSync(join(dir, name), 'utf8');
      const expected = await reference.parse(name, text);
      const file = parse(text, name);
      assert.deepEqual(file.diagnostics, [], 'a valid fixture parses without diagnostics');
      assert.deepStrictEqual(toHcl2Json(file, text), expected);
    });
  }

  it('notices a difference (the comparison is not vacuous)', async () => {
    const text = 'a = "x${y}"\n';
    const expected = await reference.parse('x.tf', text);
    const mutated = parse('a = "x${z}"\n', 'x.tf');
    assert.notDeepStrictEqual(toHcl2Json(mutated, 'a = "x${z}"\n'), expected);
  });
});
