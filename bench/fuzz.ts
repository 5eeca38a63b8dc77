// Mutation fuzzer for the whole engine: parser, workspace and evaluator, every rule, every fix.
//   npm run fuzz -- [--count N] [--seconds S] [--seed X] [--start I] [--hcl-every K] [--no-save]
// Input i of a run depends only on (seed, i), so `--seed X --start i --count 1` replays it.
// A failure (exception, a rule that throws, a fix that adds syntax errors or that HashiCorp's
// parser rejects when it accepted the original, an input over its time bound) is saved under
// test/fixtures/regressions/ and the exit code is 1. A hang is caught by a watchdog thread that
// saves the input and ends the process.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyze } from '../server/src/engine/analyze';
import { applyEdits } from '../server/src/fixes/apply';
import { parse } from '../server/src/hcl/parser';
import { memoryHost } from '../server/src/model/testing';
import { createWorkspace } from '../server/src/model/workspace';
import type { Finding } from '../server/src/rules/types';
import { VALUE_BOMBS } from '../test/hostile/attacks';
import { EDGE_BASE, EDGE_SHAPES, edgeBrokenBases } from '../test/unit/hcl-edge-shapes';
import { moduleFiles } from './corpus';

const REPO = path.resolve(__dirname, '..');
export const REGRESSIONS = path.join(REPO, 'test', 'fixtures', 'regressions');
let outDir = REGRESSIONS;
const DIR = '/fuzz/mod';

// ---- seeded randomness

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(seed: number, i: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ i, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ---- seeds: modules as { file name -> text }

export type Module = Record<string, string>;

function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.terraform') walk(p, out);
    } else if (e.isFile() && /\.(tf|tfvars)$/.test(e.name)) out.push(p);
  }
}

/** Every fixture and example folder as one module, plus generated modules. */
export function seedModules(): Module[] {
  const files: string[] = [];
  for (const root of ['test/fixtures', 'examples']) walk(path.join(REPO, root), files);
  const byDir = new Map<string, Module>();
  for (const f of files.sort()) {
    const m = byDir.get(path.dirname(f)) ?? {};
    m[path.basename(f)] = fs.readFileSync(f, 'utf8');
    byDir.set(path.dirname(f), m);
  }
  const out = [...byDir.values()].filter((m) => Object.keys(m).some((n) => n.endsWith('.tf')));
  for (let i = 0; i < 4; i++) {
    const m: Module = {};
    for (const g of moduleFiles(i, 'g')) m[path.basename(g.path)] = g.text;
    out.push(m);
  }
  // Texts at the edge of the grammar, most of them rejected by HashiCorp's parser (a missing
  // newline after an argument, single-line blocks with two items, text after a `}`,
  // unterminated strings and heredocs), beside an endpoint module; and that module broken
  // inside the blocks fixes edit.
  const half = Math.ceil(EDGE_SHAPES.length / 2);
  for (const part of [EDGE_SHAPES.slice(0, half), EDGE_SHAPES.slice(half)])
    out.push({ 'main.tf': EDGE_BASE, 'shapes.tf': part.join('\n') });
  for (const text of edgeBrokenBases()) out.push({ 'main.tf': text });
  // Expressions that hang or exhaust a naive evaluator (backtracking regular expressions,
  // doubled lists, nested loops over huge ranges, set functions over large lists).
  out.push({ 'main.tf': EDGE_BASE, 'bombs.tf': VALUE_BOMBS });
  return out;
}

// ---- mutations

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)];

function insertAt(s: string, at: number, piece: string): string {
  return s.slice(0, at) + piece + s.slice(at);
}

const NOISE = [
  '{',
  '}',
  '"',
  '[',
  ']',
  '(',
  ')',
  '=',
  '\n',
  '${',
  '%{',
  '<<',
  '#',
  '/*',
  '*/',
  '\\',
  '.',
  ',',
  ':',
  '?',
  '*',
  '\r',
  '\t',
  '\u00a0',
  '\ufeff',
  '\ufffd',
  '\ud800',
  '\udfff',
  '\0',
  'é',
  '😀',
];
const HEREDOCS = ['<<EOT\n', '<<-EOT\n', '<<EOF', '<<', '<<-', '\nEOT\n', '<<JSON\n{\n', '<<"EOT"\n'];
const NUMBERS = [
  '1e999999',
  '99999999999999999999999999999999',
  '-0',
  '0x1F',
  '1.7976931348623157e309',
  '0.0000000000000000000001',
  '1e-400',
  '4294967296',
  'NaN',
  '18446744073709551616',
];

function randomDeep(r: Rand): string {
  const depth = 50 + int(r, 3000);
  const open = pick(r, ['[', '(', '{a=', 'f(', '-', '!', '"${', 'x ? ', '{for k in ']);
  const close: Record<string, string> = {
    '[': ']',
    '(': ')',
    '{a=': '}',
    'f(': ')',
    '-': '',
    '!': '',
    '"${': '}"',
    'x ? ': ' : 1',
    '{for k in ': ' : k => k}',
  };
  const balanced = r() < 0.7;
  return open.repeat(depth) + '1' + (balanced ? close[open].repeat(depth) : close[open].repeat(int(r, depth)));
}

function invalidUtf8(r: Rand): string {
  const bytes = Buffer.alloc(1 + int(r, 12));
  for (let i = 0; i < bytes.length; i++) bytes[i] = 0x80 + int(r, 128);
  // As the node host reads it: decoded with replacement characters.
  return bytes.toString('utf8');
}

export const MUTATORS: Record<string, (s: string, r: Rand, other: string) => string> = {
  flip(s, r) {
    if (!s) return s;
    const out = s.split('');
    for (let n = 1 + int(r, 8); n > 0; n--) out[int(r, out.length)] = String.fromCharCode(int(r, r() < 0.8 ? 128 : 0x10000));
    return out.join('');
  },
  truncate: (s, r) => s.slice(0, int(r, s.length + 1)),
  splice(s, r, other) {
    const a = int(r, s.length + 1);
    const b = int(r, other.length + 1);
    const c = b + int(r, Math.min(2000, other.length - b) + 1);
    return s.slice(0, a) + other.slice(b, c) + s.slice(a + int(r, 200));
  },
  dropBraces(s, r) {
    const ch = pick(r, ['{', '}', '"', '[', ']', '(', ')']);
    const idx: number[] = [];
    for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) idx.push(i);
    if (!idx.length) return s;
    const at = pick(r, idx);
    return s.slice(0, at) + s.slice(at + 1);
  },
  dropLine(s, r) {
    const lines = s.split('\n');
    lines.splice(int(r, lines.length), 1 + int(r, 3));
    return lines.join('\n');
  },
  noise: (s, r) => insertAt(s, int(r, s.length + 1), pick(r, NOISE)),
  heredoc: (s, r) => insertAt(s, int(r, s.length + 1), pick(r, HEREDOCS)),
  number(s, r) {
    const m = [...s.matchAll(/\b\d+\b/g)];
    if (m.length && r() < 0.7) {
      const hit = pick(r, m);
      return s.slice(0, hit.index) + pick(r, NUMBERS) + s.slice(hit.index + hit[0].length);
    }
    return insertAt(s, int(r, s.length + 1), `\nhuge = ${pick(r, NUMBERS)}\n`);
  },
  deep(s, r) {
    const eq = [...s.matchAll(/= /g)];
    const deep = randomDeep(r);
    if (eq.length && r() < 0.7) {
      const hit = pick(r, eq);
      return insertAt(s, hit.index + 2, deep);
    }
    return `${s}\nlocals {\n  deep = ${deep}\n}\n`;
  },
  utf8: (s, r) => insertAt(s, int(r, s.length + 1), invalidUtf8(r)),
  nul: (s, r) => insertAt(s, int(r, s.length + 1), '\0'.repeat(1 + int(r, 4))),
  duplicate(s, r) {
    // Repeats a chunk: duplicate blocks, attributes and names.
    const a = int(r, s.length + 1);
    const b = Math.min(s.length, a + int(r, 600));
    return s.slice(0, b) + s.slice(a, b) + s.slice(b);
  },
  swapWord(s, r) {
    const words = [
      'true',
      'false',
      'null',
      'Interface',
      'Gateway',
      'GatewayLoadBalancer',
      'for_each',
      'count',
      'each.key',
      'var.x',
      'local.y',
      'module.m',
      '"*"',
      '443',
      '0.0.0.0/0',
      '"./"',
      '"../"',
      'dynamic',
    ];
    const m = [...s.matchAll(/\b(true|false|Interface|Gateway|443|null)\b|"[a-z0-9._/-]+"/g)];
    if (!m.length) return s;
    const hit = pick(r, m);
    return s.slice(0, hit.index) + pick(r, words) + s.slice(hit.index + hit[0].length);
  },
};
const NAMES = Object.keys(MUTATORS);

export interface Input {
  index: number;
  module: Module;
  /** The mutated file. */
  file: string;
  mutations: string[];
}

export function makeInput(seeds: readonly Module[], seed: number, index: number): Input {
  const r = rng(mix(seed, index));
  const base = seeds[int(r, seeds.length)];
  const names = Object.keys(base);
  const file = pick(r, names);
  const other = seeds[int(r, seeds.length)];
  const otherText = other[pick(r, Object.keys(other))];
  let text = base[file];
  const mutations: string[] = [];
  for (let n = 1 + int(r, 4); n > 0; n--) {
    const name = pick(r, NAMES);
    mutations.push(name);
    text = MUTATORS[name](text, r, otherText);
  }
  return { index, module: { ...base, [file]: text }, file, mutations };
}

// ---- checks

export interface Failure {
  kind: 'exception' | 'rule-error' | 'fix-breaks-parse' | 'fix-rejected-by-hcl2json' | 'slow';
  detail: string;
}

export interface Outcome {
  ms: number;
  bytes: number;
  findings: number;
  fixes: number;
  failures: Failure[];
  /** Fix results to compare with HashiCorp's parser (original text, fixed text). */
  hclPairs: { file: string; before: string; after: string; fix: string }[];
}

const errorCount = (text: string, file: string) =>
  parse(file.endsWith('.tfvars') || file.endsWith('.tf') ? text : '', file).diagnostics.filter((d) => d.severity === 'error').length;

/** Time an input may take: linear in its size, generous for a loaded machine. */
export function timeBound(bytes: number): number {
  return 2000 + bytes / 50; // 2 s + 20 ms per KB
}

/** Runs the engine on a module: analysis, then each fix alone on the in-memory texts. */
export function check(module: Module): Outcome {
  const t0 = performance.now();
  const files: Record<string, string> = {};
  for (const [n, t] of Object.entries(module)) files[`${DIR}/${n}`] = t;
  const bytes = Object.values(module).reduce((s, t) => s + t.length, 0);
  const failures: Failure[] = [];
  const hclPairs: Outcome['hclPairs'] = [];
  let findings: Finding[] = [];
  let fixes = 0;
  try {
    const ws = createWorkspace(memoryHost(files), { folders: [DIR] });
    findings = analyze(ws, {
      onRuleError: (rule, dir, e) =>
        failures.push({ kind: 'rule-error', detail: `${rule.meta.id} on ${dir}: ${(e as Error)?.stack ?? String(e)}` }),
    });
    for (const m of ws.roots()) void m.notes;
    const errorsBefore = new Map<string, number>();
    for (const f of findings) {
      for (const fix of f.fixes ?? []) {
        fixes++;
        for (const uri of new Set(fix.edits.map((e) => e.uri))) {
          const before = files[uri];
          if (before === undefined) {
            failures.push({ kind: 'exception', detail: `${f.rule} fix "${fix.title}" edits ${uri}, a file the module does not have` });
            continue;
          }
          const after = applyEdits(
            before,
            fix.edits.filter((e) => e.uri === uri),
          );
          if (!errorsBefore.has(uri)) errorsBefore.set(uri, errorCount(before, uri));
          const n = errorCount(after, uri);
          if (n > errorsBefore.get(uri)!) {
            failures.push({
              kind: 'fix-breaks-parse',
              detail: `${f.rule} fix "${fix.title}" on ${path.basename(uri)}: ${errorsBefore.get(uri)} -> ${n} syntax errors\n--- after ---\n${after.slice(0, 4000)}`,
            });
          }
          hclPairs.push({ file: uri, before, after, fix: `${f.rule} "${fix.title}"` });
        }
      }
    }
  } catch (e) {
    failures.push({ kind: 'exception', detail: String((e as Error)?.stack ?? e) });
  }
  const ms = performance.now() - t0;
  if (ms > timeBound(bytes))
    failures.push({ kind: 'slow', detail: `${ms.toFixed(0)} ms for ${bytes} bytes (bound ${timeBound(bytes).toFixed(0)} ms)` });
  return { ms, bytes, findings: findings.length, fixes, failures, hclPairs };
}

type Hcl2Json = (file: string, text: string) => Promise<unknown>;
let hclParse: Hcl2Json | undefined;
function hcl2json(): Hcl2Json {
  // Loaded lazily: its WebAssembly start costs a quarter of a second.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  hclParse ??= (require('@cdktf/hcl2json') as { parse: Hcl2Json }).parse;
  return hclParse;
}

// HashiCorp's parser in WebAssembly dies (a Go runtime fatal error ends the process) on deep
// nesting: such texts are not given to it.
export const DEEP = /(?:\[|\(|\{|\$\{|%\{|!|-|f\(|\{for k in |x \? |\{a=|"\$\{){20,}/;

/** Whether a text is fit to compare with HashiCorp's parser: no syntax error of ours, no deep nesting. */
export function hclComparable(file: string, text: string): boolean {
  return !DEEP.test(text) && errorCount(text, file) === 0;
}

export async function hclAccepts(file: string, text: string): Promise<boolean> {
  try {
    await hcl2json()(path.basename(file).endsWith('.tfvars') ? 'x.tfvars' : 'x.tf', text);
    return true;
  } catch {
    return false;
  }
}

// ---- the run

export interface FuzzOptions {
  count: number;
  seconds: number;
  seed: number;
  start?: number;
  /** Check fix results with HashiCorp's parser on every K-th input (0: never). */
  hclEvery?: number;
  /** Save failing inputs under test/fixtures/regressions (default true). */
  save?: boolean;
  /** Before each input (the watchdog hears of it). */
  onInput?: (input: Input) => void;
  log?: (line: string) => void;
}

export interface FuzzReport {
  inputs: number;
  fixesChecked: number;
  hclChecked: number;
  findings: number;
  failures: { input: Input; failure: Failure; saved?: string }[];
  slowest: { index: number; ms: number; bytes: number; mutations: string[] }[];
  /** Slowest relative to size (ms per KB), for inputs over 1 KB. */
  outliers: { index: number; msPerKb: number; ms: number; bytes: number }[];
  seconds: number;
}

export function saveFailure(seed: number, input: Input, failure: Failure): string {
  const name = `${failure.kind}-s${seed}-i${input.index}`;
  const dir = path.join(outDir, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [n, t] of Object.entries(input.module)) fs.writeFileSync(path.join(dir, n), t);
  fs.writeFileSync(
    path.join(dir, 'FAILURE.txt'),
    `seed ${seed} input ${input.index} (${input.mutations.join(', ')}) in ${input.file}\n${failure.kind}: ${failure.detail}\n`,
  );
  return dir;
}

export async function fuzz(o: FuzzOptions): Promise<FuzzReport> {
  const seeds = seedModules();
  const start = o.start ?? 0;
  const deadline = Date.now() + o.seconds * 1000;
  const report: FuzzReport = {
    inputs: 0,
    fixesChecked: 0,
    hclChecked: 0,
    findings: 0,
    failures: [],
    slowest: [],
    outliers: [],
    seconds: 0,
  };
  const t0 = Date.now();
  for (let i = start; i < start + o.count && Date.now() < deadline; i++) {
    const input = makeInput(seeds, o.seed, i);
    o.onInput?.(input);
    const out = check(input.module);
    report.inputs++;
    report.fixesChecked += out.fixes;
    report.findings += out.findings;
    const fails = [...out.failures];
    if (o.hclEvery && i % o.hclEvery === 0 && out.hclPairs.length) {
      const accepted = new Map<string, boolean>();
      for (const p of out.hclPairs) {
        if (!accepted.has(p.file))
          accepted.set(p.file, hclComparable(p.file, p.before) && !DEEP.test(p.after) && (await hclAccepts(p.file, p.before)));
        if (!accepted.get(p.file)) continue;
        report.hclChecked++;
        if (!(await hclAccepts(p.file, p.after)))
          fails.push({
            kind: 'fix-rejected-by-hcl2json',
            detail: `${p.fix} on ${path.basename(p.file)}\n--- after ---\n${p.after.slice(0, 4000)}`,
          });
      }
    }
    for (const failure of fails) {
      const saved = o.save === false ? undefined : saveFailure(o.seed, input, failure);
      report.failures.push({ input, failure, saved });
      o.log?.(
        `FAIL input ${i} (${input.mutations.join(', ')}): ${failure.kind}: ${failure.detail.split('\n')[0]}${saved ? ` -> ${path.relative(REPO, saved)}` : ''}`,
      );
    }
    report.slowest.push({ index: i, ms: out.ms, bytes: out.bytes, mutations: input.mutations });
    report.slowest.sort((a, b) => b.ms - a.ms);
    report.slowest.length = Math.min(report.slowest.length, 5);
    if (out.bytes > 1024) {
      report.outliers.push({ index: i, msPerKb: out.ms / (out.bytes / 1024), ms: out.ms, bytes: out.bytes });
      report.outliers.sort((a, b) => b.msPerKb - a.msPerKb);
      report.outliers.length = Math.min(report.outliers.length, 5);
    }
    if (o.log && report.inputs % 5000 === 0)
      o.log(
        `${report.inputs} inputs, ${report.fixesChecked} fixes, ${report.failures.length} failures, ${((Date.now() - t0) / 1000).toFixed(0)} s`,
      );
  }
  report.seconds = (Date.now() - t0) / 1000;
  return report;
}

// ---- watchdog: a synchronous hang cannot be interrupted from its own thread

const WATCHDOG = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
let current;
let since = Date.now();
parentPort.on('message', (m) => { current = m; since = Date.now(); });
setInterval(() => {
  if (!current || Date.now() - since < current.limit) return;
  const dir = path.join(workerData.dir, 'hang-s' + workerData.seed + '-i' + current.index);
  fs.mkdirSync(dir, { recursive: true });
  for (const [n, t] of Object.entries(current.module)) fs.writeFileSync(path.join(dir, n), t);
  fs.writeFileSync(path.join(dir, 'FAILURE.txt'), 'seed ' + workerData.seed + ' input ' + current.index + ' (' + current.mutations.join(', ') + ') in ' + current.file + '\\nhang: over ' + current.limit + ' ms\\n');
  process.stderr.write('FAIL input ' + current.index + ': hang (over ' + current.limit + ' ms) -> ' + dir + '\\n');
  process.kill(process.pid, 'SIGKILL');
}, 250);
`;

function parseArgs(argv: string[]): FuzzOptions {
  const o: FuzzOptions = { count: 10_000, seconds: 540, seed: 1, start: 0, hclEvery: 50, save: true };
  for (let i = 0; i < argv.length; i++) {
    const v = () => Number(argv[++i]);
    switch (argv[i]) {
      case '--count':
        o.count = v();
        break;
      case '--seconds':
        o.seconds = v();
        break;
      case '--seed':
        o.seed = v();
        break;
      case '--start':
        o.start = v();
        break;
      case '--hcl-every':
        o.hclEvery = v();
        break;
      case '--no-save':
        o.save = false;
        break;
      // Elsewhere than the regression fixtures, for long runs whose failures are triaged first.
      case '--out':
        outDir = path.resolve(argv[++i]);
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return o;
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const dog = new Worker(WATCHDOG, { eval: true, workerData: { dir: outDir, seed: o.seed } });
  dog.unref();
  o.onInput = (input) => {
    const bytes = Object.values(input.module).reduce((s, t) => s + t.length, 0);
    dog.postMessage({ ...input, limit: Math.max(20_000, timeBound(bytes) * 5) });
  };
  o.log = (line) => process.stdout.write(line + '\n');
  const r = await fuzz(o);
  const fmt = (n: number) => n.toLocaleString('en-US');
  process.stdout.write(
    [
      `seed ${o.seed}, inputs ${o.start}..${(o.start ?? 0) + r.inputs - 1}`,
      `inputs: ${fmt(r.inputs)} in ${r.seconds.toFixed(1)} s (${(r.inputs / r.seconds).toFixed(0)}/s)`,
      `findings: ${fmt(r.findings)}; fixes checked: ${fmt(r.fixesChecked)}; fix results checked with hcl2json: ${fmt(r.hclChecked)}`,
      `failures: ${r.failures.length}`,
      `slowest: ${r.slowest.map((s) => `#${s.index} ${s.ms.toFixed(0)} ms/${s.bytes} B [${s.mutations.join(',')}]`).join('; ')}`,
      `slowest per KB: ${r.outliers.map((s) => `#${s.index} ${s.msPerKb.toFixed(2)} ms/KB (${s.ms.toFixed(0)} ms, ${s.bytes} B)`).join('; ')}`,
    ].join('\n') + '\n',
  );
  await dog.terminate();
  return r.failures.length ? 1 : 0;
}

// Bundled into another entry point, `require.main === module` holds there too: check the script.
if (require.main === module && /fuzz\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  main().then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`fuzz: ${(e as Error)?.stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
