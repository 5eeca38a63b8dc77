// New endpoints for a VPC, written as the "Add interface endpoints" scaffolding command writes
// them (scaffold/endpoints.ts): in the module's own style, reusing its subnets, security group,
// region expression, tags and `for_each` list, Gateway endpoints for S3 and DynamoDB. A rule
// whose fix adds endpoints asks here, so the quick fix and the command never differ.

import type { ResourceInstance } from '../model/types';
import { addInterfaceEndpoints } from '../scaffold/endpoints';
import type { Fix } from './types';

/**
 * A fix adding endpoints for `services` to `vpc` (an `aws_vpc` of the module that writes them);
 * undefined when the command would not write them into the module's existing files (a VPC
 * with several instances, a module with no file for endpoints, nothing to add).
 */
export function addEndpointsFix(vpc: ResourceInstance, services: readonly string[], title: string): Fix | undefined {
  // The command names a VPC by its block; an instance of a counted VPC other than the first
  // would get endpoints in the wrong VPC.
  if (vpc.key !== undefined || !services.length) return undefined;
  let result: ReturnType<typeof addInterfaceEndpoints>;
  try {
    result = addInterfaceEndpoints(vpc.module, { services: [...services], vpc: `aws_vpc.${vpc.name}` });
  } catch {
    // The command refuses (no such VPC, a service it does not know): no fix.
    return undefined;
  }
  // A fix edits files that exist; a new file is the command's to create.
  if (!result.edits.length || result.createFiles.length) return undefined;
  return { title, edits: result.edits, isPreferred: true };
}
