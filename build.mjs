// Bundles every entry point into dist/. Run with --watch to rebuild on change.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
  // The client: minified. Of the server's sources it imports protocol.ts only (names and types).
  { in: 'client/src/extension.ts', out: 'extension', external: ['vscode'], minify: true },
  { in: 'server/src/server.ts', out: 'server' },
  // The server's code, loaded by dist/server.js through V8's code cache.
  { in: 'server/src/lsp/main.ts', out: 'server-main' },
  { in: 'server/src/cli.ts', out: 'cli' },
  { in: 'bench/bench.ts', out: 'bench', external: ['@cdktf/hcl2json', 'web-tree-sitter'] },
  { in: 'bench/conformance.ts', out: 'conformance', external: ['@cdktf/hcl2json'] },
  { in: 'bench/parse-bench.ts', out: 'parse-bench', external: ['@cdktf/hcl2json', 'web-tree-sitter'] },
  { in: 'bench/fuzz.ts', out: 'fuzz', external: ['@cdktf/hcl2json'] },
  { in: 'bench/lsp-bench.ts', out: 'lsp-bench' },
  { in: 'bench/analyze-bench.ts', out: 'analyze-bench' },
  { in: 'bench/rule-scale.ts', out: 'rule-scale' },
  { in: 'bench/cli-jobs.ts', out: 'cli-jobs' },
  { in: 'bench/scale.ts', out: 'scale' },
  { in: 'client/src/views/webview/main.ts', out: 'webview', platform: 'browser', format: 'iife' },
  // The editor suite runs in the extension host; mocha's parallel-mode files stay unbundled (unused).
  { in: 'test/editor/suite/index.ts', out: 'test/editor/index', external: ['vscode', './reporters/parallel-buffered.cjs', './worker.cjs'] },
  // The packaged smoke run's suite (test/editor/run-packaged.mjs).
  {
    in: 'test/editor/suite/packaged-index.ts',
    out: 'test/editor/packaged',
    external: ['vscode', './reporters/parallel-buffered.cjs', './worker.cjs'],
  },
].filter((e) => existsSync(e.in));

const watch = process.argv.includes('--watch');
const ctxs = await Promise.all(
  entries.map((e) =>
    esbuild.context({
      entryPoints: { [e.out]: e.in },
      bundle: true,
      outdir: 'dist',
      platform: e.platform ?? 'node',
      format: e.format ?? 'cjs',
      target: e.platform === 'browser' ? 'es2020' : 'node20',
      sourcemap: true,
      // jsonc-parser's UMD build hides its requires from the bundler; its ESM build does not.
      mainFields: e.platform === 'browser' ? ['browser', 'module', 'main'] : ['module', 'main'],
      external: e.external ?? [],
      logLevel: 'warning',
      banner: e.out === 'cli' ? { js: '#!/usr/bin/env node' } : undefined,
      minify: e.minify ?? false,
    }),
  ),
);
if (watch) {
  await Promise.all(ctxs.map((c) => c.watch()));
} else {
  await Promise.all(ctxs.map((c) => c.rebuild()));
  await Promise.all(ctxs.map((c) => c.dispose()));
}
