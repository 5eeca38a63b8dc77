// Compares our parser with @cdktf/hcl2json (HashiCorp's parser) on every configuration file
// under the given folders: `npm run conformance -- <folder>...`. Files are taken as the loader
// takes them (model/workspace.ts): `.tf` and `.tofu` files are compared with the reference;
// `.tf.json` and `.tofu.json` files (which hcl2json does not read) must parse without errors,
// and are then written in the native syntax from our tree and that text compared with the
// reference reading it. Every file the loader skips is listed with why (shadowed by a `.tofu`
// file, too large, not text). Prints each file whose projection differs, with the first
// differing JSON path, and a count line. Exits 1 if any differ.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Block, Body, Expression, File, TemplatePart } from '../server/src/hcl/ast';
import { isJsonSyntaxPath, jsonSourceText, parseJsonConfig } from '../server/src/hcl/json-syntax';
import { parse } from '../server/src/hcl/parser';
import { toHcl2Json } from '../server/src/hcl/to-json';
import { nodeHost } from '../server/src/model/node-host';
import { isConfigFile, loadedConfigNames } from '../server/src/model/paths';
import { createWorkspace } from '../server/src/model/workspace';

type RefParse = (name: string, text: string) => Promise<unknown>;

export interface FileVerdict {
  path: string;
  /**
   * `parsed`: a JSON file read without errors whose values could not be written in the native
   * syntax to compare; `skipped`: not read by the loader (the detail says why).
   */
  verdict: 'equal' | 'differ' | 'rejected' | 'parsed' | 'skipped';
  detail?: string;
}

export function listTfFiles(root: string, out: string[] = []): string[] {
  const st = statSync(root);
  if (st.isFile()) {
    if (root.endsWith('.tf')) out.push(root);
    return out;
  }
  for (const name of readdirSync(root).sort()) {
    if (name === 'node_modules' || name === '.git' || name === '.terraform') continue;
    const p = join(root, name);
    const s = statSync(p);
    if (s.isDirectory()) listTfFiles(p, out);
    else if (name.endsWith('.tf')) out.push(p);
  }
  return out;
}

/** The folders under `root` (itself included) that hold configuration files, sorted. */
export function listConfigDirs(root: string, out: string[] = []): string[] {
  const st = statSync(root);
  if (!st.isDirectory()) return out;
  const names = readdirSync(root).sort();
  if (names.some((n) => isConfigFile(n))) out.push(root);
  for (const name of names) {
    if (name === 'node_modules' || name === '.git' || name === '.terraform') continue;
    const p = join(root, name);
    let dir = false;
    try {
      dir = statSync(p).isDirectory();
    } catch {
      // A broken link: not a folder.
    }
    if (dir) listConfigDirs(p, out);
  }
  return out;
}

/**
 * The configuration files of the folders under `root` as the loader takes them: the files it
 * reads, with their text, and those it skips, with why.
 */
export function loadConfigFiles(root: string): { read: { path: string; text: string }[]; skipped: FileVerdict[] } {
  const read: { path: string; text: string }[] = [];
  const skipped: FileVerdict[] = [];
  const st = statSync(root);
  if (st.isFile()) {
    read.push({ path: root, text: readFileSync(root, 'utf8') });
    return { read, skipped };
  }
  const ws = createWorkspace(nodeHost(), { folders: [root] });
  for (const dir of listConfigDirs(root)) {
    const names = readdirSync(dir).filter((n) => isConfigFile(n));
    const loaded = new Set(loadedConfigNames(names));
    for (const n of names.filter((x) => !loaded.has(x)).sort()) {
      const tofu = n.endsWith('.tf.json') ? n.replace(/\.tf\.json$/, '.tofu.json') : n.replace(/\.tf$/, '.tofu');
      const isFile = (() => {
        try {
          return statSync(join(dir, n)).isFile();
        } catch {
          return false;
        }
      })();
      skipped.push({
        path: join(dir, n),
        verdict: 'skipped',
        detail: loaded.has(tofu)
          ? `shadowed by ${tofu} (OpenTofu reads the .tofu file in its place)`
          : isFile
            ? 'not loaded'
            : 'not a file',
      });
    }
    const m = ws.module(dir);
    const files = new Map((m?.files ?? []).map((f) => [f.path, f]));
    for (const n of [...loaded].sort()) {
      const p = join(dir, n);
      const f = files.get(p);
      if (!f) skipped.push({ path: p, verdict: 'skipped', detail: 'not read by the loader (not a regular file?)' });
      else if (f.readError) skipped.push({ path: p, verdict: 'skipped', detail: f.readError });
      else read.push({ path: p, text: f.text });
    }
  }
  return { read, skipped };
}

/** First path where two JSON values differ, with both sides, or undefined when equal. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (a === b) return undefined;
  if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: array length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const k of [...keys].sort()) {
      if (!(k in ao)) return `${path}.${k}: missing in ours`;
      if (!(k in bo)) return `${path}.${k}: missing in reference`;
      const d = firstDifference(ao[k], bo[k], `${path}.${k}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return `${path}: ours ${JSON.stringify(a)?.slice(0, 300)} vs reference ${JSON.stringify(b)?.slice(0, 300)}`;
}

export async function compareText(text: string, ref: RefParse): Promise<Omit<FileVerdict, 'path'>> {
  let expected: unknown;
  try {
    expected = await ref('main.tf', text);
  } catch (e) {
    return { verdict: 'rejected', detail: String(e).split('\n')[0].slice(0, 300) };
  }
  const file = parse(text, 'main.tf');
  if (file.diagnostics.length > 0) {
    const d = file.diagnostics[0];
    return {
      verdict: 'differ',
      detail: `we report ${file.diagnostics.length} syntax error(s), first at ${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`,
    };
  }
  let ours: unknown;
  try {
    ours = toHcl2Json(file, text);
  } catch (e) {
    return { verdict: 'differ', detail: `projection failed: ${String(e)}` };
  }
  const diff = firstDifference(ours, expected);
  return diff === undefined ? { verdict: 'equal' } : { verdict: 'differ', detail: diff };
}

/**
 * A file in JSON syntax: parsed by our parser without errors, then written in the native
 * syntax from our tree and that text given to the reference, whose reading must equal our
 * projection of the JSON tree.
 */
export async function compareJsonText(text: string, ref: RefParse, name = 'main.tf.json'): Promise<Omit<FileVerdict, 'path'>> {
  const file = parseJsonConfig(text, name);
  if (file.diagnostics.length > 0) {
    let json = true;
    try {
      JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      json = false;
    }
    const d = file.diagnostics[0];
    return {
      verdict: json ? 'differ' : 'rejected',
      detail: `${json ? 'we report' : 'not JSON:'} ${file.diagnostics.length} error(s), first at ${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`,
    };
  }
  let ours: unknown;
  try {
    ours = toHcl2Json(file, text);
  } catch (e) {
    return { verdict: 'differ', detail: `projection failed: ${String(e)}` };
  }
  const native = renderNative(file, text);
  if (native === undefined) return { verdict: 'parsed', detail: 'values not compared: the tree cannot be written in the native syntax' };
  let expected: unknown;
  try {
    expected = await ref('main.tf', native);
  } catch (e) {
    return { verdict: 'differ', detail: `the native rendering is rejected by the reference: ${String(e).split('\n')[0].slice(0, 300)}` };
  }
  const diff = firstDifference(ours, expected);
  return diff === undefined ? { verdict: 'equal' } : { verdict: 'differ', detail: diff };
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** A tree read from JSON syntax written in the native syntax; undefined where that cannot be done faithfully. */
export function renderNative(file: File, src: string): string | undefined {
  const text = (s: number, e: number) => jsonSourceText(src, s, e);
  const quote = (s: string) =>
    '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') + '"';
  const parts = (list: TemplatePart[]): string => list.map(part).join('');
  const part = (p: TemplatePart): string => {
    switch (p.type) {
      case 'TemplateLiteral':
        return quote(p.value.replace(/\$\{/g, () => '$${').replace(/%\{/g, '%%{')).slice(1, -1);
      case 'TemplateInterpolation':
        return '${' + text(p.expr.range.start.offset, p.expr.range.end.offset) + '}';
      case 'TemplateIf':
        return (
          `%{ if ${text(p.condition.range.start.offset, p.condition.range.end.offset)} }${parts(p.then)}` +
          (p.else ? `%{ else }${parts(p.else)}` : '') +
          '%{ endif }'
        );
      case 'TemplateFor':
        return `%{ for ${p.keyVar ? p.keyVar + ', ' : ''}${p.valueVar} in ${text(p.collection.range.start.offset, p.collection.range.end.offset)} }${parts(p.body)}%{ endfor }`;
    }
  };
  const expr = (e: Expression): string | undefined => {
    switch (e.type) {
      case 'Literal':
        return e.raw;
      case 'Template':
        return '"' + parts(e.parts) + '"';
      case 'Tuple': {
        const items = e.items.map(expr);
        return items.some((i) => i === undefined) ? undefined : `[${items.join(', ')}]`;
      }
      case 'Object': {
        const items: string[] = [];
        for (const item of e.items) {
          const k = expr(item.key);
          const v = expr(item.value);
          if (k === undefined || v === undefined) return undefined;
          items.push(`${k} = ${v}`);
        }
        return items.length ? `{\n${items.join('\n')}\n}` : '{}';
      }
      default:
        return text(e.range.start.offset, e.range.end.offset);
    }
  };
  const body = (b: Body): string | undefined => {
    const out: string[] = [];
    for (const it of b.items) {
      if (it.type === 'Block') {
        const s = block(it);
        if (s === undefined) return undefined;
        out.push(s);
      } else {
        const v = it.value && expr(it.value);
        if (v === undefined || !IDENT.test(it.name.name)) return undefined;
        out.push(`${it.name.name} = ${v}`);
      }
    }
    return out.join('\n');
  };
  const block = (b: Block): string | undefined => {
    const inner = body(b.body);
    if (inner === undefined) return undefined;
    return `${b.blockType.name}${b.labels.map((l) => ' ' + quote(l.value)).join('')} {\n${inner}${inner ? '\n' : ''}}`;
  };
  const out = body(file.body);
  return out === undefined ? undefined : out + '\n';
}

export async function conformance(roots: string[], log: (line: string) => void = console.log): Promise<FileVerdict[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ref = (require('@cdktf/hcl2json') as { parse: RefParse }).parse;
  const results: FileVerdict[] = [];
  const skipped: FileVerdict[] = [];
  for (const r of roots) {
    const loaded = loadConfigFiles(r);
    skipped.push(...loaded.skipped);
    for (const { path, text } of loaded.read) {
      const v = isJsonSyntaxPath(path) ? await compareJsonText(text, ref, path) : await compareText(text, ref);
      results.push({ path, ...v });
      if (v.verdict === 'differ') log(`DIFFER ${path}\n  ${v.detail}`);
    }
  }
  const count = (k: FileVerdict['verdict']): number => results.filter((r) => r.verdict === k).length;
  for (const r of results) {
    if (r.verdict === 'rejected') log(`${isJsonSyntaxPath(r.path) ? 'not valid JSON' : 'rejected by reference'}: ${r.path}\n  ${r.detail}`);
  }
  for (const r of results) if (r.verdict === 'parsed') log(`parsed, values not compared: ${r.path}\n  ${r.detail}`);
  for (const r of skipped) log(`skipped by the loader: ${r.path}\n  ${r.detail}`);
  const json = results.filter((r) => isJsonSyntaxPath(r.path)).length;
  log(
    `conformance: ${results.length} files (${results.length - json} native, ${json} JSON), ${count('equal')} equal, ${count('differ')} differ, ` +
      `${count('rejected')} rejected (by the reference, or not JSON), ${count('parsed')} JSON parsed without comparing values; ${skipped.length} skipped by the loader`,
  );
  results.push(...skipped);
  return results;
}

// Bundled into another entry point, `require.main === module` holds there too: check the script.
if (require.main === module && /conformance\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  const roots = process.argv.slice(2);
  if (roots.length === 0) {
    console.error('usage: npm run conformance -- <folder>...');
    process.exit(2);
  }
  conformance(roots).then(
    (r) => process.exit(r.some((x) => x.verdict === 'differ') ? 1 : 0),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
