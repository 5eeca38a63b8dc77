// Runs the server bundle with V8's code cache. Compiling the 1 MB bundle, and then every
// function the first analysis calls, is a large part of the time to the first diagnostics;
// V8 can hand back that compiled code as bytes and take it again on the next start. The
// cache is written once per bundle, after the first file was served (so it holds the code
// that path compiled), next to the bundle; it is only a speed-up: any problem with it and
// the bundle is compiled from its source as usual.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

export interface CachedModule {
  exports: unknown;
  /** True when the cache was read and V8 took it. */
  fromCache: boolean;
  /** Writes the compiled code for the next start, once, and only when no good cache was read. */
  save(): void;
}

/** Where the compiled code of `file` is kept: V8 only takes code from its own version. */
export function cacheFileOf(file: string): string {
  return `${file}.${process.arch}-${process.versions.v8}.cache`;
}

/** The bundle as it is on disk: a cache written for another build is never used. */
function stampOf(file: string): string {
  const st = fs.statSync(file);
  return `${st.size}:${st.mtimeMs}:${st.ino}\n`;
}

/**
 * V8 checks that cached code is for its version and this source, but trusts the bytes: a
 * damaged file would end the process. So the file carries a digest of the code too.
 */
function digest(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function readCache(cacheFile: string, stamp: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const head = Buffer.from(stamp);
  const hashEnd = head.length + 65;
  if (data.length <= hashEnd || !data.subarray(0, head.length).equals(head)) return undefined;
  const code = data.subarray(hashEnd);
  return data.toString('latin1', head.length, hashEnd) === `${digest(code)}\n` ? code : undefined;
}

function cacheBytes(stamp: string, code: Buffer): Buffer {
  return Buffer.concat([Buffer.from(stamp), Buffer.from(`${digest(code)}\n`), code]);
}

/** Loads a CommonJS bundle as require() would, compiled with the cached code when there is some. */
export function loadWithCodeCache(file: string): CachedModule {
  const source = fs.readFileSync(file, 'utf8');
  const stamp = stampOf(file);
  const cacheFile = cacheFileOf(file);
  const cachedData = readCache(cacheFile, stamp);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const fromCache = cachedData !== undefined && script.cachedDataRejected === false;
  const fn = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  const m = new Module(file, module);
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  fn.call(m.exports, m.exports, Module.createRequire(file), m, file, path.dirname(file));
  m.loaded = true;
  let pending = !fromCache;
  return {
    exports: m.exports,
    fromCache,
    save() {
      if (!pending) return;
      pending = false;
      // Another server may write the same file at the same moment: each writes its own and renames.
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(tmp, cacheBytes(stamp, script.createCachedData()));
        fs.renameSync(tmp, cacheFile);
      } catch {
        // A read-only install: every start compiles, as without the cache.
        try {
          fs.rmSync(tmp, { force: true });
        } catch {
          // nothing to clean
        }
      }
    },
  };
}
