// Bundles every entry point into dist/. Run with --watch to rebuild on change.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entries = [
  // The client: minified. Of the server's sources it imports protocol.ts only (names and types).
  { in: 'client/src/extension.ts', out: 'extension', external: ['vscode'], minify: true },
  { in: 'server/src/server.ts', out: 'server' },
  // The server's code, loaded by dist/server.js through V8's code cache.
  { in: 'server/src/lsp/main.ts', out: 'server-main' },
  // The command: loads the CLI's code (cli-main) with the compiled code written below.
  { in: 'server/src/cli-launch.ts', out: 'cli' },
  { in: 'server/src/cli.ts', out: 'cli-main' },
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
  writeCliCodeCache();
}

/**
 * The CLI's compiled code, beside its bundle (dist/cli-main.js.cache; server/src/code-cache.ts):
 * the code a run over the bundled examples compiled, in a process of its own started as the
 * command starts. Without it (or with one another Node wrote) the CLI compiles as usual.
 */
function writeCliCodeCache() {
  const root = fileURLToPath(new URL('.', import.meta.url));
  const script = `
    const cli = require('./dist/cli.js');
    process.stdout.write = () => true;
    Promise.resolve(cli.main(['examples'])).then(() => cli.writeCodeCache());`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) console.warn(`The CLI's code cache was not written (exit ${r.status}): the CLI compiles its code on every run.`);
}
