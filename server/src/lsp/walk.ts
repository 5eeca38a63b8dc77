// Finds the module folders (folders holding `.tf` files) under the workspace folders without
// blocking the server: asynchronous reads, a yield between folders, symlink loops skipped, and
// no symlink followed out of the workspace folders (a link to `/` would have the index analyse
// the whole file system). A folder that cannot be listed is among the module folders (and the
// skipped ones): its analysis reports that its files cannot be read.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { insideAny, realOf } from '../model/boundary';
import { isConfigFile, isSkippedFolder } from '../model/paths';

/** How many folders' listings are asked for before their turn. */
const READ_AHEAD = 8;

type Listing = { entries: import('node:fs').Dirent[] } | { error: unknown };

export interface WalkResult {
  dirs: string[];
  skipped: { dir: string; reason: string }[];
}

export function isTerraformFile(p: string): boolean {
  return isConfigFile(p) || p.endsWith('.tfvars');
}

export async function findModuleDirs(
  roots: readonly string[],
  isCancelled: () => boolean = () => false,
  /** Awaited before each folder: the caller's chance to let more urgent work go first. */
  beforeEach?: () => Promise<void>,
): Promise<WalkResult> {
  const dirs: string[] = [];
  const skipped: WalkResult['skipped'] = [];
  const seen = new Set<string>();
  // Each folder with its real path when known: a folder reached through a plain (not
  // symlinked) entry of a folder whose real path is known is that path plus its name, and
  // resolving it again would cost a system call per level of the path, for every folder.
  const queue: [string, string | undefined][] = roots.map((r) => [r, undefined]);
  const inside = roots.map(realOf);
  // Listings are asked for a few folders ahead: one read at a time would leave the thread
  // pool idle between a folder's answer and the next folder's question.
  const listings = new Map<number, Promise<Listing>>();
  const listing = (i: number): Promise<Listing> => {
    let p = listings.get(i);
    if (!p) {
      p = fs.readdir(queue[i][0], { withFileTypes: true }).then(
        (entries) => ({ entries }),
        (error: unknown) => ({ error }),
      );
      listings.set(i, p);
    }
    return p;
  };
  for (let next = 0; next < queue.length && !isCancelled(); next++) {
    if (beforeEach) await beforeEach();
    if (isCancelled()) break;
    // The previous folder's listing is used (or it was skipped): let it go.
    listings.delete(next - 1);
    for (let i = next; i < Math.min(queue.length, next + READ_AHEAD); i++) if (queue[i][1] !== undefined) void listing(i);
    const [dir, knownReal] = queue[next];
    let real: string;
    let entries: import('node:fs').Dirent[];
    try {
      real = knownReal ?? (await fs.realpath(dir));
      if (seen.has(real)) continue;
      seen.add(real);
      if (!insideAny(real, inside)) {
        skipped.push({ dir, reason: 'a symlink to a folder outside the workspace folders; not followed' });
        continue;
      }
    } catch (e) {
      skipped.push({ dir, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
      continue;
    }
    const read = await listing(next);
    if ('entries' in read) entries = read.entries;
    else {
      const e = read.error;
      // It may hold Terraform files: a module folder, whose analysis says it cannot be read.
      skipped.push({ dir, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
      dirs.push(dir);
      continue;
    }
    let hasTf = false;
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!isSkippedFolder(e.name)) queue.push([path.join(dir, e.name), path.join(real, e.name)]);
      } else if (e.isSymbolicLink()) {
        // Followed; realpath above stops loops.
        const st = await fs.stat(path.join(dir, e.name)).catch(() => undefined);
        if (st?.isDirectory()) {
          if (!isSkippedFolder(e.name)) queue.push([path.join(dir, e.name), undefined]);
        } else if (st?.isFile() && isConfigFile(e.name)) hasTf = true;
      } else if (e.isFile() && isConfigFile(e.name)) hasTf = true;
    }
    if (hasTf) dirs.push(dir);
  }
  return { dirs, skipped };
}
