// Rules, fixes and the kept model on configurations in JSON syntax (`.tf.json`): findings at
// the JSON property, fixes that leave JSON meaning the fixed configuration (parsed and
// analysed again), fixes that cannot be written in JSON dropped, edits of a JSON file in the
// kept model equal to a fresh analysis, and every rule's table cases read the same in JSON.

import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { applyEdits } from '../../server/src/fixes/apply';
import { appendToFile, insertAttribute, removeItem, replaceValue } from '../../server/src/fixes/edits';
import type { Attribute, Block } from '../../server/src/hcl/ast';
import { parseJsonConfig } from '../../server/src/hcl/json-syntax';
import { parse } from '../../server/src/hcl/parser';
import { workspaceFromFiles } from '../../server/src/model/testing';
import type { SourceFile } from '../../server/src/model/types';
import { buildTopology } from '../../server/src/topology/graph';
import type { Finding, Rule } from '../../server/src/rules/types';
import { ensureServerBuilt } from '../lsp/build-server';
import { TestClient } from '../lsp/lsp-client';

const REPO = path.resolve(__dirname, '..', '..');
const DIRS = { dirs: new Set(['/ws']) };

const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
const VPC = (hostnames: boolean) =>
  json({ resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16', enable_dns_hostnames: hostnames } } } });
const ENDPOINT = (extra: Record<string, unknown> = { private_dns_enabled: true }) =>
  json({
    '//': 'generated',
    resource: {
      aws_vpc_endpoint: {
        ssm: { vpc_id: '${aws_vpc.main.id}', service_name: 'com.amazonaws.eu-west-1.ssm', vpc_endpoint_type: 'Interface', ...extra },
      },
    },
  });
const NATIVE_ENDPOINT = `resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`;

const findings = (files: Record<string, string>, rule?: string): Finding[] =>
  analyze(workspaceFromFiles(files), DIRS).filter((f) => !rule || f.rule === rule);
/** 1-based line:column, as an editor shows it. */
const at = (f: { range: Finding['range'] }) => `${f.range.start.line + 1}:${f.range.start.character + 1}`;
/** The line of a text holding `needle`, with the column of `needle` (1-based). */
const where = (text: string, needle: string) => {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} not in the text`);
  const before = text.slice(0, i);
  return `${before.split('\n').length}:${i - before.lastIndexOf('\n')}`;
};

/** The files after a fix's edits; each JSON file must still be JSON that we read without errors. */
function applyFix(files: Record<string, string>, f: Finding, title?: RegExp): Record<string, string> {
  const fix = (f.fixes ?? []).find((x) => (title ? title.test(x.title) : x.isPreferred));
  assert.ok(fix, `${f.rule} has a fix${title ? ` ${String(title)}` : ''}: ${(f.fixes ?? []).map((x) => x.title).join(', ')}`);
  const out = { ...files };
  for (const uri of new Set(fix.edits.map((e) => e.uri))) {
    out[uri] = applyEdits(
      files[uri],
      fix.edits.filter((e) => e.uri === uri),
    );
    if (uri.endsWith('.json')) {
      assert.doesNotThrow(() => JSON.parse(out[uri]), `${uri} after the fix:\n${out[uri]}`);
      assert.deepEqual(parseJsonConfig(out[uri], uri).diagnostics, [], out[uri]);
    }
  }
  return out;
}

describe('rules on JSON syntax', () => {
  it('PL101 with the VPC in JSON: the finding, its related place in the JSON, and the fix there', () => {
    const files = { '/ws/vpc.tf.json': VPC(false), '/ws/endpoints.tf': NATIVE_ENDPOINT };
    const [f, ...rest] = findings(files, 'PL101');
    assert.equal(rest.length, 0);
    assert.equal(f.uri, '/ws/endpoints.tf');
    assert.equal(at(f), '5:3');
    const related = f.related?.find((r) => r.uri === '/ws/vpc.tf.json');
    assert.ok(related, 'the VPC is pointed at');
    assert.equal(at(related), where(files['/ws/vpc.tf.json'], '"enable_dns_hostnames"'));
    const fixed = applyFix(files, f);
    assert.notEqual(fixed['/ws/vpc.tf.json'], files['/ws/vpc.tf.json']);
    assert.equal(
      (JSON.parse(fixed['/ws/vpc.tf.json']) as { resource: { aws_vpc: { main: { enable_dns_hostnames: boolean } } } }).resource.aws_vpc.main
        .enable_dns_hostnames,
      true,
    );
    assert.deepEqual(findings(fixed, 'PL101'), []);
  });

  it('PL101 all in JSON: the finding points at the "private_dns_enabled" property', () => {
    const files = { '/ws/vpc.tf.json': VPC(false), '/ws/endpoints.tf.json': ENDPOINT() };
    const [f, ...rest] = findings(files, 'PL101');
    assert.equal(rest.length, 0);
    assert.equal(f.uri, '/ws/endpoints.tf.json');
    assert.equal(at(f), where(files['/ws/endpoints.tf.json'], '"private_dns_enabled"'));
    assert.deepEqual(findings(applyFix(files, f), 'PL101'), []);
  });

  it('stays silent on look-alikes: DNS on, a comment, a tag, a literal variable default, null', () => {
    assert.deepEqual(findings({ '/ws/vpc.tf.json': VPC(true), '/ws/endpoints.tf.json': ENDPOINT() }, 'PL101'), []);
    // "//" comments and a tag named like the argument are not the argument.
    const commented = json({
      resource: {
        aws_vpc: {
          main: {
            '//': 'enable_dns_hostnames = false',
            cidr_block: '10.0.0.0/16',
            enable_dns_hostnames: true,
            tags: { enable_dns_hostnames: 'false' },
          },
        },
      },
    });
    assert.deepEqual(findings({ '/ws/vpc.tf.json': commented, '/ws/endpoints.tf.json': ENDPOINT() }, 'PL101'), []);
    // Private DNS off on the endpoint ("${false}" is the bool) with hostnames off: nothing to say.
    assert.deepEqual(
      findings({ '/ws/vpc.tf.json': VPC(false), '/ws/endpoints.tf.json': ENDPOINT({ private_dns_enabled: '${false}' }) }, 'PL101'),
      [],
    );
    // A variable default is read as written: "${...}" there is text, not a reference.
    const literalDefault = json({
      variable: { hostnames: { type: 'bool', default: true } },
      resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16', enable_dns_hostnames: '${var.hostnames}' } } },
    });
    assert.deepEqual(findings({ '/ws/vpc.tf.json': literalDefault, '/ws/endpoints.tf.json': ENDPOINT() }, 'PL101'), []);
  });

  it('PL102: an Interface endpoint in JSON without private DNS gets "private_dns_enabled": true', () => {
    const files = {
      '/ws/vpc.tf.json': VPC(true),
      '/ws/endpoints.tf.json': ENDPOINT({ security_group_ids: ['sg-1'], subnet_ids: ['subnet-1'] }),
    };
    const [f, ...rest] = findings(files, 'PL102');
    assert.equal(rest.length, 0);
    assert.equal(at(f), where(files['/ws/endpoints.tf.json'], '"ssm"'));
    const fixed = applyFix(files, f);
    assert.match(fixed['/ws/endpoints.tf.json'], /"subnet-1"\n {8}\],\n {8}"private_dns_enabled": true\n {6}\}/);
    assert.deepEqual(findings(fixed, 'PL102'), []);
  });

  it('PL404: private_dns_enabled on a Gateway endpoint in JSON is removed with its comma', () => {
    const text = json({
      resource: {
        aws_vpc_endpoint: {
          s3: {
            vpc_id: '${aws_vpc.main.id}',
            service_name: 'com.amazonaws.eu-west-1.s3',
            vpc_endpoint_type: 'Gateway',
            private_dns_enabled: true,
            route_table_ids: ['rtb-1'],
          },
        },
      },
    });
    const files = { '/ws/vpc.tf.json': VPC(true), '/ws/endpoints.tf.json': text };
    const [f, ...rest] = findings(files, 'PL404');
    assert.equal(rest.length, 0);
    assert.equal(at(f), where(text, '"private_dns_enabled"'));
    const fixed = applyFix(files, f);
    assert.equal(fixed['/ws/endpoints.tf.json'], text.replace('        "private_dns_enabled": true,\n', ''));
    assert.deepEqual(findings(fixed, 'PL404'), []);
  });

  it('PL402 and PL201: a value replaced by a JSON string, a new resource merged into the "resource" object', () => {
    const wrongType = ENDPOINT({ vpc_endpoint_type: 'Gateway', security_group_ids: ['sg-1'], private_dns_enabled: true });
    const files = { '/ws/vpc.tf.json': VPC(true), '/ws/endpoints.tf.json': wrongType };
    const [type] = findings(files, 'PL402');
    assert.equal(at(type), where(wrongType, '"vpc_endpoint_type"'));
    const retyped = applyFix(files, type);
    assert.match(retyped['/ws/endpoints.tf.json'], /"vpc_endpoint_type": "Interface"/);
    assert.deepEqual(findings(retyped, 'PL402'), []);

    const noGroup = { '/ws/vpc.tf.json': VPC(true), '/ws/endpoints.tf.json': ENDPOINT() };
    const [sg] = findings(noGroup, 'PL201');
    const fixed = applyFix(noGroup, sg);
    const doc = JSON.parse(fixed['/ws/endpoints.tf.json']) as {
      resource: { aws_vpc_endpoint: { ssm: { security_group_ids: string[] } }; aws_security_group: Record<string, { ingress: unknown }> };
    };
    const [name] = Object.keys(doc.resource.aws_security_group);
    assert.deepEqual(doc.resource.aws_vpc_endpoint.ssm.security_group_ids, [`\${aws_security_group.${name}.id}`]);
    assert.equal(typeof doc.resource.aws_security_group[name].ingress, 'object');
    assert.deepEqual(findings(fixed, 'PL201'), []);
  });

  it('drops a fix that cannot be written in JSON (native text edits), keeping the finding', () => {
    const text = json({
      resource: {
        aws_vpc_endpoint: {
          s3: {
            vpc_id: '${aws_vpc.main.id}',
            service_name: 'com.amazonaws.eu-west-1.s3',
            vpc_endpoint_type: 'Interface',
            subnet_ids: ['subnet-1', 'subnet-2'],
          },
        },
      },
    });
    const [f] = findings({ '/ws/vpc.tf.json': VPC(true), '/ws/endpoints.tf.json': text }, 'PL406');
    assert.ok(f, 'PL406 reports the S3 Interface endpoint');
    assert.deepEqual(f.fixes ?? [], [], 'its conversion edits are native text: no fix for the JSON file');
    // In the native syntax the same finding has its fix.
    const native = `resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Interface"
  subnet_ids        = ["subnet-1", "subnet-2"]
}
`;
    assert.ok((findings({ '/ws/vpc.tf.json': VPC(true), '/ws/endpoints.tf': native }, 'PL406')[0].fixes ?? []).length > 0);
  });

  describe('edit builders on a JSON file', () => {
    const file = (text: string, p = '/ws/main.tf.json'): SourceFile => ({ uri: p, path: p, text, ast: parseJsonConfig(text, p) });
    const first = (f: SourceFile) => f.ast.body.items.find((i): i is Block => i.type === 'Block')!;
    const arg = (b: Block, name: string) => b.body.items.find((i): i is Attribute => i.type === 'Attribute' && i.name.name === name)!;
    const apply = (f: SourceFile, edits: { range: Finding['range']; newText: string; uri: string }[]) => applyEdits(f.text, edits);

    it('writes literals, templates and references as Terraform reads them there', () => {
      const f = file(json({ variable: { v: { type: 'bool', default: false } }, resource: { aws_vpc: { main: { cidr_block: 'x' } } } }));
      const [variable, vpc] = f.ast.body.items as Block[];
      assert.match(apply(f, [replaceValue(f, arg(variable, 'default'), 'true')]), /"default": true/);
      assert.match(apply(f, [replaceValue(f, arg(variable, 'type'), 'list(string)')]), /"type": "list\(string\)"/);
      assert.match(apply(f, [replaceValue(f, arg(vpc, 'cidr_block'), 'var.cidr')]), /"cidr_block": "\$\{var\.cidr\}"/);
      assert.match(apply(f, [replaceValue(f, arg(vpc, 'cidr_block'), '"a-${var.x}-$${y}"')]), /"cidr_block": "a-\$\{var\.x\}-\$\$\{y\}"/);
      assert.match(
        apply(f, ...[insertAttribute(f, vpc, 'depends_on', '[aws_subnet.a]')]),
        /"cidr_block": "x",\n {8}"depends_on": \["aws_subnet\.a"\]/,
      );
      // A variable's default is taken as written: an expression cannot go there, the edit is not JSON.
      const bad = apply(f, [replaceValue(f, arg(variable, 'default'), 'var.other')]);
      assert.throws(() => JSON.parse(bad));
    });

    it('removes the last property, a middle one, and a whole resource with its now empty levels', () => {
      const text = json({ resource: { aws_vpc: { main: { a: 1, b: 2, c: 3 } } }, locals: { x: 1 } });
      const f = file(text);
      const vpc = first(f);
      const without = (item: Attribute | Block) => JSON.parse(apply(f, [removeItem(f, item)])) as unknown;
      assert.deepEqual(without(arg(vpc, 'b')), { resource: { aws_vpc: { main: { a: 1, c: 3 } } }, locals: { x: 1 } });
      assert.deepEqual(without(arg(vpc, 'c')), { resource: { aws_vpc: { main: { a: 1, b: 2 } } }, locals: { x: 1 } });
      assert.deepEqual(without(vpc), { locals: { x: 1 } });
    });

    it('adds blocks into the levels that exist, and as new properties where none do', () => {
      const f = file(json({ resource: { aws_vpc: { main: { cidr_block: 'x' } } } }));
      const added = apply(f, [
        appendToFile(
          f,
          'data "aws_region" "current" {}\n\nresource "aws_vpc" "other" {\n  cidr_block = "y"\n}\n\nlocals {\n  a = 1\n}\n\nlocals {\n  b = 2\n}\n',
        ),
      ]);
      assert.deepEqual(JSON.parse(added), {
        resource: { aws_vpc: { main: { cidr_block: 'x' }, other: { cidr_block: 'y' } } },
        data: { aws_region: { current: {} } },
        locals: [{ a: 1 }, { b: 2 }],
      });
      // A block that is there already cannot be added again.
      assert.throws(() => JSON.parse(apply(f, [appendToFile(f, 'resource "aws_vpc" "main" {}\n')])));
    });
  });

  it('a broken JSON file: a syntax finding where the error is, no fix into it, the other files analysed', () => {
    const broken = VPC(false).replace('"cidr_block": "10.0.0.0/16",', '"cidr_block": "10.0.0.0/16"');
    const all = findings({ '/ws/vpc.tf.json': broken, '/ws/endpoints.tf': NATIVE_ENDPOINT });
    const syntax = all.filter((f) => f.uri === '/ws/vpc.tf.json' && f.severity === 'error' && f.rule !== 'PL101');
    assert.equal(syntax.length, 1);
    assert.equal(at(syntax[0]), where(broken, '"enable_dns_hostnames"'));
    for (const f of all)
      for (const fix of f.fixes ?? [])
        assert.ok(
          fix.edits.every((e) => e.uri !== '/ws/vpc.tf.json'),
          `${f.rule} ${fix.title}`,
        );
  });

  it('edits of a JSON file in the kept model give what a fresh analysis gives', () => {
    const files: Record<string, string> = {
      '/ws/vpc.tf.json': VPC(false),
      '/ws/endpoints.tf.json': ENDPOINT(),
      '/ws/other.tf': NATIVE_ENDPOINT.replace('"ssm"', '"sts"').replace('.ssm"', '.sts"'),
    };
    const ws = workspaceFromFiles(files);
    const project = (fs: Finding[]) => fs.map((f) => `${f.uri}:${at(f)} ${f.rule} ${f.message} ${JSON.stringify(f.fixes ?? [])}`).sort();
    const steps = [
      ['/ws/vpc.tf.json', VPC(true)],
      ['/ws/vpc.tf.json', VPC(false)],
      ['/ws/endpoints.tf.json', ENDPOINT({ private_dns_enabled: false })],
      ['/ws/endpoints.tf.json', '{"resource": {"aws_vpc_endpoint": '],
      ['/ws/endpoints.tf.json', ENDPOINT({ private_dns_enabled: true, security_group_ids: ['sg-1'] })],
      ['/ws/extra.tf.json', json({ resource: { aws_vpc: { second: { cidr_block: '10.1.0.0/16' } } } })],
    ] as const;
    assert.ok(analyze(ws, { ...DIRS, keep: true }).some((f) => f.rule === 'PL101'));
    for (const [p, text] of steps) {
      ws.setFile(p, text);
      files[p] = text;
      assert.deepEqual(project(analyze(ws, { ...DIRS, keep: true })), project(findings(files)), `after editing ${p}`);
    }
  });

  it('draws the same topology from the JSON and the native form of a configuration', () => {
    const fixture = (n: string) => fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'json-syntax', n), 'utf8');
    const shape = (files: Record<string, string>) => {
      const t = buildTopology(workspaceFromFiles(files), DIRS.dirs);
      return {
        nodes: t.nodes.map((n) => `${n.kind} ${n.address ?? ''} ${n.label} ${n.detail} ${n.findings.map((f) => f.rule).join(',')}`).sort(),
        edges: t.edges.map((e) => `${e.from} ${e.kind} ${e.to} ${e.label ?? ''}`).sort(),
      };
    };
    const native = shape({ '/ws/main.tf': fixture('endpoints.tf') });
    assert.ok(native.nodes.length > 3 && native.edges.length > 2);
    assert.deepEqual(shape({ '/ws/main.tf.json': fixture('endpoints.tf.json') }), native);
    const located = buildTopology(workspaceFromFiles({ '/ws/main.tf.json': fixture('endpoints.tf.json') }), DIRS.dirs).nodes.filter(
      (n) => n.location,
    );
    assert.ok(located.length > 0 && located.every((n) => n.location!.uri === '/ws/main.tf.json'));
  });

  it('the CLI reports and fixes a JSON file', () => {
    execFileSync(process.execPath, [path.join(REPO, 'build.mjs')], { cwd: REPO });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-json-'));
    try {
      fs.writeFileSync(path.join(dir, 'vpc.tf.json'), VPC(false));
      fs.writeFileSync(path.join(dir, 'endpoints.tf.json'), ENDPOINT());
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), '--rule', 'PL101', ...args, dir], { encoding: 'utf8' });
      const out = cli().stdout;
      assert.match(out, new RegExp(`endpoints\\.tf\\.json:${where(ENDPOINT(), '"private_dns_enabled"')} error PL101`));
      cli('--fix');
      const text = fs.readFileSync(path.join(dir, 'vpc.tf.json'), 'utf8');
      assert.equal(
        (JSON.parse(text) as { resource: { aws_vpc: { main: { enable_dns_hostnames: boolean } } } }).resource.aws_vpc.main
          .enable_dns_hostnames,
        true,
      );
      assert.doesNotMatch(cli().stdout, /PL101/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("every rule's table cases, written in JSON syntax, give the same findings; their fixes keep JSON and remove the finding", function () {
    this.timeout(120_000);
    const cases = ruleTableCases();
    assert.ok(cases.length > 300, `${cases.length} cases`);
    let compared = 0;
    let fixesChecked = 0;
    for (const c of cases) {
      const native: Record<string, string> = {};
      const inJson: Record<string, string> = {};
      let convertible = true;
      for (const [p, text] of Object.entries(c.files)) {
        native[`/ws/${p}`] = text;
        if (!p.endsWith('.tf')) {
          inJson[`/ws/${p}`] = text;
          continue;
        }
        const written = toJsonSyntax(text, `/ws/${p}.json`);
        if (written === undefined) convertible = false;
        else inJson[`/ws/${p}.json`] = written;
      }
      // A case with a syntax error has no JSON form.
      if (!convertible) continue;
      compared++;
      const run = (files: Record<string, string>) => analyze(workspaceFromFiles(files)).filter((f) => f.rule === c.rule.meta.id);
      const got = run(inJson);
      // A message that names a file (the call a shared module's finding holds for) names its JSON form.
      const messages = (fs: Finding[]) => fs.map((f) => f.message.replace(/\.tf\.json\b/g, '.tf')).sort();
      assert.deepEqual(messages(got), messages(run(native)), `${c.rule.meta.id} ${c.name}`);
      for (const f of got) {
        for (const fix of f.fixes ?? []) {
          fixesChecked++;
          const after = applyFix(inJson, f, new RegExp(`^${fix.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
          if (!fix.isPreferred) continue;
          const before = got.filter((x) => x.message === f.message).length;
          assert.ok(
            run(after).filter((x) => x.message === f.message).length < before,
            `${c.rule.meta.id} ${c.name}: ${fix.title} removes its finding`,
          );
        }
      }
    }
    assert.ok(compared > 300 && fixesChecked > 100, `${compared} cases compared, ${fixesChecked} fixes checked`);
  });
});

/** A file of native syntax written in JSON syntax by the edit builders (a new file, `{}`, given every block). */
function toJsonSyntax(text: string, p: string): string | undefined {
  const empty = '{}\n';
  const native = parse(text, p.replace(/\.json$/, ''));
  if (native.diagnostics.length) return undefined;
  if (native.body.items.length === 0) return empty;
  const file: SourceFile = { uri: p, path: p, text: empty, ast: parseJsonConfig(empty, p) };
  const out = applyEdits(empty, [appendToFile(file, text)]);
  return parseJsonConfig(out, p).diagnostics.length ? undefined : out;
}

interface TableCase {
  rule: Rule;
  name: string;
  files: Record<string, string>;
}

/**
 * The valid and invalid cases of every rule's table test (test/rules/PLnnn.test.ts), collected
 * by loading those files with a `testRule` that only records its cases (and `describe`/`it`
 * that register nothing); the files and the tester are then forgotten again, so mocha's own
 * loading of them is untouched.
 */
function ruleTableCases(): TableCase[] {
  const rulesDir = path.join(REPO, 'test', 'rules');
  const testerPath = require.resolve(path.join(rulesDir, 'rule-tester.ts'));
  const files = fs
    .readdirSync(rulesDir)
    .filter((f) => /^PL\d{3}\.test\.ts$/.test(f))
    .map((f) => require.resolve(path.join(rulesDir, f)));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const real = require(testerPath) as Record<string, unknown>;
  const cases: TableCase[] = [];
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = ['describe', 'it', 'before', 'after', 'beforeEach', 'afterEach'].map((k) => [k, g[k]] as const);
  const record = (
    rule: Rule,
    t: { valid: { name: string; files: Record<string, string> }[]; invalid: { name: string; files: Record<string, string> }[] },
  ) => {
    for (const c of [...t.valid, ...t.invalid]) cases.push({ rule, name: c.name, files: c.files });
  };
  const cached = require.cache[testerPath]!;
  const exportsBefore = cached.exports as unknown;
  try {
    g.describe = (_name: string, body: () => void) => body();
    for (const k of ['it', 'before', 'after', 'beforeEach', 'afterEach']) g[k] = () => undefined;
    cached.exports = { ...real, testRule: record };
    for (const f of files) {
      delete require.cache[f];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(f);
      delete require.cache[f];
    }
  } finally {
    cached.exports = exportsBefore;
    for (const [k, v] of saved) g[k] = v;
  }
  return cases;
}

describe('JSON syntax in the language server', function () {
  this.timeout(30_000);
  let dir: string;
  let client: TestClient;

  before(() => ensureServerBuilt());

  beforeEach(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pl-json-lsp-')));
    fs.writeFileSync(path.join(dir, 'vpc.tf.json'), VPC(false));
    fs.writeFileSync(path.join(dir, 'endpoints.tf.json'), ENDPOINT());
    client = new TestClient({ folder: dir, settings: { debounceMs: 20 } });
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes findings at the JSON property, hovers and shows code lenses on it, and follows edits', async () => {
    const file = path.join(dir, 'endpoints.tf.json');
    const uri = await client.open(file);
    const d = await client.waitFor(uri, (p) => p.diagnostics.some((x) => x.code === 'PL101'));
    const pl101 = d.diagnostics.find((x) => x.code === 'PL101')!;
    const text = ENDPOINT();
    assert.equal(`${pl101.range.start.line + 1}:${pl101.range.start.character + 1}`, where(text, '"private_dns_enabled"'));
    const [line, column] = where(text, '"service_name"').split(':').map(Number);
    const hover = await client.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: line - 1, character: column + 2 },
    });
    assert.match(hover?.contents.value ?? '', /Systems Manager/);
    const lenses = await client.conn.sendRequest<{ command: { title: string }; range: Finding['range'] }[]>('textDocument/codeLens', {
      textDocument: { uri },
    });
    assert.ok(lenses.some((l) => /Interface endpoint/.test(l.command.title)));
    // Quick fixes are JSON; no "ignore" comment (JSON has none), no completion of native text.
    const actions = await client.conn.sendRequest<{ title: string; edit?: { changes?: Record<string, { newText: string }[]> } }[]>(
      'textDocument/codeAction',
      { textDocument: { uri }, range: pl101.range, context: { diagnostics: [pl101] } },
    );
    assert.ok(actions.length > 0);
    assert.ok(actions.every((a) => !/^Ignore/.test(a.title)));
    const turnOn = actions.find((a) => /enable_dns_hostnames/.test(a.title));
    assert.deepEqual(
      turnOn?.edit?.changes?.[TestClient.uri(path.join(dir, 'vpc.tf.json'))]?.map((e) => e.newText),
      ['true'],
    );
    const completion = await client.conn.sendRequest<{ items: unknown[] } | null>('textDocument/completion', {
      textDocument: { uri },
      position: { line: line - 1, character: column + 2 },
    });
    assert.equal(completion?.items.length ?? 0, 0);
    // An edit of the open JSON document: private DNS off, the finding goes.
    await client.change(uri, ENDPOINT({ private_dns_enabled: false }));
    await client.waitFor(uri, (p) => !p.diagnostics.some((x) => x.code === 'PL101'));
  });
});
