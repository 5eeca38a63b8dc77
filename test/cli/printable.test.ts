// What a hostile file holds never reaches a terminal or a CI log as control characters: the
// text report and the notices on stderr write them as escapes. (GitHub's workflow commands
// carry the exact text in GitHub's own encoding, which the runner decodes for the annotation:
// formats.test.ts.)

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { printable, printableLines } from '../../server/src/engine/printable';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');

/** Whether a text holds a character a terminal, a log viewer or a bidirectional renderer acts on. */
function hasActedOn(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f) || c === 0x061c || c === 0x200e || c === 0x200f) return true;
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  }
  return false;
}

describe('printable text for terminals and CI logs', () => {
  it('writes every control and bidirectional formatting character as a visible escape', () => {
    for (let c = 0; c <= 0x9f; c++) {
      const ch = String.fromCharCode(c);
      const out = printable(`a${ch}b`);
      const acted = c < 0x20 ? c !== 0x09 : c >= 0x7f;
      if (acted) {
        assert.ok(!out.includes(ch), `U+${c.toString(16)} left as is`);
        assert.match(out, /^a\\(n|r|u00[0-9a-f]{2})b$/, `U+${c.toString(16)}: ${out}`);
      } else assert.equal(out, `a${ch}b`);
    }
    for (const c of [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069])
      assert.equal(printable(`x${String.fromCharCode(c)}y`), `x\\u${c.toString(16).padStart(4, '0')}y`);
    assert.equal(printable('line\nnext\r'), 'line\\nnext\\r');
  });

  it('leaves ordinary text alone, letters of every script and emoji included', () => {
    for (const s of ['aws_vpc_endpoint.s3["eu-west-1"]', 'café ñ 東京 Ελλάδα العربية 🙂', 'tab\there', '']) assert.equal(printable(s), s);
  });

  it('keeps the lines of a several-line text and escapes within them', () => {
    assert.equal(printableLines('Error: x\u001b[2J\n    at f (a.js:1:2)'), 'Error: x\\u001b[2J\n    at f (a.js:1:2)');
  });

  describe('the CLI on a file written to attack its reader', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-printable-'));
      // An escape that retitles the window and clears the screen, a forged log line and
      // workflow command, and a right-to-left override, in a string a rule quotes.
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        [
          'resource "aws_vpc_endpoint" "x" {',
          '  vpc_id            = "vpc-123"',
          '  service_name      = "com.amazonaws.vpce.eu-west-1.vpce-svc-0a1b\\u001b]0;owned\\u0007\\u001b[2J\\n::error file=a.tf::forged\\u202e"',
          '  vpc_endpoint_type = "Interface"',
          '}',
          '',
        ].join('\n'),
      );
      // A configuration file that is not JSON, whose parse error quotes it.
      fs.writeFileSync(path.join(dir, '.privatelink.json'), '\u001b[2J\u0007{');
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('--format text: one line per finding, nothing acted on', () => {
      const r = spawnSync(process.execPath, [CLI, dir], { encoding: 'utf8' });
      assert.ok(r.stdout.includes('PL407'), r.stdout + r.stderr);
      assert.ok(!hasActedOn(r.stdout), JSON.stringify(r.stdout));
      assert.ok(r.stdout.includes('\\u001b]0;owned\\u0007\\u001b[2J\\n::error file=a.tf::forged\\u202e'), r.stdout);
      const lines = r.stdout.split('\n').filter((l) => l);
      assert.deepEqual(
        lines.filter((l) => l.startsWith('::')),
        [],
      );
      // Each finding's line starts with its place, then the summary.
      assert.ok(
        lines.slice(0, -1).every((l) => l.startsWith('main.tf:') || l.startsWith(path.join(dir, 'main.tf'))),
        r.stdout,
      );
      assert.match(lines[lines.length - 1], /^\d+ findings?: /);
    });

    it('--format github: each line one command of ours, the forged one inside a message', () => {
      const r = spawnSync(process.execPath, [CLI, '--format', 'github', dir], { encoding: 'utf8' });
      const lines = r.stdout.split('\n').filter((l) => l);
      assert.ok(lines.length > 0);
      for (const l of lines) assert.match(l, /^::(error|warning|notice) file=main\.tf,/);
    });

    it('the notices on stderr: nothing acted on', () => {
      const r = spawnSync(process.execPath, [CLI, dir], { encoding: 'utf8' });
      assert.match(r.stderr, /privatelink\.json: not valid JSON/);
      assert.ok(!hasActedOn(r.stderr), JSON.stringify(r.stderr));
    });
  });
});
