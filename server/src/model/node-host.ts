// Reads modules from the file system. Never throws: a file that cannot be had as text comes
// back as `{ error }` saying why.
//
// Every file may have been written by an attacker, so a read is bounded before it starts:
// only regular files are opened (a FIFO, a device or a socket is refused without opening it),
// the size is checked first and the read stops at the limit whatever the file grows to, and,
// given a boundary, a path inside it that a symlink leads out of is not read at all.

import * as nodeBuffer from 'node:buffer';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { isOutside, readRefusal, realOf, type Boundary } from './boundary';
import { MAX_FILE_BYTES } from './limits';
import type { Host } from './types';

export { MAX_FILE_BYTES };

export interface NodeHostOptions {
  /** Files larger than this are not read (default `MAX_FILE_BYTES`). */
  maxFileBytes?: number;
  /** Where reading is allowed (see boundary.ts); everything when absent. */
  boundary?: Boundary;
  /**
   * No folder is replaced by a symlink while this host lives (a CLI run, which reads a snapshot):
   * a folder's real path is then resolved once, and a file's from its folder's with one lstat.
   */
  stableFolders?: boolean;
  /**
   * Bytes of files already read in this run (and no longer needed there), taken instead of
   * reading the file again; every check but the read itself still applies.
   */
  prefetched?: (path: string) => Buffer | undefined;
  /**
   * Likewise a folder's listing already made in this run, with the folder's real path when
   * known: under `stableFolders`, an entry listed as neither a folder nor a symlink then needs
   * no system call to tell its real path.
   */
  prelisted?: (dir: string) => { real?: string; entries: { name: string; isDir: boolean; isLink?: boolean }[] } | undefined;
}

const SNIFF_BYTES = 64 * 1024;

/** Node's native ASCII check (Node 18.15 and later; an editor's older runtime decodes instead). */
const isAscii: ((input: Uint8Array) => boolean) | undefined = (nodeBuffer as { isAscii?: (input: Uint8Array) => boolean }).isAscii;

export function nodeHost(options: NodeHostOptions = {}): Host {
  const maxBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const boundary = options.boundary;
  const outside = new Map<string, boolean>();
  const realDirs = new Map<string, string>();
  // A file's real path is asked when it is read and again when its findings are shown: the
  // answer given when it was read stands for the bytes that were read.
  const reals = new Map<string, string>();
  /** Files a listing of this run showed as plain (not symlinks), by absolute path. */
  const plainFiles = new Set<string>();
  const realNow = (abs: string): string => {
    if (!plainFiles.has(abs)) {
      try {
        if (fs.lstatSync(abs).isSymbolicLink()) return realOf(abs);
      } catch {
        return realOf(abs);
      }
    }
    const dir = nodePath.dirname(abs);
    let r = realDirs.get(dir);
    if (r === undefined) realDirs.set(dir, (r = realOf(dir)));
    return dir === abs ? r : nodePath.join(r, nodePath.basename(abs));
  };
  const real = options.stableFolders
    ? (p: string): string => {
        const abs = nodePath.resolve(p);
        let r = reals.get(abs);
        if (r === undefined) reals.set(abs, (r = realNow(abs)));
        return r;
      }
    : realOf;
  return {
    readDir(dir) {
      const had = options.prelisted?.(dir);
      if (had) {
        if (options.stableFolders) {
          const abs = nodePath.resolve(dir);
          if (had.real !== undefined && !realDirs.has(abs)) realDirs.set(abs, had.real);
          for (const e of had.entries) if (e.isLink === false && !e.isDir) plainFiles.add(nodePath.join(abs, e.name));
        }
        return had.entries.map((e) => ({ name: e.name, isDir: e.isDir }));
      }
      try {
        const entries = fs.readdirSync(dir, { withFileTypes: true });
        if (options.stableFolders) {
          // As with a listing given: an entry listed as neither a folder nor a symlink needs no
          // lstat when read.
          const abs = nodePath.resolve(dir);
          for (const d of entries) if (!d.isSymbolicLink() && !d.isDirectory()) plainFiles.add(nodePath.join(abs, d.name));
        }
        return entries.map((d) => ({ name: d.name, isDir: d.isDirectory() }));
      } catch (e) {
        // A folder that is not there has nothing; one that is there but cannot be listed says why.
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return [];
        throw e;
      }
    },
    readFile(path, limit) {
      const why = boundary && readRefusal(path, boundary, real);
      if (why) return { error: `${path} is not read: ${why}` };
      const max = Math.min(maxBytes, limit ?? maxBytes);
      const had = options.prefetched?.(path);
      const r = had !== undefined && had.length <= max ? { bytes: had } : readBounded(path, max);
      if ('error' in r) return r;
      const bad = binaryReason(r.bytes);
      if (bad) return { error: `${path} is not a text file (${bad}); not analysed` };
      return { text: r.bytes.toString('utf8') };
    },
    isOutside: boundary
      ? (path) => {
          let o = outside.get(path);
          if (o === undefined) outside.set(path, (o = isOutside(path, boundary, real)));
          return o;
        }
      : undefined,
  };
}

/**
 * The bytes of a regular file of at most `maxBytes`, or why not. The file is checked before it
 * is opened (no FIFO or device is ever opened), opened without blocking, checked again, and
 * read only up to the limit. `listedRegular`: a listing of its folder just showed it as a
 * regular file (not a symlink), which stands for the check before opening.
 */
export function readBounded(path: string, maxBytes: number = MAX_FILE_BYTES, listedRegular = false): { bytes: Buffer } | { error: string } {
  let fd: number | undefined;
  try {
    if (!listedRegular) {
      const st = fs.statSync(path);
      if (st.isDirectory()) return { error: `${path} is a folder, not a file` };
      if (!st.isFile()) return { error: `${path} is not a regular file (a device, pipe or socket); not read` };
      if (st.size > maxBytes) return { error: tooLarge(path, st.size, maxBytes) };
    }
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const again = fs.fstatSync(fd);
    if (!again.isFile()) return { error: `${path} is not a regular file (a device, pipe or socket); not read` };
    if (again.size > maxBytes) return { error: tooLarge(path, again.size, maxBytes) };
    // One byte past the limit tells a file that grew since the check.
    const buf = Buffer.allocUnsafe(Math.min(again.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const got = fs.readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      // A regular file gives all that is asked up to its end: the size it had is all of it.
      if (n === buf.length || n === again.size) break;
    }
    if (n > maxBytes) return { error: tooLarge(path, n, maxBytes) };
    if (n === buf.length) return { error: `${path} changed while being read; not analysed` };
    return { bytes: buf.subarray(0, n) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const msg = e instanceof Error ? e.message : String(e);
    // A name whose bytes are not UTF-8 is listed with U+FFFD in their place, a name no file has.
    if (code === 'ENOENT' && path.includes('\uFFFD')) return { error: `cannot read ${path}: its name is not valid UTF-8` };
    return { error: `cannot read ${path}: ${code ?? msg}` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function tooLarge(path: string, size: number, maxBytes: number): string {
  return `${path} is ${(size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit; not analysed`;
}

/** Why a buffer is not UTF-8 text, or undefined when it is. */
export function binaryReason(buf: Uint8Array): string | undefined {
  const head = buf.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return 'it contains NUL bytes';
  // Most configuration is plain ASCII: nothing to decode to know it is text.
  if (isAscii?.(head)) return undefined;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  let bad = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  // A stray invalid byte is tolerated (a Latin-1 comment); many mean another encoding or binary.
  if (bad > 8 && bad > text.length / 100) return 'it is not valid UTF-8';
  return undefined;
}
