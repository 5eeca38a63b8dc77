// A strict reader of the XML 1.0 subset a JUnit report uses: an XML declaration, elements,
// attributes, text, character references and the five predefined entities. Anything else
// (comments, CDATA, processing instructions, a DOCTYPE) is refused, as is anything that is not
// well-formed: a character outside XML 1.0's Char production, a bare `&` or `<`, an unknown
// entity, a reference to a character XML forbids, a duplicate attribute, mismatched tags or text
// after the root. It returns the tree with references decoded, so tests can compare what a
// consumer reads with what was written.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its children's), decoded. */
  text: string;
}

/** XML 1.0 Char: tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF. */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const NAME = /[A-Za-z_:][A-Za-z0-9_:.-]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseStrictXml(src: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed at offset ${i}: ${why}`);
  };
  for (const ch of src)
    if (!isXmlChar(ch.codePointAt(0)!)) fail(`character U+${ch.codePointAt(0)!.toString(16)} is not allowed in XML 1.0`);
  const ws = () => {
    while (i < src.length && ' \t\r\n'.includes(src[i])) i++;
  };
  const name = () => {
    NAME.lastIndex = i;
    const m = NAME.exec(src);
    if (!m) fail('expected a name');
    i += m![0].length;
    return m![0];
  };
  const reference = (): string => {
    const end = src.indexOf(';', i);
    if (end < 0 || end - i > 12) fail('unterminated reference');
    const body = src.slice(i + 1, end);
    i = end + 1;
    if (body.startsWith('#x') && /^#x[0-9A-Fa-f]+$/.test(body)) return charRef(parseInt(body.slice(2), 16));
    if (body.startsWith('#') && /^#[0-9]+$/.test(body)) return charRef(parseInt(body.slice(1), 10));
    if (body in ENTITIES) return ENTITIES[body];
    return fail(`unknown entity &${body};`);
  };
  const charRef = (cp: number) => (isXmlChar(cp) ? String.fromCodePoint(cp) : fail(`reference to a forbidden character ${cp}`));
  const attrValue = () => {
    const q = src[i];
    if (q !== '"' && q !== "'") fail('expected a quoted attribute value');
    i++;
    let v = '';
    while (src[i] !== q) {
      if (i >= src.length) fail('unterminated attribute value');
      const c = src[i];
      if (c === '<') fail('"<" in an attribute value');
      if (c === '&') {
        v += reference();
        continue;
      }
      // Attribute-value normalisation: a literal tab, newline or carriage return reads as a space.
      v += '\t\n\r'.includes(c) ? ' ' : c;
      i++;
    }
    i++;
    return v;
  };
  const element = (): XmlElement => {
    if (src[i] !== '<') fail('expected "<"');
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      ws();
      if (src.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('expected whitespace before an attribute');
      const key = name();
      if (key in el.attrs) fail(`duplicate attribute ${key}`);
      ws();
      if (src[i] !== '=') fail('expected "="');
      i++;
      ws();
      el.attrs[key] = attrValue();
    }
    for (;;) {
      if (i >= src.length) fail(`unclosed element <${el.name}>`);
      if (src.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        ws();
        if (src[i] !== '>') fail('expected ">"');
        i++;
        return el;
      }
      if (src.startsWith('<!', i) || src.startsWith('<?', i))
        fail('comments, CDATA, declarations and processing instructions are not expected');
      if (src[i] === '<') el.children.push(element());
      else if (src[i] === '&') el.text += reference();
      else if (src.startsWith(']]>', i)) fail('"]]>" in text');
      else if (src[i] === '\r') {
        // End-of-line handling: CR LF and a lone CR are read as LF.
        el.text += '\n';
        i += src[i + 1] === '\n' ? 2 : 1;
      } else el.text += src[i++];
    }
  };
  const decl = /^<\?xml version="1\.[0-9]+"(?: encoding="[A-Za-z][A-Za-z0-9._-]*")?(?: standalone="(?:yes|no)")?\s*\?>/.exec(src);
  if (src.startsWith('<?xml') && !decl) fail('malformed XML declaration');
  if (decl) i = decl[0].length;
  ws();
  const root = element();
  ws();
  if (i !== src.length) fail('text after the root element');
  return root;
}
