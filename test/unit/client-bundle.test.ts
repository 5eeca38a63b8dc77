// The VS Code client starts on every window that opens a Terraform file, so its bundle
// carries no engine: the parser, the model, the catalog, the rules and the fixes run in the
// server only, and the client asks it for what it shows (the scaffold command's services and
// bundles included). Of the server's sources the client may hold the protocol alone: method
// names, command ids, the rules' documentation address and types. The bundle is minified (it
// is what the package ships). Reads dist/ as `npm run build` wrote it.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const DIST = path.resolve(__dirname, '..', '..', 'dist');
const PROTOCOL = 'server/src/protocol.ts';

describe('client bundle', () => {
  const map = JSON.parse(fs.readFileSync(path.join(DIST, 'extension.js.map'), 'utf8')) as { sources: string[] };
  const server = map.sources
    .map((s) => path.relative(path.resolve(__dirname, '..', '..'), path.resolve(DIST, s)))
    .filter((s) => s.startsWith('server/'));

  it('holds none of the engine: of server/src, the protocol only', () => {
    // The protocol is there (its names are used), so the sources are read as expected.
    assert.ok(server.includes(PROTOCOL), `the bundle's sources were not listed as expected: ${server.join(', ')}`);
    assert.deepEqual(
      server.filter((s) => s !== PROTOCOL),
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
