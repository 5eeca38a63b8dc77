import * as assert from 'node:assert/strict';
import { SummaryMap } from '../../server/src/lsp/session';
import type { ModuleSummary } from '../../server/src/lsp/summary';

const summary = (calls: string[]): ModuleSummary => ({ files: [], endpoints: 0, services: 0, consumers: new Map(), calls });

/** The callers of every folder worked out from scratch, as sorted lists. */
function recomputed(m: SummaryMap): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const [d, s] of m)
    for (const c of s.calls) {
      if (c === d) continue;
      if (!out.has(c)) out.set(c, new Set());
      out.get(c)!.add(d);
    }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}

function kept(m: SummaryMap, dirs: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of dirs) {
    const c = m.callersOf(d);
    if (c?.size) out.set(d, [...c].sort());
  }
  return out;
}

describe("the index summaries keep each folder's callers as summaries come and go", () => {
  it('agrees with callers worked out from scratch after every change, replaced and deleted summaries included', () => {
    const dirs = ['/w/a', '/w/b', '/w/c', '/w/d', '/w/e'];
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const m = new SummaryMap();
    for (let step = 0; step < 400; step++) {
      const d = dirs[rnd(dirs.length)];
      const op = rnd(10);
      if (op < 7) m.set(d, summary(dirs.filter(() => rnd(3) === 0)));
      else if (op < 9) m.delete(d);
      else if (rnd(20) === 0) m.clear();
      assert.deepEqual(kept(m, dirs), recomputed(m), `after step ${step}`);
    }
  });

  it('does not list a folder as its own caller', () => {
    const m = new SummaryMap();
    m.set('/w/a', summary(['/w/a', '/w/b']));
    assert.equal(m.callersOf('/w/a'), undefined);
    assert.deepEqual([...m.callersOf('/w/b')!], ['/w/a']);
  });
});
