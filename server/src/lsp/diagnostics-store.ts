// What has been published, by module folder and file. A file can be analysed from several
// folders (a child module seen alone and through its caller), so what a file shows is the
// union of its folders' findings, each published once. A module folder analysed through its
// callers (their folders as roots) holds every call's findings in its files: there, it replaces
// what the callers' own analyses found.

import type { Diagnostic } from 'vscode-languageserver/node';
import { mergeInstances } from '../engine/merge-instances';
import type { Finding } from '../rules/types';

export interface Publish {
  (path: string, diagnostics: Diagnostic[]): void;
}

export class DiagnosticsStore {
  /** dir -> path -> findings of that dir's last analysis. */
  private byDir = new Map<string, Map<string, Finding[]>>();
  /** path -> dirs whose last analysis covered it. */
  private dirsByFile = new Map<string, Set<string>>();
  /** dir -> files its last analysis covered. */
  private filesByDir = new Map<string, Set<string>>();
  /** dir -> the callers' folders its last analysis went through. */
  private throughByDir = new Map<string, ReadonlySet<string>>();
  /** What each file was last sent, to skip re-sending identical lists. */
  private sent = new Map<string, string | null>();

  constructor(
    private readonly publish: Publish,
    private readonly convert: (f: Finding) => Diagnostic,
  ) {}

  /**
   * Records a folder's analysis and republishes every file it covers or covered before whose
   * diagnostics changed; files in `always` (the ones just edited) are sent regardless, so the
   * client knows their new version was checked. `through`: the callers' folders the analysis
   * took as roots; in the files it covers, their own analyses' findings are not shown.
   */
  set(
    dir: string,
    findings: readonly Finding[],
    files: readonly string[],
    always: ReadonlySet<string> = new Set(),
    through: ReadonlySet<string> = new Set(),
  ): void {
    const before = this.filesByDir.get(dir) ?? new Set<string>();
    const now = new Set(files);
    for (const f of findings) now.add(f.uri);
    const map = new Map<string, Finding[]>();
    for (const f of findings) {
      const list = map.get(f.uri);
      if (list) list.push(f);
      else map.set(f.uri, [f]);
    }
    this.byDir.set(dir, map);
    this.filesByDir.set(dir, now);
    if (through.size) this.throughByDir.set(dir, through);
    else this.throughByDir.delete(dir);
    for (const p of before) if (!now.has(p)) this.unlink(p, dir);
    for (const p of now) {
      let s = this.dirsByFile.get(p);
      if (!s) this.dirsByFile.set(p, (s = new Set()));
      s.add(dir);
    }
    for (const p of new Set([...before, ...now])) this.republish(p, always.has(p));
  }

  /** Forgets a folder and clears what only it showed. */
  clear(dir: string): void {
    const files = this.filesByDir.get(dir);
    if (!files) return;
    this.byDir.delete(dir);
    this.filesByDir.delete(dir);
    this.throughByDir.delete(dir);
    for (const p of files) {
      this.unlink(p, dir);
      this.republish(p, false);
    }
  }

  clearAll(): void {
    for (const dir of [...this.filesByDir.keys()]) this.clear(dir);
  }

  private unlink(p: string, dir: string): void {
    const s = this.dirsByFile.get(p);
    if (!s) return;
    s.delete(dir);
    if (s.size === 0) this.dirsByFile.delete(p);
  }

  /** Folders whose analysis covered a file: the ones to re-run when it changes. */
  dirsOf(path: string): string[] {
    return [...(this.dirsByFile.get(path) ?? [])];
  }

  /** Folders whose last analysis went through `dir` as a caller: re-run when its files change. */
  throughOf(dir: string): string[] {
    const out: string[] = [];
    for (const [d, through] of this.throughByDir) if (through.has(dir)) out.push(d);
    return out;
  }

  dirs(): string[] {
    return [...this.filesByDir.keys()];
  }

  findingsOf(path: string): Finding[] {
    const out: Finding[] = [];
    const seen = new Set<string>();
    const dirs = this.dirsByFile.get(path) ?? new Set<string>();
    // A caller's findings here are part of the analysis that went through it.
    const hidden = new Set<string>();
    for (const dir of dirs) for (const d of this.throughByDir.get(dir) ?? []) if (d !== dir) hidden.add(d);
    // Modules that call each other go through each other: then every analysis is shown.
    if ([...dirs].every((d) => hidden.has(d))) hidden.clear();
    for (const dir of dirs) {
      if (hidden.has(dir)) continue;
      for (const f of this.byDir.get(dir)?.get(path) ?? []) {
        const key = `${f.rule}|${f.range.start.offset}|${f.range.end.offset}|${f.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(f);
      }
    }
    // Each analysis merged its own instances; analyses of other folders may name other
    // instances of the same mistake in this file (a child module seen alone and through a call).
    return dirs.size > 1 ? mergeInstances(out) : out;
  }

  /** Counts by severity over every published file (kept per file as they are sent). */
  counts(): Record<Finding['severity'], number> {
    const c = { error: 0, warning: 0, information: 0, hint: 0 };
    for (const fc of this.countsByFile.values()) {
      c.error += fc.error;
      c.warning += fc.warning;
      c.information += fc.information;
      c.hint += fc.hint;
    }
    return c;
  }

  private countsByFile = new Map<string, Record<Finding['severity'], number>>();

  fileCount(): number {
    return this.dirsByFile.size;
  }

  private republish(p: string, force: boolean): void {
    const findings = this.findingsOf(p);
    if (findings.length === 0) this.countsByFile.delete(p);
    else {
      const c = { error: 0, warning: 0, information: 0, hint: 0 };
      for (const f of findings) c[f.severity]++;
      this.countsByFile.set(p, c);
    }
    const diags = findings.map(this.convert);
    // A file just edited is sent whatever it holds, without writing it out as text first; what
    // it was sent is then not known, and its next unforced list is sent too.
    let key: string | null = null;
    if (!force) {
      key = JSON.stringify(diags);
      const last = this.sent.get(p);
      // Never sent counts as sent empty: a file without findings needs no message.
      if (last !== null && (last ?? '[]') === key) return;
    }
    if (diags.length === 0) this.sent.delete(p);
    else this.sent.set(p, key);
    this.publish(p, diags);
  }
}
