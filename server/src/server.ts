// The language server's entry point: `node dist/server.js --stdio` (or --node-ipc, as the
// VS Code client starts it). It only loads the server bundle (dist/server-main.js, built from
// lsp/main.ts) through V8's code cache, which saves most of the compiling on every start but
// the first: see code-cache.ts. The cache is kept in the folder the client names in
// PRIVATELINK_CACHE_DIR (its storage folder), else in the system's cache folder.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { cacheDirOf, loadWithCodeCache } from './code-cache';

const bundle = path.join(__dirname, 'server-main.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write(`${bundle} is missing: build the server with \`npm run build\`.\n`);
  process.exit(1);
}
// The server asks V8 for collections (lsp/release.ts), which needs --expose-gc. V8 only takes
// cached code compiled under the same flags, so the flag is set before the bundle is compiled
// or its cache read, on every start, not first when a collection is wanted.
try {
  v8.setFlagsFromString('--expose-gc');
} catch {
  // Without it the server simply never asks for a collection.
}
const loaded = loadWithCodeCache(bundle, cacheDirOf());
(loaded.exports as typeof import('./lsp/main')).start({ onServed: () => loaded.save() });
