// Module versions from `version =` constraints and git `?ref=` tags. `terraform init`
// installs the newest release a constraint allows, so a call that is not installed yet is
// modelled with that release, chosen among the releases the knowledge covers.

export type Version = [number, number, number];

export function parseVersion(s: string): Version | undefined {
  const m = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(s);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

export function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export function atLeast(v: Version, s: string): boolean {
  return compare(v, parseVersion(s)!) >= 0;
}

export function format(v: Version): string {
  return v.join('.');
}

/** Does `v` meet every comma-separated part of a constraint? undefined when it cannot be read. */
export function satisfies(v: Version, constraint: string): boolean | undefined {
  for (const raw of constraint.split(',')) {
    // Blanks after the operator only when there is one: two runs of blanks side by side would
    // make a long run of blanks take quadratic time to refuse.
    const m = /^\s*(?:(~>|>=|<=|!=|=|>|<)\s*)?(v?\d+(?:\.\d+){0,2})\s*$/.exec(raw);
    if (!m) return undefined;
    const op = m[1] ?? '=';
    const c = parseVersion(m[2])!;
    const parts = m[2].replace(/^v/, '').split('.').length;
    const d = compare(v, c);
    let ok: boolean;
    switch (op) {
      case '=':
        ok = d === 0;
        break;
      case '!=':
        ok = d !== 0;
        break;
      case '>':
        ok = d > 0;
        break;
      case '>=':
        ok = d >= 0;
        break;
      case '<':
        ok = d < 0;
        break;
      case '<=':
        ok = d <= 0;
        break;
      default:
        // `~> 5.0` allows 5.x from 5.0; `~> 5.8.1` allows 5.8.x from 5.8.1; `~> 5` allows >= 5.
        ok = d >= 0 && (parts === 1 || (parts === 2 ? v[0] === c[0] : v[0] === c[0] && v[1] === c[1]));
    }
    if (!ok) return false;
  }
  return true;
}

/** The newest of `releases` (sorted oldest first) that the constraint allows. */
export function newestAllowed(releases: readonly string[], constraint: string | undefined): Version | undefined {
  for (let i = releases.length - 1; i >= 0; i--) {
    const v = parseVersion(releases[i])!;
    if (constraint === undefined) return v;
    const s = satisfies(v, constraint);
    if (s === undefined) return undefined;
    if (s) return v;
  }
  return undefined;
}
