// The rule registry (server/src/rules/index.ts) against every list of rules kept elsewhere:
// the .privatelink.json schema, the README's rule table, docs/rules/, test/rules/, the SARIF
// rule list, and the rule-id patterns of the editor setting and the suppression grammar.
// `fixable` is held to the rule's tests: a fixable rule has a case with fixed text, and its
// findings carry fixes; a rule that is not fixable has neither.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { transformSync } from 'esbuild';
import { toSarif } from '../../server/src/cli/sarif';
import { workspaceFromFiles } from '../../server/src/model/testing';
import { RULES, RULES_BY_ID } from '../../server/src/rules/index';
import type { Rule, Severity } from '../../server/src/rules/types';
import { run, WS, type InvalidCase, type ValidCase } from '../rules/rule-tester';

const ROOT = path.resolve(__dirname, '../..');
const IDS = RULES.map((r) => r.meta.id);
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const readJson = (rel: string): unknown => JSON.parse(read(rel));

/** A JSON schema of rule ids to severities, as the config schema and the editor setting write it. */
interface RulesSchema<Names> {
  propertyNames: Names;
  additionalProperties: { enum: string[] };
}

/** The parts of package.json these tests read. */
interface PackageJson {
  scripts: Record<string, string>;
  contributes: { configuration: { properties: { 'privatelink.rules': RulesSchema<{ pattern: string }> } } };
}

interface TableRow {
  id: string;
  link: string;
  name: string;
  severities: string[];
  fix: string;
}

/** The rows of the README's table under "## What it finds" (header `| id | name | default | fix |`). */
function readmeRuleTable(readme: string): TableRow[] {
  const lines = readme.split('\n');
  const head = lines.findIndex((l) => /^\|\s*id\s*\|\s*name\s*\|\s*default\s*\|\s*fix\s*\|\s*$/.test(l));
  assert.ok(head >= 0, 'README has a table headed | id | name | default | fix |');
  const rows: TableRow[] = [];
  for (const line of lines.slice(head + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const m = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(cells[0]);
    assert.ok(m && cells.length === 4, `README rule table row: ${line}`);
    rows.push({ id: m[1], link: m[2], name: cells[1], severities: cells[2].split('/').map((s) => s.trim()), fix: cells[3] });
  }
  return rows;
}

/** A rule page's title, and the paragraph that starts with `Severity:`. */
function docHeader(text: string): { title: string; severities: string[]; fix: string | undefined } {
  const paragraphs = text.split(/\n\s*\n/);
  const title = paragraphs[0].trim();
  const para = paragraphs.find((p) => p.startsWith('Severity:'))?.replace(/\s+/g, ' ') ?? '';
  const severities = [...para.matchAll(/\*\*([a-z]+)\*\*/g)].map((m) => m[1]);
  const fix = /· Fix: (yes|no|none)\b/.exec(para)?.[1];
  return { title, severities, fix };
}

interface Cases {
  rule: Rule;
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/**
 * The cases a test/rules file hands to testRule, read by running the file with testRule (and
 * mocha's describe and it) replaced: nothing is registered with mocha.
 */
function casesOf(file: string): Cases[] {
  const out: Cases[] = [];
  const req: (id: string) => unknown = createRequire(file);
  const tester = req('./rule-tester') as typeof import('../rules/rule-tester');
  const stub = { ...tester, testRule: (rule: Rule, c: { valid: ValidCase[]; invalid: InvalidCase[] }) => out.push({ rule, ...c }) };
  const noop = Object.assign(() => undefined, { skip: () => undefined, only: () => undefined });
  const { code } = transformSync(fs.readFileSync(file, 'utf8'), { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: file });
  const mod = { exports: {} };
  // The test file runs as CommonJS with mocha's globals and the tester stubbed: that is the point.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- deliberate: see above
  const body = new Function(
    'exports',
    'require',
    'module',
    '__filename',
    '__dirname',
    'describe',
    'it',
    'before',
    'after',
    'beforeEach',
    'afterEach',
    code,
  ) as (...args: unknown[]) => void;
  body(
    mod.exports,
    (id: string) => (id === './rule-tester' ? stub : req(id)),
    mod,
    file,
    path.dirname(file),
    noop,
    noop,
    noop,
    noop,
    noop,
    noop,
  );
  return out;
}

/** The findings of an invalid case, as testRule computes them. */
function findingsOf(rule: Rule, c: InvalidCase) {
  const files: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.files)) files[WS + k] = v;
  return run(workspaceFromFiles(files), rule);
}

describe('rule registry', () => {
  it('has unique ids of the form PLnnn, in order, each with a name, description and why', () => {
    assert.equal(new Set(IDS).size, IDS.length, 'ids are unique');
    assert.deepEqual([...IDS].sort(), IDS, 'ids are in order');
    assert.equal(new Set(RULES.map((r) => r.meta.name)).size, IDS.length, 'names are unique');
    for (const r of RULES) {
      assert.match(r.meta.id, /^PL\d{3}$/);
      assert.match(r.meta.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${r.meta.id} name`);
      assert.ok(SEVERITIES.includes(r.meta.severity), `${r.meta.id} severity`);
      assert.ok(r.meta.description.trim() && r.meta.why.trim(), `${r.meta.id} description and why`);
      assert.equal(RULES_BY_ID.get(r.meta.id), r);
    }
    const files = fs
      .readdirSync(path.join(ROOT, 'server/src/rules'))
      .filter((f) => /^PL\d{3}\.ts$/.test(f))
      .map((f) => f.slice(0, -3));
    assert.deepEqual(files.sort(), IDS, 'server/src/rules/PLnnn.ts files = registry ids');
  });

  describe('schemas/privatelink.schema.json', () => {
    it('rules.propertyNames.enum is the registry ids, in order', () => {
      const schema = readJson('schemas/privatelink.schema.json') as { properties: { rules: RulesSchema<{ enum: string[] }> } };
      assert.deepEqual(schema.properties.rules.propertyNames.enum, IDS);
      assert.deepEqual(schema.properties.rules.additionalProperties.enum, [...SEVERITIES, 'off']);
    });

    it('is what `npm run gen:rules` writes (scripts/gen-rule-lists.mjs --check)', function () {
      this.timeout(60_000);
      const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/gen-rule-lists.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.equal((readJson('package.json') as PackageJson).scripts['gen:rules'], 'node scripts/gen-rule-lists.mjs');
    });
  });

  describe('README rule table', () => {
    const rows = () => readmeRuleTable(read('README.md'));

    it('lists exactly the registry ids, in order, each linked to its page', () => {
      assert.deepEqual(
        rows().map((r) => r.id),
        IDS,
      );
      for (const r of rows()) assert.equal(r.link, `docs/rules/${r.id}.md`);
    });

    it("names each rule by the registry's name", () => {
      for (const r of rows()) assert.equal(r.name, RULES_BY_ID.get(r.id)?.meta.name, `README name of ${r.id}`);
    });

    it("gives the registry's severity first (then the others the rule reports, no repeats)", () => {
      for (const r of rows()) {
        assert.equal(r.severities[0], RULES_BY_ID.get(r.id)?.meta.severity, `README default severity of ${r.id}`);
        for (const s of r.severities) assert.ok((SEVERITIES as string[]).includes(s), `README severity "${s}" of ${r.id}`);
        assert.equal(new Set(r.severities).size, r.severities.length, `README severities of ${r.id} repeat`);
      }
    });

    it('marks fixable rules "yes" and the others "—"', () => {
      for (const r of rows()) assert.equal(r.fix, RULES_BY_ID.get(r.id)?.meta.fixable ? 'yes' : '—', `README fix column of ${r.id}`);
    });

    it('names the first and the last rule file in the layout', () => {
      assert.ok(
        read('README.md').includes(`${IDS[0]}.ts … ${IDS[IDS.length - 1]}.ts`),
        `README layout names ${IDS[0]}.ts … ${IDS[IDS.length - 1]}.ts`,
      );
    });
  });

  describe('docs/rules', () => {
    it('has exactly one page per rule id', () => {
      const pages = fs.readdirSync(path.join(ROOT, 'docs/rules')).sort();
      assert.deepEqual(
        pages,
        IDS.map((id) => `${id}.md`),
      );
    });

    for (const rule of RULES) {
      const { id, name, severity, fixable } = rule.meta;
      it(`${id}: title, severities and fix as the registry and the README say`, () => {
        const h = docHeader(read(`docs/rules/${id}.md`));
        assert.equal(h.title, `# ${id} ${name}`, `docs/rules/${id}.md title`);
        assert.equal(h.severities[0], severity, `docs/rules/${id}.md first severity`);
        const row = readmeRuleTable(read('README.md')).find((r) => r.id === id);
        assert.deepEqual(
          [...new Set(h.severities)].sort(),
          [...(row?.severities ?? [])].sort(),
          `docs/rules/${id}.md severities = README's`,
        );
        assert.ok(h.fix, `docs/rules/${id}.md has "· Fix: yes|none"`);
        assert.equal(h.fix === 'yes', fixable, `docs/rules/${id}.md Fix: ${h.fix}, registry fixable: ${fixable}`);
      });
    }
  });

  describe('test/rules', () => {
    it('has a test file for each rule id and none other', () => {
      const files = fs
        .readdirSync(path.join(ROOT, 'test/rules'))
        .filter((f) => f.endsWith('.test.ts'))
        .sort();
      assert.deepEqual(
        files,
        IDS.map((id) => `${id}.test.ts`),
      );
    });

    for (const rule of RULES) {
      const { id, fixable } = rule.meta;
      it(`${id}: tests the registry's rule; fixable=${fixable} agrees with its cases`, function () {
        this.timeout(60_000);
        const all = casesOf(path.join(ROOT, 'test/rules', `${id}.test.ts`));
        assert.ok(all.length > 0, `test/rules/${id}.test.ts calls testRule`);
        for (const c of all) assert.equal(c.rule, rule, `test/rules/${id}.test.ts tests ${c.rule.meta.id}, not the registry's ${id}`);
        const invalid = all.flatMap((c) => c.invalid);
        assert.ok(invalid.length > 0, `test/rules/${id}.test.ts has an invalid case`);
        const withOutput = invalid.filter((c) => c.output);
        const found = invalid.map((c) => ({ name: c.name, findings: findingsOf(rule, c) }));
        const fixed = found.filter((c) => c.findings.some((f) => f.fixes?.length));
        if (fixable) {
          assert.ok(withOutput.length > 0, `${id} is fixable: test/rules/${id}.test.ts needs an invalid case with output (the fixed text)`);
          assert.ok(fixed.length > 0, `${id} is fixable: some finding of its invalid cases carries a fix`);
        } else {
          assert.deepEqual(
            withOutput.map((c) => c.name),
            [],
            `${id} is not fixable: no case of test/rules/${id}.test.ts may have output`,
          );
          assert.deepEqual(
            fixed.map((c) => c.name),
            [],
            `${id} is not fixable: these cases give findings with fixes`,
          );
        }
        // The severities the README (and the page) give are those the rule's cases produce.
        const reported = new Set(found.flatMap((c) => c.findings.map((f) => f.severity)));
        const row = readmeRuleTable(read('README.md')).find((r) => r.id === id);
        assert.deepEqual([...reported].sort(), [...(row?.severities ?? [])].sort(), `severities ${id}'s cases produce = README's`);
      });
    }
  });

  describe('other lists', () => {
    it('SARIF names every rule once, in registry order, with its level', () => {
      const sarif = toSarif([], ROOT, '0.0.0') as {
        runs: { tool: { driver: { rules: { id: string; name: string; defaultConfiguration: { level: string } }[] } } }[];
      };
      const rules = sarif.runs[0].tool.driver.rules.filter((r) => /^PL\d{3}$/.test(r.id));
      assert.deepEqual(
        rules.map((r) => r.id),
        IDS,
      );
      const level = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
      for (const r of rules) {
        const meta = RULES_BY_ID.get(r.id)!.meta;
        assert.equal(r.name, meta.name);
        assert.equal(r.defaultConfiguration.level, level[meta.severity]);
      }
    });

    it('package.json: the privatelink.rules setting takes every id and only ids of that form', () => {
      const setting = (readJson('package.json') as PackageJson).contributes.configuration.properties['privatelink.rules'];
      const pattern = new RegExp(setting.propertyNames.pattern);
      for (const id of IDS) assert.match(id, pattern, `privatelink.rules accepts ${id}`);
      assert.doesNotMatch('PL1011', pattern);
      assert.deepEqual(setting.additionalProperties.enum, [...SEVERITIES, 'off']);
    });

    it('the suppression grammar highlights every id as a rule id', () => {
      const grammar = readJson('syntaxes/privatelink-ignore.tmLanguage.json') as {
        repository: { suppression: { patterns: { match?: string; name?: string }[] } };
      };
      const ruleId = grammar.repository.suppression.patterns.find((p) => p.name === 'constant.other.rule-id.privatelink');
      assert.ok(ruleId?.match, 'the suppression grammar has a constant.other.rule-id pattern');
      const re = new RegExp(`^(?:${ruleId.match})$`);
      for (const id of IDS) assert.match(id, re, `the grammar highlights ${id}`);
    });
  });
});
