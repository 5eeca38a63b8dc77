// A 2,000-file workspace (500 modules) over stdio, as the scale bench drives 20,000: requests
// are answered while the background index and "Lint workspace" run (checked by the order of
// the messages, not by time), the lint reports work-done progress and stops early when
// cancelled, and memory stays bounded.

import * as assert from 'node:assert/strict';
import { runScale, type ScaleFigures } from '../../bench/scale';
import { ensureServerBuilt } from './build-server';

const MODULES = 500;
const GB = 1024 * 1048576;

describe('language server: a 2,000-file workspace', function () {
  this.timeout(300_000);
  let f: ScaleFigures;

  before(async () => {
    ensureServerBuilt();
    f = await runScale(MODULES);
  });

  it('writes and indexes every module', () => {
    assert.equal(f.files, MODULES * 4);
    assert.equal(f.indexedModules, MODULES);
  });

  it('answers hover and completion while the index runs, not after it', () => {
    assert.ok(f.hovers.length > 0 && f.completions.length > 0, 'no request was sent while indexing');
    // Every request came back (an error would have thrown); a hover sent while the opened
    // module is being re-analysed may come back empty, but not all of them.
    assert.ok(
      f.hovers.some((s) => s.answered),
      'no hover had content',
    );
    assert.ok(
      f.completions.some((s) => s.answered),
      'no completion had content',
    );
    // The first requests go out as the index starts; a server that waited for it would answer
    // after its "Indexed" message.
    assert.ok(f.hovers[0].beforeIndexDone, 'the first hover came back after the index finished');
    assert.ok(f.completions[0].beforeIndexDone, 'the first completion came back after the index finished');
  });

  it('answers hover while "Lint workspace" runs', () => {
    assert.ok(f.hoversDuringLint.length > 0, 'the lint ended before a hover could be sent');
    assert.ok(f.hoversDuringLint[0].beforeLintDone, 'the hover waited for the lint to finish');
  });

  it('"Lint workspace" reports begin, rising percentages and end', () => {
    const p = f.lint.progress;
    assert.equal(p[0]?.kind, 'begin');
    assert.equal(p[0].cancellable, true);
    assert.equal(p.at(-1)?.kind, 'end');
    assert.equal(p.filter((v) => v.kind === 'begin').length, 1);
    assert.equal(p.filter((v) => v.kind === 'end').length, 1);
    const pct = p.filter((v) => v.kind === 'report').map((v) => v.percentage ?? NaN);
    assert.ok(pct.length >= 2, `only ${pct.length} progress report(s)`);
    for (let i = 1; i < pct.length; i++) assert.ok(pct[i] >= pct[i - 1], `percentage went back: ${pct.join(', ')}`);
    assert.ok(pct[0] < pct.at(-1)!, 'percentages never rose');
    assert.equal(pct.at(-1), 100);
    assert.match(p.filter((v) => v.kind === 'report').at(-1)!.message ?? '', new RegExp(`${MODULES}/${MODULES} modules`));
    assert.equal(f.lint.answer.modules, MODULES);
    assert.equal(f.lint.answer.cancelled, false);
  });

  it('a cancelled lint ends early and says so', () => {
    const c = f.cancelledLint;
    assert.ok(c.cancelledAt >= 10 && c.cancelledAt < 100, `cancelled at ${c.cancelledAt}%`);
    assert.ok(c.answer, `no answer: ${c.error}`);
    assert.equal(c.answer.cancelled, true);
    assert.ok(c.answer.modules < MODULES, `${c.answer.modules} of ${MODULES} modules linted after cancel`);
    assert.equal(c.progress.at(-1)?.kind, 'end', 'the progress was left open');
  });

  it('keeps memory bounded', () => {
    const mb = (b: number) => `${Math.round(b / 1048576)} MB`;
    assert.ok(f.memory.indexed.rss < 1.5 * GB, `RSS after indexing ${mb(f.memory.indexed.rss)}`);
    assert.ok(f.memory.linted.rss < 1.5 * GB, `RSS after the lint ${mb(f.memory.linted.rss)}`);
    assert.ok(f.memory.peakRss < 1.5 * GB, `peak RSS ${mb(f.memory.peakRss)}`);
  });
});
