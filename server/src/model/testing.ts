// Workspaces from in-memory files, for tests: `workspaceFromFiles({'/ws/main.tf': '...'})`.

import { dirOf } from './paths';
import type { Host, WorkspaceModel } from './types';
import { createWorkspace } from './workspace';

export function memoryHost(files: Record<string, string>): Host {
  const paths = Object.keys(files);
  return {
    readDir(dir) {
      const prefix = dir.endsWith('/') ? dir : `${dir}/`;
      const seen = new Map<string, boolean>();
      for (const p of paths) {
        if (!p.startsWith(prefix)) continue;
        const rest = p.slice(prefix.length);
        const slash = rest.indexOf('/');
        const name = slash < 0 ? rest : rest.slice(0, slash);
        if (name) seen.set(name, (seen.get(name) ?? false) || slash >= 0);
      }
      return [...seen].map(([name, isDir]) => ({ name, isDir }));
    },
    readFile(path) {
      return Object.prototype.hasOwnProperty.call(files, path) ? { text: files[path] } : { error: `no such file: ${path}` };
    },
  };
}

/** The deepest folder containing every path. */
function commonDir(paths: string[]): string {
  if (!paths.length) return '/';
  let dir = dirOf(paths[0]);
  for (const p of paths) while (!p.startsWith(dir.endsWith('/') ? dir : `${dir}/`) && dir !== dirOf(dir)) dir = dirOf(dir);
  return dir;
}

export function workspaceFromFiles(files: Record<string, string>): WorkspaceModel {
  return createWorkspace(memoryHost(files), { folders: [commonDir(Object.keys(files))] });
}
