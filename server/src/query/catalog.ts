// The catalog of AWS services reachable through PrivateLink. The data lives in
// catalog-data.ts, with its sources named there.

import type { ServiceCatalog, ServiceInfo } from './catalog-types';
import { SERVICES, SOURCE } from './catalog-data';

export function createCatalog(services: readonly ServiceInfo[], source: string): ServiceCatalog {
  const byName = new Map(services.map((s) => [s.name, s]));
  return {
    source,
    services,
    get: (name) => byName.get(name),
    nearest(name, n = 3) {
      return services
        .map((s) => ({ name: s.name, d: editDistance(name, s.name) }))
        .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
        .slice(0, n)
        .map((x) => x.name);
    },
  };
}

export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(up + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

export const catalog: ServiceCatalog = createCatalog(SERVICES, SOURCE);
