// How many processes a CLI run uses when --jobs is not given.

import * as os from 'node:os';

/**
 * Below this many module folders the run is one workspace in one process, as the editor
 * analyses it; from here on it is split into batches (plan.ts), in one process or more.
 */
export const MIN_BATCHED_DIRS = 100;

/**
 * Below this many module folders a second process does not pay on two cores: one Node process
 * already keeps about one and a half busy (V8's garbage collector and compiler threads), and a
 * worker costs its start and its own warm-up. Measured with bench/cli-jobs.ts: 2,000 modules
 * (8,000 files) about even, 5,000 modules (20,000 files) 1.1x to 1.3x faster with two.
 */
export const AUTO_MIN_DIRS = 3000;

/** Workers beyond this many mostly add memory: batches are small and the merge is serial. */
export const AUTO_MAX_JOBS = 8;

/** Processes for a run over `dirs` module folders: one when small, else one per core (capped). */
export function autoJobs(dirs: number): number {
  const cores = os.availableParallelism();
  // On two cores the one process already uses both (measured on a quiet machine: a second
  // process made 20,000 files 0.87x as fast, for 1.45x the CPU).
  if (dirs < AUTO_MIN_DIRS || cores <= 2) return 1;
  return Math.min(cores, AUTO_MAX_JOBS);
}
