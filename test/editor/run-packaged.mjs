#!/usr/bin/env node
// The packaged smoke run: `scripts/package-vsix.mjs` makes the .vsix (checked as the
// marketplaces will see it), then the code-server launcher installs it with
// `code-server --install-extension` into the run's own extensions folder and runs the smoke
// suite (test/editor/suite/packaged.test.ts) against that installed copy.
// Builds nothing (run `npm run build` first). Prints "vscode-packaged: N passed, N failed".
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const label = 'vscode-packaged';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plt-vsix-'));
let status = 1;
try {
  const vsix = path.join(scratch, 'privatelink-terraform.vsix');
  const pack = spawnSync(process.execPath, [path.join(root, 'scripts/package-vsix.mjs'), '--out', vsix], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  // vsce lists every file; the last lines say what was packaged and checked.
  process.stdout.write(pack.stdout.split('\n').slice(-3).join('\n'));
  if (pack.status !== 0) {
    console.log(`${label}: 0 passed, 1 failed`);
  } else {
    const run = spawnSync(process.execPath, [path.join(root, 'test/editor/run-code-server.mjs')], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, EDITOR_TEST_VSIX: vsix, EDITOR_TEST_SUITE: 'dist/test/editor/packaged.js', EDITOR_TEST_LABEL: label },
    });
    status = run.status ?? 1;
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
process.exit(status);
