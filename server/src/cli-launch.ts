// The command `privatelink-lint` (dist/cli.js). It only loads the CLI's bundle (dist/cli-main.js,
// built from cli.ts) with the compiled code the build wrote beside it, which saves compiling
// the bundle and the functions a run calls on every run: see code-cache.ts. Requiring this
// file gives the CLI's exports, as requiring the bundle would.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { tuneForShortRun } from './cli/short-run';
import { loadWithBuiltCache } from './code-cache';

const bundle = path.join(__dirname, 'cli-main.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write(`${bundle} is missing: build the CLI with \`npm run build\`.\n`);
  process.exit(2);
}
// V8 takes cached code only when it was compiled under the same settings: the CLI's are set
// before the bundle is compiled, here as in the build that wrote the cache.
tuneForShortRun();
const loaded = loadWithBuiltCache(bundle);
const cli = loaded.exports as typeof import('./cli');

export const { main, command } = cli;
export { tuneForShortRun };
/** Whether the build's compiled code was used (the tests and the build ask). */
export const fromCodeCache = loaded.fromCache;
/** Writes the code compiled so far beside the bundle: the build's step, after a run over examples/. */
export const writeCodeCache = (): void => loaded.writeBuilt();

if (require.main === module) command();
