// Text for a terminal, a CI log or an editor. Messages quote what files hold (service names, principals,
// paths), and a file may have been written by an attacker: a control character in it would be
// acted on where the report is read (an escape sequence that clears the screen or retitles the
// window, a line break that starts a forged log line or workflow command), and a bidirectional
// formatting character would show the text in another order than it has. Each is written as a
// visible escape instead.

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
