// The VS Code client starts on every window that opens a Terraform file, so its bundle
// carries no engine: the parser, the model, the rules and the fixes run in the server only.
// The client may share the protocol's names, the rules' documentation address and the data
// its scaffold command offers; nothing else of the server's sources. The bundle is minified
// (it is what the package ships). Reads dist/ as `npm run build` wrote it.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const DIST = path.resolve(__dirname, '..', '..', 'dist');

/** What the client may take from server/src: names, the docs address, the scaffold's data. */
const SHARED = new Set([
  'server/src/protocol.ts',
  'server/src/rules/types.ts',
  'server/src/query/catalog.ts',
  'server/src/query/catalog-data.ts',
  'server/src/scaffold/bundles.ts',
]);

describe('client bundle', () => {
  const map = JSON.parse(fs.readFileSync(path.join(DIST, 'extension.js.map'), 'utf8')) as { sources: string[] };
  const server = map.sources
    .map((s) => path.relative(path.resolve(__dirname, '..', '..'), path.resolve(DIST, s)))
    .filter((s) => s.startsWith('server/'));

  it('holds none of the engine: only the shared names and data of server/src', () => {
    assert.ok(server.includes('server/src/protocol.ts'), `the bundle's sources were not listed as expected: ${server.join(', ')}`);
    assert.deepEqual(
      server.filter((s) => !SHARED.has(s)),
      [],
    );
  });

  it('is minified', () => {
    const text = fs.readFileSync(path.join(DIST, 'extension.js'), 'utf8');
    const lines = text.split('\n').length;
    // Unminified it is tens of thousands of lines with comments naming each source file.
    assert.ok(lines < 100, `${lines} lines`);
    assert.ok(!text.includes('// client/src/extension.ts'));
  });
});
