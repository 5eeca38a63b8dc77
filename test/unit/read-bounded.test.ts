// Reading one file within bounds: a file a listing showed as regular skips the check before it
// is opened, never what is checked once it is open, and a file is read whole with one read
// call when its size says that is all of it.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readBounded } from '../../server/src/model/node-host';

describe('readBounded', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-read-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file the same with and without the listing', () => {
    const f = path.join(dir, 'main.tf');
    const text = 'resource "aws_vpc" "main" {}\n'.repeat(1000);
    fs.writeFileSync(f, text);
    for (const listed of [false, true]) {
      const r = readBounded(f, undefined, listed);
      assert.ok('bytes' in r);
      assert.equal(r.bytes.toString('utf8'), text);
    }
    const empty = path.join(dir, 'empty.tf');
    fs.writeFileSync(empty, '');
    assert.deepEqual(readBounded(empty, undefined, true), { bytes: Buffer.alloc(0) });
  });

  it('refuses a file over the limit with its size, with and without the listing', () => {
    const f = path.join(dir, 'big.tf');
    fs.writeFileSync(f, Buffer.alloc(3 * 1048576, 0x61));
    for (const listed of [false, true]) {
      const r = readBounded(f, 1048576, listed);
      assert.ok('error' in r);
      assert.match(r.error, /is 3\.0 MB, over the 1 MB limit/);
    }
  });

  it('says a file whose name is not UTF-8 cannot be read for its name, not that it is missing', function () {
    if (process.platform !== 'linux') this.skip();
    // The name's bytes as the file system holds them (0xff is never UTF-8), and as listed.
    fs.writeFileSync(Buffer.concat([Buffer.from(`${dir}/x`), Buffer.from([0xff]), Buffer.from('.tf')]), 'x = 1\n');
    const [listed] = fs.readdirSync(dir);
    assert.equal(listed, 'x\uFFFD.tf');
    for (const fromListing of [false, true]) {
      const r = readBounded(path.join(dir, listed), undefined, fromListing);
      assert.ok('error' in r);
      assert.match(r.error, /its name is not valid UTF-8$/);
    }
    const missing = readBounded(path.join(dir, 'gone.tf'));
    assert.ok('error' in missing && missing.error.endsWith(': ENOENT'));
  });

  it('refuses a FIFO a listing called regular, without blocking on it', function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(dir, 'pipe.tf');
    execFileSync('mkfifo', [fifo]);
    const r = readBounded(fifo, undefined, true);
    assert.ok('error' in r);
    assert.match(r.error, /not a regular file/);
  });
});
