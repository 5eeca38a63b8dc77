// The configuration a team commits: `.privatelink.json` at the workspace root. It sets rule
// severities (or turns rules off) and excludes paths. Editor settings override it per user.

import * as path from 'node:path';
import type { Host } from '../model/types';
import { RULES_BY_ID } from '../rules/index';
import type { Severity } from '../rules/types';

export const CONFIG_FILE = '.privatelink.json';

export type RuleLevel = Severity | 'off';

export interface Config {
  rules: Record<string, RuleLevel>;
  /** Globs relative to the workspace root (`legacy/**`, `**\/test/**`). */
  exclude: string[];
}

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
    if (key !== 'rules' && key !== 'exclude' && key !== '$schema') errors.push(`unknown key "${key}"`);
  }
  if (o.rules !== undefined) {
    if (typeof o.rules !== 'object' || o.rules === null || Array.isArray(o.rules)) errors.push('"rules" must be an object');
    else {
      for (const [id, level] of Object.entries(o.rules as Record<string, unknown>)) {
        if (!RULES_BY_ID.has(id)) errors.push(`unknown rule "${id}"`);
        else if (typeof level !== 'string' || !LEVELS.has(level as RuleLevel)) errors.push(`rule ${id}: level must be one of error, warning, information, hint, off`);
        else config.rules[id] = level as RuleLevel;
      }
    }
  }
  if (o.exclude !== undefined) {
    if (!Array.isArray(o.exclude) || o.exclude.some((x) => typeof x !== 'string')) errors.push('"exclude" must be an array of strings');
    else config.exclude.push(...(o.exclude as string[]));
  }
  return { config, errors };
}

/** Reads `.privatelink.json` in a folder; a missing file is the default configuration. */
export function loadConfig(rootDir: string, host: Host): { config: Config; error?: string } {
  const p = path.join(rootDir, CONFIG_FILE);
  if (!host.readDir(rootDir).some((e) => e.name === CONFIG_FILE && !e.isDir)) return { config: cloneDefault() };
  const r = host.readFile(p);
  if ('error' in r) return { config: cloneDefault(), error: `${p}: ${r.error}` };
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
  return {
    rules: { ...base.rules, ...(override.rules ?? {}) },
    exclude: [...base.exclude, ...(override.exclude ?? [])],
  };
}

/** Converts a glob (`**`, `*`, `?`) to a regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern naming a folder excludes what is below it.
  return new RegExp(`^${re}(?:/.*)?$`);
}

export function isExcluded(config: Config, rootDir: string, file: string): boolean {
  const rel = path.relative(rootDir, file).split(path.sep).join('/');
  if (rel.startsWith('..')) return false;
  return config.exclude.some((g) => globRegExp(g).test(rel));
}

/** Every finding of a run is checked against the same few globs: each is compiled once. */
const compiled = new Map<string, RegExp>();

function globRegExp(glob: string): RegExp {
  let re = compiled.get(glob);
  if (!re) {
    re = globToRegExp(glob);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(glob, re);
  }
  return re;
}

export function levelOf(config: Config, rule: string, fallback: Severity): RuleLevel {
  return config.rules[rule] ?? fallback;
}
