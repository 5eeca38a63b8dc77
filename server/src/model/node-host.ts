// Reads modules from the file system. Never throws: a file that cannot be had as text comes
// back as `{ error }` saying why.

import * as fs from 'node:fs';
import type { Host } from './types';

export interface NodeHostOptions {
  /** Files larger than this are not read (default 20 MB). */
  maxFileBytes?: number;
}

const SNIFF_BYTES = 64 * 1024;

export function nodeHost(options: NodeHostOptions = {}): Host {
  const maxBytes = options.maxFileBytes ?? 20 * 1024 * 1024;
  return {
    readDir(dir) {
      try {
        return fs.readdirSync(dir, { withFileTypes: true }).map((d) => ({ name: d.name, isDir: d.isDirectory() }));
      } catch {
        return [];
      }
    },
    readFile(path) {
      try {
        const st = fs.statSync(path);
        if (st.isDirectory()) return { error: `${path} is a folder, not a file` };
        if (st.size > maxBytes) {
          return { error: `${path} is ${(st.size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit; not analysed` };
        }
        const buf = fs.readFileSync(path);
        const why = binaryReason(buf);
        if (why) return { error: `${path} is not a text file (${why}); not analysed` };
        return { text: buf.toString('utf8') };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const msg = e instanceof Error ? e.message : String(e);
        return { error: `cannot read ${path}: ${code ?? msg}` };
      }
    },
  };
}

/** Why a buffer is not UTF-8 text, or undefined when it is. */
export function binaryReason(buf: Uint8Array): string | undefined {
  const head = buf.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return 'it contains NUL bytes';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  let bad = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  // A stray invalid byte is tolerated (a Latin-1 comment); many mean another encoding or binary.
  if (bad > 8 && bad > text.length / 100) return 'it is not valid UTF-8';
  return undefined;
}
