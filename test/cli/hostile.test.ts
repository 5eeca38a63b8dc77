// The CLI on hostile workspaces (test/hostile/attacks.ts): every format, with and without
// --fix, each run bounded in time (the spawn's timeout) and memory (a V8 heap limit: going
// past it ends the process, which fails the test). No crash, no write outside (checksums of
// every outside file), no outside content in any output, a notice where a limit was hit, and
// the real findings still there.

import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ATTACKS, checksums, SECRET } from '../hostile/attacks';

const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
/** Bounds of one run: generous for a loaded CI machine, far below a hang or a runaway heap. */
const TIME_MS = 90_000;
const HEAP_MB = 1536;

function run(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: TIME_MS,
    maxBuffer: 512 * 1024 * 1024,
  });
  const where = `privatelink-lint ${args.join(' ')}`;
  assert.equal(r.error, undefined, `${where}: ${r.error}`);
  assert.equal(r.signal, null, `${where}: ended by ${r.signal} (time or memory bound)`);
  assert.ok(r.status === 0 || r.status === 1, `${where}: exit ${r.status}\n${r.stderr.slice(-2000)}`);
  assert.doesNotMatch(r.stderr, /internal error|FATAL|heap out of memory/i, where);
  return { ...r, output: r.stdout + r.stderr };
}

describe('CLI on hostile workspaces', function () {
  this.timeout(600_000);
  let work: string;

  before(() => {
    execFileSync(process.execPath, [path.join(REPO, 'build.mjs')], { cwd: REPO });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-hostile-cli-'));
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  for (const attack of ATTACKS) {
    it(`${attack.name}: ${attack.what}`, () => {
      const base = fs.mkdtempSync(path.join(work, `${attack.name}-`));
      const given = attack.build(base);
      const repo = path.join(base, 'repo');
      const outside = path.join(base, 'outside');
      const before = checksums(outside);
      const outputs: string[] = [];
      const formats = attack.heavy ? ['text'] : ['text', 'json', 'sarif'];
      for (const format of formats) {
        const r = run(repo, ['--format', format, given]);
        outputs.push(r.output);
        if (format === 'json') JSON.parse(r.stdout);
        if (format === 'sarif') assert.equal((JSON.parse(r.stdout) as { version: string }).version, '2.1.0');
      }
      if (attack.finds) assert.match(outputs[0], new RegExp(` ${attack.finds} `), `the run still finds ${attack.finds}`);
      const fixed = run(repo, ['--fix', given]);
      outputs.push(fixed.output);
      const afterFix = checksums(path.join(repo, given));
      // A second --fix finds nothing more it may do: a fix that cannot take does not write again.
      const again = run(repo, ['--fix', given]);
      outputs.push(again.output);
      assert.deepEqual(checksums(path.join(repo, given)), afterFix, 'a second --fix writes nothing');
      assert.deepEqual(checksums(outside), before, 'nothing outside the repository was written');
      for (const o of outputs)
        assert.ok(
          !o.includes(SECRET),
          `outside content printed:\n${o
            .split('\n')
            .filter((l) => l.includes(SECRET))
            .join('\n')}`,
        );
      if (attack.notice)
        assert.ok(
          outputs.some((o) => attack.notice!.test(o)),
          `a notice matching ${attack.notice}`,
        );
      attack.check?.(base, outputs.join('\n'));
    });
  }
});
