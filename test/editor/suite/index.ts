// The extension host loads this module (extensionTestsPath) and awaits run(). Both
// launchers use it: code-server through a headless browser (test/editor/run-code-server.mjs)
// and @vscode/test-electron (test/editor/run-electron.mjs).
//
// esbuild bundles it with mocha and every test file into dist/test/editor/index.js, so the
// test files are listed here explicitly rather than found by a glob at run time.
import Mocha from 'mocha';
import { suiteLog, writeResults } from './harness';

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

// The workbench forwards the host's console to the launcher mixed with its own chatter,
// and replacing the host's console methods has no effect there, so mocha's reporter prints through
// suiteLog, which tags each line for the launcher to pick out.
function tagReporterOutput(): () => void {
  // mocha's reporters print through this property, captured from console.log at load time.
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const reporterLog = base.consoleLog;
  base.consoleLog = suiteLog;
  return () => {
    base.consoleLog = reporterLog;
  };
}

export function run(): Promise<void> {
  const untag = tagReporterOutput();
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 60_000 });
  // Publishes describe/it/before... as globals, as the mocha CLI does before each file.
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'editor-suite', mocha);
  loadTestFiles();

  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run((failures) => {
      // The launchers parse this line; it also lands in the results file below.
      suiteLog(`editor suite: ${passed} passed, ${failed} failed`);
      writeResults({ passed, failed, pending: runner.stats?.pending ?? 0 });
      untag();
      if (failures > 0) reject(new Error(`${failures} editor test(s) failed`));
      else if (passed === 0) reject(new Error('the editor suite ran no tests'));
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
