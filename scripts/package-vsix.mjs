#!/usr/bin/env node
// `npm run package`: the .vsix for the Visual Studio Marketplace and Open VSX, then a check
// of what is inside it. The extension's page is docs/marketplace.md (the repository README
// stays the developers' page). Its relative links and images are rewritten by vsce to the
// repository on GitHub: both marketplaces' web pages load README images only from https URLs
// (they drop data: URLs), and so does VS Code's own extension page, whose sanitizer keeps
// http and https images only; offline, that page shows the packaged icon but no README image.
// Builds nothing: `npm run package` builds first.
//
//   node scripts/package-vsix.mjs [--out file.vsix]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkVsix } from './check-vsix.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const outArg = process.argv.indexOf('--out');
const out = path.resolve(outArg > 0 ? process.argv[outArg + 1] : path.join(root, `${manifest.name}.vsix`));
const repo = manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const readme = 'docs/marketplace.md';

const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
const r = spawnSync(
  process.execPath,
  [
    vsce,
    'package',
    '--no-dependencies',
    '--readme-path',
    readme,
    // The page lives in docs/: its links are relative to that folder on GitHub too.
    '--baseContentUrl',
    `${repo}/blob/HEAD/docs/`,
    '--baseImagesUrl',
    `${repo}/raw/HEAD/docs/`,
    '--out',
    out,
  ],
  { cwd: root, stdio: 'inherit' },
);
if (r.status !== 0) process.exit(r.status ?? 1);

const problems = checkVsix(out, root);
if (problems.length > 0) {
  console.error(`package: ${path.relative(root, out)} is not ready to publish:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`package: ${path.relative(root, out)} checked (manifest, icon, marketplace page, images, contents)`);
