// IPv4 and IPv6 prefix arithmetic for cidrsubnet, cidrhost and cidrnetmask, with BigInt so
// both families share one code path.

interface Prefix {
  addr: bigint;
  len: number;
  bits: 32 | 128;
}

function parseV4(s: string): bigint | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let a = 0n;
  for (let i = 1; i <= 4; i++) {
    const n = Number(m[i]);
    if (n > 255) return undefined;
    a = (a << 8n) | BigInt(n);
  }
  return a;
}

function parseV6(s: string): bigint | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let a = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    a = (a << 16n) | BigInt(parseInt(g, 16));
  }
  return a;
}

export function parsePrefix(s: string): Prefix | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = s.slice(0, slash);
  const lenText = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lenText)) return undefined;
  const len = Number(lenText);
  const v4 = parseV4(ip);
  if (v4 !== undefined) return len <= 32 ? { addr: v4, len, bits: 32 } : undefined;
  const v6 = parseV6(ip);
  if (v6 !== undefined) return len <= 128 ? { addr: v6, len, bits: 128 } : undefined;
  return undefined;
}

function mask(len: number, bits: number): bigint {
  return ((1n << BigInt(len)) - 1n) << BigInt(bits - len);
}

export function formatAddr(a: bigint, bits: 32 | 128): string {
  if (bits === 32) {
    return [24n, 16n, 8n, 0n].map((sh) => String((a >> sh) & 255n)).join('.');
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((a >> BigInt(i * 16)) & 0xffffn));
  // RFC 5952: compress the longest run (two groups or more) of zero groups, the first on a tie.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export function cidrSubnet(prefix: string, newbits: number, netnum: number): string | undefined {
  const p = parsePrefix(prefix);
  if (!p || !Number.isInteger(newbits) || !Number.isInteger(netnum) || newbits < 0 || netnum < 0) return undefined;
  const len = p.len + newbits;
  if (len > p.bits) return undefined;
  const n = BigInt(netnum);
  if (n >= 1n << BigInt(newbits)) return undefined;
  const base = p.addr & mask(p.len, p.bits);
  const addr = base | (n << BigInt(p.bits - len));
  return `${formatAddr(addr, p.bits)}/${len}`;
}

/**
 * Consecutive subnets of `prefix`, one per number of new bits, each at the first address after
 * the one before that its size allows (Terraform's `cidrsubnets`). undefined when one does not
 * fit, or asks for no new bits or more bits than the address has.
 */
export function cidrSubnets(prefix: string, newbits: readonly number[]): string[] | undefined {
  const p = parsePrefix(prefix);
  if (!p) return undefined;
  const base = p.addr & mask(p.len, p.bits);
  const end = base + (1n << BigInt(p.bits - p.len));
  let next = base;
  const out: string[] = [];
  for (const nb of newbits) {
    if (!Number.isInteger(nb) || nb < 1 || p.len + nb > p.bits) return undefined;
    const size = 1n << BigInt(p.bits - p.len - nb);
    // Up to the next multiple of the subnet's size.
    const start = ((next - base + size - 1n) / size) * size + base;
    if (start + size > end) return undefined;
    out.push(`${formatAddr(start, p.bits)}/${p.len + nb}`);
    next = start + size;
  }
  return out;
}

export function cidrHost(prefix: string, hostnum: number): string | undefined {
  const p = parsePrefix(prefix);
  if (!p || !Number.isInteger(hostnum)) return undefined;
  const hostBits = BigInt(p.bits - p.len);
  const size = 1n << hostBits;
  let n = BigInt(hostnum);
  if (n < 0n) n += size;
  if (n < 0n || n >= size) return undefined;
  return formatAddr((p.addr & mask(p.len, p.bits)) | n, p.bits);
}

export function cidrNetmask(prefix: string): string | undefined {
  const p = parsePrefix(prefix);
  if (!p || p.bits !== 32) return undefined;
  return formatAddr(mask(p.len, 32), 32);
}
