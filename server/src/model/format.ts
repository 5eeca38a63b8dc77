// Terraform's `format` verbs (a subset of Go's fmt as Terraform documents it): %v %#v %t %b
// %d %o %x %X %e %E %f %g %G %s %q %%, with flags, width, precision and `%[n]` argument
// indexes.

import { asString, encodeJson, errorValue, mkString, numberToString } from './convert';
import { bool, num, UNKNOWN, type Value } from './value';

const VERB = /%([-+# 0]*)(?:\[(\d+)\])?(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;

export function formatString(fmt: string, args: Value[]): Value {
  let next = 0;
  let failed = false;
  let unknown = false;
  const out = fmt.replace(
    VERB,
    (_m, flags: string, idx: string | undefined, w: string | undefined, p: string | undefined, verb: string) => {
      if (verb === '%') return '%';
      const i = idx !== undefined ? Number(idx) - 1 : next;
      next = i + 1;
      const a = args[i];
      if (!a) {
        failed = true;
        return '';
      }
      if (a.kind === 'unknown' || a.kind === 'ref') {
        unknown = true;
        return '';
      }
      const r = formatOne(a, verb, flags, p === undefined ? undefined : Number(p));
      if (r === undefined) {
        failed = true;
        return '';
      }
      const width = w === undefined ? 0 : Number(w);
      if (width > 10_000) {
        failed = true;
        return '';
      }
      return pad(r, width, flags);
    },
  );
  if (failed) return errorValue();
  if (unknown) return UNKNOWN;
  return mkString(out);
}

function pad(s: string, width: number, flags: string): string {
  const n = [...s].length;
  if (n >= width) return s;
  const fill = width - n;
  if (flags.includes('-')) return s + ' '.repeat(fill);
  if (flags.includes('0') && /^[+-]?\d/.test(s)) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

function signed(s: string, n: number, flags: string): string {
  if (n >= 0 && flags.includes('+')) return `+${s}`;
  if (n >= 0 && flags.includes(' ')) return ` ${s}`;
  return s;
}

function formatOne(a: Value, verb: string, flags: string, prec: number | undefined): string | undefined {
  switch (verb) {
    case 'v':
      if (flags.includes('#')) return encodeJson(a);
      if (a.kind === 'null') return 'null';
      return asString(a) ?? encodeJson(a);
    case 's': {
      const s = asString(a);
      if (s === undefined) return undefined;
      return prec === undefined ? s : [...s].slice(0, prec).join('');
    }
    case 'q': {
      const s = asString(a);
      return s === undefined ? undefined : JSON.stringify(s);
    }
    case 't':
      return bool(a)?.toString();
    case 'd':
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
      const n = num(a);
      if (n === undefined) {
        if ((verb === 'x' || verb === 'X') && a.kind === 'string') {
          const hex = Buffer.from(a.value, 'utf8').toString('hex');
          return verb === 'X' ? hex.toUpperCase() : hex;
        }
        return undefined;
      }
      if (!Number.isInteger(n)) return undefined;
      const radix = verb === 'd' ? 10 : verb === 'b' ? 2 : verb === 'o' ? 8 : 16;
      let s = Math.abs(n).toString(radix);
      if (verb === 'X') s = s.toUpperCase();
      return signed(n < 0 ? `-${s}` : s, n, flags);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G': {
      const n = num(a);
      if (n === undefined) return undefined;
      let s: string;
      if (verb === 'f') s = n.toFixed(prec ?? 6);
      else if (verb === 'e' || verb === 'E') {
        s = n.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
        if (verb === 'E') s = s.toUpperCase();
      } else {
        s = prec === undefined ? numberToString(n) : String(Number(n.toPrecision(prec)));
        if (verb === 'G') s = s.toUpperCase();
      }
      return signed(s, n, flags);
    }
    default:
      return undefined;
  }
}
