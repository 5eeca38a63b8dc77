// What is read outside the repository is analysed but never printed. A module source outside
// (`source = "../../shared-net"`) is followed as Terraform follows it, so a value written
// there can flow into a finding's message, a related note or a fix's text. Before findings
// leave the engine, every string written in such a file (of a length that could be a secret)
// is replaced in what is printed by a note of where it comes from, and a fix whose text would
// carry one is dropped. Syntax messages of such a file say only where the problem is.

import * as path from 'node:path';
import { walk } from '../hcl/walk';
import type { SourceFile } from '../model/types';
import type { Finding } from '../rules/types';
import { WeakCache } from '../model/weak-cache';

/** Shorter strings (`tcp`, `443`, `Interface`…) carry no secret and are common words. */
const MIN_SECRET = 6;

const literalsOf = new WeakCache<SourceFile, string[]>();

function literals(f: SourceFile): string[] {
  let out = literalsOf.get(f);
  if (out) return out;
  const set = new Set<string>();
  walk(f.ast, (n) => {
    if (n.type === 'TemplateLiteral') {
      for (const piece of n.value.split('\n')) {
        const s = piece.trim();
        if (s.length >= MIN_SECRET) set.add(s);
      }
    }
  });
  // Longest first, so a string is replaced whole before a part of it is.
  out = [...set].sort((a, b) => b.length - a.length);
  literalsOf.set(f, out);
  return out;
}

/**
 * Rewrites `findings` in place so that no string of `files` read from outside (per `outside`)
 * is printed. Cheap when no file is outside: the usual case costs one check per file.
 */
export function redactOutside(findings: Finding[], files: readonly SourceFile[], outside: (path: string) => boolean): Finding[] {
  const from = files.filter((f) => outside(f.path));
  if (from.length === 0) return findings;
  const pairs: { text: string; note: string }[] = [];
  for (const f of from) {
    const note = `<a value from ${path.basename(path.dirname(f.path))}/${path.basename(f.path)}, outside the repository>`;
    for (const text of literals(f)) pairs.push({ text, note });
  }
  pairs.sort((a, b) => b.text.length - a.text.length);
  const scrub = (s: string): string => {
    for (const p of pairs) if (s.includes(p.text)) s = s.split(p.text).join(p.note);
    return s;
  };
  const carries = (s: string) => pairs.some((p) => s.includes(p.text));
  const outsideFiles = new Set(from.map((f) => f.path));
  for (const f of findings) {
    if (outsideFiles.has(f.uri) && f.rule === 'syntax') {
      f.message = 'a syntax error in a file outside the repository';
      continue;
    }
    f.message = scrub(f.message);
    if (f.related) for (const r of f.related) r.message = scrub(r.message);
    if (f.fixes) {
      f.fixes = f.fixes.filter((x) => !x.edits.some((e) => carries(e.newText))).map((x) => ({ ...x, title: scrub(x.title) }));
    }
  }
  return findings;
}
