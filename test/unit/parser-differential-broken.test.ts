// Broken and edge-of-the-grammar texts, parsed by our parser and by HashiCorp's (through
// @cdktf/hcl2json): whenever HashiCorp's parser rejects a text, ours reports at least one error
// (a file without error diagnostics is one that fixes may edit), and whenever it accepts one,
// ours reports none and projects to the same JSON.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../server/src/hcl/parser';
import { toHcl2Json } from '../../server/src/hcl/to-json';
import { DEEP, MUTATORS, rng } from '../../bench/fuzz';
import { EDGE_BASE, EDGE_SHAPES, edgeVariants } from './hcl-edge-shapes';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const reference = require('@cdktf/hcl2json') as { parse(name: string, text: string): Promise<unknown> };

const validDir = join(__dirname, '..', 'fixtures', 'hcl', 'valid');

async function disagreements(texts: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const text of texts) {
    let expected: unknown;
    let refError: string | undefined;
    try {
      expected = await reference.parse('x.tf', text);
    } catch (e) {
      refError = String(e).split('\n')[0].slice(0, 200);
    }
    const file = parse(text, 'x.tf');
    const errors = file.diagnostics.filter((d) => d.severity === 'error');
    if (refError !== undefined && errors.length === 0) out.push(`accepted by us, rejected by HCL (${refError}): ${JSON.stringify(text)}`);
    else if (refError === undefined && errors.length > 0)
      out.push(`rejected by us (${errors[0].message}), accepted by HCL: ${JSON.stringify(text)}`);
    else if (refError === undefined) {
      let ours: unknown;
      try {
        ours = toHcl2Json(file, text);
      } catch (e) {
        ours = `projection failed: ${String(e)}`;
      }
      try {
        assert.deepStrictEqual(ours, expected);
      } catch {
        out.push(`projects differently: ${JSON.stringify(text)}`);
      }
    }
  }
  return out;
}

describe('parser: differential against @cdktf/hcl2json on broken and edge texts', function () {
  this.timeout(120_000);

  it('hand-written shapes: missing newlines, single-line blocks, stray text, unterminated constructs', async () => {
    assert.ok(EDGE_SHAPES.length >= 100);
    assert.deepEqual(await disagreements(EDGE_SHAPES), []);
  });

  it('one edit per line of an endpoint module: lines joined, "}" or " x = 1" appended, a line dropped', async () => {
    const texts = edgeVariants(EDGE_BASE);
    assert.ok(texts.length >= 100);
    assert.deepEqual(await disagreements(texts), []);
  });

  it('one edit per line of every valid fixture', async () => {
    const texts: string[] = [];
    for (const name of readdirSync(validDir)
      .filter((f) => f.endsWith('.tf'))
      .sort()) {
      texts.push(...edgeVariants(readFileSync(join(validDir, name), 'utf8')));
    }
    assert.ok(texts.length >= 1000);
    assert.deepEqual(await disagreements(texts), []);
  });

  it("1,000 fixtures broken by the fuzzer's mutations (fixed seed): nothing HashiCorp rejects is clean to us", async () => {
    const r = rng(20261206);
    const bases = [
      EDGE_BASE,
      ...readdirSync(validDir)
        .filter((f) => f.endsWith('.tf'))
        .sort()
        .map((f) => readFileSync(join(validDir, f), 'utf8')),
    ];
    const names = ['flip', 'truncate', 'dropBraces', 'dropLine', 'noise', 'heredoc', 'duplicate', 'swapWord', 'number', 'splice'];
    const acceptedByUs: string[] = [];
    let rejectedByUs = 0;
    let compared = 0;
    for (let i = 0; i < 1000; i++) {
      let text = bases[Math.floor(r() * bases.length)];
      const other = bases[Math.floor(r() * bases.length)];
      for (let n = 1 + Math.floor(r() * 2); n > 0; n--) text = MUTATORS[names[Math.floor(r() * names.length)]](text, r, other);
      // HashiCorp's parser dies on deep nesting; its conversion step (not parsing) rejects some values.
      if (DEEP.test(text)) continue;
      let refError: string | undefined;
      try {
        await reference.parse('x.tf', text);
      } catch (e) {
        refError = String(e).split('\n')[0];
      }
      if (refError !== undefined && !refError.includes('parse config')) continue;
      compared++;
      const errors = parse(text, 'x.tf').diagnostics.filter((d) => d.severity === 'error');
      if (refError !== undefined && errors.length === 0)
        acceptedByUs.push(`${refError.slice(0, 200)}: ${JSON.stringify(text).slice(0, 300)}`);
      if (refError === undefined && errors.length > 0) rejectedByUs++;
    }
    assert.ok(compared > 850, `compared ${compared}`);
    assert.deepEqual(acceptedByUs, []);
    // The other way is only our recovery at a block header in column 0 inside an open block.
    assert.ok(rejectedByUs <= 10, `${rejectedByUs} texts HashiCorp accepts have errors here`);
  });

  it('the comparison is not vacuous: HashiCorp rejects most of the shapes, and we do too', async () => {
    let rejected = 0;
    for (const text of EDGE_SHAPES) {
      try {
        await reference.parse('x.tf', text);
      } catch {
        rejected++;
      }
    }
    assert.ok(rejected >= EDGE_SHAPES.length / 2, `only ${rejected} rejected`);
  });
});
