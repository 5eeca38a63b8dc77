// The configuration a team commits: `.privatelink.json` at the workspace root. It sets rule
// severities (or turns rules off), excludes paths, names the variable files module folders
// are analysed with, and states the team's policy: endpoints every VPC must have, accounts and
// organizations it trusts (query/team-policy.ts). Editor settings override the severities per
// user.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { insideAny, realOf, type Boundary } from '../model/boundary';
import type { Host } from '../model/types';
import { catalog } from '../query/catalog';
import { ACCOUNT_ID, EMPTY_POLICY, ORGANIZATION_ID, type TeamPolicy } from '../query/team-policy';
import { RULES_BY_ID } from '../rules/index';
import type { Severity } from '../rules/types';

export const CONFIG_FILE = '.privatelink.json';

export type RuleLevel = Severity | 'off';

export interface Config {
  rules: Record<string, RuleLevel>;
  /** Globs relative to the workspace root (`legacy/**`, `**\/test/**`). */
  exclude: string[];
  /**
   * Variable files a module folder is analysed with, as `terraform -chdir=FOLDER plan
   * -var-file=FILE ...` reads them: folders relative to the workspace root, files relative to
   * their folder, later files winning.
   */
  varFiles?: Record<string, string[]>;
  /** AWS services (`ssm`, `ecr.dkr`, `s3`) every VPC with endpoints must have an endpoint for. */
  requiredEndpoints?: string[];
  /** 12-digit account ids that endpoint policies and endpoint services may grant access to. */
  trustedAccounts?: string[];
  /** AWS Organizations ids (`o-...`) that endpoint policies may grant access to. */
  trustedOrganizations?: string[];
}

/** The keys of the team policy: lists of strings, each item checked by policyItemError. */
const POLICY_KEYS = ['requiredEndpoints', 'trustedAccounts', 'trustedOrganizations'] as const;
type PolicyKey = (typeof POLICY_KEYS)[number];
const KNOWN_KEYS = new Set<string>(['$schema', 'rules', 'exclude', 'varFiles', ...POLICY_KEYS]);

export const DEFAULT_CONFIG: Config = { rules: {}, exclude: ['**/.terraform/**'] };

const LEVELS = new Set<RuleLevel>(['error', 'warning', 'information', 'hint', 'off']);

/** Validates parsed JSON into a Config; problems are reported, never thrown. */
export function parseConfig(json: unknown): { config: Config; errors: string[] } {
  const errors: string[] = [];
  const config: Config = { rules: {}, exclude: [...DEFAULT_CONFIG.exclude] };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { config, errors: ['the configuration must be a JSON object'] };
  }
  const o = json as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN_KEYS.has(key)) errors.push(`unknown key "${key}"`);
  }
  if (o.rules !== undefined) {
    if (typeof o.rules !== 'object' || o.rules === null || Array.isArray(o.rules)) errors.push('"rules" must be an object');
    else {
      for (const [id, level] of Object.entries(o.rules as Record<string, unknown>)) {
        if (!RULES_BY_ID.has(id)) errors.push(`unknown rule "${id}"`);
        else if (typeof level !== 'string' || !LEVELS.has(level as RuleLevel))
          errors.push(`rule ${id}: level must be one of error, warning, information, hint, off`);
        else config.rules[id] = level as RuleLevel;
      }
    }
  }
  if (o.exclude !== undefined) {
    if (!Array.isArray(o.exclude) || o.exclude.some((x) => typeof x !== 'string')) errors.push('"exclude" must be an array of strings');
    else config.exclude.push(...(o.exclude as string[]));
  }
  if (o.varFiles !== undefined) {
    const varFiles = parseVarFiles(o.varFiles, errors);
    if (varFiles) config.varFiles = varFiles;
  }
  for (const key of POLICY_KEYS) {
    if (o[key] === undefined) continue;
    const list = parsePolicyList(key, o[key], errors);
    if (list) config[key] = list;
  }
  return { config, errors };
}

/** Why one item of a policy list is not valid; undefined when it is. */
function policyItemError(key: PolicyKey, item: string): string | undefined {
  switch (key) {
    case 'requiredEndpoints': {
      if (catalog.get(item)) return undefined;
      // A full name is a common slip: say which part to write.
      const part = /^(?:cn\.)?com\.amazonaws\.(?:[a-z]{2}(?:-[a-z]+)+-\d\.)?(.+)$/.exec(item)?.[1];
      if (part && catalog.get(part)) return `requiredEndpoints: write the service "${part}", not the full name "${item}"`;
      return `requiredEndpoints: unknown service "${item}" (nearest: ${catalog.nearest(item).join(', ')})`;
    }
    case 'trustedAccounts':
      return ACCOUNT_ID.test(item) ? undefined : `trustedAccounts: "${item}" is not an AWS account id (12 digits)`;
    case 'trustedOrganizations':
      return ORGANIZATION_ID.test(item)
        ? undefined
        : `trustedOrganizations: "${item}" is not an AWS Organizations id (o-, then 10 to 32 lower-case letters or digits)`;
  }
}

/**
 * A policy list: an array of strings, each valid for its key. An invalid item is reported and
 * left out (the others still count); a list that is not an array of strings is reported whole.
 */
function parsePolicyList(key: PolicyKey, raw: unknown, errors: string[]): string[] | undefined {
  if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string')) {
    // An account id written as a JSON number loses leading zeros: it must be a string.
    errors.push(`"${key}" must be an array of strings`);
    return undefined;
  }
  const out: string[] = [];
  for (const item of raw as string[]) {
    const why = policyItemError(key, item);
    if (why) errors.push(why);
    else if (!out.includes(item)) out.push(item);
  }
  return out;
}

/** The team's policy a configuration states (empty lists for the keys it does not set). */
export function teamPolicy(config: Config): TeamPolicy {
  if (!config.requiredEndpoints?.length && !config.trustedAccounts?.length && !config.trustedOrganizations?.length) return EMPTY_POLICY;
  return {
    requiredEndpoints: config.requiredEndpoints ?? [],
    trustedAccounts: config.trustedAccounts ?? [],
    trustedOrganizations: config.trustedOrganizations ?? [],
  };
}

function parseVarFiles(raw: unknown, errors: string[]): Record<string, string[]> | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push('"varFiles" must be an object of folder: [variable files]');
    return undefined;
  }
  const out: Record<string, string[]> = {};
  for (const [folder, files] of Object.entries(raw as Record<string, unknown>)) {
    const rel = path.posix.normalize(folder.replace(/\\/g, '/'));
    if (!folder || path.isAbsolute(folder) || path.win32.isAbsolute(folder) || rel === '..' || rel.startsWith('../')) {
      errors.push(`varFiles: "${folder}" must be a folder relative to the workspace root, inside it`);
    } else if (!Array.isArray(files) || files.some((f) => typeof f !== 'string' || !f)) {
      errors.push(`varFiles: "${folder}" must name an array of variable files (paths relative to the folder)`);
    } else out[folder] = files as string[];
  }
  return out;
}

/**
 * The variable files `.privatelink.json` names, by module folder: absolute folder -> absolute
 * files, in the order given. Folders are relative to the workspace root, files to their folder.
 */
export function configVarFiles(config: Config, root: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [folder, files] of Object.entries(config.varFiles ?? {})) {
    const dir = path.resolve(root, folder);
    out.set(dir, [...(out.get(dir) ?? []), ...files.map((f) => path.resolve(dir, f))]);
  }
  return out;
}

/**
 * Why a variable file (given on the command line or in `.privatelink.json`) may not be read, or
 * undefined when it may or does not exist: it must lie inside the reading boundary (the
 * repository, see model/boundary.ts), reached through no symlink that leaves it, and be a
 * regular file. Unlike a module source, a variable file outside is never followed.
 */
export function varFileRefusal(file: string, b: Boundary): string | undefined {
  const abs = path.resolve(file);
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(abs);
  } catch {
    // Absent (or unreadable): where it would be decides.
  }
  const real = st ? realOf(abs) : path.join(realOf(path.dirname(abs)), path.basename(abs));
  if (!insideAny(real, b.read)) {
    const where = b.read.length === 1 ? b.read[0] : b.read.join(', ');
    return insideAny(abs, b.read)
      ? 'it is a symlink that leads outside the repository'
      : `it is outside the repository (${where}); nothing outside it is read`;
  }
  if (st && !st.isFile()) return 'it is not a regular file';
  return undefined;
}

/** Reads `.privatelink.json` in a folder; a missing file is the default configuration. */
export function loadConfig(rootDir: string, host: Host): { config: Config; error?: string } {
  const p = path.join(rootDir, CONFIG_FILE);
  let names: { name: string; isDir: boolean }[] = [];
  try {
    names = host.readDir(rootDir);
  } catch {
    // An unreadable folder is reported by the analysis; its configuration is the default.
  }
  if (!names.some((e) => e.name === CONFIG_FILE && !e.isDir)) return { config: cloneDefault() };
  const r = host.readFile(p);
  if ('error' in r) return { config: cloneDefault(), error: r.error };
  let json: unknown;
  try {
    json = JSON.parse(r.text);
  } catch (e) {
    return { config: cloneDefault(), error: `${p}: not valid JSON (${(e as Error).message})` };
  }
  const { config, errors } = parseConfig(json);
  return { config, error: errors.length ? `${p}: ${errors.join('; ')}` : undefined };
}

function cloneDefault(): Config {
  return { rules: {}, exclude: [...DEFAULT_CONFIG.exclude] };
}

export function mergeConfig(base: Config, override: Partial<Config>): Config {
  const varFiles = override.varFiles ?? base.varFiles;
  const out: Config = {
    rules: { ...base.rules, ...(override.rules ?? {}) },
    exclude: [...base.exclude, ...(override.exclude ?? [])],
    ...(varFiles ? { varFiles } : {}),
  };
  // The policy is the team's: a list given by the override replaces the base's.
  for (const key of POLICY_KEYS) {
    const list = override[key] ?? base[key];
    if (list) out[key] = list;
  }
  return out;
}

// ---- exclusion globs
//
// `**/` stands for any number of whole folders (none included), `**` for any text, `*` for
// any text within one path segment, `?` for one character other than `/`; every other
// character stands for itself. A pattern naming a folder excludes what is below it. Like the
// regular expressions they replace, `**` and `**/` do not run across line breaks (`\n`, `\r`,
// U+2028, U+2029), and characters are UTF-16 code units.
//
// A glob is matched by walking a small automaton over the path with a set of live states,
// so the cost is at most (glob length) x (path length), whatever the glob; a backtracking
// matcher can take exponential time on globs such as `**x**x**x**y`.

const enum G {
  /** One given character. */
  LIT,
  /** `?`: one character other than `/`. */
  ONE,
  /** `*`: any characters other than `/`. */
  STAR,
  /** `**`: any characters but line breaks. */
  ANY,
  /** `**\/`: nothing (to the state after DIRS_LOOP), or DIRS_LOOP. */
  DIRS,
  /** The rest of `**\/`: any characters but line breaks, ending with `/`. */
  DIRS_LOOP,
  /** The end of the glob: the path ends, or a `/` and anything below follows. */
  END,
  /** Below a matched folder: any characters but line breaks. */
  BELOW,
}

interface CompiledGlob {
  kinds: Uint8Array;
  chars: Uint16Array;
}

function compileGlob(glob: string): CompiledGlob {
  const kinds: G[] = [];
  const chars: number[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charCodeAt(i);
    let kind: G;
    if (c === 42 /* * */) {
      if (glob.charCodeAt(i + 1) === 42) {
        i++;
        if (glob.charCodeAt(i + 1) === 47 /* / */) {
          i++;
          kinds.push(G.DIRS, G.DIRS_LOOP);
          chars.push(0, 0);
          continue;
        } else kind = G.ANY;
      } else kind = G.STAR;
    } else if (c === 63 /* ? */) kind = G.ONE;
    else kind = G.LIT;
    kinds.push(kind);
    chars.push(kind === G.LIT ? c : 0);
  }
  kinds.push(G.END, G.BELOW);
  chars.push(0, 0);
  return { kinds: Uint8Array.from(kinds), chars: Uint16Array.from(chars) };
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** Adds the states reachable from the live ones without reading a character (all forward). */
function closeOver(kinds: Uint8Array, live: Uint8Array): void {
  for (let s = 0; s < kinds.length - 1; s++) {
    if (live[s] === 1) {
      const k = kinds[s] as G;
      if (k === G.STAR || k === G.ANY) live[s + 1] = 1;
      else if (k === G.DIRS) live[s + 1] = live[s + 2] = 1;
    }
  }
}

/** Whether the whole of `text` matches the compiled glob (in O(glob x text) time). */
function matchGlob(g: CompiledGlob, text: string): boolean {
  const { kinds, chars } = g;
  const n = kinds.length;
  let live = new Uint8Array(n);
  let next = new Uint8Array(n);
  live[0] = 1;
  closeOver(kinds, live);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const slash = c === 47;
    const lineBreak = isLineBreak(c);
    next.fill(0);
    let any = false;
    for (let s = 0; s < n; s++) {
      if (live[s] === 0) continue;
      switch (kinds[s] as G) {
        case G.LIT:
          if (chars[s] === c) next[s + 1] = 1;
          break;
        case G.ONE:
          if (!slash) next[s + 1] = 1;
          break;
        case G.STAR:
          if (!slash) next[s] = 1;
          break;
        case G.ANY:
          if (!lineBreak) next[s] = 1;
          break;
        case G.DIRS_LOOP:
          if (!lineBreak) next[s] = 1;
          if (slash) next[s + 1] = 1;
          break;
        case G.END:
          if (slash) next[s + 1] = 1;
          break;
        case G.BELOW:
          if (!lineBreak) next[s] = 1;
          break;
      }
    }
    closeOver(kinds, next);
    for (let s = 0; s < n && !any; s++) any = next[s] === 1;
    if (!any) return false;
    const t = live;
    live = next;
    next = t;
  }
  return live[n - 2] === 1 || live[n - 1] === 1;
}

/** Whether a `/`-separated path relative to the root matches an exclusion glob. */
export function globMatches(glob: string, relPath: string): boolean {
  return matchGlob(compiledGlob(glob), relPath);
}

export function isExcluded(config: Config, rootDir: string, file: string): boolean {
  const rel = path.relative(rootDir, file).split(path.sep).join('/');
  if (rel.startsWith('..')) return false;
  return config.exclude.some((g) => globMatches(g, rel));
}

/** Every finding of a run is checked against the same few globs: each is compiled once. */
const compiled = new Map<string, CompiledGlob>();

function compiledGlob(glob: string): CompiledGlob {
  let g = compiled.get(glob);
  if (!g) {
    g = compileGlob(glob);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(glob, g);
  }
  return g;
}

export function levelOf(config: Config, rule: string, fallback: Severity): RuleLevel {
  return config.rules[rule] ?? fallback;
}
