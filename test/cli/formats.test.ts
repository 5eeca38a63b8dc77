// The CI report formats, each checked against the shape its consumer documents: GitHub workflow
// commands, GitLab Code Quality, JUnit XML and SARIF as code scanning reads it. Also: the exit
// code is the same in every format, and fingerprints follow a finding when lines move above it.

import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import draft04 from 'ajv/lib/refs/json-schema-draft-04.json';
import { escapeData, escapeProperty, GITHUB_COMMAND } from '../../server/src/cli/formats/github';
import { GITLAB_SEVERITY } from '../../server/src/cli/formats/gitlab';
import { xmlEscape } from '../../server/src/cli/formats/junit';
import { fingerprints } from '../../server/src/cli/formats/fingerprint';
import { SECURITY_SEVERITY, toSarif } from '../../server/src/cli/sarif';
import { RULES } from '../../server/src/rules/index';
import type { Finding, Severity } from '../../server/src/rules/types';
import { isXmlChar, parseStrictXml, type XmlElement } from './strict-xml';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const EXAMPLES = path.join(ROOT, 'examples');
const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit'];

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Severity;
  rule: string;
  message: string;
}

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end?: number } };
}

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  partialFingerprints?: Record<string, string>;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
}

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; defaultConfiguration: { level: string }; properties?: Record<string, unknown> }[] } };
    automationDetails?: { id?: string };
    invocations?: { executionSuccessful: boolean; toolExecutionNotifications?: { message: { text: string } }[] }[];
    results: SarifResult[];
  }[];
}

/** Folders the tests made, removed at the end. */
const made: string[] = [];

function tmpCopy(src: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-formats-'));
  made.push(dir);
  fs.cpSync(src, dir, { recursive: true });
  return dir;
}

/** The JSON findings of a run, the reference the other formats are compared with. */
function jsonFindings(args: string[], cwd = ROOT): JsonFinding[] {
  return JSON.parse(cli([...args, '--format', 'json'], cwd).stdout) as JsonFinding[];
}

// The grammar of a workflow command as GitHub documents it: `::name key=value,...::message`.
// A property value and the message may hold `%` only as the start of one of the escapes the
// runner decodes; a value may not hold a raw `:` or `,`, and nothing may hold a line break.
const VALUE = String.raw`(?:[^%:,\r\n]|%(?:25|0D|0A|3A|2C))*`;
const DATA = String.raw`(?:[^%\r\n]|%(?:25|0D|0A))*`;
const KEYS = '(?:file|line|endLine|col|endColumn|title)';
const COMMAND = new RegExp(`^::(error|warning|notice)(?: (${KEYS}=${VALUE}(?:,${KEYS}=${VALUE})*))?::(${DATA})$`);

/** What the runner reads back from an escaped value. */
function unescape(s: string): string {
  return s.replace(/%(25|0D|0A|3A|2C)/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

interface Command {
  level: string;
  props: Record<string, string>;
  message: string;
}

function parseCommands(out: string): Command[] {
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const m = COMMAND.exec(l);
      assert.ok(m, `not a workflow command: ${JSON.stringify(l)}`);
      const props: Record<string, string> = {};
      for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
        const eq = kv.indexOf('=');
        const key = kv.slice(0, eq);
        assert.ok(!(key in props), `property ${key} given twice in ${l}`);
        props[key] = unescape(kv.slice(eq + 1));
      }
      return { level: m[1], props, message: unescape(m[3]) };
    });
}

function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

function ajvWith(...meta: object[]) {
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true, logger: false });
  for (const m of meta) ajv.addMetaSchema(m);
  return ajv;
}

/** A folder whose name holds every character the formats must escape. */
const HOSTILE_NAME = 'odd ,:%0A%\n\r\x01\x1b<&]]>"\'\u{1F600}';

function hostileWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-formats-hostile-'));
  made.push(dir);
  const sub = path.join(dir, HOSTILE_NAME);
  fs.mkdirSync(sub);
  fs.writeFileSync(
    path.join(sub, 'main.tf'),
    [
      'resource "aws_vpc" "main" {',
      '  cidr_block = "10.0.0.0/16"',
      '}',
      '',
      'resource "aws_vpc_endpoint" "odd" {',
      '  for_each            = toset(["a,b:c%0A::warning x\\n::error file=y::z\\u0001<&]]>\\"\'\\r\\t"])',
      '  vpc_id              = aws_vpc.main.id',
      '  service_name        = "com.amazonaws.eu-west-1.ssm"',
      '  vpc_endpoint_type   = "Interface"',
      '  private_dns_enabled = true',
      '}',
      '',
    ].join('\n'),
  );
  return dir;
}

describe('CLI report formats', function () {
  this.timeout(120_000);
  before(function () {
    execFileSync(process.execPath, [path.join(ROOT, 'build.mjs')], { cwd: ROOT });
  });
  after(() => {
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });

  describe('--format github (workflow commands)', () => {
    it('writes one command per finding, by severity, with the position and a title, paths relative to the repository', () => {
      const reference = jsonFindings(['examples']);
      const r = cli(['examples', '--format', 'github']);
      assert.equal(r.code, 1, r.stderr);
      const commands = parseCommands(r.stdout);
      assert.equal(commands.length, reference.length);
      const key = (file: string, line: number, title: string, message: string) => `${file}|${line}|${title}|${message}`;
      const want = reference.map((f) => {
        const meta = RULES.find((x) => x.meta.id === f.rule)?.meta;
        return key(path.relative(ROOT, f.file), f.range.start.line + 1, meta ? `${meta.id} ${meta.name}` : f.rule, f.message);
      });
      const got = commands.map((c) => key(c.props.file, Number(c.props.line), c.props.title, c.message.split('\n')[0]));
      assert.deepEqual([...got].sort(), [...want].sort());
      for (const c of commands) {
        const f = reference.find(
          (x) =>
            path.relative(ROOT, x.file) === c.props.file &&
            x.range.start.line + 1 === Number(c.props.line) &&
            c.message.startsWith(x.message),
        )!;
        assert.equal(c.level, GITHUB_COMMAND[f.severity]);
        assert.ok(fs.existsSync(path.join(ROOT, c.props.file)), c.props.file);
        assert.equal(Number(c.props.endLine), f.range.end.line + 1);
        // Columns only on a one-line annotation, as GitHub requires.
        if (f.range.start.line === f.range.end.line) assert.equal(Number(c.props.col), f.range.start.character + 1);
        else assert.ok(!('col' in c.props) && !('endColumn' in c.props));
      }
      const levels = commands.map((c) => ['error', 'warning', 'notice'].indexOf(c.level));
      assert.deepEqual(
        levels,
        [...levels].sort((a, b) => a - b),
        'errors first, then warnings, then notices',
      );
    });

    it('paths are relative to the repository when run from a folder inside it', () => {
      const commands = parseCommands(cli(['.', '--format', 'github'], path.join(EXAMPLES, 'consumer')).stdout);
      assert.ok(commands.length > 0);
      for (const c of commands) assert.ok(c.props.file.startsWith('examples/consumer/'), c.props.file);
    });

    it('escapes data and properties so the runner reads back exactly what was meant', () => {
      const samples = ['plain', '100%', '%0A', '%25', 'a:b,c', 'line\nbreak\r\nand\rcr', '::error file=x::y', ',,::%%\n', ''];
      for (const s of samples) {
        assert.equal(unescape(escapeData(s)), s);
        assert.equal(unescape(escapeProperty(s)), s);
        assert.match(escapeProperty(s), new RegExp(`^${VALUE}$`));
        assert.match(escapeData(s), new RegExp(`^${DATA}$`));
      }
    });

    it('a folder and a key full of command syntax stay one command per finding', () => {
      const dir = hostileWorkspace();
      const reference = jsonFindings(['.'], dir);
      assert.ok(reference.length > 0);
      const commands = parseCommands(cli(['.', '--format', 'github'], dir).stdout);
      assert.equal(commands.length, reference.length);
      for (const c of commands) assert.equal(c.props.file, `${HOSTILE_NAME}/main.tf`);
      assert.deepEqual(commands.map((c) => c.message.split('\n')[0]).sort(), reference.map((f) => f.message).sort());
    });
  });

  describe('--format gitlab (Code Quality)', () => {
    const schema = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'test/fixtures/cli/formats/gitlab-code-quality.schema.json'), 'utf8'),
    ) as object;

    it('matches the documented report shape, one issue per finding, with unique fingerprints', () => {
      const reference = jsonFindings(['examples']);
      const r = cli(['examples', '--format', 'gitlab']);
      assert.equal(r.code, 1, r.stderr);
      const issues = JSON.parse(r.stdout) as CodeQualityIssue[];
      const ajv = ajvWith();
      assert.ok(ajv.validate(schema, issues), JSON.stringify(ajv.errors?.slice(0, 5), null, 2));
      assert.equal(issues.length, reference.length);
      assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
      issues.forEach((issue, i) => {
        const f = reference[i];
        assert.equal(issue.check_name, f.rule);
        assert.equal(issue.severity, GITLAB_SEVERITY[f.severity]);
        assert.equal(issue.location.path, path.relative(ROOT, f.file));
        assert.equal(issue.location.lines.begin, f.range.start.line + 1);
        assert.ok(issue.description.includes(f.message));
        assert.ok(fs.existsSync(path.join(ROOT, issue.location.path)));
      });
    });

    it('the schema of the documented shape rejects what GitLab would not read', () => {
      const ajv = ajvWith();
      const good = {
        description: 'd',
        check_name: 'c',
        fingerprint: 'f',
        severity: 'minor',
        location: { path: 'a/b.tf', lines: { begin: 1 } },
      };
      assert.ok(ajv.validate(schema, [good]));
      for (const bad of [
        { ...good, severity: 'error' },
        { ...good, fingerprint: undefined },
        { ...good, location: { path: '/abs/b.tf', lines: { begin: 1 } } },
        { ...good, location: { path: 'a/b.tf', lines: { begin: 0 } } },
        { ...good, location: { path: 'a/b.tf' } },
      ])
        assert.ok(!ajv.validate(schema, [bad]), JSON.stringify(bad));
    });

    it('a hostile folder name is a valid path string', () => {
      const dir = hostileWorkspace();
      const issues = JSON.parse(cli(['.', '--format', 'gitlab'], dir).stdout) as CodeQualityIssue[];
      const ajv = ajvWith();
      assert.ok(ajv.validate(schema, issues), JSON.stringify(ajv.errors?.slice(0, 5), null, 2));
      for (const i of issues) assert.equal(i.location.path, `${HOSTILE_NAME}/main.tf`);
    });
  });

  describe('--format junit', () => {
    it('is well-formed XML with a suite per module and a case per rule, failures carrying the findings', () => {
      const reference = jsonFindings(['examples']);
      const r = cli(['examples', '--format', 'junit']);
      assert.equal(r.code, 1, r.stderr);
      const root = parseStrictXml(r.stdout);
      assert.equal(root.name, 'testsuites');
      const suites = children(root, 'testsuite');
      const modules = new Set(reference.map((f) => path.relative(ROOT, path.dirname(f.file))));
      for (const m of modules)
        assert.ok(
          suites.some((s) => s.attrs.name === m),
          `suite for ${m}`,
        );
      let tests = 0;
      let failures = 0;
      for (const s of suites) {
        const cases = children(s, 'testcase');
        assert.equal(Number(s.attrs.tests), cases.length);
        assert.equal(Number(s.attrs.failures), cases.filter((c) => children(c, 'failure').length).length);
        assert.equal(Number(s.attrs.errors), cases.filter((c) => children(c, 'error').length).length);
        for (const rule of RULES)
          assert.ok(
            cases.some((c) => c.attrs.name === `${rule.meta.id} ${rule.meta.name}`),
            `${s.attrs.name}: ${rule.meta.id}`,
          );
        for (const c of cases) {
          assert.equal(c.attrs.classname, s.attrs.name);
          assert.ok(children(c, 'failure').length <= 1);
        }
        tests += cases.length;
        failures += Number(s.attrs.failures);
      }
      assert.equal(Number(root.attrs.tests), tests);
      assert.equal(Number(root.attrs.failures), failures);
      // Every finding is in its module's case for its rule: errors and warnings in the failure,
      // information and hints in the case's output.
      for (const f of reference) {
        const suite = suites.find((s) => s.attrs.name === path.relative(ROOT, path.dirname(f.file)))!;
        const c = children(suite, 'testcase').find((x) => x.attrs.name.split(' ')[0] === f.rule)!;
        assert.ok(c, `case for ${f.rule}`);
        const where = f.severity === 'error' || f.severity === 'warning' ? children(c, 'failure')[0] : children(c, 'system-out')[0];
        assert.ok(where, `${f.rule} ${f.severity} reported`);
        assert.ok(
          where.text.includes(`${path.relative(ROOT, f.file)}:${f.range.start.line + 1}:`) && where.text.includes(f.message),
          where.text,
        );
        if (where.name === 'failure') assert.ok(['error', 'warning'].includes(where.attrs.type));
      }
    });

    it('escapes markup and the characters XML 1.0 forbids, and reads back what was written', () => {
      let all = '';
      for (let c = 0; c < 0x80; c++) all += String.fromCharCode(c);
      all += '\ud800 lone \udfff \ufffe \uffff pair \u{1F600} ]]> end';
      for (const attribute of [false, true]) {
        const xml = attribute ? `<a v="${xmlEscape(all, true)}"/>` : `<a>${xmlEscape(all)}</a>`;
        const el = parseStrictXml(xml);
        const read = attribute ? el.attrs.v : el.text;
        // What XML cannot carry reads back as a visible \uXXXX; everything else exactly.
        const expected = [...all]
          .map((ch) => (isXmlChar(ch.codePointAt(0)!) ? ch : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`))
          .join('');
        assert.equal(read, expected);
      }
      assert.throws(() => parseStrictXml('<a>\u0001</a>'), /not allowed/);
      assert.throws(() => parseStrictXml('<a>&#1;</a>'), /forbidden/);
      assert.throws(() => parseStrictXml('<a b="<"/>'), /attribute/);
      assert.throws(() => parseStrictXml('<a>&nbsp;</a>'), /unknown entity/);
      assert.throws(() => parseStrictXml('<a><b></a></b>'), /closes/);
    });

    it('a hostile folder name and key stay well-formed XML', () => {
      const dir = hostileWorkspace();
      const root = parseStrictXml(cli(['.', '--format', 'junit'], dir).stdout);
      const suite = children(root, 'testsuite').find((s) => s.attrs.name.startsWith('odd '))!;
      assert.ok(suite);
      // The attribute reads back with the newline and carriage return; \x01 and \x1b are written visibly.
      assert.equal(suite.attrs.name, HOSTILE_NAME.replace('\x01', '\\u0001').replace('\x1b', '\\u001b'));
      assert.ok(Number(suite.attrs.failures) > 0);
    });
  });

  describe('--format sarif (code scanning)', () => {
    it("every rule has a security-severity on GitHub's scale; every result a fingerprint; the run an automation id and its success", () => {
      const r = cli(['examples', '--format', 'sarif']);
      const sarif = JSON.parse(r.stdout) as SarifLog;
      const schema = JSON.parse(
        fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
      ) as object;
      const ajv = ajvWith(draft04);
      assert.ok(ajv.validate(schema, sarif), JSON.stringify(ajv.errors?.slice(0, 5), null, 2));
      const run = sarif.runs[0];
      for (const rule of run.tool.driver.rules) {
        const s = rule.properties?.['security-severity'];
        assert.equal(typeof s, 'string', rule.id);
        assert.match(s as string, /^\d+\.\d$/);
        const n = Number(s);
        assert.ok(n >= 0.1 && n <= 10, `${rule.id}: ${n}`);
        const meta = RULES.find((x) => x.meta.id === rule.id)?.meta;
        if (meta) assert.equal(s, SECURITY_SEVERITY[meta.severity]);
      }
      assert.equal(run.automationDetails?.id, 'privatelink-lint/');
      assert.equal(run.invocations?.[0].executionSuccessful, true);
      const prints = run.results.map((x) => Object.values(x.partialFingerprints ?? {})[0]);
      assert.ok(prints.every((p) => typeof p === 'string' && p.length > 0));
      assert.equal(new Set(prints).size, prints.length, 'fingerprints differ between findings');
      for (const res of run.results) assert.ok(fs.existsSync(path.join(ROOT, res.locations[0].physicalLocation.artifactLocation.uri)));
    });

    it('a rule that failed makes the run unsuccessful, with a notification', () => {
      const sarif = toSarif([], ROOT, '0.0.0', {
        failures: [{ rule: 'PL101', dir: path.join(ROOT, 'examples'), message: 'boom' }],
      }) as SarifLog;
      const inv = sarif.runs[0].invocations![0];
      assert.equal(inv.executionSuccessful, false);
      assert.match(inv.toolExecutionNotifications![0].message.text, /PL101 failed on examples: boom/);
    });

    it('a hostile folder name still validates', () => {
      const dir = hostileWorkspace();
      const sarif = JSON.parse(cli(['.', '--format', 'sarif'], dir).stdout) as SarifLog;
      const schema = JSON.parse(
        fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
      ) as object;
      const ajv = ajvWith(draft04);
      assert.ok(ajv.validate(schema, sarif), JSON.stringify(ajv.errors?.slice(0, 5), null, 2));
      const uri = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
      assert.equal(uri.split('/').map(decodeURIComponent).join('/'), `${HOSTILE_NAME}/main.tf`);
    });
  });

  describe('fingerprints', () => {
    it('stay the same when lines are inserted above the findings, in SARIF and in GitLab', () => {
      const dir = tmpCopy(EXAMPLES);
      const run = () => ({
        sarif: (JSON.parse(cli([dir, '--format', 'sarif']).stdout) as SarifLog).runs[0].results,
        gitlab: JSON.parse(cli([dir, '--format', 'gitlab']).stdout) as CodeQualityIssue[],
      });
      const before = run();
      for (const f of ['consumer/endpoints.tf', 'provider/main.tf', 'consumer-dns/main.tf']) {
        const file = path.join(dir, f);
        const above = '# moved down\n\nlocals {\n  unrelated = "x"\n}\n\n';
        fs.writeFileSync(file, above + fs.readFileSync(file, 'utf8'));
      }
      const after = run();
      const byKey = <T>(list: T[], key: (x: T) => string, value: (x: T) => string) => {
        const m = new Map<string, string[]>();
        for (const x of list) m.set(key(x), [...(m.get(key(x)) ?? []), value(x)]);
        return m;
      };
      const sarifKey = (x: SarifResult) => `${x.ruleId}|${x.locations[0].physicalLocation.artifactLocation.uri}|${x.message.text}`;
      const sarifPrint = (x: SarifResult) => Object.values(x.partialFingerprints!)[0];
      assert.equal(after.sarif.length, before.sarif.length);
      assert.deepEqual(byKey(after.sarif, sarifKey, sarifPrint), byKey(before.sarif, sarifKey, sarifPrint));
      const moved = after.sarif.filter(
        (x, i) => x.locations[0].physicalLocation.region.startLine !== before.sarif[i].locations[0].physicalLocation.region.startLine,
      );
      assert.ok(moved.length > 0, 'the findings moved');
      const glKey = (x: CodeQualityIssue) => `${x.check_name}|${x.location.path}|${x.description}`;
      assert.deepEqual(
        byKey(after.gitlab, glKey, (x) => x.fingerprint),
        byKey(before.gitlab, glKey, (x) => x.fingerprint),
      );
      assert.deepEqual(
        before.gitlab.map((x) => x.fingerprint),
        before.sarif.map(sarifPrint),
        'SARIF and GitLab name a finding alike',
      );
    });

    it('differ between findings that differ only by instance, argument, block or rule, and between copies', () => {
      const text = [
        'resource "aws_vpc_endpoint" "x" {',
        '  for_each = toset(["a", "b"])',
        '  private_dns_enabled = true',
        '  policy = "{}"',
        '}',
        'resource "aws_vpc_endpoint" "y" {',
        '  private_dns_enabled = true',
        '}',
        '',
      ].join('\n');
      const at = (needle: string, from = 0) => {
        const offset = text.indexOf(needle, from);
        const line = text.slice(0, offset).split('\n').length - 1;
        const pos = { line, character: offset - text.lastIndexOf('\n', offset - 1) - 1, offset };
        return { start: pos, end: pos };
      };
      const finding = (rule: string, message: string, range: Finding['range']): Finding => ({
        rule,
        severity: 'error',
        message,
        uri: '/repo/main.tf',
        range,
      });
      const dns = at('private_dns_enabled');
      const list = [
        finding('PL101', 'aws_vpc_endpoint.x["a"] has private DNS on', dns),
        finding('PL101', 'aws_vpc_endpoint.x["b"] has private DNS on', dns),
        finding('PL101', 'module.m.aws_vpc_endpoint.x["a"] has private DNS on', dns),
        finding('PL102', 'aws_vpc_endpoint.x["a"] has private DNS on', dns),
        finding('PL101', 'aws_vpc_endpoint.x["a"] has a policy', at('policy')),
        finding('PL101', 'aws_vpc_endpoint.y has private DNS on', at('private_dns_enabled', text.indexOf('"y"'))),
        finding('PL302', 'The statement allows everything', at('policy')),
        finding('PL302', 'The statement allows everything', at('policy')),
      ];
      const prints = fingerprints(
        list,
        (f) => path.basename(f),
        () => text,
      );
      assert.equal(new Set(prints).size, list.length, 'all differ');
      // Each alone: what tells them apart is what they are about, not their order (only the
      // two copies at the end share a fingerprint then).
      const alone = list.map(
        (f) =>
          fingerprints(
            [f],
            (p) => path.basename(p),
            () => text,
          )[0],
      );
      assert.equal(new Set(alone).size, list.length - 1);
      assert.equal(alone[6], alone[7]);
      // Lines above move every position, not what the findings are about.
      const above = '# a\n# b\n\n';
      const shifted = above + text;
      const lines = above.split('\n').length - 1;
      const shift = (r: Finding['range']) => ({
        start: { line: r.start.line + lines, character: r.start.character, offset: r.start.offset + above.length },
        end: { line: r.end.line + lines, character: r.end.character, offset: r.end.offset + above.length },
      });
      const again = fingerprints(
        list.map((f) => ({ ...f, range: shift(f.range) })),
        (f) => path.basename(f),
        () => shifted,
      );
      assert.deepEqual(again, prints);
    });
  });

  describe('exit codes', () => {
    it('are the same in every format, --max-warnings included', () => {
      const dir = tmpCopy(path.join(EXAMPLES, 'consumer-dns'));
      const found = jsonFindings([dir]);
      const warnings = found.filter((f) => f.severity === 'warning').length;
      assert.equal(found.filter((f) => f.severity === 'error').length, 0);
      assert.ok(warnings > 0);
      for (const format of FORMATS) {
        assert.equal(cli(['examples', '--format', format]).code, 1, `${format}: errors`);
        assert.equal(cli([dir, '--format', format]).code, 0, `${format}: warnings only`);
        assert.equal(cli([dir, '--format', format, '--max-warnings', String(warnings)]).code, 0, `${format}: at the limit`);
        const over = cli([dir, '--format', format, '--max-warnings', String(warnings - 1)]);
        assert.equal(over.code, 1, `${format}: over the limit`);
        assert.match(over.stderr, /more than --max-warnings/);
      }
    });

    it('an unknown format is a usage error naming the formats', () => {
      const r = cli(['examples', '--format', 'xml']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /text, json, sarif, github, gitlab, junit/);
    });
  });
});
