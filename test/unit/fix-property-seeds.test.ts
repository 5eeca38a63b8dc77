// Fixes never harm, over the fuzzer's inputs: every seed module it mutates (fixtures, examples,
// saved regressions, generated modules) and fixed, reproducible samples of its mutations.
// On seeds every fix must keep valid files valid, edit only its ranges and remove its finding;
// on mutations the same, the last only where the mutated module is still valid.

import * as assert from 'node:assert/strict';
import { makeInput, MUTATORS, rng, seedModules, type Module } from '../../bench/fuzz';
import { checkEveryFix, emptyTally, HclCache, type Files, type Tally } from './fix-property-check';

/** The fuzzer's seed for the sample, and how many of its inputs are taken. */
const SEED = 20261122;
const MUTATIONS = 400;
/**
 * Most of the fuzzer's inputs are broken, where a finding need not go away: a second sample
 * takes one mutation of the kinds that often leave the module valid.
 */
const GENTLE = ['swapWord', 'number', 'dropLine', 'duplicate'];
const GENTLE_INPUTS = 200;

function gentleInput(seeds: readonly Module[], i: number): { module: Module; label: string } {
  const r = rng((SEED + Math.imul(i + 1, 0x9e3779b1)) >>> 0);
  const base = seeds[Math.floor(r() * seeds.length)];
  const names = Object.keys(base);
  const file = names[Math.floor(r() * names.length)];
  const kind = GENTLE[Math.floor(r() * GENTLE.length)];
  return { module: { ...base, [file]: MUTATORS[kind](base[file], r, base[file]) }, label: `${kind} in ${file}` };
}

const place = (dir: string, m: Module): Files => Object.fromEntries(Object.entries(m).map(([n, t]) => [`${dir}/${n}`, t]));

describe('fixes never harm: fuzzer seeds and mutations', function () {
  this.timeout(600_000);
  const seeds = seedModules();
  const hcl = new HclCache();
  const seedTally = emptyTally();
  const mutationTally = emptyTally();
  const gentleTally = emptyTally();
  const line = (t: Tally) => `${t.fixes} (${t.hcl} on files hcl2json accepted, ${t.removal} re-analysed)`;
  after(() =>
    console.log(
      `      fixes checked over ${seeds.length} fuzzer seeds: ${line(seedTally)}; over ${MUTATIONS} fuzzer inputs: ${line(mutationTally)}; over ${GENTLE_INPUTS} mild mutations: ${line(gentleTally)}`,
    ),
  );

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
      const found = await checkEveryFix(
        place(`/mutation/${i}`, input.module),
        { newFindings: false, removal: 'when-valid', hcl },
        mutationTally,
      );
      for (const p of found) problems.push(`#${i} [${input.mutations.join(',')}] in ${input.file}: ${p}`);
    }
    assert.ok(mutationTally.hcl > 0, 'some fixes were applied to files hcl2json accepted');
    assert.deepEqual(problems, []);
  });

  it(`every fix alone in ${GENTLE_INPUTS} seeds with one mild mutation (${GENTLE.join(', ')})`, async () => {
    const problems: string[] = [];
    const removalBefore = gentleTally.removal;
    for (let i = 0; i < GENTLE_INPUTS; i++) {
      const input = gentleInput(seeds, i);
      const found = await checkEveryFix(place(`/mild/${i}`, input.module), { newFindings: false, removal: 'when-valid', hcl }, gentleTally);
      for (const p of found) problems.push(`#${i} [${input.label}]: ${p}`);
    }
    assert.ok(gentleTally.removal > removalBefore, 'some fixes were checked for removing their finding');
    assert.deepEqual(problems, []);
  });
});
