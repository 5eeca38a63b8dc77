// The CLI face of the engine: the same findings as the editor, for CI.
//   privatelink-lint [paths...] [--format text|json|sarif|github|gitlab|junit] [--fix] [--rule ID] [--ignore-rule ID]
//                    [--max-warnings N] [--config FILE] [--var-file FILE] [--var NAME=VALUE]
//                    [--jobs N|auto] [--stats] [--plan FILE]
// Exit codes: 0 no finding at error level; 1 findings at error level (or too many warnings);
// 2 a usage or I/O problem.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from './engine/analyze';
import { DEFAULT_CONFIG, levelOf, loadConfig, mergeConfig, parseConfig, type Config } from './engine/config';
import { compatibleFixes } from './engine/fix-all';
import { applyEdits } from './fixes/apply';
import { parseConfigFile } from './hcl/json-syntax';
import { boundaryOf, writeInside, writeRefusal, type Boundary } from './model/boundary';
import { nodeHost, readBounded } from './model/node-host';
import type { Host } from './model/types';
import type { VarInput } from './model/tfvars';
import { createWorkspace } from './model/workspace';
import type { PlanValues } from './model/plan';
import { RULES, RULES_BY_ID } from './rules/index';
import type { Finding, Fix, TextEdit } from './rules/types';
import { counted, FORMATS, isFormat, render, type Format } from './cli/formats/index';
import { reportBase, type ReportContext, type RuleFailure } from './cli/formats/context';
import { staticWorkspace } from './cli/static-workspace';
import { findModuleDirs, type WalkListing } from './cli/walk';
import { loadPlan } from './cli/plan-input';
import { autoJobs, MIN_BATCHED_DIRS } from './cli/jobs';
import { forgetScanned, planBatches, scanFolders, takeListed, takeScanned, type FolderScan } from './cli/plan';
import { sizeOf, throughput, type RunStats } from './cli/stats';
import { checkedConfigVarFiles, parseVarFlag, varFileFlagProblem, varInputsOf } from './cli/vars';
import { runBatches, serveBatches, startWorker, WORKER_ENV } from './cli/workers';
import { tuneForShortRun } from './cli/short-run';
import { printable, printableLines } from './engine/printable';

const VERSION = '0.1.0';
/** A configuration file is a few hundred bytes; anything near this is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** A notice on stderr; what it quotes of files is made printable (engine/printable.ts). */
function say(msg: string): void {
  process.stderr.write(`privatelink-lint: ${printable(msg)}\n`);
}

interface Options {
  paths: string[];
  format: Format;
  fix: boolean;
  rules: Set<string>;
  ignore: Set<string>;
  maxWarnings: number | undefined;
  config: string | undefined;
  /** --var-file (absolute) and --var, in the order given. */
  vars: VarInput[];
  /** Threads; undefined picks them from the workspace's size and the cores. */
  jobs: number | undefined;
  stats: boolean;
  /** The output of `terraform show -json <planfile>`, absolute. */
  plan: string | undefined;
}

const USAGE = `Usage: privatelink-lint [paths...] [options]

Finds AWS PrivateLink mistakes in Terraform. Each folder with .tf or .tofu files is one
module (name.tofu is read in place of name.tf, as OpenTofu does).

Options:
  --format FORMAT           Output format (default: text): text, json, sarif, github
                            (workflow commands: pull request annotations), gitlab (Code
                            Quality report) or junit (JUnit XML test report)
  --fix                     Apply every preferred fix, then report what is left
  --rule ID                 Only this rule (repeatable, or comma-separated)
  --ignore-rule ID          Skip this rule (repeatable, or comma-separated)
  --max-warnings N          Exit 1 when there are more than N warnings
  --config FILE             Configuration file (default: .privatelink.json in the first path)
  --var-file FILE           Variable values for every root module, as terraform -var-file
                            (repeatable; read after terraform.tfvars, *.auto.tfvars and the
                            configuration's varFiles, later ones winning)
  --var NAME=VALUE          A variable value, as terraform -var (repeatable; in order with
                            --var-file: the last one given wins)
  --jobs N|auto             Processes to analyse with (default auto: one for a small
                            workspace or two cores, else one per core, here ${autoJobs(Infinity)}; --fix runs in one)
  --stats                   Print files, bytes, time and throughput to stderr
  --plan FILE               The output of terraform show -json <planfile> (or tofu show
                            -json) for one of the folders: what the plan knows (data
                            sources, modules not installed, for_each keys, variables) is
                            used; unknown and sensitive values stay unknown
  -h, --help                Show this help
  -v, --version             Show the version

Exit codes: 0 no error-level finding, 1 error-level findings (or too many warnings),
2 usage or I/O problem.`;

class UsageError extends Error {}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const o: Options = {
    paths: [],
    format: 'text',
    fix: false,
    rules: new Set(),
    ignore: new Set(),
    maxWarnings: undefined,
    config: undefined,
    vars: [],
    jobs: undefined,
    stats: false,
    plan: undefined,
  };
  const ids = (v: string | undefined, flag: string) => {
    if (!v) throw new UsageError(`${flag} needs a rule id`);
    const list = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const id of list) if (!RULES_BY_ID.has(id)) throw new UsageError(`unknown rule "${id}"`);
    return list;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const next = () => inline ?? argv[++i];
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '-v':
      case '--version':
        return 'version';
      case '--format': {
        const f = next();
        if (!isFormat(f)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${f ?? ''}"`);
        o.format = f;
        break;
      }
      case '--fix':
        o.fix = true;
        break;
      case '--rule':
        for (const id of ids(next(), '--rule')) o.rules.add(id);
        break;
      case '--ignore-rule':
        for (const id of ids(next(), '--ignore-rule')) o.ignore.add(id);
        break;
      case '--max-warnings': {
        const n = Number(next());
        if (!Number.isInteger(n) || n < 0) throw new UsageError('--max-warnings needs a whole number');
        o.maxWarnings = n;
        break;
      }
      case '--jobs': {
        const v = next();
        if (v === 'auto') {
          o.jobs = undefined;
          break;
        }
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--jobs needs a whole number of at least 1, or auto');
        o.jobs = n;
        break;
      }
      case '--stats':
        o.stats = true;
        break;
      case '--plan': {
        const f = next();
        if (!f) throw new UsageError('--plan needs a file (the output of terraform show -json <planfile>)');
        o.plan = path.resolve(f);
        break;
      }
      case '--config':
        o.config = next();
        if (!o.config) throw new UsageError('--config needs a file');
        break;
      case '--var-file': {
        const f = next();
        if (!f) throw new UsageError('--var-file needs a file');
        o.vars.push({ file: path.resolve(f) });
        break;
      }
      case '--var': {
        const v = next();
        if (v === undefined) throw new UsageError('--var needs NAME=VALUE');
        const r = parseVarFlag(v);
        if ('error' in r) throw new UsageError(r.error);
        o.vars.push(r);
        break;
      }
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
        o.paths.push(a);
    }
  }
  if (o.paths.length === 0) o.paths.push('.');
  return o;
}

function readConfig(o: Options, root: string, host: ReturnType<typeof nodeHost>): Config {
  let config: Config;
  if (o.config) {
    let json: unknown;
    const got = readBounded(o.config, MAX_CONFIG_BYTES);
    if ('error' in got) throw new UsageError(`cannot read the configuration: ${got.error}`);
    try {
      json = JSON.parse(got.bytes.toString('utf8'));
    } catch (e) {
      throw new UsageError(`cannot read the configuration ${o.config}: ${(e as Error).message}`);
    }
    const r = parseConfig(json);
    if (r.errors.length) throw new UsageError(`${o.config}: ${r.errors.join('; ')}`);
    config = r.config;
  } else {
    const r = loadConfig(root, host);
    if (r.error) say(`${r.error} (using the defaults)`);
    config = r.error ? { ...DEFAULT_CONFIG } : r.config;
  }
  const off = Object.fromEntries([...o.ignore].map((id) => [id, 'off' as const]));
  return mergeConfig(config, { rules: off });
}

function rel(p: string): string {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
}

interface Run {
  findings: Finding[];
  fixed: number;
}

/**
 * Applies preferred fixes pass by pass: in each pass every non-overlapping fix at once, then
 * re-analysis. A fix is not written when it would leave a file with new syntax errors, or when
 * it edits a file a fix may not write (outside the paths given, a symlink, a file with other
 * hard links, not a regular file): such fixes are listed as not applied, with the reason.
 */
function fixLoop(analyzeOnce: () => Finding[], reload: (file: string, text: string) => void, boundary: Boundary): Run {
  let fixed = 0;
  const refused = new Set<string>();
  const key = (f: Finding) => `${f.rule}|${f.uri}|${f.message}`;
  const texts = new Map<string, { text: string } | { why: string }>();
  const load = (file: string) => {
    let t = texts.get(file);
    if (!t) {
      const r = readBounded(file);
      const text = 'error' in r ? undefined : r.bytes.toString('utf8');
      // A file with bytes that are not UTF-8 is analysed (they decode to U+FFFD) but never
      // written: writing it would change those bytes too.
      if (text === undefined) t = { why: 'it cannot be read' };
      else if (!Buffer.from(text, 'utf8').equals((r as { bytes: Buffer }).bytes))
        t = { why: 'it is not valid UTF-8, and writing it would change those bytes' };
      else t = { text };
      texts.set(file, t);
    }
    return t;
  };
  const read = (file: string) => {
    const t = load(file);
    return 'text' in t ? t.text : undefined;
  };
  const notApplied = (fix: Fix, finding: Finding, why: string) => {
    refused.add(key(finding));
    say(`the fix "${fix.title}" for ${finding.rule} in ${rel(finding.uri)} was not applied: ${why}`);
  };
  const errorsIn = (file: string, text: string) => parseConfigFile(text, file).diagnostics.filter((d) => d.severity === 'error').length;
  for (let pass = 0; pass < 20; pass++) {
    texts.clear();
    const candidates: { fix: Fix; finding: Finding; files: string[] }[] = [];
    for (const { fix, finding } of compatibleFixes(analyzeOnce().filter((f) => !refused.has(key(f))))) {
      const files = [...new Set(fix.edits.map((e) => e.uri))];
      const denied = files.map((file) => ({ file, why: writeRefusal(file, boundary) })).find((d) => d.why);
      if (denied) notApplied(fix, finding, `${rel(denied.file)}: ${denied.why}`);
      else {
        const unreadable = files.map((file) => ({ file, t: load(file) })).find((x) => 'why' in x.t);
        if (unreadable) notApplied(fix, finding, `${rel(unreadable.file)}: ${(unreadable.t as { why: string }).why}`);
        else candidates.push({ fix, finding, files });
      }
    }
    // Each file is parsed once with all of its fixes applied; only a file that would then have
    // more syntax errors has its fixes tried one by one (a parse per fix of a large file would
    // make the pass quadratic).
    const before = new Map<string, number>();
    const errorsBefore = (file: string) => {
      let n = before.get(file);
      if (n === undefined) before.set(file, (n = errorsIn(file, read(file)!)));
      return n;
    };
    const edited = new Set(candidates.flatMap((c) => c.files));
    const suspect = new Set(
      [...edited].filter((file) => {
        const edits = candidates.flatMap((c) => c.fix.edits.filter((e) => e.uri === file));
        return errorsIn(file, applyEdits(read(file)!, edits)) > errorsBefore(file);
      }),
    );
    const accepted: TextEdit[] = [];
    for (const { fix, finding, files } of candidates) {
      const ok = files.every(
        (file) =>
          !suspect.has(file) ||
          errorsIn(
            file,
            applyEdits(
              read(file)!,
              fix.edits.filter((x) => x.uri === file),
            ),
          ) <= errorsBefore(file),
      );
      if (!ok) {
        notApplied(fix, finding, 'it would not leave valid Terraform');
        continue;
      }
      accepted.push(...fix.edits);
      fixed++;
    }
    if (accepted.length === 0) break;
    for (const file of new Set(accepted.map((e) => e.uri))) {
      const before = read(file)!;
      const text = applyEdits(
        before,
        accepted.filter((e) => e.uri === file),
      );
      const why = writeInside(file, text, boundary, before);
      if (why) {
        say(`${rel(file)} was not written: ${why}`);
        continue;
      }
      reload(file, text);
    }
  }
  return { findings: analyzeOnce(), fixed };
}

export function main(argv: string[]): number | Promise<number> {
  let o: Options | 'help' | 'version';
  try {
    o = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`privatelink-lint: ${printable((e as Error).message)}\n\n${USAGE}\n`);
    return 2;
  }
  if (o === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (o === 'version') {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  const opts = o;
  const started = { wall: performance.now(), cpu: process.cpuUsage() };
  const roots = opts.paths.map((p) => path.resolve(p));
  for (const r of roots) {
    if (!fs.existsSync(r)) {
      say(`${r}: no such file or folder`);
      return 2;
    }
  }
  const boundary = boundaryOf(roots);
  for (const v of opts.vars) {
    const problem = 'file' in v ? varFileFlagProblem(v.file, boundary) : undefined;
    if (problem) {
      say(problem);
      return 2;
    }
  }
  const host = nodeHost({ boundary });
  const configRoot = fs.statSync(roots[0]).isDirectory() ? roots[0] : path.dirname(roots[0]);
  let config: Config;
  try {
    config = readConfig(opts, configRoot, host);
  } catch (e) {
    say((e as Error).message);
    return 2;
  }
  const configVars = checkedConfigVarFiles(config, configRoot, boundary, say);
  const varInputs = configVars.size || opts.vars.length ? varInputsOf(configVars, opts.vars) : undefined;

  const dirs = new Set<string>();
  const listings = new Map<string, WalkListing>();
  for (const r of roots) {
    const found = findModuleDirs(r, say, boundary, listings);
    for (const d of found) dirs.add(d);
  }
  const stats = (scans: readonly FolderScan[], more?: Partial<RunStats>): RunStats | undefined =>
    opts.stats ? { ...sizeOf(scans), jobs: 1, batches: 1, redone: 0, workerCpu: 0, started, ...more } : undefined;
  const failures: RuleFailure[] = [];
  const onRuleFailure = (rule: string, dir: string, message: string) => {
    failures.push({ rule, dir, message });
    say(`rule ${rule} failed on ${rel(dir)}: ${message}`);
  };
  const reportContext: ReportContext = {
    base: reportBase(roots[0]),
    version: VERSION,
    read: (file) => {
      const r = host.readFile(file);
      return 'text' in r ? r.text : undefined;
    },
    modules: [...dirs],
    rules: RULES.map((r) => r.meta.id).filter((id) => levelOf(config, id, 'error') !== 'off' && (!opts.rules.size || opts.rules.has(id))),
    failures,
  };
  let plan: PlanValues | undefined;
  if (opts.plan) {
    const r = loadPlan(opts.plan, dirs, roots, host, varInputs);
    if ('error' in r) {
      say(r.error);
      return 2;
    }
    plan = r.plan;
  }
  // `read`: the host the analysis reads through (by default the one that reads afresh each time).
  const wholeRun = (read: Host = host) => {
    // The modules are those of the folders the walk found, as in a batched run: nothing below a
    // file's folder when a file was given (its folder may hold far more than the file's module).
    const ws = staticWorkspace(createWorkspace(read, { folders: [...dirs], varInputs, ...(plan ? { plan } : {}) }), [...dirs]);
    const analyzeOnce = () =>
      analyze(ws, {
        config,
        root: configRoot,
        dirs,
        only: opts.rules.size ? opts.rules : undefined,
        outside: read.isOutside,
        onRuleError: (rule, dir, e) => onRuleFailure(rule.meta.id, dir, String((e as Error)?.message ?? e)),
      });
    return { ws, analyzeOnce };
  };

  if (opts.fix) {
    const { ws, analyzeOnce } = wholeRun();
    const r = fixLoop(analyzeOnce, (file, text) => ws.setFile(file, text), boundary);
    say(`applied ${counted(r.fixed, 'fix', 'fixes')}`);
    // Files are measured for --stats only, after the fixes.
    return finish(opts, r.findings, reportContext, opts.stats ? stats(scanFolders([...dirs])) : undefined);
  }
  // Workers start first: loading the bundle in them overlaps reading the workspace here.
  const jobs = opts.jobs ?? autoJobs(dirs.size);
  // A plan is read in this process only: its folder's tree is analysed here.
  const batched = dirs.size >= MIN_BATCHED_DIRS && !plan;
  const workers = batched && jobs > 1 ? Array.from({ length: jobs - 1 }, () => startWorker(workerScript())) : [];
  const scans = scanFolders([...dirs], listings);
  const batches = batched ? planBatches(scans) : [];
  if (batches.length < 2) {
    for (const w of workers) w.stop();
    // What the scan read and listed is read from there, not from the disk a second time.
    const scanned = nodeHost({ boundary, stableFolders: true, prefetched: takeScanned, prelisted: takeListed });
    const findings = wholeRun(scanned).analyzeOnce();
    forgetScanned();
    return finish(opts, findings, reportContext, stats(scans));
  }
  return runBatches(batches, {
    config,
    root: configRoot,
    only: opts.rules.size ? opts.rules : undefined,
    boundary,
    varFiles: [...configVars],
    vars: opts.vars,
    dirs,
    workers,
    warn: say,
    onRuleFailure: (f) => onRuleFailure(f.rule, f.dir, f.message),
  }).then((r) =>
    finish(
      opts,
      r.findings,
      reportContext,
      stats(scans, {
        jobs: workers.length + 1,
        batches: batches.length,
        redone: r.merged,
        workerCpu: workers.reduce((n, w) => n + w.cpu(), 0),
      }),
    ),
  );
}

/** The report, then (with --stats) what the run read and how fast. */
function finish(opts: Options, findings: Finding[], ctx: ReportContext, s: RunStats | undefined): number {
  const code = report(opts, findings, ctx);
  if (s) say(throughput(s));
  return code;
}

/** Writes the report; the exit code is the same in every format. */
function report(opts: Options, findings: Finding[], ctx: ReportContext): number {
  process.stdout.write(render(opts.format, findings, ctx));

  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    say(`${counted(warnings, 'warning')}, more than --max-warnings ${opts.maxWarnings}`);
    return 1;
  }
  return 0;
}

export { tuneForShortRun };

/**
 * The script a worker of --jobs runs: the command's entry beside this bundle (which loads it
 * with the build's compiled code), else this bundle itself.
 */
function workerScript(): string {
  const entry = path.join(__dirname, 'cli.js');
  return entry !== __filename && fs.existsSync(entry) ? entry : __filename;
}

/**
 * What `node dist/cli.js` does (cli-launch.ts calls it once the bundle is loaded): serve the
 * batches it is sent as a worker started by --jobs, else run the command line.
 */
export function command(): void {
  tuneForShortRun();
  if (process.env[WORKER_ENV] && process.send) {
    serveBatches();
    return;
  }
  // A reader that stops early (`| head`) closes the pipe: what is left of the report has nowhere
  // to go, which is not a failure of the run, and its exit code still says what it found. A
  // report that cannot be written otherwise (a full disk) is an I/O problem: said, and exit 2,
  // so that CI does not take a cut report for a whole one.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return;
    say(`cannot write the report: ${e.code ?? e.message}`);
    process.exit(2);
  });
  let stderrFailed = false;
  process.stderr.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') stderrFailed = true;
  });
  // Notices that could not be written are lost: the exit code says so.
  process.on('exit', () => {
    if (stderrFailed) process.exitCode = 2;
  });
  const failed = (e: unknown) => {
    process.stderr.write(`privatelink-lint: internal error: ${printableLines((e as Error)?.stack ?? String(e))}\n`);
    return 2;
  };
  let code: number | Promise<number>;
  try {
    code = main(process.argv.slice(2));
  } catch (e) {
    code = failed(e);
  }
  if (typeof code === 'number') process.exitCode = code;
  else
    code.then(
      (c) => (process.exitCode = c),
      (e) => (process.exitCode = failed(e)),
    );
}

// Run as a script itself (a bundle of this file alone, without the entry).
if (require.main === module) command();
