// Hover, completion and code lenses on resource and service-network endpoints and the VPC
// Lattice resources they reach, through the bundled server over stdio.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureServerBuilt } from './build-server';
import { REPO, TestClient } from './lsp-client';

const FIXTURE = path.join(REPO, 'test', 'fixtures', 'lattice');

interface Item {
  label: string;
  textEdit?: { newText: string };
}

/** Line/character of the first occurrence of `needle` (plus `delta` characters). */
function at(text: string, needle: string, delta = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} not in text`);
  const before = text.slice(0, i + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

describe('resource and service-network endpoints in the editor', function () {
  this.timeout(30_000);
  let dir: string;
  let client: TestClient;
  let file: string;

  before(() => ensureServerBuilt());

  beforeEach(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-lattice-')));
    fs.cpSync(FIXTURE, path.join(dir, 'lattice'), { recursive: true });
    file = path.join(dir, 'lattice', 'main.tf');
    client = new TestClient({ folder: dir, settings: { debounceMs: 20 } });
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const hover = async (uri: string, text: string, needle: string, delta = 2) =>
    (
      await client.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri },
        position: at(text, needle, delta),
      })
    )?.contents.value ?? '';

  const complete = async (uri: string, pos: { line: number; character: number }) =>
    (await client.conn.sendRequest<{ items: Item[] } | null>('textDocument/completion', { textDocument: { uri }, position: pos }))?.items ??
    [];

  it('hovers: what a Resource endpoint reaches and costs, a ServiceNetwork endpoint, the lattice resources', async () => {
    const uri = await client.open(file);
    await client.waitFor(uri);
    const text = client.text(uri);
    const resource = await hover(uri, text, 'resource_configuration_arn = aws_vpclattice');
    assert.match(resource, /\*\*Resource endpoint\*\* to `aws_vpclattice_resource_configuration\.db`/);
    assert.match(resource, /Resource: `db\.data\.internal`/);
    assert.match(resource, /Ports: TCP 5432/);
    assert.match(resource, /Resource gateway: `aws_vpclattice_resource_gateway\.data` in `aws_vpc\.data`/);
    assert.match(resource, /Cost: about USD 14\.60 per month in 2 AZs \(USD 7\.30 per AZ\) plus USD 0\.01 per GB \(estimate\)/);

    const network = await hover(uri, text, 'service_network_arn = ');
    assert.match(network, /\*\*Service-network endpoint\*\* to `aws_vpclattice_service_network\.shared`/);
    assert.match(network, /Resource configurations associated: 1/);
    assert.match(network, /VPC associations: 1/);
    assert.match(network, /Cost: no charge of its own; VPC Lattice bills/);

    const type = await hover(uri, text, 'vpc_endpoint_type          = "Resource"');
    assert.match(type, /\*\*Resource endpoint\*\*/);

    const config = await hover(uri, text, 'resource_gateway_identifier');
    assert.match(config, /\*\*`aws_vpclattice_resource_configuration\.db`\*\*/);
    assert.match(config, /Resource endpoints in this module: 1/);
    const gateway = await hover(uri, text, 'subnet_ids = aws_subnet.data');
    assert.match(gateway, /resource gateway carrying VPC resources' traffic into `aws_vpc\.data`/);
    assert.match(gateway, /Resource configurations through it: `aws_vpclattice_resource_configuration\.db`/);
    const assoc = await hover(uri, text, 'service_network_identifier        =');
    assert.match(assoc, /\*\*`aws_vpclattice_service_network\.shared`\*\*: a VPC Lattice service network/);
    // The security group of a Resource endpoint is judged on the configuration's port.
    const sg = await hover(uri, text, 'security_group_ids         =');
    assert.match(sg, /TCP 5432 allowed from `10\.1\.0\.0\/16`/);
  });

  it('completes the arguments of each endpoint type, the new types, and dns_options for Resource endpoints', async () => {
    const uri = await client.open(file);
    await client.waitFor(uri);
    const text = client.text(uri);
    const types = await complete(uri, at(text, '"Resource"', 1));
    assert.deepEqual(types.map((i) => i.label).sort(), ['Gateway', 'GatewayLoadBalancer', 'Interface', 'Resource', 'ServiceNetwork']);

    // A blank line in the Resource endpoint's body.
    const withBlank = text.replace('  security_group_ids         = [aws_security_group.db_endpoint.id]\n', '$&  \n');
    await client.change(uri, withBlank);
    const line = at(withBlank, '  security_group_ids         = [aws_security_group.db_endpoint.id]').line + 1;
    const args = (await complete(uri, { line, character: 2 })).map((i) => i.label);
    assert.ok(args.includes('private_dns_enabled') && args.includes('dns_options'), args.join(', '));
    for (const no of ['route_table_ids', 'service_name', 'service_network_arn', 'policy', 'resource_configuration_arn'])
      assert.ok(!args.includes(no), `${no} is not offered`);

    // dns_options inside the Resource endpoint.
    const withDns = text.replace(
      '  security_group_ids         = [aws_security_group.db_endpoint.id]\n',
      '$&\n  dns_options {\n    \n    private_dns_preference = ""\n  }\n',
    );
    await client.change(uri, withDns);
    const inBlock = at(withDns, '  dns_options {').line + 1;
    const dnsArgs = (await complete(uri, { line: inBlock, character: 4 })).map((i) => i.label);
    assert.deepEqual(dnsArgs.sort(), ['dns_record_ip_type', 'private_dns_specified_domains']);
    const values = await complete(uri, at(withDns, 'private_dns_preference = ""', 'private_dns_preference = "'.length));
    assert.deepEqual(values.map((i) => i.label).sort(), [
      'ALL_DOMAINS',
      'SPECIFIED_DOMAINS_ONLY',
      'VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS',
      'VERIFIED_DOMAINS_ONLY',
    ]);
    assert.ok(
      values.every((i) => !i.textEdit?.newText.startsWith('"')),
      'inside the quotes, no new quotes',
    );

    // The ServiceNetwork endpoint is offered its own target argument once it has none.
    const noTarget = text.replace('  service_network_arn = aws_vpclattice_service_network.shared.arn\n', '  \n');
    await client.change(uri, noTarget);
    const snLine = at(noTarget, '  vpc_endpoint_type   = "ServiceNetwork"').line + 1;
    const snArgs = (await complete(uri, { line: snLine, character: 2 })).map((i) => i.label);
    assert.ok(snArgs.includes('service_network_arn'));
    assert.ok(!snArgs.includes('resource_configuration_arn') && !snArgs.includes('route_table_ids'));
  });

  it('shows code lenses with the cost of each endpoint type', async () => {
    const uri = await client.open(file);
    await client.waitFor(uri);
    const lenses = await client.conn.sendRequest<{ command: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(
      lenses.map((l) => l.command.title),
      [
        'Resource endpoint · ~USD 14.60/month for 2 AZs (estimate, USD 0.01 per AZ-hour)',
        'ServiceNetwork endpoint · no endpoint charge (VPC Lattice bills what it reaches)',
      ],
    );
  });
});
