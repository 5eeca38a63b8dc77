// Path helpers that keep the separator style of the paths they are given: the model sees
// absolute POSIX paths from the CLI, the server and tests, and Windows paths on Windows.

import * as path from 'node:path';

function api(p: string): typeof path.posix {
  return p.includes('\\') && !p.includes('/') ? path.win32 : path.posix;
}

export function dirOf(p: string): string {
  return api(p).dirname(p);
}

export function baseOf(p: string): string {
  return api(p).basename(p);
}

export function joinPath(dir: string, rel: string): string {
  return api(dir).join(dir, rel);
}

export function normalizeDir(dir: string): string {
  const a = api(dir);
  const n = a.normalize(dir);
  return n.length > 1 && (n.endsWith('/') || n.endsWith('\\')) ? n.slice(0, -1) : n;
}

/** True when `child` is `dir` or inside it. */
export function isWithin(child: string, dir: string): boolean {
  if (child === dir) return true;
  const sep = api(dir).sep;
  return child.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/** A configuration file of a module in native syntax, as Terraform and OpenTofu load them. */
export function isConfigFile(name: string): boolean {
  return name.endsWith('.tf') || name.endsWith('.tofu');
}

/**
 * The configuration files a module loads from a folder's file names, sorted: OpenTofu reads
 * `name.tofu` in place of `name.tf` when both exist.
 */
export function loadedConfigNames(names: readonly string[]): string[] {
  const tofu = new Set(names.filter((n) => n.endsWith('.tofu')).map((n) => n.slice(0, -'.tofu'.length)));
  return names.filter((n) => n.endsWith('.tofu') || (n.endsWith('.tf') && !tofu.has(n.slice(0, -'.tf'.length)))).sort();
}
