// The scaffolding commands as one entry point for the faces: a command name, a module folder
// and the answers the client collected. Pure engine: paths and engine edits, no LSP types.

import type { ModuleInstance, WorkspaceModel } from '../model/types';
import { endpointServices, privateDnsNameOf } from '../query/endpoint-services';
import { endpoints } from '../query/endpoint-type';
import { loadBalancers, loadBalancerType } from '../query/load-balancers';
import { awsService, endpointType } from '../query/wiring';
import { BUNDLES } from './bundles';
import { connectToService, type ConnectOptions } from './connect';
import { discover, subnetChoices } from './discover';
import { addGatewayEndpoint, addInterfaceEndpoints, ScaffoldError, type EndpointOptions, type GatewayOptions } from './endpoints';
import { exposeService, type ExposeOptions } from './expose';
import { connectToResource, type ResourceOptions } from './resource';
import { portRangesOf, portRangesText, resourceConfigurations } from '../query/lattice';
import type { ScaffoldResult } from './render';

export { BUNDLES, ScaffoldError, type ScaffoldResult };

export type ScaffoldCommand = 'addInterfaceEndpoints' | 'addGatewayEndpoint' | 'exposeService' | 'connectToService' | 'connectToResource';
export const SCAFFOLD_COMMANDS: readonly ScaffoldCommand[] = [
  'addInterfaceEndpoints',
  'addGatewayEndpoint',
  'exposeService',
  'connectToService',
  'connectToResource',
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
    case 'connectToResource':
      return connectToResource(ws, m, o as ResourceOptions);
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
  /** Resource configurations (VPC resources shared through PrivateLink), with their ports when known. */
  resourceConfigurations: { address: string; ports?: string }[];
  /** The subnet blocks of each VPC, by the VPC's address. */
  subnets: Record<string, string[]>;
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
    resourceConfigurations: resourceConfigurations(m)
      .filter((r) => r.key === undefined)
      .map((r) => {
        const ports = portRangesOf(r);
        return ports ? { address: r.entry.address, ports: portRangesText(ports) } : { address: r.entry.address };
      }),
    subnets: Object.fromEntries(d.vpcs.map((v) => [v.address, subnetChoices(m, v).map((c) => c.address)])),
  };
}

/** Module folders with VPCs, endpoints, endpoint services or resource configurations: the ones scaffolding can write into or connect to. */
export function listModules(ws: WorkspaceModel, dirs: readonly string[]): ModuleChoice[] {
  const out: ModuleChoice[] = [];
  for (const dir of dirs) {
    const m = ws.module(dir);
    if (!m) continue;
    const c = describeModule(m);
    if (c.vpcs.length || c.endpoints.length || c.endpointServices.length || c.loadBalancers.length || c.resourceConfigurations.length)
      out.push(c);
  }
  return out.sort((a, b) => a.dir.localeCompare(b.dir));
}
