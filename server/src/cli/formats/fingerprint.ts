// Fingerprints that name a finding by what it is about, not where it sits: code scanning and
// GitLab match findings across runs by them, so a line inserted above a finding must leave its
// fingerprint unchanged, and two findings of one run must never share one.
//
// A finding is named by its rule, its file (relative to the repository), the address of the
// block it is in (`aws_vpc_endpoint.this`, `data.aws_vpc.main`, `module.vpc`), the argument
// path inside that block (`private_dns_enabled`, `ingress[1].from_port`), the instance its
// message names (`module.a.aws_vpc_endpoint.this["s3"]`), and last an ordinal among findings
// that agree on all of that, in the order they appear in the file.

import { createHash } from 'node:crypto';
import type { Block, Body, File } from '../../hcl/ast';
import { parseConfigFile } from '../../hcl/json-syntax';
import type { Finding } from '../../rules/types';

/** Text of a file, or undefined when it cannot (or may not) be read. */
export type ReadText = (file: string) => string | undefined;

/** The key of SARIF's partialFingerprints under which ours is given; versioned so a change of the scheme is visible. */
export const FINGERPRINT_KEY = 'privatelinkFinding/v1';

/** How much of a message is searched for the instance: the address comes early, and a hostile file may make a message long. */
const MESSAGE_SCAN = 4096;

interface Place {
  address: string;
  argument: string;
  /** Where the address may be followed by an instance key, the regular expression that finds it in a message. */
  instance: RegExp | undefined;
}

const KEY = String.raw`\[(?:"(?:[^"\\]|\\.)*"|\d+)\]`;
const MODULE_PREFIX = String.raw`(?:module\.[A-Za-z_][\w-]*(?:${KEY})?\.)*`;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function contains(r: { start: { offset: number }; end: { offset: number } }, offset: number): boolean {
  return r.start.offset <= offset && offset < r.end.offset;
}

function blockAddress(b: Block): { address: string; instanced: boolean } {
  const labels = b.labels.map((l) => l.value);
  const type = b.blockType.name;
  if (type === 'resource' && labels.length === 2) return { address: `${labels[0]}.${labels[1]}`, instanced: true };
  if (type === 'data' && labels.length === 2) return { address: `data.${labels[0]}.${labels[1]}`, instanced: true };
  if (type === 'module' && labels.length === 1) return { address: `module.${labels[0]}`, instanced: true };
  return { address: [type, ...labels].join('.'), instanced: false };
}

/** The argument path from a block's body down to the attribute or nested block holding `offset`. */
function argumentPath(body: Body, offset: number): string {
  const parts: string[] = [];
  let items = body.items;
  for (;;) {
    const seen = new Map<string, number>();
    let next: Body | undefined;
    for (const item of items) {
      if (item.type === 'Attribute') {
        if (contains(item.range, offset)) {
          parts.push(item.name.name);
          return parts.join('.');
        }
        continue;
      }
      // Nested blocks of one type are told apart by their order among themselves.
      const name = [item.blockType.name, ...item.labels.map((l) => l.value)].join('.');
      const index = seen.get(name) ?? 0;
      seen.set(name, index + 1);
      if (contains(item.range, offset)) {
        parts.push(`${name}[${index}]`);
        next = item.body;
        break;
      }
    }
    if (!next) return parts.join('.');
    items = next.items;
  }
}

function placeIn(file: File, offset: number): Place {
  for (const item of file.body.items) {
    if (!contains(item.range, offset)) continue;
    if (item.type === 'Attribute') return { address: '', argument: item.name.name, instance: undefined };
    const { address, instanced } = blockAddress(item);
    return {
      address,
      argument: argumentPath(item.body, offset),
      instance: instanced ? new RegExp(`(?<![\\w.\\-"\\]])${MODULE_PREFIX}${escapeRegExp(address)}(?:${KEY})?(?![\\w-])`) : undefined,
    };
  }
  return { address: '', argument: '', instance: undefined };
}

/**
 * One fingerprint per finding, in order (hex SHA-256). `relPath` gives the path a finding's
 * file is named by (relative to the repository); `read` its text, which is parsed once per file
 * to find the block and argument at the finding.
 */
export function fingerprints(findings: readonly Finding[], relPath: (file: string) => string, read: ReadText): string[] {
  const files = new Map<string, File | undefined>();
  const parsed = (uri: string): File | undefined => {
    if (files.has(uri)) return files.get(uri);
    const text = read(uri);
    const f = text === undefined ? undefined : parseConfigFile(text, uri);
    files.set(uri, f);
    return f;
  };
  const bases = findings.map((f) => {
    // A file that could not be read has no structure to name the finding by.
    const file = f.rule === 'read-error' ? undefined : parsed(f.uri);
    const place = file ? placeIn(file, f.range.start.offset) : { address: '', argument: '', instance: undefined };
    const instance = place.instance?.exec(f.message.slice(0, MESSAGE_SCAN))?.[0] ?? '';
    return [f.rule, relPath(f.uri), place.address, place.argument, instance].join('\0');
  });
  // Findings that agree on everything above are numbered in file order: the order does not change
  // when lines move above them all.
  const groups = new Map<string, number[]>();
  bases.forEach((b, i) => {
    const g = groups.get(b);
    if (g) g.push(i);
    else groups.set(b, [i]);
  });
  const ordinal = new Array<number>(findings.length).fill(0);
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const sorted = [...members].sort((a, b) => {
      const fa = findings[a];
      const fb = findings[b];
      return fa.range.start.offset - fb.range.start.offset || (fa.message < fb.message ? -1 : fa.message > fb.message ? 1 : a - b);
    });
    sorted.forEach((i, n) => (ordinal[i] = n));
  }
  return bases.map((b, i) => createHash('sha256').update(`${b}\0${ordinal[i]}`).digest('hex'));
}
