// Heredocs, `<<EOT` and `<<-EOT` (hashicorp/hcl hclsyntax/spec.md, "Template Expressions"):
// the lexer reads the opening marker, templates.ts scans the text up to the line that holds
// only the closing marker, and `<<-` then removes the common indentation here.
import type { HeredocExpr } from './ast';
import type { Parser } from './parser';
import { K, type TTok, buildTemplate, isSpaceCode, scanTemplate } from './templates';

/** A heredoc; current token is `<<EOT` / `<<-EOT`. Leaves the next token current. */
export function parseHeredoc(p: Parser): HeredocExpr {
  const lx = p.lx;
  const s = lx.start;
  const marker = p.text(lx.markerStart, lx.markerEnd);
  const indented = lx.heredocIndented;
  const body = lx.heredocBody;
  const toks: TTok[] = [];
  p.depth += 2;
  const contentEnd = scanTemplate(p, toks, body, body, lx.markerStart, lx.markerEnd);
  const end = p.templateEnd;
  p.depth -= 2;
  if (indented) flushHeredoc(toks);
  const parts = buildTemplate(p, toks, contentEnd);
  lx.pos = end;
  p.advance();
  return {
    type: 'Heredoc',
    marker,
    indented,
    parts,
    contentRange: p.range(body, Math.max(body, contentEnd)),
    range: p.range(s, end),
  };
}

/**
 * `<<-` heredocs: remove the smallest leading-whitespace count found on the lines that
 * begin with literal text (whitespace-only lines do not count), from each such line.
 */
function flushHeredoc(toks: TTok[]): void {
  let min = Number.MAX_SAFE_INTEGER;
  let newline = true;
  const adjust: TTok[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.k !== K.LIT) {
      // A sequence at the start of a line: that line has no indentation to remove.
      if (newline) min = 0;
      newline = false;
      continue;
    }
    const v = t.v;
    const last = v.length - 1;
    if (newline) {
      let w = 0;
      while (w <= last && isSpaceCode(v.charCodeAt(w))) w++;
      // Whitespace-only lines do not count.
      if (w <= last || v.charCodeAt(last) !== 10) {
        if (w < min) min = w;
        adjust.push(t);
      }
    }
    newline = last >= 0 && v.charCodeAt(last) === 10;
  }
  if (min === Number.MAX_SAFE_INTEGER || min === 0) return;
  for (const t of adjust) {
    t.v = t.v.slice(Math.min(min, t.v.length));
    t.s += min;
  }
}
