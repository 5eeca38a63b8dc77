// Exclusion globs of `.privatelink.json`: matched in time bounded by glob x path length, with
// the meaning the regular-expression translation had (checked against it on small inputs,
// where backtracking is harmless).
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { DEFAULT_CONFIG, globMatches, isExcluded, mergeConfig } from '../../server/src/engine/config';

/** The former translation, kept here as the reference meaning. */
function referenceRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}(?:/.*)?$`);
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('config: exclusion globs', () => {
  const cases: [string, string, boolean][] = [
    ['**/.terraform/**', '.terraform/modules/x/main.tf', true],
    ['**/.terraform/**', 'a/b/.terraform/main.tf', true],
    ['**/.terraform/**', 'a/terraform/main.tf', false],
    ['provider/**', 'provider/main.tf', true],
    ['provider/**', 'provider', false],
    ['provider/**', 'providers/main.tf', false],
    ['provider', 'provider/sub/main.tf', true],
    ['provider', 'provider.tf', false],
    ['*.tf', 'main.tf', true],
    ['*.tf', 'a/main.tf', false],
    ['**.tf', 'a/main.tf', true],
    ['**/test/**', 'test/x.tf', true],
    ['**/test/**', 'a/b/test/c/x.tf', true],
    ['**/test/**', 'a/btest/x.tf', false],
    ['legacy/*/main.tf', 'legacy/a/main.tf', true],
    ['legacy/*/main.tf', 'legacy/a/b/main.tf', false],
    ['legacy/?/main.tf', 'legacy/a/main.tf', true],
    ['legacy/?/main.tf', 'legacy/ab/main.tf', false],
    ['a.b', 'axb', false],
    ['a+(b)[c]{1}$^|\\', 'a+(b)[c]{1}$^|\\', true],
    ['***', 'a/b', true],
    ['', 'x', false],
    ['', '', true],
  ];
  for (const [glob, p, want] of cases) {
    it(`${JSON.stringify(glob)} ${want ? 'matches' : 'does not match'} ${JSON.stringify(p)}`, () => {
      assert.equal(globMatches(glob, p), want);
      assert.equal(referenceRegExp(glob).test(p), want, 'the reference agrees');
    });
  }

  it('agrees with the former regular expressions on 20,000 random small globs and paths', () => {
    const r = rng(424242);
    const globParts = ['a', 'b', '/', '.', '*', '**', '**/', '?', '/**', '\n', 'ab'];
    const pathParts = ['a', 'b', '/', '.', 'ab', '\n', '\u2028', 'é'];
    const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)];
    const mismatches: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      let glob = '';
      for (let n = Math.floor(r() * 6); n > 0; n--) glob += pick(globParts);
      let p = '';
      for (let n = Math.floor(r() * 9); n > 0; n--) p += pick(pathParts);
      const want = referenceRegExp(glob).test(p);
      if (globMatches(glob, p) !== want && mismatches.length < 10)
        mismatches.push(`${JSON.stringify(glob)} on ${JSON.stringify(p)}: expected ${want}`);
    }
    assert.deepEqual(mismatches, []);
  });

  it('a hostile glob against a 2,000-character path finishes (it never did with backtracking)', () => {
    const glob = '**x'.repeat(12) + '**y';
    const long = 'x'.repeat(2000);
    assert.equal(globMatches(glob, long), false);
    assert.equal(globMatches(glob, long + 'y'), true);
    const dirs = 'x/'.repeat(1000) + 'z';
    assert.equal(globMatches('**/x/**/x/**/x/**/x/**/x/**/x/**/x/**/y', dirs), false);
    assert.equal(globMatches('*x*x*x*x*x*x*x*x*x*x*x*x*x*x*y', long), false);
    const config = mergeConfig(DEFAULT_CONFIG, { exclude: [glob] });
    assert.equal(isExcluded(config, '/ws', path.join('/ws', long)), false);
  });

  it('isExcluded: paths relative to the root, nothing outside it', () => {
    const config = mergeConfig(DEFAULT_CONFIG, { exclude: ['legacy/**'] });
    assert.equal(isExcluded(config, '/ws', '/ws/legacy/main.tf'), true);
    assert.equal(isExcluded(config, '/ws', '/ws/current/main.tf'), false);
    assert.equal(isExcluded(config, '/ws', '/ws/.terraform/modules/m/main.tf'), true);
    assert.equal(isExcluded(config, '/ws/sub', '/ws/legacy/main.tf'), false);
  });
});
