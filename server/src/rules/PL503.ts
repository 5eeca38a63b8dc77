import type { ResourceInstance } from '../model/types';
import { calledAsChild, endpointsInVpc, opaqueVpcCalls, vpcHasService } from '../query/endpoints';
import { addEndpointsFix } from '../fixes/scaffolded-endpoints';
import { defineRule } from './types';
import { headerRange } from '../query/wiring';

export const rule = defineRule({
  meta: {
    id: 'PL503',
    name: 'required-endpoint-missing',
    severity: 'warning',
    description: 'A VPC with endpoints has none for a service that .privatelink.json lists in requiredEndpoints.',
    why: "The team requires these endpoints in every VPC that uses PrivateLink (as Security Hub's EC2.10 and EC2.55 to EC2.58 controls and AWS Config's service-vpc-endpoint-enabled rule check them in the account): without one, the service's traffic leaves through NAT or an internet gateway, and the account fails those checks after the apply.",
    resources: ['aws_vpc', 'aws_vpc_endpoint'],
    fixable: true,
  },
  // Per VPC: the endpoints that count are those of the whole module tree whose vpc_id is it.
  subject: 'vpc',
  // Nothing to check without requiredEndpoints; a folder that another root calls as a child is
  // checked through that call.
  when: (m, ctx) => ctx.policy.requiredEndpoints.length > 0 && !calledAsChild(m, ctx.workspace),
  check(vpc, ctx) {
    const missing = missingServices(vpc, ctx.policy.requiredEndpoints);
    if (!missing.length) return;
    const list = missing.join(', ');
    const fix = addEndpointsFix(vpc, missing, `Add the ${list} endpoint${missing.length > 1 ? 's' : ''} to ${vpc.address}`);
    return [
      {
        message: `${vpc.address} has VPC endpoints but none for ${list}, which .privatelink.json requires (requiredEndpoints).`,
        uri: vpc.uri,
        range: headerRange(vpc),
        fixes: fix ? [fix] : undefined,
      },
    ];
  },
});

/**
 * The required services the VPC is known to lack: only a VPC that has endpoints is judged, an
 * endpoint of any type counts, and a service stays unjudged when some endpoint that might be
 * in the VPC might be for it (its service or its VPC cannot be read).
 */
function missingServices(vpc: ResourceInstance, required: readonly string[]): string[] {
  const m = vpc.module;
  if (!endpointsInVpc(m, vpc).length) return [];
  const missing = required.filter((s) => vpcHasService(m, vpc, s) === false);
  // A module the model cannot read may create the endpoints for the VPC it is given.
  if (!missing.length || opaqueVpcCalls(m)) return [];
  return missing;
}
