// Findings inside modules that are not the user's own (installed under `.terraform/`, or the
// built-in stand-ins of known modules) are reported where the user can act: at the calling
// `module` block in the user's file. The place is, in order: where the bad value was written
// (a value's origin in the caller: the map entry's attribute, the argument), the argument that
// feeds the child's variable, the map entry that made the resource instance (`for_each` over an
// input), else the module block's header. Fixes survive only when they edit the user's files.

import type { Attribute, Block, Expression, Range } from '../hcl/ast';
import { insertAttribute, replaceValue } from '../fixes/edits';
import { moduleLabel } from '../model/installed-modules';
import type { ModuleInstance, ResourceInstance, SourceFile } from '../model/types';
import type { Origin, Value } from '../model/value';
import type { Finding, Fix, Related, TextEdit } from '../rules/types';
import { moduleInstances, rootOf } from '../query/modules';
import { headerRange } from '../query/wiring';

/** A path inside a `.terraform` folder: tool state, installed modules, stand-ins. */
export function isForeignPath(p: string): boolean {
  return /(^|[\\/])\.terraform[\\/]/.test(p);
}

interface Place {
  uri: string;
  range: Range;
}

/** Every module instance of the tree `m` belongs to, root first. */
function tree(m: ModuleInstance): ModuleInstance[] {
  return moduleInstances([rootOf(m)]);
}

const within = (outer: Range, inner: Range) => outer.start.offset <= inner.start.offset && inner.end.offset <= outer.end.offset;
const same = (a: Range, b: Range) => a.start.offset === b.start.offset && a.end.offset === b.end.offset;

/** The longest of `candidates` that the message names (instance addresses differ by key). */
function namedIn<T>(message: string, candidates: T[], name: (t: T) => string): T | undefined {
  let best: T | undefined;
  let len = -1;
  for (const c of candidates) {
    const n = name(c);
    if (n && message.includes(n) && n.length > len) {
      best = c;
      len = n.length;
    }
  }
  return best ?? candidates[0];
}

class Placer {
  private readonly all: ModuleInstance[];

  constructor(private readonly module: ModuleInstance) {
    this.all = tree(module);
  }

  file(uri: string): SourceFile | undefined {
    for (const m of this.all) for (const f of m.files) if (f.path === uri || f.uri === uri) return f;
    return undefined;
  }

  owner(uri: string, message: string): ModuleInstance | undefined {
    if (this.module.files.some((f) => f.path === uri)) return this.module;
    return namedIn(
      message,
      this.all.filter((m) => m.files.some((f) => f.path === uri)),
      (m) => m.path,
    );
  }

  resourceAt(m: ModuleInstance, uri: string, range: Range, message: string): ResourceInstance | undefined {
    const hits = [...m.resources(), ...m.dataSources()].filter((r) => r.uri === uri && within(r.block.range, range));
    return namedIn(message, hits, (r) => r.address);
  }

  /** Where in the user's files a place inside a foreign file belongs. */
  place(uri: string, range: Range, message: string): { at: Place; owner: ModuleInstance; res?: ResourceInstance } | undefined {
    const m = this.owner(uri, message);
    if (!m) return undefined;
    const res = this.resourceAt(m, uri, range, message);
    if (res) {
      const attr = res.block.body.items.find((it): it is Attribute => it.type === 'Attribute' && within(it.range, range));
      if (attr) {
        const whole = same(attr.range, range);
        const fromValue = this.fromOrigin(res.attr(attr.name.name)?.origin, whole);
        if (fromValue) return { at: fromValue, owner: m, res };
        const arg = this.argumentFor(m, attr.value, whole);
        if (arg) return { at: arg, owner: m, res };
      }
      const entry = this.entryOf(res);
      if (entry) return { at: entry, owner: m, res };
    }
    const header = this.callHeader(m);
    return header && { at: header, owner: m, res };
  }

  /** A value's origin in a user's file; widened to its `name = value` when the finding was on the whole attribute. */
  private fromOrigin(o: Origin | undefined, whole: boolean): Place | undefined {
    if (!o || isForeignPath(o.uri)) return undefined;
    if (!whole) return { uri: o.uri, range: o.range };
    const file = this.file(o.uri);
    const holder = file && itemWithValue(file, o.range);
    return { uri: o.uri, range: holder ?? o.range };
  }

  /** `x = var.y` in the child: the caller's argument `y`, when the caller is the user's. */
  private argumentFor(m: ModuleInstance, e: Expression | undefined, whole: boolean): Place | undefined {
    const name = e && variableName(e);
    const p = m.parent;
    if (!name || !p || isForeignPath(p.call.uri)) return undefined;
    const arg = p.call.block.body.items.find((it): it is Attribute => it.type === 'Attribute' && it.name.name === name);
    if (!arg) return undefined;
    return { uri: p.call.uri, range: whole || !arg.value ? arg.range : arg.value.range };
  }

  /** The map entry (its key) that a `for_each` instance was made from, when the user wrote it. */
  private entryOf(res: ResourceInstance): Place | undefined {
    const each = (res as { vars?: Map<string, Value> }).vars?.get('each');
    const v = each && each.kind === 'map' ? each.entries.get('value') : undefined;
    const o = v?.origin;
    if (!o || isForeignPath(o.uri)) return undefined;
    const file = this.file(o.uri);
    const key = file && keyOfItemWithValue(file, o.range);
    return { uri: o.uri, range: key ?? o.range };
  }

  /** The header of the nearest call of `m` (or of its callers) written in a user's file. */
  callHeader(m: ModuleInstance): Place | undefined {
    for (let cur: ModuleInstance | undefined = m; cur?.parent; cur = cur.parent.module) {
      if (!isForeignPath(cur.parent.call.uri)) return { uri: cur.parent.call.uri, range: headerRange(cur.parent.call.block) };
    }
    return undefined;
  }

  /** The user's call above `m`, with its file. */
  userCall(m: ModuleInstance): { call: Block; file: SourceFile; child: ModuleInstance } | undefined {
    const p = m.parent;
    if (!p || isForeignPath(p.call.uri)) return undefined;
    const file = this.file(p.call.uri);
    return file && { call: p.call.block, file, child: m };
  }
}

function variableName(e: Expression): string | undefined {
  if (e.type === 'GetAttr' && e.object.type === 'Variable' && e.object.name === 'var') return e.name.name;
  return undefined;
}

/** Walks every expression and body of a file, calling `f` on object items and attributes. */
function eachItem(file: SourceFile, f: (key: Range | undefined, whole: Range, value: Expression) => boolean): boolean {
  const visit = (node: unknown): boolean => {
    if (!node || typeof node !== 'object') return false;
    if (Array.isArray(node)) return node.some(visit);
    const n = node as { type?: string };
    if (n.type === 'ObjectItem') {
      const it = node as { key: Expression; value: Expression; range: Range };
      if (f(it.key.range, it.range, it.value)) return true;
    } else if (n.type === 'Attribute') {
      const a = node as Attribute;
      if (a.value && f(a.name.range, a.range, a.value)) return true;
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'range' && typeof v === 'object' && visit(v)) return true;
    return false;
  };
  return visit(file.ast.body);
}

function itemWithValue(file: SourceFile, value: Range): Range | undefined {
  let found: Range | undefined;
  eachItem(file, (_k, whole, v) => (same(v.range, value) ? ((found = whole), true) : false));
  return found;
}

function keyOfItemWithValue(file: SourceFile, value: Range): Range | undefined {
  let found: Range | undefined;
  eachItem(file, (k, _w, v) => (same(v.range, value) ? ((found = k), true) : false));
  return found;
}

/**
 * An edit of a foreign file, moved to the user's call: replacing the value of `x = var.y`
 * sets the argument `y` of the call; replacing a value that came from the user's file replaces
 * it there. undefined when the edit cannot be moved.
 */
function moveEdit(placer: Placer, e: TextEdit, message: string): TextEdit[] | undefined {
  const m = placer.owner(e.uri, message);
  const res = m && placer.resourceAt(m, e.uri, e.range, message);
  if (!m || !res) return undefined;
  const attr = res.block.body.items.find((it): it is Attribute => it.type === 'Attribute' && !!it.value && same(it.value.range, e.range));
  if (!attr?.value) return undefined;
  const o = res.attr(attr.name.name)?.origin;
  if (o && !isForeignPath(o.uri)) {
    const file = placer.file(o.uri);
    return file ? [{ uri: file.path, range: o.range, newText: e.newText }] : undefined;
  }
  const name = variableName(attr.value);
  const user = placer.userCall(m);
  if (!name || !user) return undefined;
  const arg = user.call.body.items.find((it): it is Attribute => it.type === 'Attribute' && it.name.name === name);
  return arg ? [replaceValue(user.file, arg, e.newText)] : insertAttribute(user.file, user.call, name, e.newText);
}

function moveFix(placer: Placer, fix: Fix, message: string): Fix | undefined {
  const edits: TextEdit[] = [];
  for (const e of fix.edits) {
    if (!isForeignPath(e.uri)) {
      edits.push(e);
      continue;
    }
    const moved = moveEdit(placer, e, message);
    if (!moved) return undefined;
    edits.push(...moved);
  }
  // Two edits moved to the same spot (two inputs inserted after the same line) merge in order.
  const merged: TextEdit[] = [];
  for (const e of edits) {
    const prev = merged.find((x) => x.uri === e.uri && same(x.range, e.range) && x.range.start.offset === x.range.end.offset);
    if (prev && e.range.start.offset === e.range.end.offset) prev.newText += e.newText;
    else merged.push({ ...e });
  }
  return { ...fix, edits: merged };
}

/**
 * The finding as the user sees it: moved out of foreign files to the calling module block,
 * its message naming the module; undefined when it has no place in the user's files.
 */
export function placeFinding(f: Finding, module: ModuleInstance): Finding | undefined {
  const foreign =
    isForeignPath(f.uri) || f.related?.some((r) => isForeignPath(r.uri)) || f.fixes?.some((x) => x.edits.some((e) => isForeignPath(e.uri)));
  if (!foreign) return f;
  const placer = new Placer(module);
  let out: Finding = f;
  if (isForeignPath(f.uri)) {
    const p = placer.place(f.uri, f.range, f.message);
    if (!p) return undefined;
    const label = moduleLabel(p.owner.dir);
    const what = p.res && !f.message.includes(p.res.address) ? `${p.res.address} in ` : '';
    const inModule = label ? ` (${what}${label})` : what ? ` (${p.res!.address})` : '';
    out = { ...f, uri: p.at.uri, range: p.at.range, message: `${f.message}${inModule}` };
  }
  if (out.related?.length) {
    const related: Related[] = [];
    for (const r of out.related) {
      if (!isForeignPath(r.uri)) related.push(r);
      else {
        const p = placer.place(r.uri, r.range, r.message);
        if (p) related.push({ ...r, uri: p.at.uri, range: p.at.range });
      }
    }
    out = { ...out, related };
  }
  if (out.fixes?.length) {
    out = { ...out, fixes: out.fixes.map((x) => moveFix(placer, x, f.message)).filter((x): x is Fix => !!x) };
  }
  return out;
}
