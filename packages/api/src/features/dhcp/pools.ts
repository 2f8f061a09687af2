import { parseAddress, parseCidr } from "@netops/protocols/dhcp";

/** A subnet with its pools and reservations, from Kea's configuration or the console's. */
export interface SubnetConfig {
  keaId: number | null;
  cidr: string;
  sharedNetwork: string | null;
  pools: PoolRange[];
  reservations: ReservationConfig[];
}

export interface PoolRange {
  firstAddr: string;
  lastAddr: string;
  lowKey: string;
  highKey: string;
  size: number;
}

export interface ReservationConfig {
  address: string;
  hwAddress: string | null;
  clientId: string | null;
  hostname: string | null;
}

const MAX_POOL_SIZE = Number.MAX_SAFE_INTEGER;

/** Parses a Kea pool ("a - b" or "prefix/len") or the console's "first-last"; throws with the reason. */
export function parsePool(text: string): PoolRange {
  const t = text.trim();
  if (t.includes("/")) {
    const c = parseCidr(t);
    if (!c) throw new RangeError(`pool ${JSON.stringify(t)}: not a CIDR prefix`);
    return range(c.lowKey, c.highKey);
  }
  const parts = t.split(/\s*-\s*/);
  if (parts.length !== 2) throw new RangeError(`pool ${JSON.stringify(t)}: expected "first - last"`);
  const a = parseAddress(parts[0] ?? "");
  const b = parseAddress(parts[1] ?? "");
  if (!a || !b) throw new RangeError(`pool ${JSON.stringify(t)}: not two addresses`);
  if (a.family !== b.family) throw new RangeError(`pool ${JSON.stringify(t)}: mixes IPv4 and IPv6`);
  if (a.key > b.key) throw new RangeError(`pool ${JSON.stringify(t)}: first address is after the last`);
  return range(a.key, b.key);
}

function keyText(key: string): string {
  const hex = key.slice(3);
  if (key.startsWith("v4:")) {
    const n = Number.parseInt(hex, 16);
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  }
  const groups = hex.match(/.{4}/g) ?? [];
  return parseAddress(groups.join(":"))?.text ?? key;
}

function range(lowKey: string, highKey: string): PoolRange {
  const size = BigInt(`0x${highKey.slice(3)}`) - BigInt(`0x${lowKey.slice(3)}`) + 1n;
  return {
    firstAddr: keyText(lowKey),
    lastAddr: keyText(highKey),
    lowKey,
    highKey,
    size: size > BigInt(MAX_POOL_SIZE) ? MAX_POOL_SIZE : Number(size),
  };
}

interface KeaSubnet {
  id?: number;
  subnet?: string;
  pools?: { pool?: string }[];
  "pd-pools"?: unknown[];
  reservations?: {
    "ip-address"?: string;
    "ip-addresses"?: string[];
    "hw-address"?: string;
    "client-id"?: string;
    duid?: string;
    hostname?: string;
  }[];
}

/** Subnets, pools and reservations from a `config-get` answer (Dhcp4 or Dhcp6, shared networks included). */
export function subnetsFromKeaConfig(config: unknown, family: 4 | 6): SubnetConfig[] {
  const root = (config as Record<string, unknown> | null)?.[family === 4 ? "Dhcp4" : "Dhcp6"] as
    | Record<string, unknown>
    | undefined;
  if (!root) throw new RangeError(`config-get: no Dhcp${family} section in the answer`);
  const key = family === 4 ? "subnet4" : "subnet6";
  const out: SubnetConfig[] = [];
  const add = (subnets: unknown, shared: string | null) => {
    if (!Array.isArray(subnets)) return;
    for (const s of subnets as KeaSubnet[]) {
      const cidr = s.subnet ? parseCidr(s.subnet) : null;
      if (!cidr) throw new RangeError(`config-get: subnet ${JSON.stringify(s.subnet)} is not a prefix`);
      out.push({
        keaId: typeof s.id === "number" ? s.id : null,
        cidr: `${cidr.network}/${cidr.prefixLength}`,
        sharedNetwork: shared,
        pools: (s.pools ?? [])
          .filter((p) => typeof p.pool === "string")
          .map((p) => parsePool(p.pool as string)),
        reservations: (s.reservations ?? []).flatMap((r) => {
          const addrs = r["ip-address"] ? [r["ip-address"]] : (r["ip-addresses"] ?? []);
          return addrs.map((a) => ({
            address: a,
            hwAddress: r["hw-address"] ?? null,
            clientId: r["client-id"] ?? r.duid ?? null,
            hostname: r.hostname ?? null,
          }));
        }),
      });
    }
  };
  add(root[key], null);
  const shared = root["shared-networks"];
  if (Array.isArray(shared)) {
    for (const n of shared as Record<string, unknown>[])
      add(n[key], typeof n.name === "string" ? n.name : null);
  }
  return out;
}
