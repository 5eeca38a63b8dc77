// What tells a configuration file from a binary one: plain ASCII is taken without decoding, so
// the answer for every other kind of input must be the decoder's, as before.

import * as assert from 'node:assert/strict';
import { binaryReason } from '../../server/src/model/node-host';

describe('binaryReason', () => {
  it('takes plain ASCII and valid UTF-8 as text', () => {
    assert.equal(binaryReason(Buffer.from('resource "aws_vpc" "main" {}\n')), undefined);
    assert.equal(binaryReason(Buffer.from('# Zürich — 東京\nlocals {}\n')), undefined);
    assert.equal(binaryReason(Buffer.alloc(0)), undefined);
  });

  it('refuses NUL bytes, in ASCII too', () => {
    assert.equal(binaryReason(Buffer.from([0x61, 0x00, 0x62])), 'it contains NUL bytes');
  });

  it('tolerates a stray invalid byte but refuses many', () => {
    const stray = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nlocals {}\n')]);
    assert.equal(binaryReason(stray), undefined);
    const latin = Buffer.alloc(400, 0xe9);
    assert.equal(binaryReason(latin), 'it is not valid UTF-8');
  });
});
