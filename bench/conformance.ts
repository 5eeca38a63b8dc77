// Compares our parser with @cdktf/hcl2json (HashiCorp's parser) on every .tf file under the
// given folders: `npm run conformance -- <folder>...`. Prints each file whose projection
// differs, with the first differing JSON path, and a count line. Exits 1 if any differ.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../server/src/hcl/parser';
import { toHcl2Json } from '../server/src/hcl/to-json';

type RefParse = (name: string, text: string) => Promise<unknown>;

export interface FileVerdict {
  path: string;
  verdict: 'equal' | 'differ' | 'rejected';
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

export async function conformance(roots: string[], log: (line: string) => void = console.log): Promise<FileVerdict[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ref = (require('@cdktf/hcl2json') as { parse: RefParse }).parse;
  const files: string[] = [];
  for (const r of roots) listTfFiles(r, files);
  const results: FileVerdict[] = [];
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    const v = await compareText(text, ref);
    results.push({ path, ...v });
    if (v.verdict === 'differ') log(`DIFFER ${path}\n  ${v.detail}`);
  }
  const count = (k: FileVerdict['verdict']): number => results.filter((r) => r.verdict === k).length;
  for (const r of results) if (r.verdict === 'rejected') log(`rejected by reference: ${r.path}\n  ${r.detail}`);
  log(
    `conformance: ${results.length} files, ${count('equal')} equal, ${count('differ')} differ, ${count('rejected')} rejected by reference`,
  );
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
