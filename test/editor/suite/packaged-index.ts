// The extension-host entry of the packaged smoke run (test/editor/run-packaged.mjs): the
// .vsix installed into code-server's extensions folder as a user installs it, and only the
// smoke tests of packaged.test.ts, which check that the installed copy, not this folder, runs.
// esbuild bundles it into dist/test/editor/packaged.js.
import Mocha from 'mocha';
import { suiteLog, writeResults } from './harness';

export function run(): Promise<void> {
  // mocha's reporters print through this property; the launcher relays only tagged lines.
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const reporterLog = base.consoleLog;
  base.consoleLog = suiteLog;
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 60_000 });
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'packaged-smoke', mocha);
  // Loaded after the globals exist (an import would run describe() too early).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./packaged.test');

  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run((failures) => {
      suiteLog(`editor suite: ${passed} passed, ${failed} failed`);
      writeResults({ passed, failed, pending: runner.stats?.pending ?? 0 });
      base.consoleLog = reporterLog;
      if (failures > 0) reject(new Error(`${failures} packaged smoke test(s) failed`));
      else if (passed === 0) reject(new Error('the packaged smoke run ran no tests'));
      else resolve();
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, () => {
      passed++;
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, () => {
      failed++;
    });
  });
}
