// "Expose a service over PrivateLink…": the provider side. An aws_vpc_endpoint_service in
// front of an existing network load balancer, or a new internal NLB with its target group and
// listener, and outputs consumers need (service name, id).

import * as path from 'node:path';
import { hclString } from '../fixes/edits';
import type { ModuleInstance } from '../model/types';
import { freeResourceName } from '../fixes/new-endpoint';
import { endpointServicesServing, internalOf, loadBalancerAt, loadBalancerType } from '../query/load-balancers';
import { discover } from './discover';
import { ScaffoldError } from './endpoints';
import { block, Changes, type ScaffoldResult } from './render';

export interface ExposeOptions {
  /** An existing `aws_lb.x` of type network; a new internal NLB when absent. */
  loadBalancer?: string;
  /** Base name of the new resources (default: the load balancer's, else `service`). */
  name?: string;
  /** Port of a new NLB's listener and target group (default 443). */
  port?: number;
  /** Account ARNs allowed to connect (default: a placeholder account). */
  principals?: string[];
  vpc?: string;
}

export const PRINCIPAL_PLACEHOLDER = 'arn:aws:iam::123456789012:root';

function validName(s: string): string {
  const n = s.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(n) ? n : `_${n}`;
}

/** AWS names of load balancers and target groups: 32 characters, letters, digits, hyphens. */
function awsName(s: string, suffix: string): string {
  const base = s.replace(/[^A-Za-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'service';
  return `${base.slice(0, 32 - suffix.length)}${suffix}`;
}

export function exposeService(module: ModuleInstance, opts: ExposeOptions): ScaffoldResult {
  const d = discover(module, { vpc: opts.vpc });
  const ch = new Changes(d.file, d.eol);
  const u = d.indent;
  const taken = new Set<string>();
  let lbRef: string;
  let baseName: string;
  let file: string;
  const headline: string[] = [];

  if (opts.loadBalancer) {
    const lb = loadBalancerAt(module, opts.loadBalancer);
    if (!lb) throw new ScaffoldError(`${opts.loadBalancer} is not a load balancer of ${module.dir}.`);
    const type = loadBalancerType(lb) ?? 'application';
    if (type !== 'network')
      throw new ScaffoldError(`${opts.loadBalancer} is an ${type} load balancer: an endpoint service needs a network load balancer.`);
    const existing = endpointServicesServing(module, lb);
    if (existing.length) {
      return { edits: [], createFiles: [], summary: `${opts.loadBalancer} is already exposed by ${existing[0].entry.address}.` };
    }
    if (internalOf(lb) !== true) {
      ch.note(`${opts.loadBalancer} is internet-facing: consider internal = true (PL603).`);
    }
    lbRef = `${lb.type}.${lb.name}`;
    baseName = validName(opts.name ?? lb.name);
    file = lb.uri;
    headline.push(`an endpoint service for ${lbRef}`);
  } else {
    if (!d.vpc) throw new ScaffoldError(`No VPC found in ${module.dir} for a new load balancer.`);
    if (!d.subnetsExpr) throw new ScaffoldError(`No subnets found in ${d.vpc.address} for a new load balancer.`);
    const port = opts.port ?? 443;
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ScaffoldError(`Port ${port} is not a TCP port.`);
    baseName = validName(opts.name ?? 'service');
    const files = module.files.filter((f) => f.path.endsWith('.tf'));
    file = files.length === 1 ? files[0].path : path.join(module.dir, 'endpoint-service.tf');
    const lbName = freeResourceName(module, 'aws_lb', baseName, taken);
    const tgName = freeResourceName(module, 'aws_lb_target_group', baseName);
    const lnName = freeResourceName(module, 'aws_lb_listener', baseName);
    lbRef = `aws_lb.${lbName}`;
    ch.append(
      file,
      block(
        `resource "aws_lb" "${lbName}"`,
        [
          [
            ['name', hclString(awsName(opts.name ?? 'service', '-nlb'))],
            ['internal', 'true'],
            ['load_balancer_type', hclString('network')],
            ['subnets', d.subnetsExpr],
          ],
          [['tags', d.tags.render(awsName(opts.name ?? 'service', '-nlb'), u)]],
        ],
        u,
      ),
    );
    ch.append(
      file,
      block(
        `resource "aws_lb_target_group" "${tgName}"`,
        [
          [
            ['name', hclString(awsName(opts.name ?? 'service', '-tg'))],
            ['port', String(port)],
            ['protocol', hclString('TCP')],
            ['target_type', hclString('ip')],
            ['vpc_id', d.vpc.idExpr],
          ],
          [
            {
              block: 'health_check',
              body: [
                [
                  ['protocol', hclString('TCP')],
                  ['port', hclString('traffic-port')],
                ],
              ],
            },
          ],
        ],
        u,
      ),
    );
    ch.append(
      file,
      block(
        `resource "aws_lb_listener" "${lnName}"`,
        [
          [
            ['load_balancer_arn', `${lbRef}.arn`],
            ['port', String(port)],
            ['protocol', hclString('TCP')],
          ],
          [
            {
              block: 'default_action',
              body: [
                [
                  ['type', hclString('forward')],
                  ['target_group_arn', `aws_lb_target_group.${tgName}.arn`],
                ],
              ],
            },
          ],
        ],
        u,
      ),
    );
    headline.push(
      `a new internal NLB ${lbRef} (target group aws_lb_target_group.${tgName} with IP targets, TCP listener on ${port}) and its endpoint service`,
    );
    ch.note(`Register targets in aws_lb_target_group.${tgName} (aws_lb_target_group_attachment or an ECS service).`);
  }

  const svcName = freeResourceName(module, 'aws_vpc_endpoint_service', baseName);
  const principals = opts.principals?.length ? opts.principals : [PRINCIPAL_PLACEHOLDER];
  ch.append(
    file,
    block(
      `resource "aws_vpc_endpoint_service" "${svcName}"`,
      [
        [
          ['acceptance_required', 'true'],
          ['allowed_principals', `[${principals.map(hclString).join(', ')}]`],
          ['network_load_balancer_arns', `[${lbRef}.arn]`],
        ],
        [['tags', d.tags.render(`${baseName.replace(/_/g, '-')}-endpoint-service`, u)]],
      ],
      u,
    ),
  );
  if (!opts.principals?.length)
    ch.note(`allowed_principals holds a placeholder account (${PRINCIPAL_PLACEHOLDER}): put the consumer accounts there.`);
  ch.note("acceptance_required = true: accept each consumer's connection request.");

  const outputsFile = module.files.find((f) => path.basename(f.path) === 'outputs.tf')?.path ?? file;
  const outName = (suffix: string) => {
    let n = `${svcName}_endpoint_service_${suffix}`;
    for (let i = 2; module.index.has(`output.${n}`); i++) n = `${svcName}_endpoint_service_${suffix}_${i}`;
    return n;
  };
  const serviceOut = outName('name');
  const idOut = outName('id');
  ch.append(
    outputsFile,
    block(
      `output "${serviceOut}"`,
      [
        [
          ['description', hclString('Service name consumers use for their interface endpoint.')],
          ['value', `aws_vpc_endpoint_service.${svcName}.service_name`],
        ],
      ],
      u,
    ),
  );
  ch.append(outputsFile, block(`output "${idOut}"`, [[['value', `aws_vpc_endpoint_service.${svcName}.id`]]], u));
  ch.note(`Outputs: ${serviceOut}, ${idOut} in ${path.basename(outputsFile)}.`);
  return ch.result(
    `Added ${headline.join('')}: aws_vpc_endpoint_service.${svcName} in ${path.basename(file)}${d.file(file) ? '' : ' (new)'}.`,
  );
}
