/** IPv4/IPv6 text parsing to integers, for prefix matching. Pure; accepts only canonical-ish forms. */
export type IpVersion = 4 | 6;

export interface IpAddress {
  version: IpVersion;
  value: bigint;
}

export interface IpPrefix {
  version: IpVersion;
  /** Network address with host bits cleared. */
  network: bigint;
  length: number;
}

export function parseIPv4(s: string): bigint | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    // No leading zeros: "010" is octal in some parsers, decimal in others.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

export function parseIPv6(input: string): bigint | null {
  let s = input;
  const zone = s.indexOf("%");
  if (zone >= 0) return null; // zone ids are meaningless in registration data
  let tail: bigint[] = [];
  // Embedded IPv4 in the last 32 bits (::ffff:192.0.2.1).
  const lastColon = s.lastIndexOf(":");
  if (lastColon >= 0 && s.slice(lastColon + 1).includes(".")) {
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = [v4 >> 16n, v4 & 0xffffn];
    s = `${s.slice(0, lastColon + 1)}${tail.length ? "0:0" : ""}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const parse = (h: string): bigint[] | null => {
    if (h === "") return [];
    const out: bigint[] = [];
    for (const g of h.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(BigInt(`0x${g}`));
    }
    return out;
  };
  const head = parse(halves[0] ?? "");
  const rest = halves.length === 2 ? parse(halves[1] ?? "") : [];
  if (!head || !rest) return null;
  let groups: bigint[];
  if (halves.length === 2) {
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return null;
    groups = [...head, ...Array<bigint>(missing).fill(0n), ...rest];
  } else {
    groups = head;
  }
  if (groups.length !== 8) return null;
  if (tail.length) groups.splice(6, 2, ...tail);
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

export function parseIp(s: string): IpAddress | null {
  const v4 = parseIPv4(s);
  if (v4 !== null) return { version: 4, value: v4 };
  const v6 = parseIPv6(s);
  if (v6 !== null) return { version: 6, value: v6 };
  return null;
}

const bits = (v: IpVersion): number => (v === 4 ? 32 : 128);

/** "192.0.2.0/24" or "2001:db8::/32"; host bits set are refused (`strict`) or cleared. */
export function parsePrefix(s: string, strict = false): IpPrefix | null {
  const slash = s.indexOf("/");
  if (slash < 0) return null;
  const addr = parseIp(s.slice(0, slash));
  const lenText = s.slice(slash + 1);
  if (!addr || !/^[0-9]{1,3}$/.test(lenText)) return null;
  const length = Number(lenText);
  if (length > bits(addr.version)) return null;
  const network = addr.value & prefixMask(addr.version, length);
  if (strict && network !== addr.value) return null;
  return { version: addr.version, network, length };
}

export function prefixMask(version: IpVersion, length: number): bigint {
  const total = BigInt(bits(version));
  const all = (1n << total) - 1n;
  return length === 0 ? 0n : (all << (total - BigInt(length))) & all;
}

export function prefixContains(p: IpPrefix, a: IpAddress | IpPrefix): boolean {
  if (p.version !== a.version) return false;
  const value = "value" in a ? a.value : a.network;
  if ("length" in a && a.length < p.length) return false;
  return (value & prefixMask(p.version, p.length)) === p.network;
}

export function formatIp(a: IpAddress): string {
  if (a.version === 4) {
    return [24n, 16n, 8n, 0n].map((sh) => String((a.value >> sh) & 0xffn)).join(".");
  }
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((sh) => Number((a.value >> sh) & 0xffffn));
  // RFC 5952: compress the longest run (≥2) of zero groups.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}
