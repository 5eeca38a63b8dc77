// Reading the evaluated model from an editor position: the resource instances a block of a
// file stands for, and the module a file belongs to.

import * as path from 'node:path';
import type { Block } from '../hcl/ast';
import type { ModuleInstance, ResourceInstance, SourceFile } from '../model/types';
import type { Session } from './session';

export function moduleOf(session: Session, filePath: string): ModuleInstance | undefined {
  try {
    return session.ws.module(path.dirname(filePath));
  } catch {
    return undefined;
  }
}

/** Every instance (count/for_each expanded) of the resource a top-level block declares. */
export function instancesOf(module: ModuleInstance, file: SourceFile, block: Block): ResourceInstance[] {
  const type = block.labels[0]?.value;
  if (block.blockType.name !== 'resource' || !type) return [];
  const start = block.range.start.offset;
  return module
    .resources(type)
    .filter((r) => r.entry.block === block || ((r.uri === file.path || r.uri === file.uri) && r.entry.block.range.start.offset === start));
}

export { formatUsd, interfaceEndpointMonthlyUsd as interfaceMonthlyUsd } from '../query/cost';
