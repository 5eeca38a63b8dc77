// Editor settings under `privatelink.*`, read through workspace/configuration. The user may
// change them any time: they are asked for before every analysis, unless the client has
// agreed to tell the server of every change (didChangeConfiguration registered), in which
// case each scope's answer is kept until the next change.

import type { Connection } from 'vscode-languageserver/node';
import type { Config, RuleLevel } from '../engine/config';

export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  /** Severity overrides by rule id, on top of the committed `.privatelink.json`. */
  rules: Record<string, RuleLevel>;
  /** Milliseconds of quiet typing before an analysis. */
  debounceMs: number;
  /** Whose findings are published: every indexed module's, or only those of modules with open files. */
  diagnostics: 'workspace' | 'openFiles';
}

export const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType', rules: {}, debounceMs: 150, diagnostics: 'workspace' };

const LEVELS = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Normalises whatever the client sent: unknown keys and bad values fall back to defaults. */
export function normalizeSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  const out: Settings = { ...base, rules: { ...base.rules } };
  if (typeof raw !== 'object' || raw === null) return out;
  const o = raw as Record<string, unknown>;
  if (typeof o.enable === 'boolean') out.enable = o.enable;
  if (o.run === 'onType' || o.run === 'onSave') out.run = o.run;
  if (o.diagnostics === 'workspace' || o.diagnostics === 'openFiles') out.diagnostics = o.diagnostics;
  if (typeof o.debounceMs === 'number' && o.debounceMs >= 0 && o.debounceMs <= 10_000) out.debounceMs = o.debounceMs;
  if (typeof o.rules === 'object' && o.rules !== null) {
    for (const [id, level] of Object.entries(o.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level)) out.rules[id] = level as RuleLevel;
    }
  }
  return out;
}

export interface SettingsSource {
  /** The settings for a resource (a file URI) or the workspace. Treat as read-only. */
  get(scopeUri?: string): Promise<Settings>;
  /** From now on the client reports every change: answers may be kept until `changed`. */
  keepUntilChanged(): void;
  /** The settings (or the workspace folders) changed: nothing kept is used again. */
  changed(): void;
}

/**
 * Asks the client when it supports workspace/configuration; otherwise uses what came with
 * didChangeConfiguration. `initial` (initializationOptions.settings) fills what the client
 * leaves out.
 */
export function settingsSource(
  connection: Connection,
  canAsk: () => boolean,
  pushed: () => unknown,
  initial: () => Settings,
): SettingsSource {
  let keep = false;
  const kept = new Map<string, Settings>();
  // An answer asked for before a change must not be kept after it.
  let generation = 0;
  return {
    async get(scopeUri) {
      if (!canAsk()) return normalizeSettings(pushed(), initial());
      const key = scopeUri ?? '';
      const known = keep ? kept.get(key) : undefined;
      if (known) return known;
      const asked = generation;
      try {
        const raw: unknown = await connection.workspace.getConfiguration({ scopeUri, section: 'privatelink' });
        const s = normalizeSettings(raw, initial());
        if (keep && asked === generation) kept.set(key, s);
        return s;
      } catch {
        return initial();
      }
    },
    keepUntilChanged() {
      keep = true;
    },
    changed() {
      generation++;
      kept.clear();
    },
  };
}

/** The committed configuration with the user's overrides applied. */
export function effectiveConfig(committed: Config, s: Settings): Config {
  return { ...committed, rules: { ...committed.rules, ...s.rules } };
}
