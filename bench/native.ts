// The benchmark's native anchor: HashiCorp's hclsyntax.ParseConfig compiled by Go from
// Debian's packages (bench/hclsyntax/main.go), timed over a folder. When Go or the HCL library
// is missing and cannot be installed (bench/ensure-go.sh), the anchor is skipped with the
// reason, never quietly.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { GeneratedFile } from './corpus';

export interface NativeResult {
  files: number;
  bytes: number;
  passes: number;
  /** The best pass. */
  seconds: number;
  /** Millions of bytes per second (10^6, as Go's figure is printed). */
  mbPerSec: number;
  failures: number;
}

const GOPATH = '/usr/share/gocode';

/** The repository's bench folder, whether this runs bundled (dist/) or from source. */
function benchDir(): string {
  for (const d of [path.join(__dirname, '..', 'bench'), __dirname, path.join(process.cwd(), 'bench')]) {
    if (fs.existsSync(path.join(d, 'hclsyntax', 'main.go'))) return d;
  }
  throw new Error('bench/hclsyntax/main.go not found');
}

let built: { binary: string } | { skipped: string } | undefined;

/** Builds the Go program once per run, into a temporary folder; or says why it cannot. */
export function nativeParser(): { binary: string } | { skipped: string } {
  if (built) return built;
  try {
    const dir = benchDir();
    const ensure = spawnSync('bash', [path.join(dir, 'ensure-go.sh')], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
    if (ensure.status !== 0) return (built = { skipped: (ensure.stderr || 'Go unavailable').trim().split('\n').pop() ?? '' });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hclsyntax-bench-'));
    const binary = path.join(out, 'hclsyntax-bench');
    const env = { ...process.env, GOPATH, GO111MODULE: 'off', GOFLAGS: '', GOCACHE: path.join(out, 'cache'), CGO_ENABLED: '0' };
    const r = spawnSync('go', ['build', '-o', binary, '.'], { cwd: path.join(dir, 'hclsyntax'), env, encoding: 'utf8' });
    if (r.status !== 0) return (built = { skipped: `go build failed: ${(r.stderr || String(r.error)).trim()}` });
    fs.rmSync(path.join(out, 'cache'), { recursive: true, force: true });
    return (built = { binary });
  } catch (e) {
    return (built = { skipped: String((e as Error).message ?? e) });
  }
}

/** hclsyntax.ParseConfig over every .tf file below `dir`: the best of `passes`. */
export function nativeParse(dir: string, passes = 5): NativeResult | { skipped: string } {
  const p = nativeParser();
  if ('skipped' in p) return p;
  const r = spawnSync(p.binary, [`--passes=${passes}`, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) return { skipped: `the native parser failed: ${(r.stderr || String(r.error)).trim()}` };
  return JSON.parse(r.stdout) as NativeResult;
}

/** Removes the built program (call once at the end of a run). */
export function removeNativeParser(): void {
  if (built && 'binary' in built) fs.rmSync(path.dirname(built.binary), { recursive: true, force: true });
  built = undefined;
}

/** Writes generated files below a new temporary folder; returns it. */
export function writeCorpus(files: readonly GeneratedFile[], prefix: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const f of files) {
    const p = path.join(root, f.path);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.text);
  }
  return root;
}
