// The fuzzer as a test: a fixed-seed run over mutated fixtures, and every saved crash
// regression, must leave the engine without exceptions, rule errors or fixes that break files.
// Time bounds are the fuzzer's (bench) business: they are not asserted here.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { check, fuzz, REGRESSIONS, type Module } from '../../bench/fuzz';

const real = <T extends { kind: string }>(fs: readonly T[]) => fs.filter((f) => f.kind !== 'slow');

describe('robustness: fuzzer', function () {
  this.timeout(600_000);

  it('2,000 mutated inputs (seed 20261122): no exception, no rule error, every fix result parses', async () => {
    const r = await fuzz({ count: 2000, seconds: 600, seed: 20261122, hclEvery: 100, save: false });
    const failures = r.failures.filter((f) => f.failure.kind !== 'slow');
    assert.equal(r.inputs, 2000);
    assert.ok(r.fixesChecked > 500, `fixes were exercised (${r.fixesChecked})`);
    assert.deepEqual(
      failures.map((f) => `#${f.input.index} [${f.input.mutations.join(',')}] ${f.failure.kind}: ${f.failure.detail.split('\n')[0]}`),
      [],
    );
  });

  const dirs = fs.existsSync(REGRESSIONS)
    ? fs
        .readdirSync(REGRESSIONS)
        .filter((d) => fs.statSync(path.join(REGRESSIONS, d)).isDirectory())
        .sort()
    : [];
  for (const d of dirs) {
    it(`regression ${d}`, () => {
      const module: Module = {};
      for (const n of fs.readdirSync(path.join(REGRESSIONS, d)))
        if (/\.(tf|tfvars)$/.test(n)) module[n] = fs.readFileSync(path.join(REGRESSIONS, d, n), 'utf8');
      const out = check(module);
      assert.deepEqual(
        real(out.failures).map((f) => `${f.kind}: ${f.detail.split('\n')[0]}`),
        [],
      );
    });
  }
});
