// Shared by the model tests: evaluate expressions written as locals of a one-file module.

import { workspaceFromFiles } from '../../server/src/model/testing';
import type { ModuleInstance } from '../../server/src/model/types';
import { toJson, type Value } from '../../server/src/model/value';

export function moduleOf(files: Record<string, string>, dir = '/ws'): ModuleInstance {
  const m = workspaceFromFiles(files).module(dir);
  if (!m) throw new Error(`no module in ${dir}`);
  return m;
}

/** The value of `expr` in a module with the given extra declarations. */
export function evalExpr(expr: string, extra = ''): Value {
  const m = moduleOf({ '/ws/main.tf': `${extra}\nlocals {\n  x = ${expr}\n}\n` });
  return m.local('x');
}

/** The value as JSON, or the string 'UNKNOWN' when it is not wholly known. */
export function jsonOf(expr: string, extra = ''): unknown {
  const v = evalExpr(expr, extra);
  const j = toJson(v);
  return j === undefined ? 'UNKNOWN' : j;
}
