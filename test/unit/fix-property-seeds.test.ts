// Fixes never harm, over the fuzzer's inputs: every seed module it mutates (fixtures, examples,
// saved regressions, generated modules) and a fixed, reproducible sample of its mutations.
// On seeds every fix must keep valid files valid, edit only its ranges and remove its finding;
// on mutations the same, the last only where the mutated module is still valid.

import * as assert from 'node:assert/strict';
import { makeInput, seedModules, type Module } from '../../bench/fuzz';
import { checkEveryFix, emptyTally, HclCache, type Files } from './fix-property-check';

/** The fuzzer's seed for the sample, and how many of its inputs are taken. */
const SEED = 20261122;
const MUTATIONS = 400;

const place = (dir: string, m: Module): Files => Object.fromEntries(Object.entries(m).map(([n, t]) => [`${dir}/${n}`, t]));

describe('fixes never harm: fuzzer seeds and mutations', function () {
  this.timeout(600_000);
  const seeds = seedModules();
  const hcl = new HclCache();
  const seedTally = emptyTally();
  const mutationTally = emptyTally();
  after(() => console.log(`      fixes checked over the fuzzer seeds: ${seedTally.fixes} (${seedTally.hcl} on files hcl2json accepted, ${seedTally.removal} re-analysed); over ${MUTATIONS} mutations: ${mutationTally.fixes} (${mutationTally.hcl} on files hcl2json accepted, ${mutationTally.removal} re-analysed)`));

  it('the fuzzer has seeds, some of them with fixes', () => {
    assert.ok(seeds.length >= 10, `${seeds.length} seeds`);
  });

  seeds.forEach((m, i) => {
    it(`every fix alone in seed ${i} (${Object.keys(m).join(', ')})`, async () => {
      assert.deepEqual(await checkEveryFix(place(`/seed/${i}`, m), { newFindings: true, removal: 'always', hcl }, seedTally), []);
    });
  });

  it(`every fix alone in ${MUTATIONS} mutated seeds (fuzzer seed ${SEED})`, async () => {
    const problems: string[] = [];
    for (let i = 0; i < MUTATIONS; i++) {
      const input = makeInput(seeds, SEED, i);
      const found = await checkEveryFix(place(`/mutation/${i}`, input.module), { newFindings: false, removal: 'when-valid', hcl }, mutationTally);
      for (const p of found) problems.push(`#${i} [${input.mutations.join(',')}] in ${input.file}: ${p}`);
    }
    assert.ok(mutationTally.hcl > 0, 'some fixes were applied to files hcl2json accepted');
    assert.deepEqual(problems, []);
  });
});
