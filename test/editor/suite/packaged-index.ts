// The extension-host entry of the packaged smoke run (test/editor/run-packaged.mjs): the
// .vsix installed into code-server's extensions folder as a user installs it, and only the
// smoke tests of packaged.test.ts, which check that the installed copy, not this folder, runs.
// esbuild bundles it into dist/test/editor/packaged.js.
import { runSuite } from './harness';

export function run(): Promise<void> {
  return runSuite('packaged smoke run', () => {
    // Loaded after mocha's globals exist (an import would run describe() too early).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('./packaged.test');
  });
}
