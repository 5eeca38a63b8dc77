// The language server hands the team policy of `.privatelink.json` to the rules, and follows
// the file when it changes: findings of the policy rules appear and go without a restart.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureServerBuilt } from './build-server';
import { TestClient, type PublishedDiagnostics } from './lsp-client';

const MAIN = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`;

const has = (code: string) => (d: PublishedDiagnostics) => d.diagnostics.some((x) => x.code === code);
const lacks = (code: string) => (d: PublishedDiagnostics) => !d.diagnostics.some((x) => x.code === code);

describe('language server: team policy', function () {
  this.timeout(30_000);
  let base: string;
  let client: TestClient;

  before(() => ensureServerBuilt());

  beforeEach(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-lsp-policy-')));
    fs.writeFileSync(path.join(base, 'main.tf'), MAIN);
  });

  afterEach(async () => {
    await client?.stop();
    fs.rmSync(base, { recursive: true, force: true });
  });

  const config = async (json: unknown) => {
    fs.writeFileSync(path.join(base, '.privatelink.json'), JSON.stringify(json));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: TestClient.uri(path.join(base, '.privatelink.json')), type: 2 }],
    });
  };

  it('reports by the committed policy and follows its changes', async () => {
    fs.writeFileSync(path.join(base, '.privatelink.json'), JSON.stringify({ requiredEndpoints: ['ssm'] }));
    client = new TestClient({ folder: base, settings: { debounceMs: 20 } });
    await client.initialize();
    const uri = await client.open(path.join(base, 'main.tf'));
    await client.waitFor(uri, has('PL503'), 10_000, true);

    await config({ requiredEndpoints: ['s3'] });
    await client.waitFor(uri, lacks('PL503'), 10_000, true);

    await config({ requiredEndpoints: ['s3', 'ssm'] });
    await client.waitFor(uri, has('PL503'), 10_000, true);
  });
});
