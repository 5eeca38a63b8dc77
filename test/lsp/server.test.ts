// The bundled language server over stdio, as any LSP client sees it.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import {
  LINT_WORKSPACE_REQUEST,
  SHOW_DOCS_COMMAND,
  STATS_REQUEST,
  type LintWorkspaceResult,
  type StatsResult,
} from '../../server/src/protocol';
import { ensureServerBuilt } from './build-server';
import { applyLspEdits, REPO, TestClient, type PublishedDiagnostics } from './lsp-client';

const FIXTURE = path.join(REPO, 'test', 'fixtures', 'lsp');

interface Action {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  edit?: { changes?: Record<string, { range: PublishedDiagnostics['diagnostics'][number]['range']; newText: string }[]> };
  command?: { command: string; arguments?: unknown[] };
}

function copyFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-lsp-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return fs.realpathSync(dir);
}

const codes = (d: PublishedDiagnostics) => d.diagnostics.map((x) => String(x.code));
const has = (rule: string) => (d: PublishedDiagnostics) => codes(d).includes(rule);
const lacks = (rule: string) => (d: PublishedDiagnostics) => !codes(d).includes(rule);

/** Line/character of the first occurrence of `needle` in a text (plus `delta` characters). */
function at(text: string, needle: string, delta = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} not in text`);
  const before = text.slice(0, i + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

describe('language server over stdio', function () {
  this.timeout(30_000);
  let dir: string;
  let client: TestClient;
  let endpoints: string;
  let vpc: string;

  before(() => ensureServerBuilt());

  beforeEach(async () => {
    dir = copyFixture();
    client = new TestClient({ folder: dir, settings: { debounceMs: 20 } });
    await client.initialize();
    endpoints = path.join(dir, 'pl101', 'endpoints.tf');
    vpc = path.join(dir, 'pl101', 'vpc.tf');
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('announces its features', async () => {
    const c2 = new TestClient({ folder: dir });
    const r = (await c2.initialize()) as { capabilities: Record<string, unknown> };
    await c2.stop();
    assert.ok(r.capabilities.hoverProvider);
    assert.ok(r.capabilities.completionProvider);
    assert.ok(r.capabilities.codeLensProvider);
    const ca = r.capabilities.codeActionProvider as { codeActionKinds: string[] };
    assert.deepEqual(ca.codeActionKinds, ['quickfix', 'source.fixAll.privatelink']);
  });

  it('publishes PL101 on the endpoint with the VPC as related information and the fix as data', async () => {
    const uri = await client.open(endpoints);
    const d = await client.waitFor(uri, has('PL101'));
    const pl101 = d.diagnostics.find((x) => x.code === 'PL101')!;
    assert.equal(pl101.source, 'privatelink');
    assert.equal(pl101.severity, 1);
    assert.match(pl101.codeDescription!.href, /PL101\.md$/);
    assert.ok(
      pl101.relatedInformation?.some((r) => r.location.uri === TestClient.uri(vpc)),
      'points at vpc.tf',
    );
    const fixes = (pl101.data as { fixes: { edits: { uri: string }[] }[] }).fixes;
    assert.ok(fixes.length > 0 && fixes[0].edits.some((e) => e.uri === vpc), 'the fix edits vpc.tf');
    // Findings are for the module's other files too, without opening them.
    assert.equal(client.text(uri).split('\n')[pl101.range.start.line].trim().startsWith('private_dns_enabled'), true);
  });

  it('applies the PL101 quick fix in vpc.tf and the finding in endpoints.tf goes away', async () => {
    const eUri = await client.open(endpoints);
    const d = await client.waitFor(eUri, has('PL101'));
    const diag = d.diagnostics.find((x) => x.code === 'PL101')!;
    const actions = await client.conn.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri: eUri },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    const fix = actions.find((a) => a.kind === 'quickfix' && a.isPreferred && a.edit?.changes?.[TestClient.uri(vpc)]);
    assert.ok(fix, `a preferred fix editing vpc.tf among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(actions.some((a) => a.title === 'Ignore PL101 for this line'));
    assert.ok(actions.some((a) => a.title === 'Ignore PL101 for this file'));
    const docs = actions.find((a) => a.title === 'Show documentation for PL101');
    assert.equal(docs?.command?.command, SHOW_DOCS_COMMAND);

    const vUri = await client.open(vpc);
    const fixed = applyLspEdits(client.text(vUri), fix.edit!.changes![TestClient.uri(vpc)]);
    assert.match(fixed, /enable_dns_hostnames\s*=\s*true/);
    const cleared = client.waitFor(eUri, lacks('PL101'));
    await client.change(vUri, fixed);
    await cleared;
  });

  it('a change typed in another file of the module clears and brings back a finding', async () => {
    const eUri = await client.open(endpoints);
    await client.waitFor(eUri, has('PL101'));
    const vUri = await client.open(vpc);
    const original = client.text(vUri);
    const on = original.replace('cidr_block = "10.0.0.0/16"', 'cidr_block = "10.0.0.0/16"\n  enable_dns_hostnames = true');
    let next = client.waitFor(eUri, lacks('PL101'));
    await client.change(vUri, on);
    await next;
    next = client.waitFor(eUri, has('PL101'));
    await client.change(vUri, original);
    await next;
  });

  it('re-checks as the user types (incremental edits), debounced to one run per burst', async () => {
    const uri = await client.open(endpoints);
    await client.waitFor(uri, has('PL101'));
    const text = client.text(uri);
    const p = at(text, 'private_dns_enabled = true', 'private_dns_enabled = '.length);
    // A debounce long enough that the whole burst lands inside it.
    client.settings = { debounceMs: 400 };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await new Promise((r) => setTimeout(r, 200));
    const before = client.publications.get(uri) ?? 0;
    const cleared = client.waitFor(uri, lacks('PL101'));
    // "true" -> "false", one character at a time.
    await client.edit(uri, { start: p, end: { line: p.line, character: p.character + 4 } }, '');
    for (const [i, ch] of [...'false'].entries())
      await client.edit(
        uri,
        { start: { line: p.line, character: p.character + i }, end: { line: p.line, character: p.character + i } },
        ch,
      );
    const d = await cleared;
    assert.ok(client.text(uri).includes('private_dns_enabled = false'));
    assert.ok(!codes(d).includes('syntax'), 'the final text parses');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((client.publications.get(uri) ?? 0) - before, 1, 'six keystrokes, one analysis');
  });

  it('writes a suppression comment and reports it when it is no longer needed', async () => {
    const eUri = await client.open(endpoints);
    const d = await client.waitFor(eUri, has('PL101'));
    const diag = d.diagnostics.find((x) => x.code === 'PL101')!;
    const actions = await client.conn.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri: eUri },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    const ignore = actions.find((a) => a.title === 'Ignore PL101 for this line')!;
    const suppressed = applyLspEdits(client.text(eUri), ignore.edit!.changes![eUri]);
    assert.match(suppressed, /# privatelink:ignore PL101 -- reason\n\s*private_dns_enabled = true/);
    let next = client.waitFor(eUri, lacks('PL101'));
    await client.change(eUri, suppressed);
    await next;
    // Turn the problem off at its source: the comment now silences nothing.
    next = client.waitFor(eUri, has('unused-suppression'));
    await client.change(eUri, suppressed.replace('private_dns_enabled = true', 'private_dns_enabled = false'));
    const unused = (await next).diagnostics.find((x) => x.code === 'unused-suppression')!;
    assert.deepEqual(unused.tags, [1]);
  });

  it('offers source.fixAll.privatelink with the preferred fixes of the file', async () => {
    const eUri = await client.open(endpoints);
    await client.waitFor(eUri, has('PL101'));
    const actions = await client.conn.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri: eUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.privatelink');
    const changes = actions[0].edit!.changes!;
    // PL101's fix lands in vpc.tf: apply everything and check both files again.
    const vUri = await client.open(vpc);
    assert.ok(changes[vUri], 'the fix-all edit reaches vpc.tf');
    const cleared = client.waitFor(eUri, lacks('PL101'));
    for (const [uri, edits] of Object.entries(changes)) await client.change(uri, applyLspEdits(client.text(uri), edits));
    const d = await cleared;
    assert.ok(!codes(d).includes('syntax'));
  });

  it('hovers: service, VPC, security group and the rule behind a squiggle', async () => {
    const uri = await client.open(endpoints);
    await client.waitFor(uri, has('PL101'));
    const text = client.text(uri);
    const hover = async (needle: string) => {
      const r = await client.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri },
        position: at(text, needle, 2),
      });
      return r?.contents.value ?? '';
    };
    const service = await hover('service_name');
    assert.match(service, /Security Token Service/);
    assert.match(service, /Gateway endpoint available: no/);
    assert.match(service, /sts\.eu-west-1\.amazonaws\.com/);
    assert.match(service, /USD 14\.60 per month for 2 AZs/);
    const v = await hover('vpc_id              =');
    assert.match(v, /aws_vpc\.main.*10\.0\.0\.0\/16.*DNS hostnames off \(default\)/);
    const sg = await hover('security_group_ids');
    assert.match(sg, /aws_security_group\.endpoints.*TCP 443 allowed from `10\.0\.0\.0\/16`/);
    const squiggle = await hover('private_dns_enabled');
    assert.match(squiggle, /PL101 private-dns-needs-vpc-dns/);
    assert.match(squiggle, /docs\/rules\/PL101\.md/);
  });

  it('completes service names with the module region, endpoint types and type-specific arguments', async () => {
    const uri = await client.open(endpoints);
    await client.waitFor(uri);
    const text = client.text(uri);
    const complete = async (pos: { line: number; character: number }) =>
      (
        await client.conn.sendRequest<{ items: { label: string; textEdit?: { newText: string } }[] } | null>('textDocument/completion', {
          textDocument: { uri },
          position: pos,
        })
      )?.items ?? [];
    const names = await complete(at(text, '.sts"', 1));
    assert.ok(
      names.some((i) => i.label === 'com.amazonaws.${var.region}.ecr.api'),
      'ECR API with var.region',
    );
    assert.ok(
      names.every((i) => !i.textEdit?.newText.startsWith('"')),
      'inside the quotes, no new quotes',
    );

    const types = await complete(at(text, '"Interface"', 1));
    assert.deepEqual(types.map((i) => i.label).sort(), ['Gateway', 'GatewayLoadBalancer', 'Interface', 'Resource', 'ServiceNetwork']);

    // A blank line in the Interface endpoint's body.
    const withBlank = text.replace('private_dns_enabled = true\n', 'private_dns_enabled = true\n  \n');
    await client.change(uri, withBlank);
    const args = (await complete({ line: at(withBlank, 'private_dns_enabled').line + 1, character: 2 })).map((i) => i.label);
    assert.ok(args.includes('policy') && args.includes('dns_options'));
    assert.ok(!args.includes('route_table_ids'), 'route tables are for Gateway endpoints');
    assert.ok(!args.includes('subnet_ids'), 'already present');
  });

  it('shows code lenses for endpoints and endpoint services', async () => {
    const uri = await client.open(endpoints);
    await client.waitFor(uri);
    const lenses = await client.conn.sendRequest<{ command: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(
      lenses.map((l) => l.command.title),
      ['Interface endpoint · ~USD 14.60/month for 2 AZs (estimate, USD 0.01 per AZ-hour)'],
    );
    const sUri = await client.open(path.join(dir, 'second', 'main.tf'));
    await client.waitFor(sUri);
    const titles = (
      await client.conn.sendRequest<{ command: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri: sUri } })
    ).map((l) => l.command.title);
    assert.ok(titles.includes('Gateway endpoint · free'));
    assert.ok(titles.includes('1 consumer endpoint in the workspace'));
  });

  it('follows settings: rule overrides, enable, run on save', async () => {
    const uri = await client.open(endpoints);
    await client.waitFor(uri, has('PL101'));
    const before = client.configurationRequests;
    client.settings = { debounceMs: 20, rules: { PL101: 'off', PL301: 'hint' } };
    let next = client.waitFor(uri, lacks('PL101'));
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const d = await next;
    assert.ok(client.configurationRequests > before, 'the server asked for the settings again');
    assert.equal(d.diagnostics.find((x) => x.code === 'PL301')?.severity, 4);

    client.settings = { enable: false };
    next = client.waitFor(uri, (x) => x.diagnostics.length === 0);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await next;

    client.settings = { run: 'onSave', debounceMs: 20 };
    next = client.waitFor(uri, has('PL101'));
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await next;
    const text = client.text(uri).replace('private_dns_enabled = true', 'private_dns_enabled = false');
    let published = false;
    const waiting = client.waitFor(uri, lacks('PL101')).then((x) => {
      published = true;
      return x;
    });
    await client.change(uri, text);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(published, false, 'typing alone does not re-check when running on save');
    await client.save(uri);
    await waiting;
  });

  it('follows file changes on disk reported by the watchers, and the committed configuration', async () => {
    const eUri = await client.open(endpoints);
    await client.waitFor(eUri, has('PL101'));
    assert.ok(
      client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'),
      'watchers registered',
    );
    fs.writeFileSync(
      vpc,
      fs
        .readFileSync(vpc, 'utf8')
        .replace('cidr_block = "10.0.0.0/16"', 'cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = true'),
    );
    let next = client.waitFor(eUri, lacks('PL101'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: TestClient.uri(vpc), type: 2 }] });
    await next;

    fs.writeFileSync(path.join(dir, '.privatelink.json'), JSON.stringify({ rules: { PL301: 'off' } }));
    next = client.waitFor(eUri, lacks('PL301'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: TestClient.uri(path.join(dir, '.privatelink.json')), type: 1 }],
    });
    await next;
  });

  it('closing the last file of a module clears its diagnostics (diagnostics: openFiles)', async () => {
    client.settings = { ...client.settings, diagnostics: 'openFiles' };
    const uri = await client.open(endpoints);
    await client.waitFor(uri, has('PL101'));
    const next = client.waitFor(uri, (d) => d.diagnostics.length === 0);
    await client.close(uri);
    await next;
  });

  it('lints the whole workspace with work-done progress', async () => {
    const token = 'lint-1';
    const r = await client.conn.sendRequest<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, { workDoneToken: token });
    assert.equal(r.modules, 2);
    assert.equal(r.cancelled, false);
    assert.ok(r.counts.error >= 2, 'PL101 and PL402');
    const kinds = client.progress.filter((p) => p.token === token).map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.ok(kinds.includes('report'));
    // Files never opened got their findings.
    const second = await client.waitFor(TestClient.uri(path.join(dir, 'second', 'main.tf')), has('PL402'), 5000, true);
    assert.ok(second.diagnostics.length > 0);
    // The status item hears the totals.
    await new Promise((r) => setTimeout(r, 300));
    const last = client.statuses[client.statuses.length - 1];
    assert.equal(last.counts.error, r.counts.error);
  });

  it('stops linting the workspace when the request is cancelled', async () => {
    const source = new CancellationTokenSource();
    const pending = client.conn.sendRequest(LINT_WORKSPACE_REQUEST, { workDoneToken: 'lint-2' }, source.token);
    source.cancel();
    const r = (await pending.catch(() => ({ cancelled: true, modules: 0 }))) as { cancelled: boolean; modules: number };
    assert.equal(r.cancelled, true);
    assert.ok(r.modules < 2);
    // Still serving.
    const stats = await client.conn.sendRequest<StatsResult>(STATS_REQUEST);
    assert.equal(stats.openDocuments, 0);
  });

  it('uses initialization options and pushed settings when the client cannot be asked', async () => {
    const c2 = new TestClient({
      folder: dir,
      configuration: false,
      initializationOptions: { settings: { debounceMs: 20, rules: { PL101: 'off' } } },
    });
    try {
      await c2.initialize();
      const uri = await c2.open(endpoints);
      const first = await c2.waitFor(uri);
      assert.ok(!codes(first).includes('PL101'));
      assert.ok(codes(first).includes('PL301'), 'the other rules still run');
      const next = c2.waitFor(uri, has('PL101'));
      await c2.conn.sendNotification('workspace/didChangeConfiguration', { settings: { privatelink: { rules: { PL101: 'error' } } } });
      await next;
      assert.equal(c2.configurationRequests, 0);
    } finally {
      await c2.stop();
    }
  });

  it('opens the rule documentation through the client when asked to run the docs command', async () => {
    const shown: { uri: string; external?: boolean }[] = [];
    client.conn.onRequest('window/showDocument', (p: { uri: string; external?: boolean }) => {
      shown.push(p);
      return { success: true };
    });
    const page = 'https://github.com/privatelink-tools/privatelink-terraform/blob/main/docs/rules/PL101.md';
    await client.conn.sendRequest('workspace/executeCommand', { command: SHOW_DOCS_COMMAND, arguments: ['PL101', page] });
    await client.conn.sendRequest('workspace/executeCommand', { command: SHOW_DOCS_COMMAND, arguments: ['PL102'] });
    assert.deepEqual(shown, [
      { uri: page, external: true },
      { uri: page.replace('PL101', 'PL102'), external: true },
    ]);
  });

  it('stays up on a binary .tf file and an unknown request', async () => {
    const bin = path.join(dir, 'pl101', 'blob.tf');
    fs.writeFileSync(bin, Buffer.from([0, 1, 2, 3, 0, 255, 254, 0]));
    const eUri = await client.open(endpoints);
    const d = await client.waitFor(eUri, has('PL101'));
    assert.ok(d);
    const blob = await client.waitFor(TestClient.uri(bin), () => true, 5000, true);
    assert.match(blob.diagnostics[0].message, /not analysed/);
    await assert.rejects(client.conn.sendRequest('privatelink/noSuchThing', {}));
    // Malformed requests: answered empty, logged, and the server goes on.
    assert.equal(await client.conn.sendRequest('textDocument/hover', {}), null);
    assert.deepEqual(await client.conn.sendRequest('textDocument/codeLens', { textDocument: {} }), []);
    assert.ok(
      client.logs.some((l) => /hover failed/.test(l)),
      'the error went to the log',
    );
    const stats = await client.conn.sendRequest<StatsResult>(STATS_REQUEST);
    assert.ok(stats.memory.heapUsed > 0);
  });
});
