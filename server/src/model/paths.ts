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

/** The suffixes of configuration files, as Terraform and OpenTofu load them. */
const CONFIG_SUFFIXES = ['.tf', '.tofu', '.tf.json', '.tofu.json'] as const;

/**
 * A configuration file of a module: native syntax (`.tf`, `.tofu`) or JSON (`.tf.json`,
 * `.tofu.json`), by name or path. Terraform and OpenTofu ignore a hidden one (`.main.tf`, what
 * editors and tools leave beside a file), and so does the engine.
 */
export function isConfigFile(name: string): boolean {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  return !base.startsWith('.') && CONFIG_SUFFIXES.some((s) => base.endsWith(s));
}

/**
 * A folder no walk of a workspace descends into: a hidden one (Terraform's `.terraform`, VCS
 * data, `.terragrunt-cache`, editors' histories and test installs, all copies or tool state)
 * or `node_modules`. The editor's listing, its index and the CLI use this one test, so CI
 * analyses exactly the folders the editor does. A folder given by name is walked even so.
 */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** A configuration file in JSON syntax. */
export function isJsonConfigFile(name: string): boolean {
  return name.endsWith('.tf.json') || name.endsWith('.tofu.json');
}

/** The name without its configuration suffix (`main` for `main.tf.json`); undefined for other files. */
export function configStem(name: string): string | undefined {
  for (const s of ['.tf.json', '.tofu.json', '.tf', '.tofu']) if (name.endsWith(s)) return name.slice(0, -s.length);
  return undefined;
}

/**
 * An override file: `override.tf`, `*_override.tf`, and their `.tofu` and JSON forms. Terraform
 * merges them into the module after the other files, in lexical order.
 */
export function isOverrideFile(name: string): boolean {
  const stem = configStem(name);
  return stem !== undefined && (stem === 'override' || stem.endsWith('_override'));
}

/**
 * The configuration files a module loads from a folder's file names, sorted: OpenTofu reads
 * `name.tofu` in place of `name.tf` (and `name.tofu.json` in place of `name.tf.json`) when both
 * exist.
 */
export function loadedConfigNames(names: readonly string[]): string[] {
  const present = new Set(names);
  return names
    .filter((n) => {
      if (!isConfigFile(n)) return false;
      if (n.endsWith('.tf.json')) return !present.has(`${n.slice(0, -'.tf.json'.length)}.tofu.json`);
      if (n.endsWith('.tf')) return !present.has(`${n.slice(0, -'.tf'.length)}.tofu`);
      return n.endsWith('.tofu') || n.endsWith('.tofu.json');
    })
    .sort();
}
