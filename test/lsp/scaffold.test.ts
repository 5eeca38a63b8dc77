// Scaffolding over stdio, as the VS Code client drives it: list the modules, ask for a
// command's WorkspaceEdit, apply it (creating files), and see the server's diagnostics.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  MODULES_REQUEST,
  SCAFFOLD_ANNOTATION,
  SCAFFOLD_CHOICES_REQUEST,
  SCAFFOLD_REQUEST,
  type ModulesResult,
  type ScaffoldChoicesResult,
} from '../../server/src/protocol';
import { catalog } from '../../server/src/query/catalog';
import { BUNDLES } from '../../server/src/scaffold/bundles';
import { ensureServerBuilt } from './build-server';
import { applyLspEdits, REPO, TestClient } from './lsp-client';

const FIXTURE = path.join(REPO, 'test', 'fixtures', 'scaffold');

interface Edit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
  annotationId?: string;
}
type Change =
  { kind: 'create'; uri: string; annotationId?: string } | { textDocument: { uri: string; version: number | null }; edits: Edit[] };
interface WorkspaceEdit {
  documentChanges: Change[];
  changeAnnotations: Record<string, { label: string; description?: string; needsConfirmation?: boolean }>;
}

/** Applies a WorkspaceEdit to the files on disk, as an editor would. */
function applyToDisk(edit: WorkspaceEdit): string[] {
  const touched: string[] = [];
  for (const c of edit.documentChanges) {
    if ('kind' in c) {
      const p = new URL(c.uri).pathname;
      assert.ok(!fs.existsSync(p), `${p} is created, so it must not exist`);
      fs.writeFileSync(p, '');
      touched.push(p);
      continue;
    }
    const p = new URL(c.textDocument.uri).pathname;
    fs.writeFileSync(p, applyLspEdits(fs.readFileSync(p, 'utf8'), c.edits));
    touched.push(p);
  }
  return touched;
}

describe('scaffolding over stdio', function () {
  this.timeout(30_000);
  let dir: string;
  let client: TestClient;

  before(() => ensureServerBuilt());

  beforeEach(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-scaffold-')));
    for (const m of ['basic', 'provider', 'consumer']) fs.cpSync(path.join(FIXTURE, m), path.join(dir, m), { recursive: true });
    client = new TestClient({ folder: dir, settings: { debounceMs: 20 } });
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the modules with their VPCs and load balancers', async () => {
    const r = await client.conn.sendRequest<ModulesResult>(MODULES_REQUEST, {});
    assert.deepEqual(
      r.modules.map((m) => path.basename(m.dir)),
      ['basic', 'consumer', 'provider'],
    );
    assert.deepEqual(r.modules.find((m) => m.dir.endsWith('basic'))?.vpcs, ['aws_vpc.main']);
    assert.deepEqual(r.modules.find((m) => m.dir.endsWith('provider'))?.loadBalancers, [{ address: 'aws_lb.api', type: 'network' }]);
    assert.ok(r.modules.every((m) => m.uri.startsWith('file://')));
  });

  it("offers the catalog's services and the bundles to pick from", async () => {
    const r = await client.conn.sendRequest<ScaffoldChoicesResult>(SCAFFOLD_CHOICES_REQUEST, {});
    const offered = catalog.services.filter((s) => s.interface || s.gateway);
    assert.ok(offered.length > 100, `the catalog offers ${offered.length} services`);
    // Every service with an endpoint type, in the catalog's order, named as the quick pick shows it.
    assert.deepEqual(
      r.services,
      offered.map((s) => ({ name: s.name, title: s.title })),
    );
    assert.deepEqual(r.bundles, JSON.parse(JSON.stringify(BUNDLES)));
    // A bundle picked adds its services: each must be one the command can write.
    const names = new Set(r.services.map((s) => s.name));
    assert.deepEqual(
      r.bundles.flatMap((b) => b.services.filter((s) => !names.has(s)).map((s) => `${b.id}: ${s}`)),
      [],
    );
  });

  it('answers "Add interface endpoints" with a WorkspaceEdit that creates endpoints.tf and fixes the VPC', async () => {
    const moduleUri = TestClient.uri(path.join(dir, 'basic'));
    const edit = await client.conn.sendRequest<WorkspaceEdit>(SCAFFOLD_REQUEST, {
      command: 'addInterfaceEndpoints',
      moduleDir: moduleUri,
      options: { bundle: 'ecr', policy: true },
    });
    const endpointsUri = TestClient.uri(path.join(dir, 'basic', 'endpoints.tf'));
    const vpcUri = TestClient.uri(path.join(dir, 'basic', 'vpc.tf'));
    // The file is created before it is written to.
    assert.deepEqual(edit.documentChanges[0], {
      kind: 'create',
      uri: endpointsUri,
      options: { ignoreIfExists: false, overwrite: false },
      annotationId: SCAFFOLD_ANNOTATION,
    });
    const uris = edit.documentChanges
      .filter((c): c is Extract<Change, { edits: Edit[] }> => 'edits' in c)
      .map((c) => c.textDocument.uri)
      .sort();
    assert.deepEqual(uris, [endpointsUri, vpcUri].sort());
    const ann = edit.changeAnnotations[SCAFFOLD_ANNOTATION];
    assert.match(ann.label, /^Added to aws_vpc\.main: Interface endpoints ecr\.api, ecr\.dkr, logs; Gateway endpoint s3/);
    assert.equal(ann.needsConfirmation, false);

    const touched = applyToDisk(edit);
    // As the editor's file watcher would tell the server.
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [...new Set(touched)].map((p) => ({ uri: TestClient.uri(p), type: 2 })),
    });
    const endpoints = fs.readFileSync(path.join(dir, 'basic', 'endpoints.tf'), 'utf8');
    assert.equal((endpoints.match(/resource "aws_vpc_endpoint"/g) ?? []).length, 4);
    assert.ok(fs.readFileSync(path.join(dir, 'basic', 'vpc.tf'), 'utf8').includes('enable_dns_hostnames = true'));

    // The server, reading the new files, finds nothing to complain about in them.
    const uri = await client.open(path.join(dir, 'basic', 'endpoints.tf'));
    const d = await client.waitFor(uri, () => true, 10_000, true);
    assert.deepEqual(
      d.diagnostics.filter((x) => x.severity === 1 || x.severity === 2).map((x) => `${x.code}: ${x.message}`),
      [],
    );
  });

  it('exposes a service and connects another module to it', async () => {
    const provider = TestClient.uri(path.join(dir, 'provider'));
    const exposed = await client.conn.sendRequest<WorkspaceEdit>(SCAFFOLD_REQUEST, {
      command: 'exposeService',
      moduleDir: provider,
      options: { loadBalancer: 'aws_lb.api' },
    });
    applyToDisk(exposed);
    assert.ok(fs.readFileSync(path.join(dir, 'provider', 'outputs.tf'), 'utf8').includes('output "api_endpoint_service_name"'));
    // The server reads the changed file from disk once told about it.
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: TestClient.uri(path.join(dir, 'provider', 'main.tf')), type: 2 }],
    });
    const connected = await client.conn.sendRequest<WorkspaceEdit>(SCAFFOLD_REQUEST, {
      command: 'connectToService',
      moduleDir: TestClient.uri(path.join(dir, 'consumer')),
      options: { service: { dir: provider, address: 'aws_vpc_endpoint_service.api' } },
    });
    applyToDisk(connected);
    const consumer = fs.readFileSync(path.join(dir, 'consumer', 'main.tf'), 'utf8');
    assert.ok(consumer.includes('service_name       = var.api_service_name'));
    assert.ok(consumer.includes('from_port   = 8443'));
    assert.ok(consumer.includes('resource "aws_route53_record" "api"'));
  });

  it('connects a module to a resource configuration of another module, named by its URI', async () => {
    fs.cpSync(path.join(FIXTURE, 'resource-provider'), path.join(dir, 'resource-provider'), { recursive: true });
    const { modules } = await client.conn.sendRequest<ModulesResult>(MODULES_REQUEST, {});
    const provider = modules.find((m) => path.basename(m.dir) === 'resource-provider');
    assert.deepEqual(provider?.resourceConfigurations, [
      { address: 'aws_vpclattice_resource_configuration.db', ports: 'TCP 5432, 8000-8010' },
    ]);
    const edit = await client.conn.sendRequest<WorkspaceEdit>(SCAFFOLD_REQUEST, {
      command: 'connectToResource',
      moduleDir: TestClient.uri(path.join(dir, 'consumer')),
      options: { configuration: { dir: provider?.uri, address: 'aws_vpclattice_resource_configuration.db' } },
    });
    assert.match(Object.values(edit.changeAnnotations)[0].label, /^Added a Resource endpoint aws_vpc_endpoint\.db/);
    applyToDisk(edit);
    const consumer = fs.readFileSync(path.join(dir, 'consumer', 'main.tf'), 'utf8');
    assert.ok(consumer.includes('resource_configuration_arn = var.db_resource_configuration_arn'));
    assert.ok(consumer.includes('from_port   = 8000'));
  });

  it('turns a command the module cannot take into an error the client can show', async () => {
    await assert.rejects(
      client.conn.sendRequest(SCAFFOLD_REQUEST, {
        command: 'addInterfaceEndpoints',
        moduleDir: TestClient.uri(path.join(dir, 'basic')),
        options: { services: ['ecr.dockr'] },
      }),
      (e: Error) => /not in the service catalog \(nearest: ecr\.dkr/.test(e.message),
    );
    await assert.rejects(client.conn.sendRequest(SCAFFOLD_REQUEST, { command: 'nope', moduleDir: dir }), /Unknown command/);
  });

  it('writes nowhere outside the workspace folders, whatever folder the request names', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-elsewhere-'));
    try {
      fs.cpSync(path.join(FIXTURE, 'basic'), elsewhere, { recursive: true });
      await assert.rejects(
        client.conn.sendRequest(SCAFFOLD_REQUEST, { command: 'addInterfaceEndpoints', moduleDir: elsewhere, options: { bundle: 'ecr' } }),
        (e: Error) => /may not: .*(outside|not in a workspace folder)/.test(e.message),
      );
      // A module reached through a symlink (to a folder of the workspace): its files are read,
      // but not written through the link.
      fs.symlinkSync(path.join(dir, 'basic'), path.join(dir, 'linked'));
      await assert.rejects(
        client.conn.sendRequest(SCAFFOLD_REQUEST, {
          command: 'addInterfaceEndpoints',
          moduleDir: path.join(dir, 'linked'),
          options: { bundle: 'ecr' },
        }),
        /may not/,
      );
      // The same request on the workspace's own module is answered.
      const ok = await client.conn.sendRequest<WorkspaceEdit>(SCAFFOLD_REQUEST, {
        command: 'addInterfaceEndpoints',
        moduleDir: path.join(dir, 'basic'),
        options: { bundle: 'ecr' },
      });
      assert.ok(ok.documentChanges.length > 0);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
