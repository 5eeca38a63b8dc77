#!/usr/bin/env node
// The pre-commit hook's entry (`.pre-commit-hooks.yaml`): pre-commit passes the changed
// Terraform files; a finding is about a module, and a module is a folder, so each folder is
// analysed once, whole. The CLI reads a file path as "the module of this file's folder"
// without descending into sub-folders, so one file per folder is handed on: a change in the
// root module does not analyse every module below it. Options given in the hook's `args`
// (anything starting with `-`, and the value of the options that take one) pass through.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const WITH_VALUE = new Set(['--format', '--rule', '--ignore-rule', '--max-warnings', '--config', '--var-file', '--var', '--jobs']);

/** Splits argv into the CLI options and one representative file per folder, in first-seen order. */
function plan(argv) {
  const options = [];
  const byFolder = new Map();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-')) {
      options.push(a);
      if (WITH_VALUE.has(a) && i + 1 < argv.length) options.push(argv[++i]);
      continue;
    }
    // A file deleted or renamed away since pre-commit listed it has no module left to check.
    if (!fs.existsSync(a)) continue;
    const folder = path.dirname(path.normalize(a));
    if (!byFolder.has(folder)) byFolder.set(folder, a);
  }
  // The team's configuration lives at the repository root, where pre-commit runs the hook;
  // the CLI would otherwise look for it in the first changed folder only.
  if (!options.some((o) => o === '--config' || o.startsWith('--config=')) && fs.existsSync('.privatelink.json')) {
    options.push('--config', '.privatelink.json');
  }
  return { options, files: [...byFolder.values()] };
}

function main() {
  const { options, files } = plan(process.argv.slice(2));
  if (files.length === 0) return 0;
  const cli = path.join(__dirname, '..', 'dist', 'cli.js');
  const run = spawnSync(process.execPath, [cli, ...options, ...files], { stdio: 'inherit' });
  if (run.error) {
    process.stderr.write(`privatelink-lint-pre-commit: ${run.error.message}\n`);
    return 2;
  }
  return run.status ?? 2;
}

if (require.main === module) process.exit(main());
module.exports = { plan };
