// Built-in knowledge of community modules, used when a call's module is not installed
// (no `terraform init` yet): the call is followed into a stand-in module written from the
// module's documented inputs, defaults and behaviour for the versions the call allows, so the
// rules run on it with the caller's inputs. Each stand-in file names its facts' sources.
// A module or version not known here stays opaque, and rules stay silent about it.

import { baseOf, dirOf, joinPath } from '../paths';
import { format, newestAllowed, parseVersion, type Version } from './version';
import { VPC_ENDPOINTS_SOURCE, vpcEndpointsStandIn, vpcEndpointsSupported } from './vpc-endpoints';
import { VPC_SOURCE, vpcStandIn, vpcSupported } from './vpc';

/** The folder segment under which stand-in modules live (never on disk). */
export const KNOWN_DIR = '.terraform/privatelink-known';

interface Known {
  source: string;
  supported(v: Version): boolean;
  files(v: Version, label: string): Record<string, string>;
}

const KNOWN: Record<string, Known> = {
  vpc: { source: VPC_SOURCE, supported: vpcSupported, files: vpcStandIn },
  'vpc-endpoints': { source: VPC_ENDPOINTS_SOURCE, supported: vpcEndpointsSupported, files: vpcEndpointsStandIn },
};

/**
 * Releases of github.com/terraform-aws-modules/terraform-aws-vpc (its git tags) from v3.0.0 to
 * v6.6.0, oldest first: a constraint is modelled with the newest of these it allows, as
 * `terraform init` would install. Later releases are read as v6.6.0.
 */
const VPC_RELEASES = `3.0.0 3.1.0 3.2.0 3.3.0 3.4.0 3.5.0 3.6.0 3.7.0 3.8.0 3.9.0 3.10.0 3.11.0 3.11.1 3.11.2 3.11.3
3.11.4 3.11.5 3.12.0 3.13.0 3.14.0 3.14.1 3.14.2 3.14.3 3.14.4 3.15.0 3.16.0 3.16.1 3.17.0
3.18.0 3.18.1 3.19.0 4.0.0 4.0.1 4.0.2 5.0.0 5.1.0 5.1.1 5.1.2 5.2.0 5.3.0 5.4.0 5.5.0 5.5.1
5.5.2 5.5.3 5.6.0 5.7.0 5.7.1 5.7.2 5.8.0 5.8.1 5.9.0 5.10.0 5.11.0 5.12.0 5.12.1 5.13.0
5.14.0 5.15.0 5.16.0 5.17.0 5.18.0 5.18.1 5.19.0 5.20.0 5.21.0 6.0.0 6.0.1 6.1.0 6.2.0 6.3.0
6.4.0 6.4.1 6.5.0 6.5.1 6.6.0`.split(/\s+/);

/**
 * `terraform-aws-modules/vpc/aws[//modules/vpc-endpoints]` from the registry (optionally with
 * its host), or the module's GitHub repository pinned with `?ref=vX.Y.Z`.
 */
function parseSource(source: string): { id: string; ref?: string } | undefined {
  let s = source.trim();
  let ref: string | undefined;
  const q = s.indexOf('?');
  if (q >= 0) {
    ref = /(?:^|&)ref=([^&]+)/.exec(s.slice(q + 1))?.[1];
    s = s.slice(0, q);
  }
  s = s
    .replace(/^registry\.terraform\.io\//, '')
    .replace(/^git::/, '')
    .replace(/^https:\/\//, '')
    .replace(/^ssh:\/\/git@/, '')
    .replace(/^git@github\.com:/, 'github.com/');
  const cut = s.indexOf('//');
  const base = cut < 0 ? s : s.slice(0, cut);
  const sub = cut < 0 ? '' : s.slice(cut + 2).replace(/\/$/, '');
  const repo = /^github\.com\/terraform-aws-modules\/terraform-aws-vpc(?:\.git)?$/.test(base);
  if (base !== 'terraform-aws-modules/vpc/aws' && !repo) return undefined;
  if (repo && !ref) return undefined; // a branch head: no version to know
  if (sub === '') return { id: 'vpc', ref };
  if (sub === 'modules/vpc-endpoints') return { id: 'vpc-endpoints', ref };
  return undefined;
}

/** The stand-in folder for a call's source and version, or undefined when not known. */
export function knownModuleDir(callerDir: string, source: string, version: string | undefined): string | undefined {
  const p = parseSource(source);
  if (!p) return undefined;
  let v: Version | undefined;
  if (p.ref !== undefined) {
    // A tag newer than the knowledge is read as its newest release.
    const tag = parseVersion(p.ref);
    v = tag && (newestAllowed(VPC_RELEASES, `<= ${format(tag)}`) ?? undefined);
    if (tag && v && tag[0] !== v[0]) v = undefined;
  } else v = newestAllowed(VPC_RELEASES, version);
  if (!v || !KNOWN[p.id].supported(v)) return undefined;
  return joinPath(joinPath(callerDir, KNOWN_DIR), `${p.id}@${format(v)}`);
}

function parseDir(dir: string): { known: Known; v: Version; text: string } | undefined {
  if (baseOf(dirOf(dir)) !== 'privatelink-known' || baseOf(dirOf(dirOf(dir))) !== '.terraform') return undefined;
  const m = /^([a-z-]+)@(\d+\.\d+\.\d+)$/.exec(baseOf(dir));
  const known = m ? KNOWN[m[1]] : undefined;
  if (!m || !known) return undefined;
  return { known, v: parseVersion(m[2])!, text: m[2] };
}

/** The stand-in files of a folder made by knownModuleDir, by name. */
export function knownModuleFiles(dir: string): Record<string, string> | undefined {
  const p = parseDir(dir);
  return p && p.known.files(p.v, knownModuleLabel(dir)!);
}

/** How findings name a stand-in: the module's source and the release its facts are for. */
export function knownModuleLabel(dir: string): string | undefined {
  const p = parseDir(dir);
  return p && `${p.known.source} ${p.text} (not installed; built-in knowledge)`;
}
