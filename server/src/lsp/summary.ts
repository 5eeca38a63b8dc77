// What the background index keeps of a module once it has been read: enough for workspace-wide
// answers (how many endpoints consume an endpoint service, how many files and endpoints there
// are), without holding every syntax tree of a large workspace in memory.

import { moduleInstances } from '../engine/run';
import type { ModuleInstance, ResourceInstance } from '../model/types';
import { endpointServices } from '../query/endpoint-services';
import { endpointServiceOf, endpoints } from '../query/endpoint-type';

export interface ModuleSummary {
  files: string[];
  endpoints: number;
  services: number;
  /** Written endpoint service (`uri\0offset`) -> endpoints (`uri\0offset\0key`) that resolve to it. */
  consumers: Map<string, Set<string>>;
  /** Folders of the local modules its tree calls (directly or below), each once. */
  calls: string[];
}

export function blockKey(r: ResourceInstance): string {
  return `${r.uri}\u0000${r.entry.block.range.start.offset}`;
}

function instanceKey(r: ResourceInstance): string {
  return `${blockKey(r)}\u0000${String(r.key)}`;
}

export function summarize(root: ModuleInstance): ModuleSummary {
  const consumers = new Map<string, Set<string>>();
  let endpointCount = 0;
  let services = 0;
  const calls = new Set<string>();
  for (const m of moduleInstances([root])) {
    if (m.dir !== root.dir) calls.add(m.dir);
    if (m === root) services += endpointServices(m).length;
    for (const ep of endpoints(m)) {
      if (m === root) endpointCount++;
      const target = endpointServiceOf(ep);
      if (!target) continue;
      const k = blockKey(target);
      let set = consumers.get(k);
      if (!set) consumers.set(k, (set = new Set()));
      set.add(instanceKey(ep));
    }
  }
  return { files: root.files.map((f) => f.path), endpoints: endpointCount, services, consumers, calls: [...calls] };
}

/** Consumers of the given services over summaries and live modules, each counted once. */
export function countConsumers(serviceKeys: ReadonlySet<string>, sources: Iterable<ModuleSummary>): number {
  const seen = new Set<string>();
  for (const s of sources) {
    for (const k of serviceKeys) for (const c of s.consumers.get(k) ?? []) seen.add(c);
  }
  return seen.size;
}
