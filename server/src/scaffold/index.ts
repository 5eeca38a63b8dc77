// The scaffolding commands as one entry point for the faces: a command name, a module folder
// and the answers the client collected. Pure engine: paths and engine edits, no LSP types.

import type { ModuleInstance, WorkspaceModel } from '../model/types';
import { endpointServices, privateDnsNameOf } from '../query/endpoint-services';
import { endpoints } from '../query/endpoint-type';
import { loadBalancers, loadBalancerType } from '../query/load-balancers';
import { awsService, endpointType } from '../query/wiring';
import { BUNDLES } from './bundles';
import { connectToService, type ConnectOptions } from './connect';
import { discover } from './discover';
import { addGatewayEndpoint, addInterfaceEndpoints, ScaffoldError, type EndpointOptions, type GatewayOptions } from './endpoints';
import { exposeService, type ExposeOptions } from './expose';
import type { ScaffoldResult } from './render';

export { BUNDLES, ScaffoldError, type ScaffoldResult };

export type ScaffoldCommand = 'addInterfaceEndpoints' | 'addGatewayEndpoint' | 'exposeService' | 'connectToService';
export const SCAFFOLD_COMMANDS: readonly ScaffoldCommand[] = [
  'addInterfaceEndpoints',
  'addGatewayEndpoint',
  'exposeService',
  'connectToService',
];

export interface ScaffoldRequest {
  command: ScaffoldCommand;
  moduleDir: string;
  options?: unknown;
}

export function runScaffold(ws: WorkspaceModel, req: ScaffoldRequest): ScaffoldResult {
  const m = ws.module(req.moduleDir);
  if (!m) throw new ScaffoldError(`${req.moduleDir} has no Terraform files.`);
  // The answers the client collected, as the client sent them.
  const o: unknown = req.options ?? {};
  switch (req.command) {
    case 'addInterfaceEndpoints':
      return addInterfaceEndpoints(m, o as EndpointOptions);
    case 'addGatewayEndpoint':
      return addGatewayEndpoint(m, o as GatewayOptions);
    case 'exposeService':
      return exposeService(m, o as ExposeOptions);
    case 'connectToService':
      return connectToService(ws, m, o as ConnectOptions);
    default:
      throw new ScaffoldError(`Unknown scaffolding command "${String(req.command)}".`);
  }
}

/** What the client shows when it asks which module, VPC, load balancer or service to use. */
export interface ModuleChoice {
  dir: string;
  vpcs: string[];
  endpoints: { address: string; service?: string; type?: string }[];
  loadBalancers: { address: string; type: string }[];
  endpointServices: { address: string; privateDnsName?: string }[];
}

export function describeModule(m: ModuleInstance): ModuleChoice {
  const d = discover(m);
  return {
    dir: m.dir,
    vpcs: d.vpcs.map((v) => v.address),
    endpoints: endpoints(m).map((e) => ({ address: e.address, service: awsService(e), type: endpointType(e) })),
    loadBalancers: loadBalancers(m)
      .filter((r) => r.key === undefined)
      .map((r) => ({ address: `aws_lb.${r.name}`, type: loadBalancerType(r) ?? 'application' })),
    endpointServices: endpointServices(m)
      .filter((r) => r.key === undefined)
      .map((r) => ({ address: r.entry.address, privateDnsName: privateDnsNameOf(r) })),
  };
}

/** Module folders with VPCs, endpoints or endpoint services: the ones scaffolding can write into. */
export function listModules(ws: WorkspaceModel, dirs: readonly string[]): ModuleChoice[] {
  const out: ModuleChoice[] = [];
  for (const dir of dirs) {
    const m = ws.module(dir);
    if (!m) continue;
    const c = describeModule(m);
    if (c.vpcs.length || c.endpoints.length || c.endpointServices.length || c.loadBalancers.length) out.push(c);
  }
  return out.sort((a, b) => a.dir.localeCompare(b.dir));
}
