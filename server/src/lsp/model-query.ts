// Reading the evaluated model from an editor position: the resource instances a block of a
// file stands for, and the module a file belongs to.

import * as path from 'node:path';
import type { ModuleInstance } from '../model/types';
import type { Session } from './session';

export function moduleOf(session: Session, filePath: string): ModuleInstance | undefined {
  try {
    return session.ws.module(path.dirname(filePath));
  } catch {
    return undefined;
  }
}

export { instancesOfBlock as instancesOf } from '../query/modules';
export { formatUsd, interfaceEndpointMonthlyUsd as interfaceMonthlyUsd } from '../query/cost';
