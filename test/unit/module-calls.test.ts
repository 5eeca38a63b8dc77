// A local module called from several places is analysed once per call, with that call's
// inputs: from every root that calls it and for each call within one root. The same finding
// from several calls is reported once, naming the calls; a finding that differs per call stays
// one per call. What is found does not depend on folder names or on the order folders are read.

import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { analyze } from '../../server/src/engine/analyze';
import { checkKeptAnswers } from '../../server/src/incremental/answers';
import { applyEditsToFiles } from '../../server/src/fixes/apply';
import { workspaceFromFiles } from '../../server/src/model/testing';
import type { Finding } from '../../server/src/rules/types';

const MODULE = `variable "dns_hostnames" {
  type    = bool
  default = true
}

variable "dns_support" {
  type    = bool
  default = true
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = var.dns_hostnames
  enable_dns_support   = var.dns_support
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`;

/** The line of `private_dns_enabled = true` in MODULE (1-based): where PL101 points. */
const PRIVATE_DNS_LINE = MODULE.split('\n').findIndex((l) => l.includes('private_dns_enabled')) + 1;

function call(name: string, source: string, inputs: Record<string, string> = {}): string {
  const args = Object.entries(inputs).map(([k, v]) => `  ${k} = ${v}\n`);
  return `module "${name}" {\n  source = "${source}"\n${args.join('')}}\n`;
}

/** dev/ and prod/ each call modules/endpoints, with their own inputs. */
function envs(dev: Record<string, string>, prod: Record<string, string>, devDir = 'dev'): Record<string, string> {
  return {
    [`/ws/${devDir}/main.tf`]: call('endpoints', '../modules/endpoints', dev),
    '/ws/prod/main.tf': call('endpoints', '../modules/endpoints', prod),
    '/ws/modules/endpoints/main.tf': MODULE,
  };
}

function run(files: Record<string, string>, dirs?: string[]): Finding[] {
  return analyze(workspaceFromFiles(files), { root: '/ws', dirs: dirs && new Set(dirs) });
}

const pl101 = (fs: Finding[]) => fs.filter((f) => f.rule === 'PL101');

/** A finding as comparable data: file, line, rule, message, related places (sorted), fixes. */
function shape(f: Finding) {
  const at = (uri: string, r: Finding['range']) =>
    `${uri}:${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
  return {
    at: at(f.uri, f.range),
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    related: (f.related ?? []).map((r) => `${at(r.uri, r.range)} ${r.message}`).sort(),
    fixes: (f.fixes ?? []).map((x) => ({ title: x.title, edits: x.edits.map((e) => `${at(e.uri, e.range)}=${e.newText}`) })),
  };
}

const project = (f: Finding) => JSON.stringify(shape(f));
const projectAll = (fs: Finding[]) => fs.map(project).sort();

/**
 * Findings with one folder renamed back (`zz-dev` to `dev`). The calls a message names, the
 * related places and a fix's files are listed in path order: each list is put in one order.
 */
function renamedBack(fs: Finding[], from: string, to: string): string[] {
  return fs
    .map((f) => {
      const p = JSON.parse(JSON.stringify(shape(f)).replaceAll(from, to)) as ReturnType<typeof shape>;
      p.message = p.message.replace(/\(from (both calls: |all \d+ calls: )?(.*)\)$/, (_m, every: string | undefined, list: string) => {
        const names = list.split(/, | and /).sort();
        return `(from ${every ?? ''}${names.join(', ')})`;
      });
      p.related.sort();
      for (const x of p.fixes) x.edits.sort();
      return JSON.stringify(p);
    })
    .sort();
}

describe('a module called from several places', () => {
  it('is analysed with each caller’s inputs: prod’s false gives PL101, naming prod’s call only', () => {
    const fs = run(envs({ dns_hostnames: 'true' }, { dns_hostnames: 'false' }));
    const found = pl101(fs);
    assert.equal(found.length, 1, fs.map(project).join('\n'));
    const f = found[0];
    assert.equal(f.uri, '/ws/modules/endpoints/main.tf');
    assert.equal(f.range.start.line + 1, PRIVATE_DNS_LINE);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /enable_dns_hostnames = false/);
    assert.match(f.message, /\(from module\.endpoints in prod\/main\.tf\)$/);
    assert.doesNotMatch(f.message, /dev/);
    // The call is a related place, at prod's module block; dev's is not.
    const calls = (f.related ?? []).filter((r) => r.message.startsWith('called here as'));
    assert.deepEqual(
      calls.map((r) => `${r.uri}:${r.range.start.line + 1} ${r.message}`),
      ['/ws/prod/main.tf:1 called here as module.endpoints'],
    );
    // The fix sets prod's input, and only prod's.
    const edits = f.fixes?.[0]?.edits ?? [];
    assert.deepEqual(
      edits.map((e) => `${e.uri}:${e.range.start.line + 1}=${e.newText}`),
      ['/ws/prod/main.tf:3=true'],
    );
  });

  it('stays silent when every caller turns the VPC DNS on (look-alike)', () => {
    assert.deepEqual(pl101(run(envs({ dns_hostnames: 'true' }, { dns_hostnames: 'true' }))), []);
    assert.deepEqual(pl101(run(envs({}, {}))), [], 'the module defaults are true');
  });

  it('reports a finding both calls give once, naming both calls, with a fix that sets both inputs', () => {
    const files = envs({ dns_hostnames: 'false' }, { dns_hostnames: 'false' });
    const found = pl101(run(files));
    assert.equal(found.length, 1, found.map(project).join('\n'));
    const f = found[0];
    assert.equal(f.uri, '/ws/modules/endpoints/main.tf');
    assert.equal(f.range.start.line + 1, PRIVATE_DNS_LINE);
    assert.match(f.message, /\(from both calls: module\.endpoints in dev\/main\.tf and module\.endpoints in prod\/main\.tf\)$/);
    assert.deepEqual(
      (f.related ?? []).filter((r) => r.message.startsWith('called here as')).map((r) => r.uri),
      ['/ws/dev/main.tf', '/ws/prod/main.tf'],
    );
    // One fix, both inputs: applied, no PL101 is left for either call.
    assert.equal(f.fixes?.length, 1);
    const [fix] = f.fixes ?? [];
    const fixed = Object.fromEntries(applyEditsToFiles(new Map(Object.entries(files)), fix.edits));
    assert.match(fixed['/ws/dev/main.tf'], /dns_hostnames = true/);
    assert.match(fixed['/ws/prod/main.tf'], /dns_hostnames = true/);
    assert.deepEqual(pl101(run(fixed)), []);
  });

  it('keeps findings whose message differs per call apart, each naming its call', () => {
    const found = pl101(run(envs({ dns_support: 'false' }, { dns_hostnames: 'false' })));
    assert.deepEqual(
      found.map((f) => [f.range.start.line + 1, /enable_dns_\w+ = false/.exec(f.message)?.[0], /\(from .*\)$/.exec(f.message)?.[0]]).sort(),
      [
        [PRIVATE_DNS_LINE, 'enable_dns_hostnames = false', '(from module.endpoints in prod/main.tf)'],
        [PRIVATE_DNS_LINE, 'enable_dns_support = false', '(from module.endpoints in dev/main.tf)'],
      ],
    );
  });

  it('finds the same whatever the folders are called and whichever root is read first', () => {
    for (const [dev, prod] of [
      [{ dns_hostnames: 'true' }, { dns_hostnames: 'false' }],
      [{ dns_hostnames: 'false' }, { dns_hostnames: 'true' }],
      [{ dns_hostnames: 'false' }, { dns_hostnames: 'false' }],
    ]) {
      const asIs = renamedBack(run(envs(dev, prod)), 'zz-dev', 'dev');
      // zz-dev sorts after prod: the walk meets the callers the other way round.
      const renamed = renamedBack(run(envs(dev, prod, 'zz-dev')), 'zz-dev', 'dev');
      assert.deepEqual(renamed, asIs);
      assert.equal(pl101(run(envs(dev, prod))).length, 1);
    }
  });

  it('analyses a module called twice from one root with each call’s inputs', () => {
    const files = {
      '/ws/main.tf': call('a', './mod', { dns_hostnames: 'false' }) + '\n' + call('b', './mod', { dns_hostnames: 'true' }),
      '/ws/mod/main.tf': MODULE,
    };
    const found = pl101(run(files));
    assert.equal(found.length, 1, found.map(project).join('\n'));
    const f = found[0];
    assert.equal(f.uri, '/ws/mod/main.tf');
    assert.equal(f.range.start.line + 1, PRIVATE_DNS_LINE);
    assert.match(f.message, /module\.a\.aws_vpc_endpoint\.ssm/);
    assert.match(f.message, /\(from module\.a in main\.tf\)$/);
    assert.deepEqual(
      f.fixes?.[0].edits.map((e) => `${e.uri}:${e.range.start.line + 1}=${e.newText}`),
      ['/ws/main.tf:3=true'],
    );
    // The other way round: module.b's call only.
    const swapped = pl101(
      run({
        '/ws/main.tf': call('a', './mod', { dns_hostnames: 'true' }) + '\n' + call('b', './mod', { dns_hostnames: 'false' }),
        '/ws/mod/main.tf': MODULE,
      }),
    );
    assert.deepEqual(
      swapped.map((x) => /\(from .*\)$/.exec(x.message)?.[0]),
      ['(from module.b in main.tf)'],
    );
  });

  it('names the whole chain of calls, and leaves the instances of one call (count) unnamed', () => {
    const nested = pl101(
      run({
        '/ws/dev/main.tf': call('endpoints', '../modules/endpoints', { dns_hostnames: 'true' }),
        '/ws/prod/main.tf': call('net', '../modules/net'),
        '/ws/modules/net/main.tf': call('endpoints', '../endpoints', { dns_hostnames: 'false' }),
        '/ws/modules/endpoints/main.tf': MODULE,
      }),
    );
    assert.deepEqual(
      nested.map((f) => `${f.uri}:${f.range.start.line + 1} ${/\(from .*\)$/.exec(f.message)?.[0]}`),
      [`/ws/modules/endpoints/main.tf:${PRIVATE_DNS_LINE} (from module.net.module.endpoints in prod/main.tf)`],
    );
    // The instances of one call are named by their addresses, as before; no call is named.
    const counted = run({
      '/ws/main.tf': `module "endpoints" {\n  count         = 2\n  source        = "./mod"\n  dns_hostnames = false\n}\n`,
      '/ws/mod/main.tf': MODULE,
    });
    assert.deepEqual(
      pl101(counted).map((f) => /^module\.endpoints\[\d\]/.exec(f.message)?.[0]),
      ['module.endpoints[0]', 'module.endpoints[1]'],
    );
    assert.ok(
      counted.every((x) => !/\(from /.test(x.message)),
      counted.map((x) => x.message).join('\n'),
    );
  });

  it("analysing the module's folder (an open file's) includes each call's findings", () => {
    const found = pl101(run(envs({ dns_hostnames: 'true' }, { dns_hostnames: 'false' }), ['/ws/modules/endpoints']));
    assert.deepEqual(
      found.map((f) => `${f.uri}:${f.range.start.line + 1} ${/\(from .*\)$/.exec(f.message)?.[0]}`),
      [`/ws/modules/endpoints/main.tf:${PRIVATE_DNS_LINE} (from module.endpoints in prod/main.tf)`],
    );
  });

  it('an edit of a caller’s input flips its finding; kept answers equal a fresh analysis', () => {
    const files = envs({ dns_hostnames: 'true' }, { dns_hostnames: 'false' });
    const ws = workspaceFromFiles(files);
    const kept = (dirs?: string[]) => analyze(ws, { root: '/ws', keep: true, dirs: dirs && new Set(dirs) });
    const states = [
      envs({ dns_hostnames: 'true' }, { dns_hostnames: 'true' }),
      envs({ dns_hostnames: 'false' }, { dns_hostnames: 'true' }),
      envs({ dns_hostnames: 'false' }, { dns_hostnames: 'false' }),
      envs({ dns_hostnames: 'true' }, { dns_hostnames: 'false' }),
    ];
    // Every reuse of a kept answer (the call whose root did not change) is compared with a fresh one.
    let compared = 0;
    const wrong: string[] = [];
    checkKeptAnswers((rule, keptAnswer, freshAnswer) => {
      compared++;
      if (!isDeepStrictEqual(keptAnswer, freshAnswer)) wrong.push(rule);
    });
    try {
      for (const dirs of [undefined, ['/ws/modules/endpoints']]) {
        assert.deepEqual(projectAll(kept(dirs)), projectAll(run(files, dirs)));
      }
      const expected = [0, 1, 1, 1];
      states.forEach((next, i) => {
        // Each step changes one caller's input (prod's, then dev's, both ways); the rest is set unchanged.
        for (const [p, t] of Object.entries(next)) ws.setFile(p, t);
        for (const dirs of [undefined, ['/ws/modules/endpoints'], ['/ws/prod']]) {
          assert.deepEqual(projectAll(kept(dirs)), projectAll(run(next, dirs)), `step ${i}, dirs ${String(dirs)}`);
        }
        assert.equal(pl101(kept()).length, expected[i], `step ${i}`);
      });
    } finally {
      checkKeptAnswers(undefined);
    }
    assert.deepEqual(wrong, []);
    assert.ok(compared > 0, 'answers of the unchanged call were kept');
    // The last step: prod's input back to false, dev's true: prod's call only.
    assert.match(pl101(kept())[0].message, /\(from module\.endpoints in prod\/main\.tf\)$/);
  });
});
