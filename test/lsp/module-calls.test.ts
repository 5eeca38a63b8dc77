// A module folder called from other folders is analysed in the editor through its callers, as
// the CLI analyses it: its file shows each call's findings, named by the call, and follows
// edits of the callers' inputs.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureServerBuilt } from './build-server';
import { TestClient, type PublishedDiagnostics } from './lsp-client';

const MODULE = `variable "dns_hostnames" {
  type    = bool
  default = true
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = var.dns_hostnames
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`;

/** Line of `private_dns_enabled = true` in MODULE (0-based): where PL101 is reported. */
const PL101_LINE = MODULE.split('\n').findIndex((l) => l.includes('private_dns_enabled'));

const call = (dns: boolean) => `module "endpoints" {\n  source        = "../modules/endpoints"\n  dns_hostnames = ${dns}\n}\n`;

const pl101 = (d: PublishedDiagnostics) => d.diagnostics.filter((x) => x.code === 'PL101');
const fromProdOnly = (d: PublishedDiagnostics) =>
  pl101(d).length === 1 &&
  pl101(d)[0].range.start.line === PL101_LINE &&
  /\(from module\.endpoints in prod\/main\.tf\)$/.test(pl101(d)[0].message);
const noPL101 = (d: PublishedDiagnostics) => pl101(d).length === 0;

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('language server: a module folder called from other folders', function () {
  this.timeout(30_000);
  let ws: string;
  let client: TestClient;

  before(() => ensureServerBuilt());

  beforeEach(async () => {
    ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-lsp-calls-')));
    write(path.join(ws, 'dev', 'main.tf'), call(true));
    write(path.join(ws, 'prod', 'main.tf'), call(false));
    write(path.join(ws, 'modules', 'endpoints', 'main.tf'), MODULE);
    // A look-alike nobody calls: checked alone, its default true gives no PL101.
    write(path.join(ws, 'modules', 'unused', 'main.tf'), MODULE);
    client = new TestClient({ folder: ws, settings: { debounceMs: 20 } });
    await client.initialize();
  });

  afterEach(async () => {
    await client?.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it("shows each call's findings in the module's file and follows edits of a caller's input", async () => {
    const mod = await client.open(path.join(ws, 'modules', 'endpoints', 'main.tf'));
    const unused = await client.open(path.join(ws, 'modules', 'unused', 'main.tf'));
    // Only the module's file is open: prod's call (dns_hostnames = false) gives PL101, named;
    // dev's call (true) does not.
    await client.waitFor(mod, fromProdOnly, 15_000, true);
    assert.deepEqual(pl101(client.diagnostics.get(unused)!), []);

    // An edit of the module's file is checked through the calls as before.
    const fixed = MODULE.replace('private_dns_enabled = true', 'private_dns_enabled = false');
    await client.change(mod, fixed);
    await client.waitFor(mod, noPL101);
    await client.change(mod, MODULE);
    await client.waitFor(mod, fromProdOnly);

    // prod's file opened: its own analysis covers the module's file too; what the module's
    // file shows stays the merged result (one PL101, naming prod's call).
    const prodFile = path.join(ws, 'prod', 'main.tf');
    const prod = await client.open(prodFile);
    await client.waitFor(prod, () => true, 10_000, true);
    assert.ok(fromProdOnly(client.diagnostics.get(mod)!), JSON.stringify(client.diagnostics.get(mod)));

    // prod's input turns true: the module's file loses PL101; back to false, it returns.
    await client.change(prod, call(true));
    await client.waitFor(mod, noPL101);
    await client.change(prod, call(false));
    await client.waitFor(mod, fromProdOnly);

    // dev's input false as well, edited in a file that is not the module's: both calls named.
    const dev = await client.open(path.join(ws, 'dev', 'main.tf'));
    await client.change(dev, call(false));
    const both = await client.waitFor(mod, (d) => pl101(d).length === 1 && /from both calls/.test(pl101(d)[0].message));
    assert.match(pl101(both)[0].message, /module\.endpoints in dev\/main\.tf and module\.endpoints in prod\/main\.tf\)$/);
  });
});
