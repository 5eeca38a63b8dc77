// A workspace for one CLI run. Between the CLI's own edits (--fix) no file changes, so the list
// of root modules is worked out once: rules ask for it per module (is this module called by
// another root?), and rebuilding it each time made a run quadratic in the number of modules.

import type { ModuleInstance, WorkspaceModel } from '../model/types';

/**
 * `ws` with its roots remembered until a file is set or removed. With `rootDirs`, the roots are
 * the modules of exactly those folders (a batch of a parallel run), without walking below them.
 */
export function staticWorkspace(ws: WorkspaceModel, rootDirs?: readonly string[]): WorkspaceModel {
  let roots: ModuleInstance[] | undefined;
  const compute = () => {
    if (!rootDirs) return ws.roots();
    const out: ModuleInstance[] = [];
    for (const d of [...rootDirs].sort()) {
      const m = ws.module(d);
      if (m) out.push(m);
    }
    return out;
  };
  return {
    setFile(p, text) {
      roots = undefined;
      ws.setFile(p, text);
    },
    removeFile(p) {
      roots = undefined;
      ws.removeFile(p);
    },
    // A copy: callers may sort or filter what they get.
    roots: () => [...(roots ??= compute())],
    module: (d) => ws.module(d),
    file: (p) => ws.file(p),
  };
}
