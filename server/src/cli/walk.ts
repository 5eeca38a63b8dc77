// Finds the module folders below a path: every folder holding `.tf` files, skipping
// hidden folders (Terraform's own cache, VCS data) and dependencies, never looping on symlinks and never
// following one out of the boundary (a link to `/` would walk the whole file system). A folder
// that cannot be listed is one too: its analysis reports that its files cannot be read.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { insideAny, type Boundary } from '../model/boundary';
import { isConfigFile, isSkippedFolder } from '../model/paths';

/** A module folder's listing as the walk made it, with the folder's real path. */
export interface WalkListing {
  /** The folder's real path, when known. */
  real?: string;
  /**
   * As a host lists a folder: `isDir` of the entry itself (a symlink is not a folder); `isFile`
   * for a regular file that is no symlink.
   */
  entries: { name: string; isDir: boolean; isLink: boolean; isFile: boolean }[];
}

/** A listing's entry as the walk and the scan make it. */
export function listingEntry(e: fs.Dirent): WalkListing['entries'][number] {
  return { name: e.name, isDir: e.isDirectory(), isLink: e.isSymbolicLink(), isFile: e.isFile() };
}

/**
 * The module folders below `start`, sorted. With `listings`, each module folder's listing and
 * real path are put there, for the scan and the analysis not to list and resolve it again.
 */
export function findModuleDirs(
  start: string,
  warn: (msg: string) => void,
  boundary?: Boundary,
  listings?: Map<string, WalkListing>,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  // `knownReal` is the real path of a folder reached through a plain (not symlinked) entry of a
  // folder whose real path is known: resolving it again would cost a system call per level of
  // the path, for every folder of the tree.
  const visit = (dir: string, knownReal?: string) => {
    let real: string;
    if (knownReal !== undefined) real = knownReal;
    else {
      try {
        real = fs.realpathSync(dir);
      } catch (e) {
        warn(`${dir}: cannot be resolved (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
        return;
      }
    }
    if (seen.has(real)) return;
    seen.add(real);
    if (boundary && !insideAny(real, boundary.read)) {
      warn(`${dir}: a symlink to a folder outside the repository; not followed`);
      return;
    }
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      // It may hold Terraform files: analysed as a module, which reports that it cannot be read.
      out.push(dir);
      return;
    }
    let hasTf = false;
    for (const e of entries) {
      const p = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      const link = e.isSymbolicLink();
      if (link) {
        try {
          const st = fs.statSync(p);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // a dangling link
        }
      }
      if (isFile && isConfigFile(e.name)) hasTf = true;
      else if (isDir && !isSkippedFolder(e.name)) visit(p, link ? undefined : path.join(real, e.name));
    }
    if (hasTf) {
      out.push(dir);
      listings?.set(dir, { real, entries: entries.map(listingEntry) });
    }
  };
  let st: fs.Stats;
  try {
    st = fs.statSync(start);
  } catch (e) {
    warn(`${start}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return out;
  }
  if (st.isDirectory()) visit(start);
  else out.push(path.dirname(start));
  return out.sort();
}
