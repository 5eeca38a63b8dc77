// Module calls whose source is not a local folder (registry, git, ...). After `terraform init`,
// `.terraform/modules/modules.json` in the root module's folder maps every call, by the dotted
// path of call names from the root (`vpc`, `vpc.nested`), to the folder it was installed in
// (relative to the root). Such a folder is followed as a local module is. A call that is not
// installed is followed into a built-in stand-in when the module is known (known-modules/),
// and stays opaque otherwise.

import { knownModuleDir, knownModuleLabel } from './known-modules/index';
import { joinPath, normalizeDir } from './paths';
import type { BlockEntry, ModuleInstance } from './types';

export const MANIFEST = '.terraform/modules/modules.json';

interface ManifestEntry {
  Key: string;
  Source?: string;
  Version?: string;
  Dir: string;
}

/** What the model needs from the workspace to read a manifest. */
export interface ManifestReader {
  /** The text of a file, or undefined when it cannot be read. */
  readText?(path: string): string | undefined;
  /** A folder's module data; undefined when it has no `.tf` files. */
  dirData(dir: string): unknown;
}

const manifests = new WeakMap<ManifestReader, Map<string, Map<string, ManifestEntry> | null>>();
/** How findings name the module of a folder that is not the user's own: source and version. */
const labels = new Map<string, string>();

function manifest(reader: ManifestReader, rootDir: string): Map<string, ManifestEntry> | undefined {
  let byRoot = manifests.get(reader);
  if (!byRoot) manifests.set(reader, (byRoot = new Map<string, Map<string, ManifestEntry> | null>()));
  const hit = byRoot.get(rootDir);
  if (hit !== undefined) return hit ?? undefined;
  let out: Map<string, ManifestEntry> | null = null;
  const text = reader.readText?.(joinPath(rootDir, MANIFEST));
  if (text !== undefined) {
    try {
      const json = JSON.parse(text.replace(/^\uFEFF/, '')) as { Modules?: unknown };
      if (Array.isArray(json.Modules)) {
        out = new Map();
        for (const e of json.Modules as ManifestEntry[]) {
          if (e && typeof e.Key === 'string' && typeof e.Dir === 'string') out.set(e.Key, e);
        }
      }
    } catch {
      // A manifest being rewritten by `terraform init`: read as absent.
    }
  }
  byRoot.set(rootDir, out);
  return out ?? undefined;
}

/** The root instance above `m` and the call names leading from it to `m`. */
function rootAndKey(m: ModuleInstance): { root: ModuleInstance; names: string[] } {
  const names: string[] = [];
  let cur = m;
  for (let i = 0; cur.parent && i < 100; i++) {
    names.unshift(cur.parent.call.name);
    cur = cur.parent.module;
  }
  return { root: cur, names };
}

/**
 * The folder to follow for a non-local module call made in `m`: the installed copy, else a
 * known module's stand-in; undefined when neither.
 */
export function remoteModuleDir(
  m: ModuleInstance,
  call: BlockEntry,
  source: string,
  version: string | undefined,
  reader: ManifestReader,
): string | undefined {
  const { root, names } = rootAndKey(m);
  const entry = manifest(reader, root.dir)?.get([...names, call.name].join('.'));
  if (entry) {
    const dir = normalizeDir(joinPath(root.dir, entry.Dir));
    if (reader.dirData(dir) !== undefined) {
      const src = entry.Source ?? source;
      labels.set(dir, `${src}${entry.Version ? ` ${entry.Version}` : ''} (installed)`);
      return dir;
    }
  }
  return knownModuleDir(root.dir, source, version);
}

/** Source and version of a module folder that is installed or known, for messages. */
export function moduleLabel(dir: string): string | undefined {
  return labels.get(dir) ?? knownModuleLabel(dir);
}
