// An edit storm: 2,000 didChange notifications within about 10 seconds on one file, with hover
// and code-action requests among them. Every request is answered, the last diagnostics are
// those of the last text, and the server's memory comes back near its level before the storm.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { memoryHost } from '../../server/src/model/testing';
import { createWorkspace } from '../../server/src/model/workspace';
import { ensureServerBuilt } from './build-server';
import { TestClient } from './lsp-client';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'lsp', 'pl101');

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('language server: edit storm', function () {
  this.timeout(180_000);
  let dir: string;
  let client: TestClient;

  before(async () => {
    ensureServerBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-storm-'));
    fs.cpSync(FIXTURE, dir, { recursive: true });
    client = new TestClient({ folder: dir });
    await client.initialize();
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('2,000 changes with hovers and code actions: all answered, final diagnostics right, memory back', async () => {
    const file = path.join(dir, 'endpoints.tf');
    const base = fs.readFileSync(file, 'utf8');
    const uri = await client.open(file, base);
    await client.waitFor(uri, () => true, 60_000, true);
    await sleep(2000);
    const rssBefore = rssKb(client.proc.pid!);

    const requests: Promise<unknown>[] = [];
    const started = Date.now();
    let text = base;
    for (let i = 0; i < 2000; i++) {
      // Typing and deleting a tag line, with a syntax error every so often.
      text = i % 7 === 3 ? base + `\nresource "aws_vpc_endpoint" "x${i}" {\n  vpc_id = ` : base + `\n# edit ${i}\n`.repeat(1 + (i % 5));
      await client.change(uri, text);
      if (i % 20 === 0) {
        requests.push(client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 10 } }));
        requests.push(
          client.conn.sendRequest('textDocument/codeAction', {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
            context: { diagnostics: [] },
          }),
        );
      }
      // Spread over about ten seconds.
      const due = started + (i * 10_000) / 2000;
      if (Date.now() < due) await sleep(due - Date.now());
    }
    const finalText = base.replace('\n', '\n# final\n');
    const finalVersion = await client.change(uri, finalText);
    const answers = await Promise.all(
      requests.map((p) =>
        p.then(
          () => 'ok',
          (e: Error) => `error: ${e.message}`,
        ),
      ),
    );
    assert.equal(answers.length, 200);
    assert.deepEqual(
      answers.filter((a) => a !== 'ok'),
      [],
    );

    // Publications may not carry versions: wait until the server is quiet on the final text.
    await client.waitFor(uri, (d) => d.version === undefined || d.version >= finalVersion, 60_000, true);
    for (let quiet = 0, last = client.publications.get(uri); quiet < 3;) {
      await sleep(1000);
      const now = client.publications.get(uri);
      quiet = now === last ? quiet + 1 : 0;
      last = now;
    }
    const published = client.diagnostics.get(uri)!;
    const files: Record<string, string> = {};
    for (const n of fs.readdirSync(dir)) files[path.join(dir, n)] = fs.readFileSync(path.join(dir, n), 'utf8');
    files[file] = finalText;
    const expected = analyze(createWorkspace(memoryHost(files), { folders: [dir] }))
      .filter((f) => f.uri === file)
      .map((f) => `${f.rule} ${f.range.start.line}:${f.range.start.character}`)
      .sort();
    const got = published.diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}`).sort();
    assert.deepEqual(got, expected);

    await sleep(8000);
    const rssAfter = rssKb(client.proc.pid!);
    console.log(
      `      storm: 2,000 changes in ${((Date.now() - started - 8000) / 1000).toFixed(1)} s; RSS ${Math.round(rssBefore / 1024)} MB before, ${Math.round(rssAfter / 1024)} MB after`,
    );
    assert.ok(rssAfter < rssBefore * 1.5 + 50 * 1024, `RSS ${rssBefore} kB before, ${rssAfter} kB after`);
    assert.equal(client.proc.exitCode, null);
  });
});
