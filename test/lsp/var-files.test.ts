// The language server reads the variable files `.privatelink.json` names for a folder, as the
// CLI does, and serves OpenTofu's language ids and configuration open as JSON.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureServerBuilt } from './build-server';
import { TestClient, type PublishedDiagnostics } from './lsp-client';

const MAIN = `variable "dns" {
  type    = bool
  default = false
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = var.dns
}

resource "aws_vpc_endpoint" "sts" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`;

/** Line of `private_dns_enabled` in MAIN, where PL101 is reported. */
const PL101_LINE = MAIN.split('\n').findIndex((l) => l.includes('private_dns_enabled'));

const codes = (d: PublishedDiagnostics) => d.diagnostics.map((x) => String(x.code));
const hasPL101 = (d: PublishedDiagnostics) => d.diagnostics.some((x) => x.code === 'PL101' && x.range.start.line === PL101_LINE);
const noPL101 = (d: PublishedDiagnostics) => !codes(d).includes('PL101');

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('language server: variable files and OpenTofu documents', function () {
  this.timeout(30_000);
  let base: string;
  let ws: string;
  let client: TestClient;

  before(() => ensureServerBuilt());

  beforeEach(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-lsp-vars-')));
    ws = path.join(base, 'ws');
    write(path.join(ws, 'env', 'prod', 'main.tf'), MAIN);
    write(path.join(ws, 'env', 'dev', 'main.tf'), MAIN);
    write(path.join(ws, 'env', 'prod.tfvars'), 'dns = true\n');
  });

  afterEach(async () => {
    await client?.stop();
    fs.rmSync(base, { recursive: true, force: true });
  });

  async function start(config: unknown): Promise<void> {
    if (config !== undefined) write(path.join(ws, '.privatelink.json'), JSON.stringify(config));
    client = new TestClient({ folder: ws, settings: { debounceMs: 20 } });
    await client.initialize();
  }

  it('analyses a folder with the variable files .privatelink.json names for it, and only that folder', async () => {
    await start({ varFiles: { 'env/prod': ['../prod.tfvars'] } });
    const prod = await client.open(path.join(ws, 'env', 'prod', 'main.tf'));
    const dev = await client.open(path.join(ws, 'env', 'dev', 'main.tf'));
    await client.waitFor(prod, noPL101, 10_000, true);
    // The look-alike folder the configuration does not name keeps its default: PL101.
    await client.waitFor(dev, hasPL101, 10_000, true);
  });

  it('follows edits of the variable file and of .privatelink.json', async () => {
    await start({ varFiles: { 'env/prod': ['../prod.tfvars'] } });
    const prod = await client.open(path.join(ws, 'env', 'prod', 'main.tf'));
    await client.waitFor(prod, noPL101, 10_000, true);

    // The variable file, outside the module's folder, typed in.
    const vars = await client.open(path.join(ws, 'env', 'prod.tfvars'));
    await client.change(vars, 'dns = false\n');
    await client.waitFor(prod, hasPL101, 10_000, true);
    await client.change(vars, 'dns = true\n');
    await client.waitFor(prod, noPL101, 10_000, true);
    await client.close(vars);

    // The configuration no longer names it: the default again.
    write(path.join(ws, '.privatelink.json'), JSON.stringify({ varFiles: {} }));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: TestClient.uri(path.join(ws, '.privatelink.json')), type: 2 }],
    });
    await client.waitFor(prod, hasPL101, 10_000, true);
  });

  it('refuses a variable file outside the workspace, saying so', async () => {
    write(path.join(base, 'outside.tfvars'), 'dns = true\n');
    await start({ varFiles: { 'env/prod': ['../../../outside.tfvars'] } });
    const prod = await client.open(path.join(ws, 'env', 'prod', 'main.tf'));
    // Not read: the default stands.
    await client.waitFor(prod, hasPL101, 10_000, true);
    assert.ok(
      client.logs.some((l) => l.includes('outside.tfvars') && /is not read: it is outside the repository/.test(l)),
      client.logs.join('\n'),
    );
  });

  it('serves a document open as opentofu, and configuration open as json', async () => {
    await start(undefined);
    const endpoint = MAIN.slice(MAIN.indexOf('resource "aws_vpc_endpoint"'));
    const vpcJson = (hostnames: boolean) =>
      JSON.stringify({ resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16', enable_dns_hostnames: hostnames } } } }, null, 2);
    const tofu = path.join(ws, 'tofu', 'main.tofu');
    const json = path.join(ws, 'tofu', 'vpc.tf.json');
    write(tofu, endpoint);
    write(json, vpcJson(false));
    const tofuUri = TestClient.uri(tofu);
    await client.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: tofuUri, languageId: 'opentofu', version: 1, text: endpoint },
    });
    const line = endpoint.split('\n').findIndex((l) => l.includes('private_dns_enabled'));
    const pl101 = (d: PublishedDiagnostics) => d.diagnostics.some((x) => x.code === 'PL101' && x.range.start.line === line);
    await client.waitFor(tofuUri, pl101, 10_000, true);

    // The module's VPC in JSON syntax, open as json and edited: the finding goes.
    const jsonUri = TestClient.uri(json);
    await client.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: jsonUri, languageId: 'json', version: 1, text: vpcJson(false) },
    });
    await client.waitFor(jsonUri, () => true, 10_000, true);
    await client.change(jsonUri, vpcJson(true));
    await client.waitFor(tofuUri, (d) => !pl101(d), 10_000, true);
    await client.change(jsonUri, vpcJson(false));
    await client.waitFor(tofuUri, pl101, 10_000, true);
  });
});
