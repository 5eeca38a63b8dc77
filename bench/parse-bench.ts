// Parse throughput of our parser against @cdktf/hcl2json (HashiCorp's parser compiled to
// WebAssembly) and web-tree-sitter with tree-sitter-hcl, on the same files, in one process.
// Imported by bench/bench.ts; also runnable alone: `node dist/parse-bench.js [folder...]`
// (without folders it generates the endpoint-heavy corpus of bench/corpus.ts).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from '../server/src/hcl/parser';

export interface ParseBenchInput {
  path: string;
  text: string;
}

export interface ParseBenchResult {
  name: string;
  /** Throughput in MiB of UTF-8 source per second of wall-clock time. */
  mbPerSec: number;
  /**
   * Throughput per second of this process's CPU time (all its threads): steadier than the
   * wall clock when other work shares the machine.
   */
  cpuMbPerSec: number;
  bytes: number;
  passes: number;
  seconds: number;
  /** Files the parser failed on or reported syntax errors for (0 for a clean corpus). */
  failures: number;
}

const MiB = 1024 * 1024;

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};

/**
 * Warm up (at least one pass, until half of `minMs` of CPU time is spent, so the JIT has
 * settled), then run `pass` until `minMs` of CPU time is spent, at least once. CPU time
 * bounds the loops so that a busy machine does not shorten the measurement.
 */
async function measure(name: string, bytes: number, minMs: number, pass: () => Promise<number> | number): Promise<ParseBenchResult> {
  let failures = 0;
  const w0 = process.cpuUsage();
  do failures = await pass();
  while (cpuMs(w0) < minMs / 2);
  let passes = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  do {
    failures = await pass();
    passes++;
  } while (cpuMs(c0) < minMs);
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuMs(c0) / 1000;
  return {
    name,
    mbPerSec: (bytes * passes) / MiB / seconds,
    cpuMbPerSec: (bytes * passes) / MiB / cpuSeconds,
    bytes,
    passes,
    seconds,
    failures,
  };
}

function resolvePackageDir(pkg: string): string | undefined {
  const candidates = [join(process.cwd(), 'node_modules', pkg), join(__dirname, '..', 'node_modules', pkg)];
  try {
    candidates.unshift(dirname(require.resolve(`${pkg}/package.json`)));
  } catch {
    // Packages with an exports map may hide package.json; the candidates below still work.
  }
  return candidates.find((d) => existsSync(join(d, 'package.json')));
}

interface TreeSitterModule {
  Parser: {
    init(opts?: object): Promise<void>;
    new (): { setLanguage(l: unknown): void; parse(t: string): { rootNode: { hasError: boolean }; delete(): void } | null };
  };
  Language: { load(path: string): Promise<unknown> };
}

export async function parseBench(files: ParseBenchInput[], opts: { minMs?: number } = {}): Promise<ParseBenchResult[]> {
  const minMs = opts.minMs ?? 3000;
  const bytes = files.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
  const results: ParseBenchResult[] = [];

  results.push(
    await measure('ours', bytes, minMs, () => {
      let failures = 0;
      for (const f of files) if (parse(f.text, f.path).diagnostics.length > 0) failures++;
      return failures;
    }),
  );

  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ref = require('@cdktf/hcl2json') as { parse(name: string, text: string): Promise<unknown> };
    await ref.parse('warmup.tf', 'a = 1\n');
    results.push(
      await measure('@cdktf/hcl2json', bytes, Math.min(minMs, 1000), async () => {
        let failures = 0;
        for (const f of files) {
          try {
            await ref.parse(f.path, f.text);
          } catch {
            failures++;
          }
        }
        return failures;
      }),
    );
  } catch (e) {
    process.stderr.write(`@cdktf/hcl2json unavailable: ${String(e)}\n`);
  }

  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require('web-tree-sitter') as TreeSitterModule;
    const grammarDir = resolvePackageDir('@tree-sitter-grammars/tree-sitter-hcl');
    if (grammarDir === undefined) throw new Error('tree-sitter-hcl grammar not installed');
    await ts.Parser.init();
    const lang = await ts.Language.load(join(grammarDir, 'tree-sitter-hcl.wasm'));
    const parser = new ts.Parser();
    parser.setLanguage(lang);
    results.push(
      await measure('web-tree-sitter + tree-sitter-hcl', bytes, Math.min(minMs, 1000), () => {
        let failures = 0;
        for (const f of files) {
          const tree = parser.parse(f.text);
          if (tree === null || tree.rootNode.hasError) failures++;
          tree?.delete();
        }
        return failures;
      }),
    );
  } catch (e) {
    process.stderr.write(`web-tree-sitter unavailable: ${String(e)}\n`);
  }
  return results;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let files: ParseBenchInput[];
  if (args.length > 0) {
    const { listTfFiles } = await import('./conformance');
    files = [];
    for (const a of args) for (const p of listTfFiles(a)) files.push({ path: p, text: readFileSync(p, 'utf8') });
  } else {
    const { corpus } = await import('./corpus');
    files = corpus(50_000).map((f) => ({ path: f.path, text: f.text }));
  }
  const bytes = files.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
  process.stdout.write(`${files.length} files, ${(bytes / MiB).toFixed(2)} MiB, Node ${process.version}\n`);
  const results = await parseBench(files);
  for (const r of results) {
    process.stdout.write(
      `${r.name.padEnd(36)} ${r.mbPerSec.toFixed(2).padStart(9)} MiB/s wall ${r.cpuMbPerSec.toFixed(2).padStart(9)} MiB/s CPU  (${r.passes} passes, ${r.failures} files with errors)\n`,
    );
  }
  const ours = results.find((r) => r.name === 'ours');
  for (const r of results) {
    if (r !== ours && ours !== undefined) {
      process.stdout.write(
        `ours / ${r.name}: ${(ours.mbPerSec / r.mbPerSec).toFixed(0)}x wall, ${(ours.cpuMbPerSec / r.cpuMbPerSec).toFixed(0)}x CPU\n`,
      );
    }
  }
}

// Bundled into bench.js, `require.main === module` holds there too: check the script.
if (require.main === module && /parse-bench\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
