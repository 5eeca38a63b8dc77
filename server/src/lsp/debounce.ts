// One pending run per key (a module folder): a burst of keystrokes restarts the timer, so it
// costs one analysis. A run that was overtaken by a newer request for its key is dropped.

export class Debouncer<K> {
  private timers = new Map<K, NodeJS.Timeout>();
  private generation = new Map<K, number>();

  constructor(private readonly run: (key: K, isCurrent: () => boolean, reasons: ReadonlySet<string>) => void) {}
  private reasons = new Map<K, Set<string>>();

  /** `reason` says what asked (typing, saving, the file system); a run sees all of a burst's. */
  schedule(key: K, delayMs: number, reason = ''): void {
    let rs = this.reasons.get(key);
    if (!rs) this.reasons.set(key, (rs = new Set()));
    rs.add(reason);
    const gen = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, gen);
    const old = this.timers.get(key);
    if (old) clearTimeout(old);
    const fire = () => {
      this.timers.delete(key);
      if (this.generation.get(key) !== gen) return;
      const reasons = this.reasons.get(key) ?? new Set<string>();
      this.reasons.delete(key);
      this.run(key, () => this.generation.get(key) === gen, reasons);
    };
    // setImmediate for zero delay: still lets queued messages (the rest of a burst) in first.
    const t = delayMs > 0 ? setTimeout(fire, delayMs) : (setImmediate(fire) as unknown as NodeJS.Timeout);
    if (delayMs > 0) this.timers.set(key, t);
  }

  cancel(key: K): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
    this.reasons.delete(key);
    this.generation.set(key, (this.generation.get(key) ?? 0) + 1);
  }

  pending(): number {
    return this.timers.size;
  }
}
