// The V8 settings of a CLI run, shared by the command's entry (cli-launch.ts), which must set
// them before the CLI's bundle is compiled, and the CLI itself.

import * as v8 from 'node:v8';

/**
 * A CLI run lasts a second or two, and V8's optimising compiler, run on the other core, spends
 * more on the engine's large functions inlined into each other than the run gets back from them:
 * inlining only small callees makes the whole run about a tenth faster (bench/cli-bench.ts).
 * Set before any of the engine's code is compiled (V8 takes cached code only when compiled under
 * the same settings); the language server keeps V8's defaults.
 */
export function tuneForShortRun(): void {
  v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=150');
}
