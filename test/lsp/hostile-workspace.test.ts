// The language server on hostile workspaces (test/hostile/attacks.ts), as the editor meets
// them: the folder indexed before anything is opened, then a file opened, fix-all asked for,
// Lint workspace run. Each step bounded in time (timeouts) and memory (a V8 heap limit: past
// it the process ends, which fails the test). The server stays up, every fix edits only
// regular files inside the folder, nothing outside is written, and no outside content is in
// any diagnostic, log or answer.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ATTACKS, checksums, SECRET } from '../hostile/attacks';
import { LINT_WORKSPACE_REQUEST } from '../../server/src/protocol';
import { ensureServerBuilt } from './build-server';
import { TestClient } from './lsp-client';

const HEAP_MB = 1536;
const STEP_MS = 120_000;

async function until(what: string, done: () => boolean, ms = STEP_MS): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function within<T>(what: string, p: Promise<T>, ms = STEP_MS): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => (t = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(t));
}

describe('language server on hostile workspaces', function () {
  this.timeout(600_000);
  let work: string;

  before(() => {
    ensureServerBuilt();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-hostile-lsp-'));
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  for (const attack of ATTACKS) {
    if (attack.cliOnly) continue;
    it(`${attack.name}: index, open, fix-all, lint workspace`, async () => {
      const base = fs.mkdtempSync(path.join(work, `${attack.name}-`));
      const folder = path.join(base, 'repo', attack.build(base));
      const outside = path.join(base, 'outside');
      const before = checksums(outside);
      const client = new TestClient({
        folder,
        env: { NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}`, PRIVATELINK_CACHE_DIR: path.join(base, 'cache') },
      });
      const answers: unknown[] = [];
      try {
        await within('initialize', client.initialize());
        // The index reads the whole folder before anything is opened.
        await until('the index', () => client.statuses.some((s) => s.state === 'idle'));
        const main = ['own.tf', 'a.tf', 'main.tf']
          .map((n) => path.join(folder, n))
          .find((p) => fs.lstatSync(p, { throwIfNoEntry: false })?.isFile());
        assert.ok(main, 'the attack has a file of its own to open');
        const uri = await client.open(main);
        const published = await client.waitFor(uri, () => true, STEP_MS, true);
        if (attack.finds)
          assert.ok(
            published.diagnostics.some((d) => d.code === attack.finds),
            `${attack.finds} is still found: ${published.diagnostics.map((d) => d.code).join(' ')}`,
          );
        const actions = await within(
          'fix-all',
          client.conn.sendRequest<
            { edit?: { changes?: Record<string, unknown[]>; documentChanges?: { textDocument: { uri: string } }[] } }[]
          >('textDocument/codeAction', {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            context: { diagnostics: [], only: ['source.fixAll.privatelink'] },
          }),
        );
        answers.push(actions);
        for (const a of actions ?? []) {
          const uris = [...Object.keys(a.edit?.changes ?? {}), ...(a.edit?.documentChanges ?? []).map((c) => c.textDocument.uri)];
          for (const u of uris) {
            const p = fileURLToPath(u);
            assert.ok(p.startsWith(folder + path.sep), `fix-all edits ${p}, outside ${folder}`);
            const st = fs.lstatSync(p);
            assert.ok(st.isFile() && st.nlink === 1, `fix-all edits ${p}, not a regular file with one link`);
          }
        }
        // Quick fixes for a sample: a large file has tens of thousands of diagnostics.
        for (const d of published.diagnostics.slice(0, 20)) {
          answers.push(
            await within(
              'quick fixes',
              client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }),
            ),
          );
        }
        answers.push(await within('lint workspace', client.conn.sendRequest(LINT_WORKSPACE_REQUEST, {})));
        assert.equal(client.proc.exitCode, null, `the server is still up\n${client.stderr.slice(-2000)}`);
      } finally {
        await client.stop();
      }
      assert.doesNotMatch(client.stderr, /FATAL|heap out of memory/i);
      assert.deepEqual(checksums(outside), before, 'nothing outside the repository was written');
      const printed = [JSON.stringify([...client.diagnostics.values()]), client.logs.join('\n'), JSON.stringify(answers)].join('\n');
      assert.ok(!printed.includes(SECRET), 'outside content reached the editor');
      // Where the attack hit a limit the user is told, in the editor too (Lint workspace
      // publishes every file of the folder).
      if (attack.notice && !attack.cliNotice) assert.match(printed, attack.notice);
    });
  }
});
