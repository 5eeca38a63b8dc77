// Text of new blocks laid out as `terraform fmt` would, and the collection of a command's
// edits: new blocks gathered per file (existing or to be created) plus edits in place.

import { appendToFile, reindent } from '../fixes/edits';
import type { SourceFile } from '../model/types';
import type { TextEdit } from '../rules/types';

/** A body item: `[name, hcl]` or a nested block. */
export type Item = readonly [string, string] | { block: string; body: Section[] };
/** Items separated from the next section by a blank line. */
export type Section = Item[];

function isPair(i: Item): i is readonly [string, string] {
  return Array.isArray(i);
}

/**
 * Renders a block. In each section, consecutive one-line attributes align their `=`; a
 * multi-line value ends the run, as fmt does.
 */
export function block(header: string, sections: Section[], u: string, level = 0): string {
  const pad = u.repeat(level + 1);
  const out = [`${header} {`];
  const nonEmpty = sections.filter((s) => s.length > 0);
  nonEmpty.forEach((section, si) => {
    if (si > 0) out.push('');
    let run: (readonly [string, string])[] = [];
    const flush = () => {
      const width = Math.max(0, ...run.map(([k]) => k.length));
      for (const [k, v] of run) out.push(`${pad}${k.padEnd(width)} = ${v}`);
      run = [];
    };
    section.forEach((item, ii) => {
      if (isPair(item)) {
        if (!item[1].includes('\n')) {
          run.push(item);
          return;
        }
        flush();
        out.push(`${pad}${item[0]} = ${reindent(item[1], pad, '\n')}`);
        return;
      }
      flush();
      if (ii > 0) out.push('');
      out.push(pad + block(item.block, item.body, u, level + 1));
    });
    flush();
  });
  out.push(`${u.repeat(level)}}`);
  return out.join('\n');
}

export interface ScaffoldResult {
  /** Edits in several files; a file listed in `createFiles` does not exist yet and gets one insert at 0:0. */
  edits: TextEdit[];
  createFiles: string[];
  summary: string;
}

/** Gathers a command's changes: blocks appended per file, and edits of existing text. */
export class Changes {
  private appended = new Map<string, string[]>();
  private edits: TextEdit[] = [];
  readonly notes: string[] = [];

  /** `nl`: line ending of new files, the module's own. */
  constructor(
    private readonly fileOf: (p: string) => SourceFile | undefined,
    private readonly nl = '\n',
  ) {}

  append(path: string, text: string): void {
    const list = this.appended.get(path) ?? [];
    list.push(text);
    this.appended.set(path, list);
  }

  edit(...edits: TextEdit[]): void {
    this.edits.push(...edits);
  }

  note(s: string): void {
    this.notes.push(s);
  }

  result(headline: string): ScaffoldResult {
    const edits = [...this.edits];
    const createFiles: string[] = [];
    for (const [p, blocks] of this.appended) {
      const text = blocks.join('\n\n');
      const f = this.fileOf(p);
      if (f) {
        edits.push(appendToFile(f, text));
      } else {
        createFiles.push(p);
        const zero = { line: 0, character: 0, offset: 0 };
        edits.push({ uri: p, range: { start: zero, end: zero }, newText: (text + '\n').replace(/\r?\n/g, this.nl) });
      }
    }
    const summary = [headline, ...this.notes].join('\n');
    return { edits, createFiles, summary };
  }
}
