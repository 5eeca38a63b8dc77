// Finds the module folders (folders holding `.tf` files) under the workspace folders without
// blocking the server: asynchronous reads, a yield between folders, symlink loops skipped, and
// no symlink followed out of the workspace folders (a link to `/` would have the index analyse
// the whole file system). A folder that cannot be listed is among the module folders (and the
// skipped ones): its analysis reports that its files cannot be read.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { insideAny, realOf } from '../model/boundary';
import { isConfigFile } from '../model/paths';

/** Folders never worth descending into. */
const SKIP = new Set(['.git', '.terraform', 'node_modules', '.terragrunt-cache', '.vscode-test']);

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
  const queue = [...roots];
  const inside = roots.map(realOf);
  while (queue.length && !isCancelled()) {
    if (beforeEach) await beforeEach();
    if (isCancelled()) break;
    const dir = queue.shift()!;
    let real: string;
    let entries: import('node:fs').Dirent[];
    try {
      real = await fs.realpath(dir);
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
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      // It may hold Terraform files: a module folder, whose analysis says it cannot be read.
      skipped.push({ dir, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
      dirs.push(dir);
      continue;
    }
    let hasTf = false;
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) queue.push(path.join(dir, e.name));
      } else if (e.isSymbolicLink()) {
        // Followed; realpath above stops loops.
        const st = await fs.stat(path.join(dir, e.name)).catch(() => undefined);
        if (st?.isDirectory()) queue.push(path.join(dir, e.name));
        else if (st?.isFile() && isConfigFile(e.name)) hasTf = true;
      } else if (e.isFile() && isConfigFile(e.name)) hasTf = true;
    }
    if (hasTf) dirs.push(dir);
  }
  return { dirs, skipped };
}
