// Strings from files inside hover Markdown: always the text of a code span, never markup.

import * as assert from 'node:assert/strict';
import { mdCode } from '../../server/src/handlers/markdown';

describe('Markdown around strings from files', () => {
  it('fences a code span with more backticks than any run inside it', () => {
    assert.equal(mdCode('aws_vpc.main'), '`aws_vpc.main`');
    assert.equal(mdCode('a`b'), '``a`b``');
    assert.equal(mdCode('a``b`c'), '```a``b`c```');
    // A span that starts or ends with a backtick gets a space inside its fence.
    assert.equal(mdCode('`x'), '`` `x ``');
    assert.equal(mdCode('x`'), '`` x` ``');
    // A line break would end the span's paragraph: it is shown escaped.
    assert.equal(mdCode('a\n\nb'), '`a\\n\\nb`');
  });
});
