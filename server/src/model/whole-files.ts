// A module's files read whole, as text rather than as declarations. What is computed from
// them depends on no key the module can forget, so an answer that reads them is never kept
// across edits (it is still remembered within one run).

import { readOpaque } from '../incremental/reads';
import type { ModuleInstance, SourceFile } from './types';

export function wholeFiles(module: ModuleInstance): readonly SourceFile[] {
  readOpaque();
  return module.files;
}
