// The file URI of a path: a plain path is written without going through the URL parser, and
// every path must get the URI `pathToFileURL` gives it.

import * as assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { pathToUri, uriToPath } from '../../server/src/lsp/convert';

// Characters that need nothing, characters that need escaping, and the segments a path
// resolves away.
const PIECES = ['a', 'Z', '0', '.', '..', '_', '-', '~', ' ', '%', '#', '?', 'ä', '東', '\\', ':', '"', "'", '@', '+', '='];

function randomPath(rand: () => number): string {
  const segments: string[] = [];
  const n = 1 + Math.floor(rand() * 5);
  for (let i = 0; i < n; i++) {
    let seg = '';
    const len = Math.floor(rand() * 4);
    for (let j = 0; j < len; j++) seg += PIECES[Math.floor(rand() * PIECES.length)];
    segments.push(seg);
  }
  return '/' + segments.join('/') + (rand() < 0.1 ? '/' : '');
}

describe('pathToUri', () => {
  it('gives the URI pathToFileURL gives, for plain and unusual paths', function () {
    if (process.platform === 'win32') this.skip();
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const samples = ['/work/stacks/m0001/endpoints.tf', '/a/.hidden/x.tf', '/a/..b/c.tf', '/a/b/', '/a/./b', '/a/../b', '//a'];
    for (let i = 0; i < 3000; i++) samples.push(randomPath(rand));
    let plain = 0;
    for (const p of samples) {
      const got = pathToUri(p);
      assert.equal(got, pathToFileURL(p).href, p);
      if (got === `file://${p}`) plain++;
      // And back, for a path the URI keeps as it is.
      if (got === `file://${p}`) assert.equal(uriToPath(got), p);
    }
    // Both kinds were met.
    assert.ok(plain > 100 && plain < samples.length - 100, `${plain} plain of ${samples.length}`);
  });

  it('keeps the client’s spelling of a path it knows', () => {
    const known = new Map([['/w/a.tf', 'file:///w/a%2Etf']]);
    assert.equal(pathToUri('/w/a.tf', known), 'file:///w/a%2Etf');
  });
});
