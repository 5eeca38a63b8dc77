import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeHost } from '../../server/src/model/node-host';
import { memoryHost, workspaceFromFiles } from '../../server/src/model/testing';
import { createWorkspace } from '../../server/src/model/workspace';
import { str, toJson } from '../../server/src/model/value';

const FIXTURE = path.resolve(__dirname, '../fixtures/modules/basic');

describe('workspace', () => {
  describe('in memory', () => {
    const files = {
      '/ws/main.tf':
        'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\nmodule "m" {\n  source = "./m"\n  id = aws_vpc.main.id\n}\n',
      '/ws/other.tf': 'locals {\n  a = 1\n}\n',
      '/ws/m/main.tf': 'variable "id" {}\nresource "aws_subnet" "s" {\n  vpc_id = var.id\n}\noutput "o" {\n  value = "one"\n}\n',
    };

    it('memoryHost lists folders and files and reports missing files', () => {
      const h = memoryHost(files);
      assert.deepEqual(
        h.readDir('/ws').sort((a, b) => a.name.localeCompare(b.name)),
        [
          { name: 'm', isDir: true },
          { name: 'main.tf', isDir: false },
          { name: 'other.tf', isDir: false },
        ],
      );
      assert.deepEqual(h.readDir('/nowhere'), []);
      assert.ok('error' in h.readFile('/ws/nope.tf'));
    });

    it('setFile re-parses only that file and rebuilds the module lazily', () => {
      const ws = workspaceFromFiles(files);
      const before = ws.module('/ws')!;
      const other = ws.file('/ws/other.tf');
      const main = ws.file('/ws/main.tf');
      assert.equal(ws.module('/ws'), before, 'unchanged workspace gives the same instance');
      ws.setFile('/ws/main.tf', files['/ws/main.tf'].replace('10.0.0.0/16', '10.9.0.0/16'));
      assert.equal(ws.file('/ws/other.tf'), other);
      assert.notEqual(ws.file('/ws/main.tf'), main);
      const after = ws.module('/ws')!;
      assert.notEqual(after, before);
      assert.equal(str(after.resources('aws_vpc')[0].attr('cidr_block')), '10.9.0.0/16');
      assert.equal(str(before.resources('aws_vpc')[0].attr('cidr_block')), '10.0.0.0/16');
    });

    it('setFile with the same text keeps everything', () => {
      const ws = workspaceFromFiles(files);
      const m = ws.module('/ws')!;
      ws.setFile('/ws/other.tf', files['/ws/other.tf']);
      assert.equal(ws.module('/ws'), m);
    });

    it('an edit in a child module rebuilds the callers', () => {
      const ws = workspaceFromFiles({ ...files, '/ws/use.tf': 'locals {\n  mo = module.m.o\n}\n' });
      const root = ws.module('/ws')!;
      assert.equal(str(root.local('mo')), 'one');
      ws.setFile('/ws/m/main.tf', files['/ws/m/main.tf'].replace('"one"', '"two"'));
      const root2 = ws.module('/ws')!;
      assert.notEqual(root2, root);
      assert.equal(str(root2.local('mo')), 'two');
      const child = root2.children().get('m')![0];
      assert.equal(child.resolve(child.resources('aws_subnet')[0].attr('vpc_id'))?.address, 'aws_vpc.main');
    });

    it('new files and folders become part of the workspace; removeFile forgets them', () => {
      const ws = workspaceFromFiles(files);
      assert.deepEqual(
        ws.roots().map((r) => r.dir),
        ['/ws', '/ws/m'],
      );
      ws.setFile('/ws/new/main.tf', 'resource "aws_vpc" "n" {}\n');
      ws.setFile('/ws/extra.tf', 'resource "aws_vpc" "extra" {}\n');
      assert.deepEqual(
        ws.roots().map((r) => r.dir),
        ['/ws', '/ws/m', '/ws/new'],
      );
      assert.deepEqual(
        ws
          .module('/ws')!
          .resources('aws_vpc')
          .map((r) => r.address),
        ['aws_vpc.extra', 'aws_vpc.main'],
      );
      ws.removeFile('/ws/new/main.tf');
      ws.removeFile('/ws/extra.tf');
      assert.deepEqual(
        ws.roots().map((r) => r.dir),
        ['/ws', '/ws/m'],
      );
      assert.deepEqual(
        ws
          .module('/ws')!
          .resources('aws_vpc')
          .map((r) => r.address),
        ['aws_vpc.main'],
      );
      assert.equal(ws.file('/ws/extra.tf'), undefined);
    });

    it('removeFile of an edited file goes back to the host text', () => {
      const ws = workspaceFromFiles(files);
      ws.setFile('/ws/other.tf', 'locals {\n  a = 2\n}\n');
      assert.equal(toJson(ws.module('/ws')!.local('a')), 2);
      ws.removeFile('/ws/other.tf');
      assert.equal(toJson(ws.module('/ws')!.local('a')), 1);
    });

    it('a module that calls a folder without .tf files has no child instance', () => {
      const ws = workspaceFromFiles({ '/ws/main.tf': 'module "x" {\n  source = "./missing"\n}\nlocals {\n  o = module.x.out\n}\n' });
      const m = ws.module('/ws')!;
      assert.equal(m.children().size, 0);
      assert.equal(toJson(m.local('o')), undefined);
      assert.equal(ws.module('/elsewhere'), undefined);
    });

    it('evaluate() takes any expression of the module, with a scope', () => {
      const ws = workspaceFromFiles(files);
      const m = ws.module('/ws')!;
      const attr = m.files.find((f) => f.uri === '/ws/other.tf')!.ast.body.items[0];
      assert.equal(attr.type, 'Block');
      const expr = attr.type === 'Block' && attr.body.items[0].type === 'Attribute' ? attr.body.items[0].value! : undefined;
      const v = m.evaluate(expr!);
      assert.equal(toJson(v), 1);
      assert.equal(v.origin?.uri, '/ws/other.tf');
    });
  });

  describe('on disk', () => {
    let tmp: string;
    before(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-model-'));
      fs.writeFileSync(path.join(tmp, 'main.tf'), 'resource "aws_vpc" "v" {}\n');
      fs.writeFileSync(path.join(tmp, 'binary.tf'), Buffer.from([0x72, 0x65, 0x00, 0x01, 0x02, 0xff]));
      fs.writeFileSync(path.join(tmp, 'latin1.tf'), Buffer.from('# caf\xe9\nresource "aws_vpc" "l" {}\n', 'latin1'));
      fs.writeFileSync(path.join(tmp, 'big.tf'), 'x'.repeat(4096));
      fs.symlinkSync(path.join(tmp, 'gone'), path.join(tmp, 'dangling.tf'));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('reads the fixture module, its tfvars and its local child module', () => {
      const ws = createWorkspace(nodeHost(), { folders: [FIXTURE] });
      const roots = ws.roots();
      assert.deepEqual(
        roots.map((r) => path.relative(FIXTURE, r.dir)),
        ['', path.join('modules', 'endpoints')],
      );
      const root = ws.module(FIXTURE)!;
      assert.equal(str(root.variable('region')), 'eu-central-1');
      const child = root.children().get('endpoints')![0];
      const eps = child.resources('aws_vpc_endpoint');
      assert.deepEqual(
        eps.map((e) => str(e.attr('service_name'))),
        ['com.amazonaws.eu-central-1.ecr.api', 'com.amazonaws.eu-central-1.ecr.dkr'],
      );
      const vpc = child.resolve(eps[0].attr('vpc_id'));
      assert.equal(vpc?.uri, path.join(FIXTURE, 'vpc.tf'));
      assert.equal(toJson(vpc.attr('enable_dns_hostnames')!), true);
    });

    it('reports binary, oversized and unreadable files instead of throwing', () => {
      const host = nodeHost({ maxFileBytes: 1024 });
      const bin = host.readFile(path.join(tmp, 'binary.tf'));
      assert.ok('error' in bin && /NUL/.test(bin.error));
      const big = host.readFile(path.join(tmp, 'big.tf'));
      assert.ok('error' in big && /limit/.test(big.error));
      const gone = host.readFile(path.join(tmp, 'dangling.tf'));
      assert.ok('error' in gone && /ENOENT/.test(gone.error));
      const dir = host.readFile(tmp);
      assert.ok('error' in dir);
      const latin = host.readFile(path.join(tmp, 'latin1.tf'));
      assert.ok('text' in latin, 'a stray non-UTF-8 byte is still text');
      assert.deepEqual(host.readDir(path.join(tmp, 'nope')), []);
    });

    it('a workspace keeps going past files it cannot read', () => {
      const ws = createWorkspace(nodeHost({ maxFileBytes: 1024 }), { folders: [tmp] });
      const m = ws.module(tmp)!;
      assert.deepEqual(
        m.resources('aws_vpc').map((r) => r.address),
        ['aws_vpc.l', 'aws_vpc.v'],
      );
      const bad = m.files
        .filter((f) => f.readError)
        .map((f) => path.basename(f.path))
        .sort();
      assert.deepEqual(bad, ['big.tf', 'binary.tf', 'dangling.tf']);
      assert.equal(ws.file(path.join(tmp, 'binary.tf'))?.text, '');
    });
  });
});
