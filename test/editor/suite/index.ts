// The extension host loads this module (extensionTestsPath) and awaits run(). Both
// launchers use it: code-server through a headless browser (test/editor/run-code-server.mjs)
// and @vscode/test-electron (test/editor/run-electron.mjs).
//
// esbuild bundles it with mocha and every test file into dist/test/editor/index.js, so the
// test files are listed here explicitly rather than found by a glob at run time.
import { runSuite } from './harness';

function loadTestFiles(): void {
  // Add new test files here; each require runs the file's describe() calls.
  // They must be required here, in this order, after run() has published mocha's globals: an
  // import would run them at load time, before describe() exists.
  /* eslint-disable @typescript-eslint/no-require-imports -- deliberate late loading, see above */
  require('./activation.test');
  require('./commands.test');
  require('./language.test');
  require('./highlighting.test');
  require('./snippets.test');
  require('./settings.test');
  require('./client-commands.test');
  require('./in-editor.test');
  require('./opentofu.test');
  // These edit the fixture: the PL101 fix, then new endpoints.
  require('./diagnostics.test');
  require('./scaffold.test');
  /* eslint-enable @typescript-eslint/no-require-imports */
}

export function run(): Promise<void> {
  return runSuite('editor suite', loadTestFiles);
}
