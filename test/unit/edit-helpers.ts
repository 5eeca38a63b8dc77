// Shared by the tests that edit texts at random: a seeded generator, and a targeted edit.
import { strict as assert } from 'node:assert';

/** xorshift32: the same seed gives the same edits on every machine. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

/** `text` with the first `from` replaced by `to`; `from` must be there. */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0, `"${from}" not found`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}
