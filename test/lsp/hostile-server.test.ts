// The language server facing a hostile client or workspace: code actions built only from the
// server's own findings, fixes only for files it may write, the docs command only for the
// catalog's pages, oversized or binary documents refused without stalling, and a module
// whose analysis throws marked once and not retried until it changes.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_FILE_BYTES } from '../../server/src/model/node-host';
import {
  LINT_WORKSPACE_REQUEST,
  SHOW_DOCS_COMMAND,
  STATS_REQUEST,
  TOPOLOGY_REQUEST,
  type StatsResult,
  type TopologyResult,
} from '../../server/src/protocol';
import { ensureServerBuilt } from './build-server';
import { REPO, TestClient, type PublishedDiagnostics } from './lsp-client';

const FIXTURE = path.join(REPO, 'test', 'fixtures', 'lsp');
const DOCS = 'https://github.com/privatelink-tools/privatelink-terraform/blob/main/docs/rules/';
const FAULT = 'privatelink-test-fault-marker';

type Diag = PublishedDiagnostics['diagnostics'][number];

interface Action {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  edit?: { changes?: Record<string, { newText: string }[]> };
  command?: { command: string; arguments?: unknown[] };
}

const codes = (d: PublishedDiagnostics) => d.diagnostics.map((x) => String(x.code));
const has = (rule: string) => (d: PublishedDiagnostics) => codes(d).includes(rule);
const editedUris = (actions: Action[]) => [...new Set(actions.flatMap((a) => Object.keys(a.edit?.changes ?? {})))].sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

describe('language server against a hostile client or workspace', function () {
  this.timeout(60_000);
  let root: string;
  let dir: string;
  let outside: string;
  let client: TestClient;
  let endpoints: string;
  let vpc: string;

  before(() => ensureServerBuilt());

  async function start(env?: Record<string, string | undefined>): Promise<void> {
    client = new TestClient({ folder: dir, settings: { debounceMs: 20 }, env });
    await client.initialize();
  }

  beforeEach(() => {
    root = tempDir('privatelink-hostile-');
    dir = path.join(root, 'ws');
    outside = path.join(root, 'outside');
    fs.cpSync(FIXTURE, dir, { recursive: true });
    fs.mkdirSync(outside);
    endpoints = path.join(dir, 'pl101', 'endpoints.tf');
    vpc = path.join(dir, 'pl101', 'vpc.tf');
  });

  afterEach(async () => {
    await client?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const codeActions = (uri: string, diagnostics: unknown[], only?: string[]) =>
    client.conn.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics, ...(only ? { only } : {}) },
    });

  describe('code actions', () => {
    beforeEach(() => start());

    it("never echoes the edits a diagnostic's data carries: fixes come from the server's own findings", async () => {
      const eUri = await client.open(endpoints);
      const pl101 = (await client.waitFor(eUri, has('PL101'))).diagnostics.find((d) => d.code === 'PL101')!;
      const elsewhere = path.join(os.tmpdir(), 'elsewhere', 'evil.tf');
      const evil = {
        fixes: [
          {
            title: 'Evil fix',
            isPreferred: true,
            edits: [
              {
                uri: elsewhere,
                range: { start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: 0, offset: 0 } },
                newText: 'pwned',
              },
            ],
          },
        ],
      };

      // The server's own diagnostic with foreign data: the real fix, nothing of the data.
      const actions = await codeActions(eUri, [{ ...pl101, data: evil }]);
      assert.ok(!actions.some((a) => a.title === 'Evil fix'), 'the title from data is not offered');
      assert.deepEqual(editedUris(actions), [eUri, TestClient.uri(vpc)].sort(), "only the module's own files are edited");
      assert.ok(
        actions.some((a) => a.isPreferred && a.edit?.changes?.[TestClient.uri(vpc)]?.some((e) => /enable_dns_hostnames/.test(e.newText))),
        "the server's PL101 fix is offered",
      );

      // Without any data, the same fix: it never came from the client.
      const bare: Diag = { ...pl101 };
      delete bare.data;
      assert.ok((await codeActions(eUri, [bare])).some((a) => a.isPreferred && a.edit?.changes?.[TestClient.uri(vpc)]));

      // A diagnostic the server never published (another range and message): nothing at all.
      const forged = {
        ...pl101,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
        message: 'forged',
        data: evil,
      };
      assert.deepEqual(await codeActions(eUri, [forged]), []);
      // Nor for a diagnostic of the right place but another rule.
      assert.deepEqual(await codeActions(eUri, [{ ...pl101, code: 'PL102', data: evil }]), []);
    });

    it('leaves out fixes that edit a symlink to a file outside the folder (quick fix and fix-all), logged once', async () => {
      const target = path.join(outside, 'vpc.tf');
      fs.renameSync(vpc, target);
      fs.symlinkSync(target, vpc);
      const vUri = await client.open(vpc, fs.readFileSync(target, 'utf8'));
      const eUri = await client.open(endpoints);
      const pl101 = (await client.waitFor(eUri, has('PL101'))).diagnostics.find((d) => d.code === 'PL101')!;

      const quick = await codeActions(eUri, [pl101]);
      assert.ok(!editedUris(quick).includes(vUri), `no quick fix edits the symlink: ${JSON.stringify(editedUris(quick))}`);
      assert.ok(
        quick.some((a) => a.title === 'Ignore PL101 for this line'),
        'the file itself may still be edited',
      );
      const all = await codeActions(eUri, [], ['source.fixAll']);
      assert.ok(!editedUris(all).includes(vUri), `fix-all leaves the symlink alone: ${JSON.stringify(editedUris(all))}`);
      await codeActions(eUri, [pl101]);
      const said = client.logs.filter((l) => l.includes(vpc) && /symlink/.test(l));
      assert.equal(said.length, 1, `logged once: ${JSON.stringify(said)}`);
      assert.equal(fs.readFileSync(target, 'utf8').includes('enable_dns_hostnames'), false);
    });

    it('leaves out fixes that edit a file with another hard link (one outside the folder)', async function () {
      const target = path.join(outside, 'vpc.tf');
      fs.renameSync(vpc, target);
      try {
        fs.linkSync(target, vpc);
      } catch {
        this.skip();
      }
      const eUri = await client.open(endpoints);
      const pl101 = (await client.waitFor(eUri, has('PL101'))).diagnostics.find((d) => d.code === 'PL101')!;
      const vUri = TestClient.uri(vpc);
      assert.ok(!editedUris(await codeActions(eUri, [pl101])).includes(vUri));
      assert.ok(!editedUris(await codeActions(eUri, [], ['source.fixAll'])).includes(vUri));
      assert.ok(client.logs.some((l) => l.includes(vpc) && /hard link/.test(l)));
    });

    it('edits a document open in the editor and not on disk when it is inside the folder', async () => {
      const text = fs.readFileSync(vpc, 'utf8');
      fs.rmSync(vpc);
      const vUri = await client.open(vpc, text);
      const eUri = await client.open(endpoints);
      await client.waitFor(eUri, has('PL101'));
      const all = await codeActions(eUri, [], ['source.fixAll']);
      assert.ok(editedUris(all).includes(vUri), 'the in-memory document gets its fix');
    });

    it('offers no fix at all when the workspace folder is not where the file is', async () => {
      // The same module, opened from a folder that is not the workspace's.
      const other = path.join(outside, 'pl101');
      fs.cpSync(path.join(dir, 'pl101'), other, { recursive: true });
      const eUri = await client.open(path.join(other, 'endpoints.tf'));
      const pl101 = (await client.waitFor(eUri, has('PL101'))).diagnostics.find((d) => d.code === 'PL101')!;
      const actions = await codeActions(eUri, [pl101]);
      assert.deepEqual(editedUris(actions), []);
      assert.ok(actions.some((a) => a.title === 'Show documentation for PL101'));
      assert.deepEqual(await codeActions(eUri, [], ['source.fixAll']), []);
    });
  });

  describe('a workspace folder opened through a symlink', () => {
    it("still gets fixes for its files (the folder is the user's choice; symlinks below it are not)", async () => {
      const link = path.join(root, 'link');
      fs.symlinkSync(dir, link);
      client = new TestClient({ folder: `${link}${path.sep}`, settings: { debounceMs: 20 } });
      await client.initialize();
      const eUri = await client.open(path.join(link, 'pl101', 'endpoints.tf'));
      await client.waitFor(eUri, has('PL101'));
      const all = await codeActions(eUri, [], ['source.fixAll']);
      assert.ok(editedUris(all).includes(TestClient.uri(path.join(link, 'pl101', 'vpc.tf'))), JSON.stringify(editedUris(all)));
    });
  });

  describe('the docs command', () => {
    beforeEach(() => start());

    it("opens only a catalog rule's documented page, and nothing for any other argument", async () => {
      const shown: { uri: string; external?: boolean }[] = [];
      client.conn.onRequest('window/showDocument', (p: { uri: string; external?: boolean }) => {
        shown.push(p);
        return { success: true };
      });
      const run = (args: unknown[]) => client.conn.sendRequest('workspace/executeCommand', { command: SHOW_DOCS_COMMAND, arguments: args });
      for (const args of [
        ['PL101', 'command:workbench.action.terminal.new'],
        ['PL101', 'file:///etc/passwd'],
        ['PL101', 'https://example.invalid/PL101.md'],
        ['command:workbench.action.terminal.new'],
        ['PL999'],
        ['PL101x'],
        [42, `${DOCS}PL101.md`],
        [],
      ])
        await run(args);
      assert.deepEqual(shown, [], 'nothing opened');
      assert.ok(
        client.logs.some((l) => /showDocs ignored/.test(l) && l.includes('command:')),
        'the refusal is logged',
      );
      await run(['PL101', `${DOCS}PL101.md`]);
      await run(['PL303']);
      assert.deepEqual(shown, [
        { uri: `${DOCS}PL101.md`, external: true },
        { uri: `${DOCS}PL303.md`, external: true },
      ]);
    });
  });

  describe('what a hostile file holds, quoted by the server', () => {
    beforeEach(() => start());

    /** `lines` written as the only file of a new folder, opened: its URI and text. */
    async function openWritten(folder: string, lines: string[]): Promise<{ uri: string; text: string }> {
      const file = path.join(dir, folder, 'main.tf');
      fs.mkdirSync(path.dirname(file));
      const text = [...lines, ''].join('\n');
      fs.writeFileSync(file, text);
      return { uri: await client.open(file, text), text };
    }

    it('hovers show its strings as text: no image, link or code span of theirs reaches the Markdown', async () => {
      // Markdown meant to be rendered: an image the editor would fetch, a link, a code span
      // closed by a backtick, a line break, all in strings a hover quotes.
      const evil = '![x](https://evil.example/p.png) [y](https://evil.example/) `z` <b>w</b>';
      const { uri, text } = await openWritten('markdown', [
        'resource "aws_vpc" "main" {',
        `  cidr_block           = ${JSON.stringify(`10.0.0.0/16 ${evil}`)}`,
        '  enable_dns_support   = true',
        '  enable_dns_hostnames = true',
        '}',
        'resource "aws_security_group" "sg" {',
        `  name   = ${JSON.stringify(`${evil}\n# heading`)}`,
        '  vpc_id = aws_vpc.main.id',
        '  ingress {',
        '    from_port   = 443',
        '    to_port     = 443',
        '    protocol    = "tcp"',
        `    cidr_blocks = [${JSON.stringify(evil)}]`,
        '  }',
        '}',
        'resource "aws_vpc_endpoint" "ep" {',
        `  for_each            = toset([${JSON.stringify('ssm`](https://evil.example/) ![i](https://evil.example/i.png)')}, "logs"])`,
        '  vpc_id              = aws_vpc.main.id',
        '  service_name        = "com.amazonaws.eu-west-1.${each.value}"',
        '  vpc_endpoint_type   = "Interface"',
        '  security_group_ids  = [aws_security_group.sg.id]',
        '}',
      ]);
      await client.waitFor(uri, () => true, 20_000, true);
      const lines = text.split('\n');
      const at = (name: string) => ({ line: lines.findIndex((l) => l.trimStart().startsWith(name)), character: 4 });
      const hovers: string[] = [];
      for (const name of ['vpc_id', 'security_group_ids', 'service_name']) {
        const h = await client.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
          textDocument: { uri },
          position: at(name),
        });
        assert.ok(h, `a hover on ${name}`);
        hovers.push(h.contents.value);
      }
      const all = hovers.join('\n\n');
      // The hovers quote the strings, each in a code span (whose text is shown as it is): none of
      // their Markdown is left outside one to render.
      assert.match(all, /evil\.example\/p\.png/);
      const outsideCode = all.replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '');
      assert.doesNotMatch(outsideCode, /!\[|\]\(|https:\/\/evil|<b>|\n# heading|`/);
      // Every code span is whole: a for_each key with a backtick is fenced by longer backticks.
      assert.ok(hovers[2].includes('``aws_vpc_endpoint.ep["ssm`](https://evil.example/) ![i](https://evil.example/i.png)"]``'), hovers[2]);
    });

    it('diagnostics show its control and bidirectional formatting characters as escapes', async () => {
      const { uri } = await openWritten('controls', [
        'resource "aws_vpc_endpoint" "ep" {',
        '  vpc_id            = "vpc-123"',
        '  service_name      = "com.amazonaws.eu-west-1.s3\\u001b[2J\\u202e\\n"',
        '  vpc_endpoint_type = "Gateway"',
        '}',
      ]);
      const d = (await client.waitFor(uri, has('PL407'))).diagnostics.find((x) => x.code === 'PL407')!;
      assert.ok(d.message.includes('s3\\u001b[2J\\u202e\\n'), d.message);
      assert.ok(![...d.message].some((c) => c.charCodeAt(0) < 0x20 || (c >= '\u202a' && c <= '\u202e')), JSON.stringify(d.message));
    });
  });

  describe('oversized and binary documents', () => {
    beforeEach(() => start());

    it('refuses a 30 MB document with one diagnostic and stays responsive for the next one', async () => {
      const big = path.join(dir, 'pl101', 'big.tf');
      const line = `# ${'x'.repeat(98)}\n`;
      const text = line.repeat(Math.ceil((30 * 1024 * 1024) / line.length));
      fs.writeFileSync(big, text);
      const started = Date.now();
      const bUri = await client.open(big, text);
      const eUri = await client.open(endpoints);
      const e = await client.waitFor(eUri, has('PL101'), 20_000);
      const b = await client.waitFor(bUri, () => true, 20_000, true);
      assert.equal(b.diagnostics.length, 1, JSON.stringify(b.diagnostics.map((d) => d.message)));
      const limit = `over the ${(MAX_FILE_BYTES / 1048576).toFixed(0)} MB limit`;
      assert.ok(
        b.diagnostics[0].message.startsWith(`big.tf was not analysed: the open document is 30.0 MB, ${limit}`),
        b.diagnostics[0].message,
      );
      assert.ok(e.diagnostics.length > 0);
      const p101 = e.diagnostics.find((d) => d.code === 'PL101')!;
      const onSquiggle = await client.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri: eUri },
        position: p101.range.start,
      });
      assert.match(onSquiggle?.contents.value ?? '', /PL101/);
      // Typing into it (a whole new text) changes nothing and answers go on.
      await client.change(bUri, text + line);
      assert.equal(
        await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: bUri }, position: { line: 0, character: 0 } }),
        null,
      );
      const stats = await client.conn.sendRequest<StatsResult>(STATS_REQUEST);
      assert.equal(stats.openDocuments, 2);
      assert.ok(Date.now() - started < 20_000, `answered in ${Date.now() - started} ms`);
      // Back under the limit: analysed again.
      const back = client.waitFor(bUri, (d) => !d.diagnostics.some((x) => /over the \d+ MB limit/.test(x.message)));
      await client.change(bUri, 'resource "aws_vpc" "other" {\n  cidr_block = "10.9.0.0/16"\n}\n');
      await back;
    });

    it('refuses an open document holding NUL bytes, with one diagnostic, and analyses the rest of the module', async () => {
      const bin = path.join(dir, 'pl101', 'bin.tf');
      const bUri = await client.open(bin, 'resource "aws_vpc" "x" {\n\u0000\u0001\u0002\n}\n');
      const eUri = await client.open(endpoints);
      await client.waitFor(eUri, has('PL101'));
      const b = await client.waitFor(bUri, () => true, 10_000, true);
      assert.equal(b.diagnostics.length, 1);
      assert.match(b.diagnostics[0].message, /bin\.tf was not analysed: the open document is not text \(it contains NUL bytes\)/);
    });
  });

  describe('a module whose analysis throws', () => {
    beforeEach(() => start({ PRIVATELINK_TEST_FAULT: FAULT }));

    it('is marked with one warning per file, not retried until one of its files changes, and the rest is served', async () => {
      const second = path.join(dir, 'second', 'main.tf');
      const original = fs.readFileSync(second, 'utf8');
      const faulty = `# ${FAULT}\n${original}`;
      fs.writeFileSync(second, faulty);
      const failures = () => client.logs.filter((l) => l.includes(`Analysis of ${path.dirname(second)} failed`)).length;

      const sUri = await client.open(second);
      const marked = await client.waitFor(sUri, has('analysis-failed'), 10_000, true);
      assert.equal(marked.diagnostics.length, 1);
      assert.equal(marked.diagnostics[0].severity, 2);
      assert.match(marked.diagnostics[0].message, /could not analyse this module \(fault injected for testing/);
      assert.match(marked.diagnostics[0].message, /checked again when one of its files changes/);
      assert.equal(failures(), 1);

      // The rest is served.
      const eUri = await client.open(endpoints);
      await client.waitFor(eUri, has('PL101'));

      // Everything that would analyse the module again: settings, lint workspace, code
      // actions, lenses, a save without a change.
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.conn.sendRequest(LINT_WORKSPACE_REQUEST, {});
      for (let i = 0; i < 3; i++) {
        await codeActions(sUri, [marked.diagnostics[0]]);
        await codeActions(sUri, [], ['source.fixAll']);
        await client.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: sUri } });
      }
      // The workspace picture leaves the module out and draws the rest.
      const graph = await client.conn.sendRequest<TopologyResult>(TOPOLOGY_REQUEST, { scope: 'workspace' });
      assert.ok(graph, 'the topology is drawn');
      const drawn = new Set(graph.nodes.map((n) => n.location?.uri).filter(Boolean));
      assert.ok(drawn.has(eUri), `pl101 is drawn: ${JSON.stringify([...drawn])}`);
      assert.ok(!drawn.has(sUri));
      await sleep(400);
      assert.equal(failures(), 1, 'tried once');
      assert.ok(has('analysis-failed')(client.diagnostics.get(sUri)!), 'still marked');

      // A change to one of its files: tried again, and now analysed.
      const fixed = client.waitFor(sUri, has('PL402'));
      await client.change(sUri, original);
      const d = await fixed;
      assert.ok(!codes(d).includes('analysis-failed'));
      assert.equal(failures(), 1);

      // Broken again by an edit: tried (once) and marked again.
      const again = client.waitFor(sUri, has('analysis-failed'));
      await client.change(sUri, faulty);
      await again;
      await sleep(200);
      assert.equal(failures(), 2);
    });
  });
});
