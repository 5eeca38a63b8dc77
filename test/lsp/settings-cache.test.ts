// Settings asked once per scope when the client reports every change, and asked before every
// analysis when it does not.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureServerBuilt } from './build-server';
import { REPO, TestClient, type PublishedDiagnostics } from './lsp-client';

const codes = (d: PublishedDiagnostics) => d.diagnostics.map((x) => String(x.code));
const has = (rule: string) => (d: PublishedDiagnostics) => codes(d).includes(rule);
const lacks = (rule: string) => (d: PublishedDiagnostics) => !codes(d).includes(rule);

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(cond(), what);
}

describe('language server settings, kept between analyses', function () {
  this.timeout(30_000);
  let dir: string;
  let clients: TestClient[] = [];

  before(() => ensureServerBuilt());

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-settings-')));
    fs.cpSync(path.join(REPO, 'test', 'fixtures', 'lsp'), dir, { recursive: true });
  });

  afterEach(async () => {
    for (const c of clients) await c.stop();
    clients = [];
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(dynamicConfiguration: boolean): Promise<{ client: TestClient; uri: string }> {
    const client = new TestClient({ folder: dir, settings: { debounceMs: 0 }, dynamicConfiguration });
    clients.push(client);
    await client.initialize();
    if (dynamicConfiguration)
      await until(
        () => client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'),
        'the server registered for settings changes',
      );
    const uri = await client.open(path.join(dir, 'pl101', 'endpoints.tf'));
    await client.waitFor(uri, has('PL101'));
    return { client, uri };
  }

  /** Types a space at the end of the file and waits for the analysis it starts. */
  async function type(client: TestClient, uri: string): Promise<PublishedDiagnostics> {
    const lines = client.text(uri).split('\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const next = client.waitFor(uri);
    await client.edit(uri, { start: end, end }, ' ');
    return next;
  }

  it('asks once per scope while no change is reported, and again after a change, which takes effect', async () => {
    const { client, uri } = await start(true);
    const asked = client.configurationRequests;
    for (let i = 0; i < 3; i++) assert.ok(has('PL101')(await type(client, uri)));
    // The typing runs analyse the module folder: one more scope than the file opened, asked once.
    assert.ok(client.configurationRequests <= asked + 1, `asked ${client.configurationRequests - asked} times while typing`);
    const afterTyping = client.configurationRequests;
    assert.ok(has('PL101')(await type(client, uri)));
    assert.equal(client.configurationRequests, afterTyping, 'kept settings are used');

    client.settings = { debounceMs: 0, rules: { PL101: 'off' } };
    const cleared = client.waitFor(uri, lacks('PL101'));
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await cleared;
    assert.ok(client.configurationRequests > afterTyping, 'the server asked again after the change');
    // The new settings are the ones kept.
    assert.ok(lacks('PL101')(await type(client, uri)));
    assert.ok(lacks('PL101')(await type(client, uri)));

    client.settings = { debounceMs: 0 };
    const back = client.waitFor(uri, has('PL101'));
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await back;
    assert.ok(has('PL101')(await type(client, uri)));
  });

  it('asks before every analysis when the client does not report changes', async () => {
    const { client, uri } = await start(false);
    assert.equal(
      client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'),
      false,
    );
    for (let i = 0; i < 3; i++) {
      const before = client.configurationRequests;
      await type(client, uri);
      assert.equal(client.configurationRequests, before + 1);
    }
    // A change seen on the next analysis, without any notification.
    client.settings = { debounceMs: 0, rules: { PL101: 'off' } };
    assert.ok(lacks('PL101')(await type(client, uri)));
  });
});
