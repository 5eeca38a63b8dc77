// Places in override files. A block merged from an override file (model/overrides.ts) keeps
// each argument and nested block where it was written, but a check that reports on one of them
// names the file of the block it belongs to. Every report a rule makes passes through here
// (rules/types.ts defineRule), before the engine keeps it across edits: a place, a related place
// or an edit on a node of an override file gets that file; a finding on a value that replaced
// another one names the original as related information; and a fix that removes an argument
// or nested blocks an override wrote removes what they replaced too (else that would count).

import type { Attribute, Block, Range } from '../hcl/ast';
import { removeItem } from '../fixes/edits';
import { overriddenBy, overridesInUse, writtenIn } from '../model/overrides';
import { baseOf } from '../model/paths';
import type { SourceFile } from '../model/types';

interface Place {
  uri: string;
  range: Range;
}

interface Related extends Place {
  message: string;
}

interface Edit extends Place {
  newText: string;
}

/** What a rule reports, as far as places go (rules/types.ts Report). */
export interface Placed extends Place {
  related?: Related[];
  fixes?: { edits: Edit[] }[];
}

/** A file of the workspace by path (the current version). */
export type FileAt = (uri: string) => SourceFile | undefined;

const overlaps = (a: Place, b: Place) =>
  a.uri === b.uri && a.range.start.offset < b.range.end.offset && b.range.start.offset < a.range.end.offset;
const covers = (e: Place, r: Range) => e.range.start.offset <= r.start.offset && r.end.offset <= e.range.end.offset;

/**
 * Edits that remove, with the items a fix's deletions remove from an override file, the items
 * those replaced (and what those replaced in turn): an argument, or the blocks of a type when
 * the fix removes all the override block has of it. undefined when there are none to add.
 */
function removeReplaced(edits: readonly Edit[], fileAt: FileAt): Edit[] | undefined {
  const deletions = edits.filter((e) => e.newText.trim() === '' && e.range.start.offset < e.range.end.offset);
  if (!deletions.length) return undefined;
  const added: Edit[] = [];
  const removeOriginals = (item: Attribute | Block) => {
    const o = overriddenBy(item.range);
    const file = o && fileAt(o.uri);
    if (!o || !file) return;
    for (const it of o.items) {
      const e = removeItem(file, it);
      if ([...edits, ...added].some((x) => overlaps(x, e))) continue;
      added.push(e);
      removeOriginals(it);
    }
  };
  for (const uri of new Set(deletions.map((e) => e.uri))) {
    const file = fileAt(uri);
    if (!file) continue;
    const mine = deletions.filter((e) => e.uri === uri);
    const gone = (it: Attribute | Block) => mine.some((e) => covers(e, it.range));
    for (const top of file.ast.body.items) {
      if (top.type !== 'Block' || !mine.some((e) => overlaps(e, { uri, range: top.range }))) continue;
      const items = top.body.items;
      for (const it of items) {
        if (!gone(it) || !overriddenBy(it.range)) continue;
        // Blocks of a type count all together: the originals come back only when none is left.
        if (it.type === 'Block') {
          const type = typeOf(it);
          if (items.some((x) => x.type === 'Block' && typeOf(x) === type && !gone(x))) continue;
          if (items.some((x) => x !== it && x.type === 'Block' && typeOf(x) === type && items.indexOf(x) < items.indexOf(it))) continue;
        }
        removeOriginals(it);
      }
    }
  }
  return added.length ? added : undefined;
}

const typeOf = (b: Block) => (b.blockType.name === 'dynamic' ? (b.labels[0]?.value ?? 'dynamic') : b.blockType.name);

/** The file a place was written in, when it is a place of an override file's node. */
function writtenAt(p: Place): string | undefined {
  const f = writtenIn(p.range);
  return f && f.uri !== p.uri ? f.uri : undefined;
}

/** The original a place's value replaced, as related information. */
function original(p: Place): Related | undefined {
  const o = overriddenBy(p.range);
  if (!o) return undefined;
  return { uri: o.uri, range: o.range, message: `${o.what} as written in ${baseOf(o.uri)}, which ${baseOf(p.uri)} overrides` };
}

function placeReport<R extends Placed>(r: R, fileAt: FileAt | undefined): R {
  const uri = writtenAt(r);
  const primary = uri ? { ...r, uri } : r;
  const extra: Related[] = [];
  const firstOriginal = original(primary);
  if (firstOriginal) extra.push(firstOriginal);
  let related = primary.related;
  let relatedChanged = false;
  if (related) {
    related = related.map((x) => {
      const at = writtenAt(x);
      const placed = at ? { ...x, uri: at } : x;
      if (at) relatedChanged = true;
      const o = original(placed);
      if (o) extra.push(o);
      return placed;
    });
  }
  let fixes = primary.fixes;
  let fixesChanged = false;
  if (fixes) {
    fixes = fixes.map((fix) => {
      let changed = false;
      let edits = fix.edits.map((e) => {
        const at = writtenAt(e);
        if (!at) return e;
        changed = true;
        return { ...e, uri: at };
      });
      const more = fileAt && removeReplaced(edits, fileAt);
      if (more) {
        edits = [...edits, ...more];
        changed = true;
      }
      if (!changed) return fix;
      fixesChanged = true;
      return { ...fix, edits };
    });
  }
  const all = related ?? [];
  const added = extra.filter(
    (o, i) =>
      !all.some((x) => x.uri === o.uri && x.range === o.range) &&
      !extra.slice(0, i).some((x) => x.uri === o.uri && x.range === o.range) &&
      !(o.uri === primary.uri && o.range === primary.range),
  );
  if (primary === r && !relatedChanged && !fixesChanged && added.length === 0) return r;
  const out: R = { ...primary };
  if (related || added.length) out.related = [...all, ...added];
  if (fixes) out.fixes = fixes;
  return out;
}

/**
 * Reports with their places in the files they were written in (see above): the same list when
 * no override file is involved.
 */
export function placeWritten<R extends Placed>(reports: readonly R[] | undefined | void, fileAt?: FileAt): readonly R[] | undefined | void {
  if (!reports || reports.length === 0 || !overridesInUse()) return reports;
  let out: R[] | undefined;
  for (let i = 0; i < reports.length; i++) {
    const p = placeReport(reports[i], fileAt);
    if (p !== reports[i]) (out ??= [...reports])[i] = p;
  }
  return out ?? reports;
}
