// Where the engine may read and write, computed once from real paths.
//
// Reading: the repository that holds the given paths (the folder with `.git` above them), or
// the given paths themselves outside a repository (the editor's workspace folders in the
// server). A file reached through a symlink that leaves it is not read; a module source
// outside it is still followed, as Terraform follows it, but what is read there is never
// printed verbatim (see `engine/redact.ts`).
//
// Writing: only regular files inside the paths the user gave, reached without a symlink and
// with one link, opened so that a symlink swapped in at the last moment is not followed.

import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Boundary {
  /** Real paths of the folders whose files may be read and printed. */
  readonly read: readonly string[];
  /** Real paths of the folders (or files) a fix may write. */
  readonly write: readonly string[];
}

/** The real path, or the normalised path when it cannot be resolved (absent, unreadable). */
export function realOf(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return path.resolve(p);
  }
}

/** True when `p` is one of `roots` or below one of them (all real, absolute paths). */
export function insideAny(p: string, roots: readonly string[]): boolean {
  for (const r of roots) {
    if (p === r) return true;
    const base = r.endsWith(path.sep) ? r : r + path.sep;
    if (p.startsWith(base)) return true;
  }
  return false;
}

/** The top folder of the git repository holding `p` (a `.git` folder or file above it). */
export function repositoryTop(p: string): string | undefined {
  let dir = realOf(p);
  try {
    if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (let i = 0; i < 200; i++) {
    try {
      fs.lstatSync(path.join(dir, '.git'));
      return dir;
    } catch {
      // not here
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

/** The boundary for paths given on a command line (or the editor's workspace folders). */
export function boundaryOf(given: readonly string[]): Boundary {
  const write = [...new Set(given.map((g) => realOf(g)))];
  const read = new Set<string>();
  for (const w of write) read.add(repositoryTop(w) ?? dirOrSelf(w));
  return { read: [...read], write };
}

function dirOrSelf(p: string): string {
  try {
    return fs.statSync(p).isDirectory() ? p : path.dirname(p);
  } catch {
    return p;
  }
}

/**
 * Why `p` may not be read as configuration or variables, or undefined when it may: a path
 * inside the reading boundary whose real path leaves it (a symlink out of the repository).
 * A path that is outside to begin with (a module source outside) is allowed: see `isOutside`.
 */
export function readRefusal(p: string, b: Boundary, realpath: (p: string) => string = realOf): string | undefined {
  const abs = path.resolve(p);
  if (!insideAny(abs, b.read)) return undefined;
  const real = realpath(abs);
  if (real === abs || insideAny(real, b.read)) return undefined;
  return 'it is a symlink that leads outside the repository';
}

/** True when what is read at `p` comes from outside the reading boundary. */
export function isOutside(p: string, b: Boundary, realpath: (p: string) => string = realOf): boolean {
  return !insideAny(realpath(p), b.read);
}

/**
 * Why a fix may not write `file`, or undefined when it may: it must be a regular file with
 * one link, inside the paths the user gave, reached through no symlink.
 */
export function writeRefusal(file: string, b: Boundary): string | undefined {
  const abs = path.resolve(file);
  let st: fs.Stats;
  try {
    st = fs.lstatSync(abs);
  } catch (e) {
    return `it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
  }
  if (st.isSymbolicLink()) return 'it is a symlink';
  if (!st.isFile()) return 'it is not a regular file';
  if (st.nlink > 1) return 'it has other hard links';
  const real = realOf(abs);
  if (real !== abs) return 'its folder is reached through a symlink';
  if (!insideAny(real, b.write)) return 'it is outside the paths given';
  return undefined;
}

/** Writes all of `buf[from, to)` at `at`, however many calls it takes. */
function writeAll(fd: number, buf: Buffer, from: number, to: number, at: number): void {
  while (from < to) {
    const n = fs.writeSync(fd, buf, from, to - from, at);
    // A regular file takes some of every write or says why not: nothing taken is a failure too.
    if (n <= 0) throw Object.assign(new Error('nothing written'), { code: 'EIO' });
    from += n;
    at += n;
  }
}

/** The whole of an open file of `size` bytes. */
function readAll(fd: number, size: number): Buffer {
  const buf = Buffer.alloc(size);
  let n = 0;
  while (n < size) {
    const got = fs.readSync(fd, buf, n, size - n, n);
    if (got === 0) break;
    n += got;
  }
  return buf.subarray(0, n);
}

/**
 * Writes `text` to `file` if `writeRefusal` allows it, opening the file without following a
 * symlink and checking that it is still the file that was checked and still holds `before`, the
 * text the fixes were made on (a change since is never overwritten).
 * A write that fails (a full disk) leaves the file as it was: the part past its old end is
 * written first, where a full disk shows, and the old text is put back if the rest fails.
 * Returns why not, or undefined when written.
 */
export function writeInside(file: string, text: string, b: Boundary, before: string): string | undefined {
  const why = writeRefusal(file, b);
  if (why) return why;
  const abs = path.resolve(file);
  const checked = fs.lstatSync(abs);
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, fs.constants.O_RDWR | (fs.constants.O_NOFOLLOW ?? 0));
    const st = fs.fstatSync(fd);
    if (st.ino !== checked.ino || st.dev !== checked.dev || !st.isFile() || st.nlink > 1) return 'it changed while being written';
    if (st.size !== Buffer.byteLength(before, 'utf8')) return 'it changed since it was read';
    const old = readAll(fd, st.size);
    if (!old.equals(Buffer.from(before, 'utf8'))) return 'it changed since it was read';
    const next = Buffer.from(text, 'utf8');
    const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? String(e);
    if (next.length > old.length) {
      try {
        writeAll(fd, next, old.length, next.length, old.length);
      } catch (e) {
        fs.ftruncateSync(fd, old.length);
        return `it cannot be written (${code(e)}); it is unchanged`;
      }
    }
    try {
      writeAll(fd, next, 0, Math.min(old.length, next.length), 0);
      if (next.length < old.length) fs.ftruncateSync(fd, next.length);
    } catch (e) {
      try {
        writeAll(fd, old, 0, old.length, 0);
        fs.ftruncateSync(fd, old.length);
        return `it cannot be written (${code(e)}); it is unchanged`;
      } catch {
        return `it cannot be written (${code(e)}); it may be left incomplete`;
      }
    }
    return undefined;
  } catch (e) {
    return `it cannot be written (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
