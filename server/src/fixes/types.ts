// What a fix is: edits, possibly in several files. Pure data: the LSP and the CLI convert
// these at their edge.

import type { Range } from '../hcl/ast';

export interface TextEdit {
  uri: string;
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  /** Edits, possibly in several files; within one file they do not overlap. */
  edits: TextEdit[];
  /** The rule's preferred fix (applied by `--fix` and `source.fixAll`). */
  isPreferred?: boolean;
}
