// Variable values given for a root module, in Terraform's order of precedence: the variable's
// default < terraform.tfvars < terraform.tfvars.json < *.auto.tfvars(.json) by name < the
// inputs given (`.privatelink.json` varFiles, the CLI's --var-file and --var), in order. A -var
// value is read as Terraform reads it: text for a variable without a type or with a primitive
// type, an HCL expression of constants otherwise.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { configVarFiles, parseConfig, varFileRefusal } from '../../server/src/engine/config';
import { parseVarFlag } from '../../server/src/cli/vars';
import { boundaryOf } from '../../server/src/model/boundary';
import { memoryHost } from '../../server/src/model/testing';
import type { VarInput } from '../../server/src/model/tfvars';
import type { WorkspaceModel } from '../../server/src/model/types';
import type { Value } from '../../server/src/model/value';
import { createWorkspace } from '../../server/src/model/workspace';

/** A value as plain JSON, unknown as the string '<unknown>'. */
function plain(v: Value): unknown {
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return v.value;
    case 'null':
      return null;
    case 'list':
      return v.items.map(plain);
    case 'map':
      return Object.fromEntries([...v.entries].map(([k, x]) => [k, plain(x)]));
    default:
      return '<unknown>';
  }
}

function workspace(files: Record<string, string>, inputs: (dir: string) => VarInput[] = () => []): WorkspaceModel {
  return createWorkspace(memoryHost(files), { folders: ['/ws'], varInputs: inputs });
}

const DECL = `variable "v" {}\n`;

describe('variable values given for a root module', () => {
  it('later sources win: default < terraform.tfvars < .tfvars.json < auto files by name < inputs in order', () => {
    const files: Record<string, string> = {
      '/ws/main.tf': 'variable "v" {\n  default = "default"\n}\n',
    };
    const steps: [string, string][] = [
      ['/ws/terraform.tfvars', 'v = "terraform.tfvars"\n'],
      ['/ws/terraform.tfvars.json', '{ "v": "terraform.tfvars.json" }'],
      ['/ws/b.auto.tfvars', 'v = "b.auto.tfvars"\n'],
      ['/ws/c.auto.tfvars.json', '{ "v": "c.auto.tfvars.json" }'],
    ];
    assert.equal(plain(workspace(files).module('/ws')!.variable('v')), 'default');
    for (const [p, text] of steps) {
      files[p] = text;
      assert.equal(plain(workspace(files).module('/ws')!.variable('v')), path.basename(p), `${path.basename(p)} wins`);
    }
    // An auto file sorting before another loses to it, whatever was written last.
    files['/ws/a.auto.tfvars'] = 'v = "a.auto.tfvars"\n';
    assert.equal(plain(workspace(files).module('/ws')!.variable('v')), 'c.auto.tfvars.json');

    files['/vars/one.tfvars'] = 'v = "one"\n';
    files['/vars/two.tfvars.json'] = '{ "v": "two" }';
    const given = (inputs: VarInput[]) =>
      plain(
        workspace(files, () => inputs)
          .module('/ws')!
          .variable('v'),
      );
    assert.equal(given([{ file: '/vars/one.tfvars' }]), 'one', 'a given file wins over the auto files');
    assert.equal(given([{ file: '/vars/one.tfvars' }, { file: '/vars/two.tfvars.json' }]), 'two', 'the later file wins (JSON by its name)');
    assert.equal(given([{ file: '/vars/two.tfvars.json' }, { file: '/vars/one.tfvars' }]), 'one');
    assert.equal(given([{ file: '/vars/one.tfvars' }, { name: 'v', value: 'cli' }]), 'cli', '--var after a file wins');
    assert.equal(given([{ name: 'v', value: 'cli' }, { file: '/vars/one.tfvars' }]), 'one', 'a file after --var wins');
    assert.equal(
      given([
        { name: 'v', value: 'first' },
        { name: 'v', value: 'second' },
      ]),
      'second',
    );
    assert.equal(given([{ name: 'other', value: 'x' }]), 'c.auto.tfvars.json', 'another variable changes nothing');
    assert.equal(given([{ file: '/vars/missing.tfvars' }]), 'c.auto.tfvars.json', 'a file that does not exist adds nothing');
  });

  it('reads -var as text for untyped and primitive variables, as a constant HCL expression otherwise', () => {
    const decls = `
variable "untyped" {}
variable "s" {
  type = string
}
variable "b" {
  type = bool
}
variable "n" {
  type = number
}
variable "l" {
  type = list(string)
}
variable "m" {
  type = map(string)
}
variable "a" {
  type = any
}
variable "o" {
  type = object({ enabled = bool })
}
variable "broken" {
  type = list(string)
}
variable "ref" {
  type = list(string)
}
variable "call" {
  type = list(string)
}
`;
    const m = workspace({ '/ws/main.tf': decls }, () => [
      { name: 'untyped', value: '["not", "a", "list"]' },
      { name: 's', value: 'null' },
      { name: 'b', value: 'true' },
      { name: 'n', value: '42' },
      { name: 'l', value: '["a", "b"]' },
      { name: 'm', value: '{ x = "1", y = "2" }' },
      { name: 'a', value: 'false' },
      { name: 'o', value: '{ enabled = true }' },
      { name: 'broken', value: '["a", ' },
      { name: 'ref', value: '[var.x]' },
      { name: 'call', value: '[upper("a")]' },
    ]).module('/ws')!;
    const v = (name: string) => plain(m.variable(name));
    assert.equal(v('untyped'), '["not", "a", "list"]');
    assert.equal(v('s'), 'null', 'a string variable takes the text null');
    assert.equal(v('b'), true);
    assert.equal(v('n'), 42);
    assert.deepEqual(v('l'), ['a', 'b']);
    assert.deepEqual(v('m'), { x: '1', y: '2' });
    assert.equal(v('a'), false, 'any parses the expression');
    assert.deepEqual(v('o'), { enabled: true });
    assert.equal(v('broken'), '<unknown>', 'an expression that does not parse is unknown');
    assert.equal(v('ref'), '<unknown>', 'a reference is no constant');
    assert.equal(v('call'), '<unknown>', 'nor is a function call');
  });

  it('a value given on the command line points at no file', () => {
    const m = workspace({ '/ws/main.tf': 'variable "l" {\n  type = list(string)\n}\n' }, () => [{ name: 'l', value: '["a"]' }]).module(
      '/ws',
    )!;
    const l = m.variable('l');
    assert.equal(l.origin, undefined);
    assert.equal(l.kind === 'list' ? l.items[0].origin : 'not a list', undefined);
  });

  it('a child module takes its caller inputs, not the values given for the root', () => {
    const files = {
      '/ws/main.tf': 'variable "v" {\n  default = "root"\n}\nmodule "c" {\n  source = "./c"\n  v      = var.v\n}\n',
      '/ws/c/main.tf': 'variable "v" {\n  default = "child default"\n}\n',
    };
    const root = workspace(files, () => [{ name: 'v', value: 'given' }]).module('/ws')!;
    assert.equal(plain(root.variable('v')), 'given');
    assert.equal(plain(root.children().get('c')![0].variable('v')), 'given', 'through the call');
    const other = workspace({ ...files, '/ws/main.tf': 'module "c" {\n  source = "./c"\n}\n' }, () => [{ name: 'v', value: 'given' }]);
    assert.equal(plain(other.module('/ws')!.children().get('c')![0].variable('v')), 'child default', 'not given to the child');
  });

  it('an edit to a given variable file outside the folder, and new inputs, are seen', () => {
    const files = { '/ws/main.tf': DECL, '/vars/prod.tfvars': 'v = "before"\n' };
    let inputs: VarInput[] = [{ file: '/vars/prod.tfvars' }];
    const ws = workspace(files, () => inputs);
    assert.equal(plain(ws.module('/ws')!.variable('v')), 'before');
    ws.setFile('/vars/prod.tfvars', 'v = "after"\n');
    assert.equal(plain(ws.module('/ws')!.variable('v')), 'after');
    inputs = [{ name: 'v', value: 'changed' }];
    assert.equal(plain(ws.module('/ws')!.variable('v')), 'after', 'kept until told');
    ws.varInputsChanged!();
    assert.equal(plain(ws.module('/ws')!.variable('v')), 'changed');
  });

  it('a syntax error in a given variable file is reported on it', () => {
    const ws = workspace({ '/ws/main.tf': DECL, '/vars/bad.tfvars': 'v = "unclosed\n' }, () => [{ file: '/vars/bad.tfvars' }]);
    const found = analyze(ws, { dirs: new Set(['/ws']) });
    assert.ok(
      found.some((f) => f.uri === '/vars/bad.tfvars' && f.rule === 'syntax'),
      JSON.stringify(found.map((f) => [f.uri, f.rule])),
    );
  });
});

describe('--var flags', () => {
  it('take NAME=VALUE, the value being everything after the first =', () => {
    assert.deepEqual(parseVarFlag('a=b=c'), { name: 'a', value: 'b=c' });
    assert.deepEqual(parseVarFlag('a='), { name: 'a', value: '' });
    assert.match((parseVarFlag('a') as { error: string }).error, /separated by =/);
    assert.match((parseVarFlag('=x') as { error: string }).error, /names no variable/);
    assert.match((parseVarFlag('a =x') as { error: string }).error, /ends with a space/);
  });
});

describe('.privatelink.json varFiles', () => {
  it('is an object of folder: [files]; folders stay inside the workspace root', () => {
    const ok = parseConfig({ varFiles: { 'env/prod': ['prod.tfvars', '../common.tfvars'], '.': ['x.tfvars'] } });
    assert.deepEqual(ok.errors, []);
    assert.deepEqual(ok.config.varFiles, { 'env/prod': ['prod.tfvars', '../common.tfvars'], '.': ['x.tfvars'] });
    for (const bad of [
      [],
      'x',
      { '/abs': ['a'] },
      { '../up': ['a'] },
      { 'a/../../up': ['a'] },
      { env: 'a.tfvars' },
      { env: [''] },
      { env: [1] },
    ]) {
      const r = parseConfig({ varFiles: bad });
      assert.equal(r.errors.length, 1, JSON.stringify(bad));
      assert.match(r.errors[0], /varFiles/);
    }
  });

  it('names files relative to their folder, folders relative to the root', () => {
    const { config } = parseConfig({ varFiles: { 'env/prod': ['prod.tfvars', '../common.tfvars'], '.': ['root.tfvars'] } });
    assert.deepEqual(
      [...configVarFiles(config, '/repo')],
      [
        ['/repo/env/prod', ['/repo/env/prod/prod.tfvars', '/repo/env/common.tfvars']],
        ['/repo', ['/repo/root.tfvars']],
      ],
    );
  });

  describe('a variable file is read only from inside the repository', () => {
    let base: string;
    before(() => {
      base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pl-varfiles-')));
      fs.mkdirSync(path.join(base, 'repo', '.git'), { recursive: true });
      fs.mkdirSync(path.join(base, 'repo', 'env'));
      fs.mkdirSync(path.join(base, 'outside'));
      fs.writeFileSync(path.join(base, 'repo', 'env', 'prod.tfvars'), 'v = 1\n');
      fs.writeFileSync(path.join(base, 'outside', 'secret.tfvars'), 'v = 2\n');
      fs.symlinkSync(path.join(base, 'outside', 'secret.tfvars'), path.join(base, 'repo', 'env', 'link.tfvars'));
    });
    after(() => fs.rmSync(base, { recursive: true, force: true }));

    it('inside: read; outside, a symlink out, a folder: refused; absent inside: left to the caller', () => {
      const b = boundaryOf([path.join(base, 'repo', 'env')]);
      assert.equal(varFileRefusal(path.join(base, 'repo', 'env', 'prod.tfvars'), b), undefined);
      assert.equal(varFileRefusal(path.join(base, 'repo', 'env', 'absent.tfvars'), b), undefined);
      assert.match(varFileRefusal(path.join(base, 'outside', 'secret.tfvars'), b)!, /outside the repository/);
      assert.match(varFileRefusal(path.join(base, 'outside', 'absent.tfvars'), b)!, /outside the repository/);
      assert.match(varFileRefusal(path.join(base, 'repo', 'env', 'link.tfvars'), b)!, /symlink that leads outside/);
      assert.match(varFileRefusal(path.join(base, 'repo', 'env'), b)!, /not a regular file/);
    });
  });
});
