// What the background index keeps of a module once it has been read: enough for workspace-wide
// answers (how many endpoints consume an endpoint service, how many files and endpoints there
// are), without holding every syntax tree of a large workspace in memory.

import { moduleInstances } from '../engine/run';
import type { ModuleInstance, ResourceInstance } from '../model/types';

export interface ModuleSummary {
  files: string[];
  endpoints: number;
  services: number;
  /** Written endpoint service (`uri\0offset`) -> endpoints (`uri\0offset\0key`) that resolve to it. */
  consumers: Map<string, Set<string>>;
}

export function blockKey(r: ResourceInstance): string {
  return `${r.uri}\u0000${r.entry.block.range.start.offset}`;
}

function instanceKey(r: ResourceInstance): string {
  return `${blockKey(r)}\u0000${String(r.key)}`;
}

export function summarize(root: ModuleInstance): ModuleSummary {
  const consumers = new Map<string, Set<string>>();
  let endpoints = 0;
  let services = 0;
  for (const m of moduleInstances([root])) {
    if (m === root) services += m.resources('aws_vpc_endpoint_service').length;
    for (const ep of m.resources('aws_vpc_endpoint')) {
      if (m === root) endpoints++;
      const target = m.resolve(ep.attr('service_name'));
      if (!target || target.type !== 'aws_vpc_endpoint_service') continue;
      const k = blockKey(target);
      let set = consumers.get(k);
      if (!set) consumers.set(k, (set = new Set()));
      set.add(instanceKey(ep));
    }
  }
  return { files: root.files.map((f) => f.path), endpoints, services, consumers };
}

/** Consumers of the given services over summaries and live modules, each counted once. */
export function countConsumers(serviceKeys: ReadonlySet<string>, sources: Iterable<ModuleSummary>): number {
  const seen = new Set<string>();
  for (const s of sources) {
    for (const k of serviceKeys) for (const c of s.consumers.get(k) ?? []) seen.add(c);
  }
  return seen.size;
}
