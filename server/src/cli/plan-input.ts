// --plan FILE: the output of `terraform show -json <planfile>` (or `tofu show -json`), read
// within bounds and matched to the folder it was made in. A file that cannot be used (too
// large, not JSON, another format version, a plan of another configuration) is a usage
// problem with a message that says which, never an exception.

import * as path from 'node:path';
import { readBounded } from '../model/node-host';
import { MAX_PLAN_BYTES, readPlan, type PlanValues } from '../model/plan';
import type { VarInput } from '../model/tfvars';
import type { Host } from '../model/types';
import { createWorkspace } from '../model/workspace';

function shown(p: string): string {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
}

/**
 * The plan's values for the one module folder among `dirs` whose declarations are the plan's
 * configuration (a folder given as a path wins a tie), or why there is none.
 */
export function loadPlan(
  file: string,
  dirs: ReadonlySet<string>,
  given: readonly string[],
  host: Host,
  varInputs: ((dir: string) => readonly VarInput[]) | undefined,
): { plan: PlanValues } | { error: string } {
  const got = readBounded(file, MAX_PLAN_BYTES);
  if ('error' in got) return { error: `cannot read the plan: ${got.error}` };
  const read = readPlan(got.bytes.toString('utf8'));
  if ('error' in read) return { error: `cannot use the plan ${shown(file)}: ${read.error}` };
  const ws = createWorkspace(host, { folders: [...dirs], varInputs });
  const matches: string[] = [];
  let closest: { dir: string; why: string } | undefined;
  for (const dir of [...dirs].sort()) {
    const m = ws.module(dir);
    if (!m) continue;
    const why = read.plan.mismatch(m.index);
    if (why === undefined) matches.push(dir);
    else if (!closest || why.length < closest.why.length) closest = { dir, why };
  }
  let chosen = matches;
  if (chosen.length > 1) {
    const named = chosen.filter((d) => given.includes(d));
    if (named.length) chosen = named;
  }
  if (chosen.length === 1) return { plan: read.plan.at(chosen[0]) };
  if (chosen.length > 1)
    return {
      error: `the plan ${shown(file)} fits several folders (${chosen.map(shown).join(', ')}): give the folder it was made in as the path`,
    };
  return {
    error:
      `the plan ${shown(file)} is a plan of another configuration: no folder given declares what it plans` +
      (closest ? ` (closest, ${shown(closest.dir)}: ${closest.why})` : ''),
  };
}
