import type { Block } from '../hcl/ast';
import { rangeOf, removeItem } from '../fixes/edits';
import type { SourceFile } from '../model/types';
import { defineRule, type Fix, type TextEdit } from './types';
import { endpointType, fileOf } from '../query/wiring';
import { calledAsChild } from '../query/endpoints';
import { endpointPolicy } from '../query/policy/read';

export const rule = defineRule({
  meta: {
    id: 'PL305',
    name: 'endpoint-policy-unsupported',
    severity: 'error',
    description: 'A GatewayLoadBalancer endpoint has a policy, and such endpoints do not support endpoint policies.',
    why: 'Gateway Load Balancer endpoints send traffic to inspection appliances and take no endpoint policy: AWS rejects the policy when the endpoint is created or updated. The policy gives a false sense of control; filter in the appliances instead.',
    resources: ['aws_vpc_endpoint', 'aws_vpc_endpoint_policy'],
    fixable: true,
  },
  subject: 'endpoint',
  // A folder that another root calls as a child is checked through that call.
  when: (m, ctx) => !calledAsChild(m, ctx.workspace),
  check(ep) {
    if (endpointType(ep) !== 'GatewayLoadBalancer') return;
    const p = endpointPolicy(ep);
    if (p.present !== true || !p.attr) return;
    let fix: Fix | undefined;
    if (p.resource) {
      // Removing a counted or for_each policy resource would drop other endpoints' policies too.
      const file = fileOf(p.resource, p.resource.module);
      const single = p.resource.key === undefined && p.resource.expanded;
      if (file && single) fix = { title: `Remove ${p.resource.address}`, edits: [removeBlock(file, p.resource.block)], isPreferred: true };
      return [
        {
          message: `${p.resource.address} sets a policy on ${ep.address}, a GatewayLoadBalancer endpoint: these endpoints do not support endpoint policies.`,
          uri: p.resource.uri,
          range: p.attr.range,
          related: [
            {
              uri: ep.uri,
              range: ep.attrNode('vpc_endpoint_type')?.range ?? ep.block.range,
              message: `${ep.address} is a GatewayLoadBalancer endpoint`,
            },
          ],
          fixes: fix ? [fix] : undefined,
        },
      ];
    }
    const file = fileOf(ep, ep.module);
    if (file) fix = { title: 'Remove the policy', edits: [removeItem(file, p.attr)], isPreferred: true };
    return [
      {
        message: `${ep.address} is a GatewayLoadBalancer endpoint, which does not support endpoint policies: AWS rejects the policy.`,
        uri: ep.uri,
        range: p.attr.range,
        fixes: fix ? [fix] : undefined,
      },
    ];
  },
});

/** Removes a top-level block with one blank line around it, so no double blank line is left. */
function removeBlock(file: SourceFile, block: Block): TextEdit {
  const e = removeItem(file, block);
  let end = e.range.end.offset;
  const blank = /^[ \t]*\r?\n/.exec(file.text.slice(end));
  if (blank) end += blank[0].length;
  else {
    // Last block of the file: take the blank line before it instead.
    let start = e.range.start.offset;
    const before = /\r?\n[ \t]*\r?\n$/.exec(file.text.slice(0, start));
    if (before) start -= before[0].length - 1;
    return { ...e, range: rangeOf(file, start, end) };
  }
  return { ...e, range: rangeOf(file, e.range.start.offset, end) };
}
