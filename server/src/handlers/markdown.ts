// Markdown for hovers, around what files hold. A string from a file (a security group's name, a
// CIDR block, a for_each key, a resource configuration's domain name) may have been written by
// an attacker to be read as Markdown: an image the editor would fetch when the hover shows, a
// link, a code span closed early. Here it is only ever the text of a code span.

import { printable } from '../engine/printable';

/** `s` as an inline code span, whatever backticks it holds (the fence is longer than any run of them). */
export function mdCode(s: string): string {
  const t = printable(s);
  let longest = 0;
  for (const run of t.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  // A span that starts or ends with a backtick needs a space inside its fence, which the span drops.
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}
