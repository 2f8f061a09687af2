/**
 * Kea row → DhcpLease: the one place each family's lease object is built (fast and general path
 * alike), so every lease of a family has the same hidden class and the derived fields (cltt,
 * starts/ends, deleted) cannot drift apart.
 */

import { ipv4SortKey } from "./address";
import { INFINITE } from "./kea-layout";
import type { DhcpLease, LeaseState, LeaseType } from "./model";

export function lease4(
  address: string,
  v4: number,
  hwAddress: string | null,
  clientId: string | null,
  valid: number,
  expire: number,
  subnet: number,
  fwd: boolean,
  rev: boolean,
  hostname: string | null,
  state: LeaseState,
  userContext: Record<string, unknown> | null,
  pool: number,
  server: string | null,
  line: number,
  header: string,
  row: string,
): DhcpLease {
  const cltt = expire - valid;
  return {
    format: "kea-csv",
    family: 4,
    address,
    addressKey: ipv4SortKey(v4),
    prefixLength: 32,
    leaseType: "V4",
    hwAddress,
    hwType: hwAddress === null ? null : 1, // v4 files carry no type; Kea's DHCPv4 leases are Ethernet here
    clientId,
    iaid: null,
    hostname,
    state,
    deleted: valid === 0,
    starts: cltt,
    ends: valid === INFINITE ? null : expire,
    cltt,
    validLifetime: valid,
    preferredLifetime: null,
    subnetId: subnet,
    poolId: pool,
    fqdnFwd: fwd,
    fqdnRev: rev,
    userContext,
    failover: null,
    server,
    line,
    raw: { header, row },
  };
}

export function lease6(
  address: string,
  addressKey: string,
  leaseType: LeaseType,
  plen: number,
  hwAddress: string | null,
  hwType: number | null,
  duid: string | null,
  iaid: number,
  valid: number,
  expire: number,
  pref: number,
  subnet: number,
  fwd: boolean,
  rev: boolean,
  hostname: string | null,
  state: LeaseState,
  userContext: Record<string, unknown> | null,
  pool: number,
  server: string | null,
  line: number,
  header: string,
  row: string,
): DhcpLease {
  const cltt = expire - valid;
  return {
    format: "kea-csv",
    family: 6,
    address,
    addressKey,
    // Kea reads prefix_len only for PD and uses 128 otherwise (csv_lease_file6.cc).
    prefixLength: leaseType === "IA_PD" ? plen : 128,
    leaseType,
    hwAddress,
    hwType: hwAddress === null ? null : hwType,
    clientId: duid,
    iaid,
    hostname,
    state,
    deleted: valid === 0,
    starts: cltt,
    ends: valid === INFINITE ? null : expire,
    cltt,
    validLifetime: valid,
    preferredLifetime: pref,
    subnetId: subnet,
    poolId: pool,
    fqdnFwd: fwd,
    fqdnRev: rev,
    userContext,
    failover: null,
    server,
    line,
    raw: { header, row },
  };
}
