// "Connect to a VPC resource…": the consumer side of a resource shared through PrivateLink. A
// Resource endpoint for a VPC Lattice resource configuration (of the workspace, or named by
// its ARN), in the VPC and subnets the user picks, with a security group admitting the
// configuration's ports from the VPC, and private DNS when the configuration has a custom
// domain name for it to answer.

import * as path from 'node:path';
import { hclString } from '../fixes/edits';
import { freeResourceName } from '../fixes/new-endpoint';
import type { ModuleInstance, WorkspaceModel } from '../model/types';
import { customDomainNameOf, portRangesOf, resourceConfigurationAt, type PortRange } from '../query/lattice';
import { discover, joinLists, subnetChoices } from './discover';
import { ensureVpcDns, ScaffoldError } from './endpoints';
import { block, Changes, type ScaffoldResult, type Section } from './render';

export interface ResourceOptions {
  /** A resource configuration defined in the workspace. */
  configuration?: { dir: string; address: string };
  /** Or the ARN of one shared with the account (`arn:aws:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-…`). */
  arn?: string;
  /** The ports to admit (default: the configuration's `port_ranges` when known). */
  ports?: number[];
  /** Base name of the new resources (default: from the configuration). */
  name?: string;
  vpc?: string;
  /** Subnet blocks to place the endpoint in (`aws_subnet.private`); default: the VPC's private subnets. */
  subnets?: string[];
  /** Private DNS (default: on when the configuration has a custom domain name). */
  privateDns?: boolean;
}

/** A resource configuration's ARN as AWS writes it; the partition and region are not checked further. */
export const RESOURCE_CONFIGURATION_ARN = /^arn:aws[a-z-]*:vpc-lattice:[a-z0-9-]+:\d{12}:resourceconfiguration\/rcfg-[0-9a-z]+$/;

function validName(s: string): string {
  const n = s.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(n) ? n : `resource_${n}`;
}

const rangeText = (r: PortRange) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`);

export function connectToResource(ws: WorkspaceModel, module: ModuleInstance, opts: ResourceOptions): ScaffoldResult {
  const d = discover(module, { vpc: opts.vpc });
  if (!d.vpc) throw new ScaffoldError(`No VPC found in ${module.dir}: the endpoint needs one.`);
  const ch = new Changes(d.file, d.eol);
  const u = d.indent;
  let arnExpr: string;
  let base: string;
  let what: string;
  let ranges: PortRange[] | undefined;
  let customDomain: string | undefined;

  if (opts.configuration) {
    const owner = opts.configuration.dir === module.dir ? module : ws.module(opts.configuration.dir);
    const rc = owner && resourceConfigurationAt(owner, opts.configuration.address);
    if (!owner || !rc) throw new ScaffoldError(`${opts.configuration.address} was not found in ${opts.configuration.dir}.`);
    ranges = portRangesOf(rc);
    customDomain = customDomainNameOf(rc);
    base = validName(opts.name ?? rc.name);
    what = rc.entry.address;
    if (owner === module) {
      arnExpr = `${rc.entry.address}.arn`;
    } else {
      // AWS makes the ARN when it creates the configuration: the consumer takes it as an input.
      const varName = freeResourceName(module, 'var', `${base}_resource_configuration_arn`);
      const rel = path.relative(module.dir, owner.dir) || '.';
      ch.append(
        d.endpointFile,
        block(
          `variable "${varName}"`,
          [
            [
              ['description', hclString(`ARN of ${rc.entry.address} in ${rel} (the resource configuration's arn attribute).`)],
              ['type', 'string'],
            ],
          ],
          u,
        ),
      );
      arnExpr = `var.${varName}`;
      ch.note(`The resource configuration is in another module (${rel}): its ARN comes in through var.${varName}.`);
    }
  } else if (opts.arn) {
    const arn = opts.arn.trim();
    if (!RESOURCE_CONFIGURATION_ARN.test(arn))
      throw new ScaffoldError(
        `"${arn}" is not a resource configuration ARN (arn:aws:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-<id>).`,
      );
    arnExpr = hclString(arn);
    base = validName(opts.name ?? (arn.match(/rcfg-[0-9a-z]+/)?.[0] ?? 'resource').replace(/-/g, '_'));
    what = arn;
  } else {
    throw new ScaffoldError('Give a resource configuration of the workspace or its ARN.');
  }

  if (opts.ports?.length) {
    for (const p of opts.ports)
      if (!Number.isInteger(p) || p < 1 || p > 65535) throw new ScaffoldError(`${String(p)} is not a TCP port (1 to 65535).`);
    ranges = opts.ports.map((p) => ({ from: p, to: p }));
  }

  let subnetsExpr = d.subnetsExpr;
  if (opts.subnets?.length) {
    const choices = subnetChoices(module, d.vpc);
    const picked = opts.subnets.map((s) => {
      const c = choices.find((x) => x.address === s);
      if (!c) throw new ScaffoldError(`${s} is not a subnet of ${d.vpc!.address} in ${module.dir}.`);
      return c.idsExpr;
    });
    subnetsExpr = joinLists(picked);
  }

  const sgName = freeResourceName(module, 'aws_security_group', `${base}_endpoint`);
  const epName = freeResourceName(module, 'aws_vpc_endpoint', base);
  const dash = base.replace(/_/g, '-');
  const ingress = (ranges ?? []).map((r) => ({
    block: 'ingress',
    body: [
      [
        ['description', hclString(`Port ${rangeText(r)} from the VPC`)],
        ['from_port', String(r.from)],
        ['to_port', String(r.to)],
        ['protocol', hclString('tcp')],
        ['cidr_blocks', `[${d.vpc!.cidrExpr}]`],
      ] as Section[number][],
    ],
  }));
  ch.append(
    d.endpointFile,
    block(
      `resource "aws_security_group" "${sgName}"`,
      [
        [
          ['name_prefix', hclString(`${dash}-endpoint-`)],
          ['description', hclString(`Clients in the VPC to ${what}`)],
          ['vpc_id', d.vpc.idExpr],
        ],
        ingress,
        [['tags', d.tags.render(`${dash}-endpoint`, u)]],
      ],
      u,
    ),
  );

  const privateDns = opts.privateDns ?? customDomain !== undefined;
  const main: Section = [
    ['vpc_id', d.vpc.idExpr],
    ['vpc_endpoint_type', hclString('Resource')],
    ['resource_configuration_arn', arnExpr],
  ];
  if (subnetsExpr) main.push(['subnet_ids', subnetsExpr]);
  main.push(['security_group_ids', `[aws_security_group.${sgName}.id]`]);
  if (privateDns) main.push(['private_dns_enabled', 'true']);
  ch.append(d.endpointFile, block(`resource "aws_vpc_endpoint" "${epName}"`, [main, [['tags', d.tags.render(`${dash}-endpoint`, u)]]], u));

  if (privateDns) {
    ensureVpcDns(d, ch);
    ch.note(
      customDomain
        ? `Private DNS: on, so ${customDomain} (the configuration's custom domain name) answers with the endpoint's addresses in the VPC.`
        : 'Private DNS: on, as asked.',
    );
  } else {
    ch.note("Private DNS: off; clients use the endpoint's DNS names (dns_entry).");
  }
  if (!subnetsExpr) ch.note('No subnets found for the VPC: set subnet_ids on the endpoint.');
  ch.note(
    ranges?.length
      ? `Security group: aws_security_group.${sgName} allowing TCP ${ranges.map(rangeText).join(', ')} from the VPC's CIDR.`
      : `Security group: aws_security_group.${sgName} without ingress: the resource's ports are not known here; add a rule for them.`,
  );
  return ch.result(
    `Added a Resource endpoint aws_vpc_endpoint.${epName} to ${what} in ${d.vpc.address} (${path.basename(d.endpointFile)}${d.file(d.endpointFile) ? '' : ', new'}).`,
  );
}
