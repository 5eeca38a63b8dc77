// Strings from files inside Markdown (hovers, the cost report): always the text of a code span, never markup.

import * as assert from 'node:assert/strict';
import { markdownCode } from '../../server/src/engine/printable';

describe('Markdown around strings from files', () => {
  it('fences a code span with more backticks than any run inside it', () => {
    assert.equal(markdownCode('aws_vpc.main'), '`aws_vpc.main`');
    assert.equal(markdownCode('a`b'), '``a`b``');
    assert.equal(markdownCode('a``b`c'), '```a``b`c```');
    // A span that starts or ends with a backtick gets a space inside its fence.
    assert.equal(markdownCode('`x'), '`` `x ``');
    assert.equal(markdownCode('x`'), '`` x` ``');
    // A line break would end the span's paragraph: it is shown escaped.
    assert.equal(markdownCode('a\n\nb'), '`a\\n\\nb`');
  });
});
