// Splits a large CLI run into batches of module folders that can be analysed apart: a folder
// and every folder it calls (or is called by) go to the same batch. Working this out must not
// cost a parse of the workspace, so module calls are found by a plain text search for local
// `source = "./…"` paths. The search is only a first guess: a call it misses (or a module two
// batches share, such as a registry module's stand-in) is caught after the analysis, which
// then merges the batches concerned and analyses them again (see runBatches).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { readBounded } from '../model/node-host';
import { isConfigFile, normalizeDir } from '../model/paths';
import { listingEntry, type WalkListing } from './walk';

export interface FolderScan {
  dir: string;
  /** `.tf` files and their bytes: the measure batches are balanced by, and the throughput. */
  files: number;
  bytes: number;
  /** Folders the module's local `source` paths point at (normalised, may not exist). */
  calls: string[];
}

// A local module source as Terraform requires it: a literal string starting with ./ or ../,
// in native syntax (`source = "../vpc"`) or JSON (`"source": "../vpc"`).
const LOCAL_SOURCE = /\bsource"?\s*[=:]\s*"(\.\.?(?:[/\\][^"\n]*)?)"/g;

/**
 * Bytes the scan read, kept for the analysis in this process so that it does not read every
 * file a second time; each is handed out once (takeScanned), and the rest are dropped when the
 * run's batches are done (forgetScanned).
 */
const scanned = new Map<string, Buffer>();
/** The folder listings the scan made (or was given by the walk), handed out once like the bytes. */
const listed = new Map<string, WalkListing>();

export function takeListed(dir: string): WalkListing | undefined {
  const l = listed.get(dir);
  if (l !== undefined) listed.delete(dir);
  return l;
}

export function takeScanned(file: string): Buffer | undefined {
  const b = scanned.get(file);
  if (b !== undefined) scanned.delete(file);
  return b;
}

export function forgetScanned(): void {
  scanned.clear();
  listed.clear();
}

/**
 * Reads the `.tf` files of each folder for their size and local module calls. `listings`: the
 * walk's listings of these folders, used instead of listing them again.
 */
export function scanFolders(dirs: readonly string[], listings?: ReadonlyMap<string, WalkListing>): FolderScan[] {
  return dirs.map((dir) => {
    const out: FolderScan = { dir, files: 0, bytes: 0, calls: [] };
    let listing = listings?.get(dir);
    if (!listing) {
      try {
        listing = { entries: fs.readdirSync(dir, { withFileTypes: true }).map(listingEntry) };
      } catch {
        return out;
      }
    }
    listed.set(dir, listing);
    for (const { name, isDir, isFile } of listing.entries) {
      if (isDir || !isConfigFile(name)) continue;
      const file = path.join(dir, name);
      // A file the listing showed as a regular one is opened without a check before (the
      // check after opening stays).
      const r = readBounded(file, undefined, isFile);
      if ('error' in r) continue; // the analysis reports it
      const buf = r.bytes;
      scanned.set(file, buf);
      out.files++;
      out.bytes += buf.length;
      // Most files call no local module: the byte search spares decoding them (every file
      // with a `resource` holds "source"; a local source's value starts with `".`).
      if (buf.indexOf('source') < 0 || buf.indexOf('".') < 0) continue;
      for (const m of buf.toString('utf8').matchAll(LOCAL_SOURCE)) out.calls.push(normalizeDir(path.join(dir, m[1].replace(/\\/g, '/'))));
    }
    return out;
  });
}

export interface Batch {
  /** Module folders analysed as roots of one workspace, sorted. */
  dirs: string[];
  files: number;
  bytes: number;
}

/**
 * A batch closes once it has this many bytes or folders (whichever first). Small on purpose:
 * a batch's syntax trees and model die with it, and when a batch is done within a young-
 * generation cycle or two they die young, where collecting them is cheap; large batches got
 * them copied and promoted first (measured with bench/cli-bench.ts: 64 folders 1.56 s, 8
 * folders 1.40 s, 1 folder 1.53 s, the last paying per-batch costs).
 */
export const BATCH_BYTES = 32 * 1024;
export const BATCH_DIRS = 8;

/**
 * Groups folders connected by module calls and packs the groups, in folder order, into batches
 * of about BATCH_BYTES. The result depends on the workspace only, never on the thread count,
 * so every --jobs setting analyses the same batches.
 */
export function planBatches(scans: readonly FolderScan[]): Batch[] {
  const index = new Map(scans.map((s, i) => [s.dir, i]));
  const parent = scans.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  scans.forEach((s, i) => {
    for (const c of s.calls) {
      const j = index.get(c);
      if (j === undefined) continue;
      const [a, b] = [find(i), find(j)];
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  });
  const groups = new Map<number, FolderScan[]>();
  const order = scans.map((s, i) => ({ s, i })).sort((a, b) => (a.s.dir < b.s.dir ? -1 : a.s.dir > b.s.dir ? 1 : 0));
  for (const { s, i } of order) {
    const g = find(i);
    const list = groups.get(g);
    if (list) list.push(s);
    else groups.set(g, [s]);
  }
  const batches: Batch[] = [];
  let cur: Batch | undefined;
  for (const group of groups.values()) {
    cur ??= { dirs: [], files: 0, bytes: 0 };
    for (const s of group) {
      cur.dirs.push(s.dir);
      cur.files += s.files;
      cur.bytes += s.bytes;
    }
    if (cur.bytes >= BATCH_BYTES || cur.dirs.length >= BATCH_DIRS) {
      batches.push(cur);
      cur = undefined;
    }
  }
  if (cur) batches.push(cur);
  for (const b of batches) b.dirs.sort();
  return batches;
}
