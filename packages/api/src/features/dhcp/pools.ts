import { keaSubnetIdError, parseCidr, type PoolRange, parsePool } from "@netops/protocols/dhcp";

/** A subnet with its pools and reservations, from Kea's configuration or the console's. */
export interface SubnetConfig {
  keaId: number | null;
  cidr: string;
  sharedNetwork: string | null;
  pools: PoolRange[];
  reservations: ReservationConfig[];
}

export interface ReservationConfig {
  address: string;
  hwAddress: string | null;
  clientId: string | null;
  hostname: string | null;
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
      const badId = s.id === undefined ? null : keaSubnetIdError(s.id);
      if (badId) throw new RangeError(`config-get: subnet ${cidr.network}/${cidr.prefixLength}: ${badId}`);
      out.push({
        keaId: s.id ?? null,
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
