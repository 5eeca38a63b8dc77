// The pre-commit hook's definition (.pre-commit-hooks.yaml) and its entry
// (scripts/pre-commit-hook.cjs): which files it runs on, and how the files pre-commit passes
// become the CLI's arguments. test/hooks/pre-commit.mjs runs it through pre-commit itself.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';

const ROOT = path.resolve(__dirname, '../..');

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  exclude?: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the entry is CommonJS, loaded as pre-commit runs it
const { plan } = require(path.join(ROOT, 'scripts/pre-commit-hook.cjs')) as {
  plan: (argv: string[]) => { options: string[]; files: string[] };
};

describe('pre-commit hook', () => {
  const hooks = yaml.load(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const hook = hooks.find((h) => h.id === 'privatelink-lint')!;

  it('is a node hook whose entry is a command the package installs', () => {
    assert.ok(hook, 'no privatelink-lint hook');
    assert.equal(hook.language, 'node');
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const bin = manifest.bin[hook.entry];
    assert.ok(bin, `${hook.entry} is not a bin of package.json`);
    assert.ok(fs.existsSync(path.join(ROOT, bin)));
    assert.match(fs.readFileSync(path.join(ROOT, bin), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  });

  it('runs on Terraform and OpenTofu files and variable files, not on other JSON or state', () => {
    const files = new RegExp(hook.files);
    const exclude = new RegExp(hook.exclude ?? '(?!)');
    const runs = (f: string) => files.test(f) && !exclude.test(f);
    for (const f of ['main.tf', 'env/prod/main.tofu', 'prod.tfvars', 'cdk.tf.json', 'x.tofu.json', 'terraform.tfvars.json'])
      assert.ok(runs(f), f);
    for (const f of [
      'package.json',
      'terraform.tfstate',
      'main.tf.bak',
      'README.md',
      '.terraform/modules/vpc/main.tf',
      'a/.terraform/x.tf',
    ])
      assert.ok(!runs(f), f);
  });

  describe('its entry', () => {
    let dir: string;
    let cwd: string;
    before(() => {
      cwd = process.cwd();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plt-hook-'));
      for (const f of ['a/main.tf', 'a/vars.tf', 'a/b/main.tf', 'c/prod.tfvars']) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), '');
      }
      process.chdir(dir);
    });
    after(() => {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('hands the CLI one file per changed folder, so each module is analysed once and not below', () => {
      assert.deepEqual(plan(['a/main.tf', 'a/vars.tf', 'a/b/main.tf', 'c/prod.tfvars']).files, [
        'a/main.tf',
        'a/b/main.tf',
        'c/prod.tfvars',
      ]);
    });

    it('drops files that no longer exist and runs nothing when none is left', () => {
      assert.deepEqual(plan(['gone/main.tf', 'a/vars.tf']).files, ['a/vars.tf']);
      assert.deepEqual(plan(['gone/main.tf']).files, []);
    });

    it('passes the hook args through, with their values', () => {
      const p = plan(['--max-warnings', '0', '--rule', 'PL101', 'a/main.tf', '--var-file', 'c/prod.tfvars']);
      assert.deepEqual(p.options, ['--max-warnings', '0', '--rule', 'PL101', '--var-file', 'c/prod.tfvars']);
      assert.deepEqual(p.files, ['a/main.tf']);
    });

    it('reads the repository root .privatelink.json unless --config is given', () => {
      assert.deepEqual(plan(['a/main.tf']).options, []);
      fs.writeFileSync(path.join(dir, '.privatelink.json'), '{}');
      assert.deepEqual(plan(['a/main.tf']).options, ['--config', '.privatelink.json']);
      assert.deepEqual(plan(['--config', 'other.json', 'a/main.tf']).options, ['--config', 'other.json']);
    });
  });
});
