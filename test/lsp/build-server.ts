// Bundles the server for the LSP tests when dist/server.js is missing or stale.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO, SERVER } from './lsp-client';

/** Newest modification time of the files under a folder. */
function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Bundles the server when dist/server.js is missing or older than its sources. */
export function ensureServerBuilt(): void {
  const stale = !fs.existsSync(SERVER) || fs.statSync(SERVER).mtimeMs < newest(path.join(REPO, 'server', 'src'));
  if (!stale) return;
  // Only the server entries: a half-written file elsewhere must not stop these tests.
  esbuild.buildSync({
    entryPoints: {
      server: path.join(REPO, 'server', 'src', 'server.ts'),
      'server-main': path.join(REPO, 'server', 'src', 'lsp', 'main.ts'),
    },
    bundle: true,
    outdir: path.join(REPO, 'dist'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    mainFields: ['module', 'main'],
    logLevel: 'error',
  });
}
