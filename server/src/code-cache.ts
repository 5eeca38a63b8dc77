// Runs a bundle with V8's code cache. Compiling a 1 MB bundle, and then every function the
// first run calls, is a large part of a short run; V8 can hand back that compiled code as bytes
// and take it again on the next start. It is only a speed-up: any problem with a cache and the
// bundle is compiled from its source as usual. Two kinds:
// - the language server's (`loadWithCodeCache`): written once per bundle, after the first file
//   was served (so it holds the code that path compiled), in a cache folder of the user's (the
//   editor's storage for the extension, else the system's cache folder: see `cacheDirOf`),
//   never in the extension's own folder nor the workspace;
// - the CLI's (`loadWithBuiltCache`): written by the build beside the bundle, after a run over
//   the bundled examples, and only read at run time. It holds the digest of the source it was
//   compiled from: a cache of another build, or one V8 of another version wrote, is not used.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

export interface CachedModule {
  exports: unknown;
  /** True when the cache was read and V8 took it. */
  fromCache: boolean;
  /** Writes the compiled code for the next start, once, and only when no good cache was read. */
  save(): void;
}

/** The environment variable the editor's client sets to its storage folder for the cache. */
export const CACHE_DIR_ENV = 'PRIVATELINK_CACHE_DIR';

const APP = 'privatelink-terraform';

/**
 * The folder for the cache: the one the client gave (its storage folder), else the system's
 * cache folder for this program ($XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on
 * macOS, %LOCALAPPDATA% on Windows). Only absolute paths are taken.
 */
export function cacheDirOf(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string | undefined {
  const given = env[CACHE_DIR_ENV];
  if (given && path.isAbsolute(given)) return given;
  if (platform === 'win32') {
    const local =
      env.LOCALAPPDATA && path.win32.isAbsolute(env.LOCALAPPDATA)
        ? env.LOCALAPPDATA
        : home
          ? path.win32.join(home, 'AppData', 'Local')
          : undefined;
    return local ? path.win32.join(local, APP, 'Cache') : undefined;
  }
  if (!home && !env.XDG_CACHE_HOME) return undefined;
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', APP);
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : home ? path.join(home, '.cache') : undefined;
  return xdg ? path.join(xdg, APP) : undefined;
}

/**
 * Where the compiled code of `file` is kept in `dir`: V8 only takes code from its own
 * version, and two installs (two versions of the extension) keep theirs apart.
 */
export function cacheFileOf(file: string, dir: string): string {
  const which = createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 16);
  return path.join(dir, `${path.basename(file)}.${which}.${process.arch}-${process.versions.v8}.cache`);
}

/**
 * True when `dir` is the bundle's folder or the extension's folder above it (`dist/`), or
 * inside either: the cache is never written there.
 */
function insideInstall(dir: string, file: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync.native(p);
    } catch {
      return path.resolve(p);
    }
  };
  const bundleDir = real(path.dirname(file));
  const install = [bundleDir];
  if (path.basename(bundleDir) === 'dist') install.push(path.dirname(bundleDir));
  // The folder may not exist yet: its nearest existing parent tells where it would be.
  let d = path.resolve(dir);
  let rest = '';
  while (!fs.existsSync(d) && path.dirname(d) !== d) {
    rest = path.join(path.basename(d), rest);
    d = path.dirname(d);
  }
  const where = path.join(real(d), rest);
  return install.some((i) => where === i || where.startsWith(i.endsWith(path.sep) ? i : i + path.sep));
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

/** Compiles and runs a CommonJS bundle as require() would, with `cachedData` when given. */
function runBundle(
  file: string,
  source: string,
  cachedData: Buffer | undefined,
): { exports: unknown; script: vm.Script; fromCache: boolean } {
  const script = new vm.Script(Module.wrap(source.replace(/^#!.*/, '')), { filename: file, cachedData });
  const fromCache = cachedData !== undefined && script.cachedDataRejected === false;
  const fn = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  const m = new Module(file, module);
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  fn.call(m.exports, m.exports, Module.createRequire(file), m, file, path.dirname(file));
  m.loaded = true;
  return { exports: m.exports, script, fromCache };
}

/**
 * Loads a CommonJS bundle as require() would, compiled with the cached code in `cacheDir` when
 * there is some. Without a folder (or one inside the install), nothing is cached.
 */
export function loadWithCodeCache(file: string, cacheDir: string | undefined = cacheDirOf()): CachedModule {
  const source = fs.readFileSync(file, 'utf8');
  const stamp = stampOf(file);
  const dir = cacheDir && !insideInstall(cacheDir, file) ? cacheDir : undefined;
  const cacheFile = dir ? cacheFileOf(file, dir) : undefined;
  const { exports, script, fromCache } = runBundle(file, source, cacheFile ? readCache(cacheFile, stamp) : undefined);
  let pending = !fromCache && cacheFile !== undefined;
  return {
    exports,
    fromCache,
    save() {
      if (!pending || !dir || !cacheFile) return;
      pending = false;
      // Another server may write the same file at the same moment: each writes its own and renames.
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        // Only the user's own folder: one that others may write is not trusted with code.
        const st = fs.lstatSync(dir);
        if (
          !st.isDirectory() ||
          (process.getuid && st.uid !== process.getuid()) ||
          (process.platform !== 'win32' && (st.mode & 0o022) !== 0)
        )
          return;
        fs.writeFileSync(tmp, cacheBytes(stamp, script.createCachedData()), { flag: 'wx', mode: 0o600 });
        fs.renameSync(tmp, cacheFile);
      } catch {
        // A read-only or missing cache folder: every start compiles, as without the cache.
        try {
          fs.rmSync(tmp, { force: true });
        } catch {
          // nothing to clean
        }
      }
    },
  };
}

/** Where the build keeps a bundle's compiled code: beside it. */
export function builtCacheOf(file: string): string {
  return `${file}.cache`;
}

export interface BuiltModule {
  exports: unknown;
  /** True when the build's cache was read and V8 took it. */
  fromCache: boolean;
  /** Writes the code compiled so far beside the bundle: for the build only, never at run time. */
  writeBuilt(): void;
}

/**
 * Loads a CommonJS bundle with the compiled code the build wrote beside it, when that code was
 * compiled from this very source (its digest) and its bytes are whole (theirs). Nothing is
 * written at run time.
 */
export function loadWithBuiltCache(file: string): BuiltModule {
  const bytes = fs.readFileSync(file);
  const stamp = `${digest(bytes)}\n`;
  const cacheFile = builtCacheOf(file);
  const { exports, script, fromCache } = runBundle(file, bytes.toString('utf8'), readCache(cacheFile, stamp));
  return {
    exports,
    fromCache,
    writeBuilt() {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, cacheBytes(stamp, script.createCachedData()), { flag: 'wx' });
      fs.renameSync(tmp, cacheFile);
    },
  };
}
