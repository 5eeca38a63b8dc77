// Editor settings under `privatelink.*`, read through workspace/configuration for every
// request that needs them (never kept between requests: the user may change them any time).

import type { Connection } from 'vscode-languageserver/node';
import type { Config, RuleLevel } from '../engine/config';

export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  /** Severity overrides by rule id, on top of the committed `.privatelink.json`. */
  rules: Record<string, RuleLevel>;
  /** Milliseconds of quiet typing before an analysis. */
  debounceMs: number;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType', rules: {}, debounceMs: 150 };

const LEVELS = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Normalises whatever the client sent: unknown keys and bad values fall back to defaults. */
export function normalizeSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  const out: Settings = { ...base, rules: { ...base.rules } };
  if (typeof raw !== 'object' || raw === null) return out;
  const o = raw as Record<string, unknown>;
  if (typeof o.enable === 'boolean') out.enable = o.enable;
  if (o.run === 'onType' || o.run === 'onSave') out.run = o.run;
  if (typeof o.debounceMs === 'number' && o.debounceMs >= 0 && o.debounceMs <= 10_000) out.debounceMs = o.debounceMs;
  if (typeof o.rules === 'object' && o.rules !== null) {
    for (const [id, level] of Object.entries(o.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level)) out.rules[id] = level as RuleLevel;
    }
  }
  return out;
}

export interface SettingsSource {
  /** The settings for a resource (a file URI) or the workspace. */
  get(scopeUri?: string): Promise<Settings>;
}

/**
 * Asks the client when it supports workspace/configuration; otherwise uses what came with
 * didChangeConfiguration. `initial` (initializationOptions.settings) fills what the client
 * leaves out.
 */
export function settingsSource(connection: Connection, canAsk: () => boolean, pushed: () => unknown, initial: () => Settings): SettingsSource {
  return {
    async get(scopeUri) {
      if (!canAsk()) return normalizeSettings(pushed(), initial());
      try {
        const raw: unknown = await connection.workspace.getConfiguration({ scopeUri, section: 'privatelink' });
        return normalizeSettings(raw, initial());
      } catch {
        return initial();
      }
    },
  };
}

/** The committed configuration with the user's overrides applied. */
export function effectiveConfig(committed: Config, s: Settings): Config {
  return { rules: { ...committed.rules, ...s.rules }, exclude: committed.exclude };
}
