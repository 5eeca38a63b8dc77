// A run: one analysis of an unchanging model. Memos made inside a run are dropped when the
// next run starts; a run that keeps answers across edits (the editor's) also records what each
// answer read (reads.ts), so that an answer kept from an earlier run can say what it depends on.

let epoch = 0;
let depth = 0;
let keeping = false;

/** Runs `f` as one run: memos made inside it are dropped when the next run starts. */
export function withRun<T>(f: () => T, keep = false): T {
  if (depth === 0) {
    epoch++;
    keeping = keep;
  }
  depth++;
  try {
    return f();
  } finally {
    depth--;
  }
}

/** Does the current run keep rule answers across edits (and so record reads)? */
export function runKeeps(): boolean {
  return depth > 0 && keeping;
}

/** The number of the current run. */
export function runEpoch(): number {
  return epoch;
}

/** Is a run going on? */
export function inRun(): boolean {
  return depth > 0;
}
