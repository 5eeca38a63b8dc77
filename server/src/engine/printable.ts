// Text for a terminal, a CI log or an editor. Messages quote what files hold (service names,
// principals, paths), and a file may have been written by an attacker: a control character in
// it would be acted on where the report is read (an escape sequence that clears the screen or
// retitles the window, a line break that starts a forged log line or workflow command), and a
// bidirectional formatting character would show the text in another order than it has. Each is
// written as a visible escape instead. In Markdown (hovers, the cost report), such a string is a
// code span: never an image the editor would fetch, a link or markup.

/** Control characters (C0 but tab, DEL, C1) and bidirectional formatting characters. */
function actedOn(c: number): boolean {
  return (
    (c < 0x20 && c !== 0x09) ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x061c ||
    c === 0x200e ||
    c === 0x200f ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069)
  );
}

function escaped(c: number): string {
  if (c === 0x0a) return '\\n';
  if (c === 0x0d) return '\\r';
  return `\\u${c.toString(16).padStart(4, '0')}`;
}

/** `s` with every character a terminal or log viewer would act on written as an escape (`\n`, `\u001b`). */
export function printable(s: string): string {
  let out: string | undefined;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!actedOn(c)) continue;
    out = (out ?? '') + s.slice(from, i) + escaped(c);
    from = i + 1;
  }
  return out === undefined ? s : out + s.slice(from);
}

/** `printable` line by line, for a text of several lines (a stack trace): its own breaks stay. */
export function printableLines(s: string): string {
  return s.split('\n').map(printable).join('\n');
}

/** `s` as an inline Markdown code span, whatever backticks it holds (the fence is longer than any run of them). */
export function markdownCode(s: string): string {
  const t = printable(s);
  let longest = 0;
  for (const run of t.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  // A span that starts or ends with a backtick needs a space inside its fence, which the span drops.
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}
