// Variable values for the CLI's root modules: `--var-file FILE` and `--var NAME=VALUE` (each
// repeatable, applied in the order given) and the `varFiles` of `.privatelink.json`. A root
// module reads, later winning: its folder's terraform.tfvars, terraform.tfvars.json and
// *.auto.tfvars(.json) (model/tfvars.ts), then the configuration's varFiles for its folder,
// then the command line's --var-file and --var, as Terraform reads -var-file and -var after
// the files it loads itself. The command line's values apply to every module folder analysed
// as a root; the configuration names them per folder.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { configVarFiles, varFileRefusal, type Config } from '../engine/config';
import type { Boundary } from '../model/boundary';
import type { VarInput } from '../model/tfvars';

/** `NAME=VALUE` as Terraform's -var takes it, or why it is not one. */
export function parseVarFlag(raw: string): { name: string; value: string } | { error: string } {
  const eq = raw.indexOf('=');
  if (eq < 0) return { error: `--var "${raw}" must be a variable name and a value separated by =, like --var "name=value"` };
  const name = raw.slice(0, eq);
  if (!name) return { error: `--var "${raw}" names no variable` };
  if (name.endsWith(' ')) return { error: `--var "${raw}": the variable name "${name}" ends with a space` };
  return { name, value: raw.slice(eq + 1) };
}

/** Why a --var-file cannot be read (the run stops with exit 2), or undefined. */
export function varFileFlagProblem(file: string, b: Boundary): string | undefined {
  const why = varFileRefusal(file, b);
  if (why) return `--var-file ${file} is not read: ${why}`;
  if (!fs.existsSync(file)) return `--var-file ${file}: no such file`;
  return undefined;
}

/**
 * The configuration's variable files by absolute folder, without those that may not or cannot
 * be read (each reported through `warn`; the run goes on without it).
 */
export function checkedConfigVarFiles(config: Config, root: string, b: Boundary, warn: (msg: string) => void): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [dir, files] of configVarFiles(config, root)) {
    const relDir = path.relative(root, dir) || '.';
    if (!fs.existsSync(dir)) {
      warn(`.privatelink.json varFiles: the folder ${relDir} does not exist`);
      continue;
    }
    const kept = files.filter((f) => {
      const why = varFileRefusal(f, b) ?? (fs.existsSync(f) ? undefined : 'no such file');
      if (why) warn(`.privatelink.json varFiles for ${relDir}: ${path.relative(root, f)} is not read: ${why}`);
      return !why;
    });
    if (kept.length) out.set(dir, kept);
  }
  return out;
}

/** What the root module of each folder reads after its own variable files. */
export function varInputsOf(byDir: ReadonlyMap<string, readonly string[]>, flags: readonly VarInput[]): (dir: string) => VarInput[] {
  return (dir) => {
    const files = byDir.get(dir);
    return files ? [...files.map((file) => ({ file })), ...flags] : [...flags];
  };
}
