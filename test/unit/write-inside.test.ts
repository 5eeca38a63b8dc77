// A fix's write (--fix): it lands only on the text the fixes were made on, and a write that
// fails part way (a full disk) leaves the file as it was.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { boundaryOf, writeInside } from '../../server/src/model/boundary';

const REPO = path.resolve(__dirname, '../..');

describe('writeInside (--fix writes)', () => {
  let dir: string;
  let file: string;
  const OLD = 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n';

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-write-')));
    file = path.join(dir, 'main.tf');
    fs.writeFileSync(file, OLD);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes longer and shorter texts whole, over the text they were made from', () => {
    const longer = OLD.replace('}\n', '  enable_dns_hostnames = true\n  enable_dns_support   = true\n}\n');
    assert.equal(writeInside(file, longer, boundaryOf([dir]), OLD), undefined);
    assert.equal(fs.readFileSync(file, 'utf8'), longer);
    const shorter = 'resource "aws_vpc" "main" {}\n';
    assert.equal(writeInside(file, shorter, boundaryOf([dir]), longer), undefined);
    assert.equal(fs.readFileSync(file, 'utf8'), shorter);
  });

  it('never overwrites a change made since the fixes were worked out', () => {
    const edited = OLD.replace('10.0.0.0/16', '10.9.0.0/16');
    fs.writeFileSync(file, edited);
    assert.equal(writeInside(file, 'x = 1\n', boundaryOf([dir]), OLD), 'it changed since it was read');
    assert.equal(fs.readFileSync(file, 'utf8'), edited);
    fs.writeFileSync(file, OLD + '# more\n');
    assert.equal(writeInside(file, 'x = 1\n', boundaryOf([dir]), OLD), 'it changed since it was read');
    assert.equal(fs.readFileSync(file, 'utf8'), OLD + '# more\n');
  });

  it('leaves the file as it was when the disk takes no more (a file size limit stands for a full disk)', function () {
    if (process.platform !== 'linux') this.skip();
    // Node ignores SIGXFSZ: a write past `ulimit -f` fails with EFBIG, as a full disk fails with ENOSPC.
    const longer = OLD + `# ${'x'.repeat(8 * 1024)}\n`;
    const script = `
      const { boundaryOf, writeInside } = require(${JSON.stringify(path.join(REPO, 'server/src/model/boundary.ts'))});
      process.stdout.write(String(writeInside(${JSON.stringify(file)}, ${JSON.stringify(longer)}, boundaryOf([${JSON.stringify(dir)}]), ${JSON.stringify(OLD)})));`;
    const r = spawnSync('bash', ['-c', `ulimit -f 4 && exec "$0" -r ./test/register.js -e "$1"`, process.execPath, script], {
      cwd: REPO,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'it cannot be written (EFBIG); it is unchanged');
    assert.equal(fs.readFileSync(file, 'utf8'), OLD);
  });
});
