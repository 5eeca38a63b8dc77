// "Connect to an endpoint service…": the consumer side. An Interface endpoint for a
// `vpce-svc` service, a security group for the service's port, and names for it: the
// service's private DNS when it has one, else a Route 53 private zone with an alias record
// to the endpoint's first DNS entry.

import * as path from 'node:path';
import { hclString } from '../fixes/edits';
import type { ModuleInstance, WorkspaceModel } from '../model/types';
import { freeResourceName } from '../fixes/new-endpoint';
import { acceptanceOf, endpointServiceAt, hasPrivateDnsName } from '../query/endpoint-services';
import { listenerPortsOf } from '../query/load-balancers';
import { parseServiceName } from '../query/service-name';
import { discover } from './discover';
import { ensureVpcDns, ScaffoldError } from './endpoints';
import { block, Changes, type ScaffoldResult, type Section } from './render';

export interface ConnectOptions {
  /** A service name (`com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0`). */
  serviceName?: string;
  /** Or an endpoint service defined in the workspace. */
  service?: { dir: string; address: string };
  /** The service's port (default: its NLB listener's when known, else 443). */
  port?: number;
  /** Base name of the new resources (default: from the service). */
  name?: string;
  /** Private zone name when the service has no private DNS (default `<name>.internal`). */
  zoneName?: string;
  vpc?: string;
}

function validName(s: string): string {
  const n = s.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(n) ? n : `svc_${n}`;
}

export function connectToService(ws: WorkspaceModel, module: ModuleInstance, opts: ConnectOptions): ScaffoldResult {
  const d = discover(module, { vpc: opts.vpc });
  if (!d.vpc) throw new ScaffoldError(`No VPC found in ${module.dir}: the endpoint needs one.`);
  const ch = new Changes(d.file, d.eol);
  const u = d.indent;
  let nameExpr: string;
  let privateDns = false;
  // Accepting its own connection: a service of the same module (same provider, same account)
  // that requires acceptance would otherwise leave the endpoint pending, with no traffic.
  let autoAccept = false;
  let ports: number[] = [];
  let base: string;
  let what: string;

  if (opts.service) {
    const owner = opts.service.dir === module.dir ? module : ws.module(opts.service.dir);
    const svc = owner && endpointServiceAt(owner, opts.service.address);
    if (!owner || !svc) throw new ScaffoldError(`${opts.service.address} was not found in ${opts.service.dir}.`);
    privateDns = hasPrivateDnsName(svc);
    ports = listenerPortsOf(svc);
    base = validName(opts.name ?? svc.name);
    what = svc.entry.address;
    if (owner === module) {
      nameExpr = `${svc.entry.address}.service_name`;
      autoAccept = acceptanceOf(svc) === true;
    } else {
      // AWS names the service when it creates it: the consumer takes it as an input.
      const varName = freeResourceName(module, 'var', `${base}_service_name`);
      const rel = path.relative(module.dir, owner.dir) || '.';
      ch.append(
        d.endpointFile,
        block(
          `variable "${varName}"`,
          [
            [
              ['description', hclString(`service_name of ${svc.entry.address} in ${rel} (the endpoint service's service_name attribute).`)],
              ['type', 'string'],
            ],
          ],
          u,
        ),
      );
      nameExpr = `var.${varName}`;
      ch.note(`The service is in another module (${rel}): its name comes in through var.${varName}.`);
    }
  } else if (opts.serviceName) {
    const parsed = parseServiceName({ kind: 'string', value: opts.serviceName });
    if (parsed.kind !== 'endpoint-service')
      throw new ScaffoldError(`"${opts.serviceName}" is not an endpoint service name (com.amazonaws.vpce.<region>.vpce-svc-<id>).`);
    nameExpr = hclString(opts.serviceName);
    const id = opts.serviceName.match(/vpce-svc-[0-9a-f]+/)?.[0] ?? 'service';
    base = validName(opts.name ?? id.replace(/-/g, '_'));
    what = opts.serviceName;
  } else {
    throw new ScaffoldError('Give a service name or an endpoint service of the workspace.');
  }

  const port = opts.port ?? ports[0] ?? 443;
  const sgName = freeResourceName(module, 'aws_security_group', `${base}_endpoint`);
  const epName = freeResourceName(module, 'aws_vpc_endpoint', base);
  const dash = base.replace(/_/g, '-');
  const allPorts = opts.port !== undefined ? [opts.port] : ports.length ? ports : [port];
  const ingress = allPorts.map((p) => ({
    block: 'ingress',
    body: [
      [
        ['description', hclString(`Port ${p} from the VPC`)],
        ['from_port', String(p)],
        ['to_port', String(p)],
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

  const main: Section = [
    ['vpc_id', d.vpc.idExpr],
    ['service_name', nameExpr],
    ['vpc_endpoint_type', hclString('Interface')],
  ];
  if (d.subnetsExpr) main.push(['subnet_ids', d.subnetsExpr]);
  main.push(['security_group_ids', `[aws_security_group.${sgName}.id]`]);
  if (privateDns) main.push(['private_dns_enabled', 'true']);
  if (autoAccept) main.push(['auto_accept', 'true']);
  ch.append(d.endpointFile, block(`resource "aws_vpc_endpoint" "${epName}"`, [main, [['tags', d.tags.render(`${dash}-endpoint`, u)]]], u));

  if (privateDns) {
    ensureVpcDns(d, ch);
    ch.note(`Private DNS: on, as ${what} has a private_dns_name.`);
  } else {
    const zoneName = opts.zoneName ?? `${dash}.internal`;
    const zone = freeResourceName(module, 'aws_route53_zone', base);
    const rec = freeResourceName(module, 'aws_route53_record', base);
    ch.append(
      d.endpointFile,
      block(
        `resource "aws_route53_zone" "${zone}"`,
        [[['name', hclString(zoneName)]], [{ block: 'vpc', body: [[['vpc_id', d.vpc.idExpr]]] }], [['tags', d.tags.render(zoneName, u)]]],
        u,
      ),
    );
    ch.append(
      d.endpointFile,
      block(
        `resource "aws_route53_record" "${rec}"`,
        [
          [
            ['zone_id', `aws_route53_zone.${zone}.zone_id`],
            ['name', hclString(zoneName)],
            ['type', hclString('A')],
          ],
          [
            {
              block: 'alias',
              body: [
                [
                  ['name', `aws_vpc_endpoint.${epName}.dns_entry[0].dns_name`],
                  ['zone_id', `aws_vpc_endpoint.${epName}.dns_entry[0].hosted_zone_id`],
                  ['evaluate_target_health', 'true'],
                ],
              ],
            },
          ],
        ],
        u,
      ),
    );
    ch.note(
      `Names: private zone ${zoneName} (aws_route53_zone.${zone}) with an alias record to the endpoint's first DNS entry; the service has no private DNS name.`,
    );
  }
  if (!d.subnetsExpr) ch.note('No subnets found for the VPC: set subnet_ids on the endpoint.');
  ch.note(`Security group: aws_security_group.${sgName} allowing TCP ${allPorts.join(', ')} from the VPC's CIDR.`);
  return ch.result(
    `Added an Interface endpoint aws_vpc_endpoint.${epName} to ${what} in ${d.vpc.address} (${path.basename(d.endpointFile)}${d.file(d.endpointFile) ? '' : ', new'}).`,
  );
}
