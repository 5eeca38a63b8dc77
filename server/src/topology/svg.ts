// The topology as a standalone SVG document. Every string from the files is escaped: a name
// holding markup is drawn as text.

import { scene, type El } from './scene';
import type { Topology } from './types';

export function escapeXml(s: string): string {
  // Characters XML 1.0 forbids are dropped: a file's control bytes must not break the document.
  return (
    s
      // eslint-disable-next-line no-control-regex -- these control characters are what is removed
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
  );
}

const NAME_RE = /^[a-zA-Z_][\w:.-]*$/;

export function serialize(e: El, indent = ''): string {
  if (!NAME_RE.test(e.tag)) throw new Error(`not an element name: ${e.tag}`);
  const attrs = Object.entries(e.attrs)
    .filter(([k]) => NAME_RE.test(k))
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  const kids = e.children ?? [];
  if (e.text === undefined && kids.length === 0) return `${indent}<${e.tag}${attrs}/>`;
  if (kids.length === 0) return `${indent}<${e.tag}${attrs}>${escapeXml(e.text ?? '')}</${e.tag}>`;
  const inner = kids.map((k) => serialize(k, `${indent}  `)).join('\n');
  return `${indent}<${e.tag}${attrs}>${e.text !== undefined ? escapeXml(e.text) : ''}\n${inner}\n${indent}</${e.tag}>`;
}

export function topologySvg(t: Topology): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(scene(t))}\n`;
}
