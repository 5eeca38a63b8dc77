#!/usr/bin/env node
// Runs the extension-host suite (dist/test/editor/index.js) with @vscode/test-electron,
// the standard launcher: it downloads VS Code into .vscode-test/ and starts it on a scratch
// copy of the fixture workspace. It needs access to update.code.visualstudio.com; where that
// is unreachable, use `npm run test:vscode` (code-server), which `npm test` runs.
//
//   node test/editor/run-electron.mjs        (npm run test:electron)
//
// VSCODE_VERSION picks the VS Code build (default "stable"). Under Linux without a display,
// wrap it in xvfb-run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const suiteIndex = path.join(root, 'dist/test/editor/index.js');

if (!fs.existsSync(suiteIndex)) {
  console.error(`[electron] ${path.relative(root, suiteIndex)} is missing: run npm run build`);
  process.exit(1);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plt-electron-'));
const workspace = path.join(scratch, 'workspace');
const channel = path.join(scratch, 'channel');
fs.cpSync(path.join(root, 'test/editor/fixture'), workspace, { recursive: true });
fs.mkdirSync(channel);

let code = 1;
try {
  code = await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: suiteIndex,
    // No other extensions, no trust prompt, state kept out of the user's profile.
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${path.join(scratch, 'user-data')}`,
    ],
    // The suite writes its counts here (test/editor/suite/harness.ts).
    extensionTestsEnv: { EDITOR_TEST_CHANNEL: channel },
  });
} catch (err) {
  console.error(`[electron] ${err instanceof Error ? err.message : String(err)}`);
}

const resultsFile = path.join(channel, 'results.json');
const counts = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : { passed: 0, failed: 1 };
fs.rmSync(scratch, { recursive: true, force: true });
if (code === 0 && counts.passed === 0) code = 1;
console.log(`vscode-electron: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(code);
