// Patterns run on text from files must take linear time: a regular expression that backtracks
// (two runs of the same characters side by side, or a search tried at every letter of a long
// name) cannot be interrupted by the evaluation's budget, and a hostile file would hang the
// server and the CLI. Each case takes minutes with such a pattern and milliseconds without.

import * as assert from 'node:assert/strict';
import { appendToFile } from '../../server/src/fixes/edits';
import { workspaceFromFiles } from '../../server/src/model/testing';
import { INSTANCE_ADDRESS } from '../../server/src/query/instance-names';
import { jsonOf } from './model-helpers';

const BLANKS = ' '.repeat(400_000);

describe('patterns over text from files take linear time', function () {
  this.timeout(20_000);

  it('a strip marker after a literal with a long run of blanks inside', () => {
    assert.equal(jsonOf(`"\${"a"}${BLANKS}x  \${~"b"}"`), `a${BLANKS}xb`);
  });

  it('a fix appended to a file with a long run of blanks inside', () => {
    const ws = workspaceFromFiles({ '/ws/main.tf': `${BLANKS}x\n` });
    const edit = appendToFile(ws.file('/ws/main.tf')!, 'locals {}\n');
    assert.equal(edit.range.start.offset, BLANKS.length + 1);
  });

  it('chomp on a long run of line breaks followed by text', () => {
    assert.equal(jsonOf(`chomp("\${join("", [for i in range(200000) : "\\n"])}x")`), `${'\n'.repeat(200_000)}x`);
  });

  it('instance addresses in a text with a long name', () => {
    const text = `${'a'.repeat(400_000)} and aws_vpc_endpoint.x["k"]`;
    assert.deepEqual(
      [...text.matchAll(INSTANCE_ADDRESS)].map((m) => m[0]),
      ['aws_vpc_endpoint.x["k"]'],
    );
  });
});
