// The composite GitHub Action (action.yml): its shape, checked as the runner reads it, and
// its shell steps run here as the runner would run them, with `${{ }}` expressions replaced
// by the inputs and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY as files, on a copy of examples/.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = yaml.load(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const EXPR = /\$\{\{\s*(.*?)\s*\}\}/g;

/** Every `inputs.x` / `steps.id.outputs.y` read by a `${{ }}` expression in the value (`if:` conditions are read apart). */
function references(value: unknown, kind: 'inputs' | 'steps'): string[] {
  const text = JSON.stringify(value);
  const out: string[] = [];
  for (const m of text.matchAll(EXPR)) {
    const re = kind === 'inputs' ? /\binputs\.([A-Za-z0-9_-]+)/g : /\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g;
    for (const r of m[1].matchAll(re)) out.push(kind === 'inputs' ? r[1] : `${r[1]}.${r[2]}`);
  }
  return out;
}

describe('GitHub Action (action.yml)', () => {
  it('is a composite action whose shell steps all name their shell', () => {
    assert.equal(action.runs.using, 'composite');
    assert.ok(action.name && action.description);
    for (const step of action.runs.steps) {
      assert.ok(Boolean(step.run) !== Boolean(step.uses), `a step has exactly one of run and uses: ${JSON.stringify(step)}`);
      if (step.run) assert.ok(step.shell, `the run step "${step.name ?? step.id}" has no shell (composite actions require one)`);
      if (step.uses) assert.match(step.uses, /^[\w.-]+\/[\w./-]+@v\d+$/, `${step.uses} is pinned to a major version`);
    }
  });

  it('reads only declared inputs, declares only inputs it reads, and describes each', () => {
    const used = new Set([
      ...references(action.runs.steps, 'inputs'),
      ...action.runs.steps.flatMap((s) => [...(s.if ?? '').matchAll(/\binputs\.([\w-]+)/g)].map((m) => m[1])),
    ]);
    const declared = new Set(Object.keys(action.inputs));
    assert.deepEqual(
      [...used].filter((u) => !declared.has(u)),
      [],
      'inputs used but not declared',
    );
    assert.deepEqual(
      [...declared].filter((d) => !used.has(d)),
      [],
      'inputs declared but never used',
    );
    for (const [name, spec] of Object.entries(action.inputs)) {
      assert.ok(spec.description, `input ${name} has no description`);
      assert.equal(typeof (spec.default ?? ''), 'string', `input ${name}: defaults are strings`);
    }
  });

  it('maps outputs and conditions to step outputs the lint step writes', () => {
    const ids = new Set(action.runs.steps.map((s) => s.id).filter(Boolean));
    const script = fs.readFileSync(path.join(ROOT, 'scripts/github-action.mjs'), 'utf8');
    const refs = [
      ...references(action.outputs, 'steps'),
      ...action.runs.steps.flatMap((s) =>
        [...`${s.if ?? ''} ${JSON.stringify(s.with ?? {})}`.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)].map(
          (m) => `${m[1]}.${m[2]}`,
        ),
      ),
    ];
    assert.ok(refs.length > 0);
    for (const ref of refs) {
      const [id, key] = ref.split('.');
      assert.ok(ids.has(id), `no step with id ${id}`);
      assert.ok(script.includes(`setOutput('${key}'`), `the lint step never writes the output ${key}`);
    }
    for (const [name, out] of Object.entries(action.outputs)) assert.ok(out.description, `output ${name} has no description`);
  });

  it('passes every input of the lint step as the INPUT_ variable the script reads', () => {
    const lint = action.runs.steps.find((s) => s.id === 'lint');
    assert.ok(lint?.env);
    const script = fs.readFileSync(path.join(ROOT, 'scripts/github-action.mjs'), 'utf8');
    for (const [key, value] of Object.entries(lint.env)) {
      const m = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value);
      if (!m) continue;
      assert.equal(key, `INPUT_${m[1].replace(/-/g, '_').toUpperCase()}`);
      assert.ok(script.includes(`input('${m[1]}'`) || script.includes(`bool('${m[1]}'`), `the script never reads ${m[1]}`);
    }
  });

  describe('its shell steps, run here', function () {
    this.timeout(60_000);
    let scratch: string;

    before(() => {
      assert.ok(fs.existsSync(CLI), 'dist/cli.js is missing: run npm run build');
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plt-action-'));
    });
    after(() => fs.rmSync(scratch, { recursive: true, force: true }));

    /** Runs the action's shell steps in order as the runner would, with these inputs. */
    function runAction(inputs: Record<string, string>) {
      const work = fs.mkdtempSync(path.join(scratch, 'run-'));
      fs.cpSync(path.join(ROOT, 'examples'), path.join(work, 'examples'), { recursive: true });
      const values: Record<string, string> = Object.fromEntries(
        Object.entries(action.inputs).map(([k, v]) => [k, inputs[k] ?? v.default ?? '']),
      );
      const outputFile = path.join(work, 'github-output');
      const summaryFile = path.join(work, 'step-summary');
      fs.writeFileSync(outputFile, '');
      fs.writeFileSync(summaryFile, '');
      const evaluate = (text: string) =>
        text.replace(EXPR, (_, expr: string) => {
          const input = /^inputs\.([\w-]+)$/.exec(expr);
          if (input) return values[input[1]];
          if (expr === 'github.action_path') return ROOT;
          throw new Error(`the test does not evaluate \${{ ${expr} }}`);
        });
      let last = { status: 0 as number | null, stdout: '', stderr: '' };
      for (const step of action.runs.steps.filter((s) => s.run)) {
        const env: NodeJS.ProcessEnv = {
          PATH: process.env.PATH,
          HOME: work,
          GITHUB_ACTION_PATH: ROOT,
          GITHUB_WORKSPACE: work,
          GITHUB_OUTPUT: outputFile,
          GITHUB_STEP_SUMMARY: summaryFile,
          ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v)])),
        };
        const cwd = path.resolve(work, evaluate(step['working-directory'] ?? '.'));
        const r = spawnSync(
          step.shell === 'bash' ? 'bash' : String(step.shell),
          ['--noprofile', '--norc', '-eo', 'pipefail', '-c', evaluate(step.run!)],
          { cwd, env, encoding: 'utf8' },
        );
        last = { status: r.status, stdout: r.stdout, stderr: r.stderr };
        if (r.status !== 0) break;
      }
      const outputs = Object.fromEntries(
        fs
          .readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      return { ...last, outputs, summary: fs.readFileSync(summaryFile, 'utf8'), work };
    }

    function expectedCounts(work: string) {
      const r = spawnSync(process.execPath, [CLI, 'examples', '--format', 'json'], { cwd: work, encoding: 'utf8' });
      const findings = JSON.parse(r.stdout) as { severity: string }[];
      const n = (s: string) => String(findings.filter((f) => f.severity === s).length);
      return { errors: n('error'), warnings: n('warning'), information: n('information'), hints: n('hint') };
    }

    it('annotates every finding, writes the counts, and fails on errors by default', () => {
      const r = runAction({ paths: 'examples' });
      assert.equal(r.status, 1, r.stderr);
      const expected = expectedCounts(r.work);
      assert.ok(Number(expected.errors) > 0);
      assert.deepEqual(
        { errors: r.outputs.errors, warnings: r.outputs.warnings, information: r.outputs.information, hints: r.outputs.hints },
        expected,
      );
      const annotations = r.stdout.split('\n').filter((l) => /^::(error|warning|notice) file=examples\//.test(l));
      const total = Object.values(expected).reduce((a, b) => a + Number(b), 0);
      assert.equal(annotations.length, total, r.stdout);
      assert.match(r.stdout, /^::error title=privatelink-lint::\d+ error, .*at or above error$/m);
      assert.match(
        r.summary,
        new RegExp(`\\| ${expected.errors} \\| ${expected.warnings} \\| ${expected.information} \\| ${expected.hints} \\|`),
      );
      assert.equal(r.outputs['sarif-file'], undefined, 'no SARIF unless asked');
    });

    it('passes with fail-on never, writes no annotations when told not to, and writes SARIF when asked', () => {
      const r = runAction({
        paths: 'examples',
        'fail-on': 'never',
        annotations: 'false',
        sarif: 'true',
        'sarif-file': 'out/privatelink.sarif',
      });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.doesNotMatch(r.stdout, /^::(error|warning|notice) file=/m);
      assert.equal(r.outputs['sarif-file'], 'out/privatelink.sarif');
      const sarif = JSON.parse(fs.readFileSync(path.join(r.work, 'out/privatelink.sarif'), 'utf8')) as {
        version: string;
        runs: { results: unknown[] }[];
      };
      assert.equal(sarif.version, '2.1.0');
      assert.ok(sarif.runs[0].results.length > 0);
    });

    it('fails by the threshold: a module with only warnings passes at error and fails at warning', () => {
      const only = '--rule PL403';
      const atError = runAction({ paths: 'examples', args: only });
      assert.equal(atError.outputs.errors, '0');
      assert.ok(Number(atError.outputs.warnings) > 0, 'PL403 warns on examples/');
      assert.equal(atError.status, 0, atError.stdout);
      const atWarning = runAction({ paths: 'examples', args: only, 'fail-on': 'warning' });
      assert.equal(atWarning.status, 1, atWarning.stdout);
      assert.match(atWarning.stdout, /at or above warning/);
    });

    it('stops with exit 2 on a CLI usage problem and on a bad input', () => {
      assert.equal(runAction({ paths: 'does-not-exist' }).status, 2);
      const bad = runAction({ paths: 'examples', 'fail-on': 'sometimes' });
      assert.equal(bad.status, 2);
      assert.match(bad.stdout, /fail-on must be one of/);
    });
  });
});
