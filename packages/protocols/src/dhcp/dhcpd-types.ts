/** What the dhcpd lease-file parser emits besides leases, and its options (see dhcpd.ts). */

import type { LeaseParseItem, LeaseState, ParserOptions } from "./model";

export const DHCPD_BINDING_STATES: Readonly<Record<string, LeaseState>> = {
  free: "free",
  active: "bound",
  expired: "expired",
  released: "released",
  abandoned: "abandoned",
  reset: "free", // failover: an operator reset the lease; it is free again
  backup: "backup",
  bootp: "bound", // BOOTP binding (dhcpd 4.x writes these as active + `ends never`, older ones as bootp)
};

/** A `host` declaration written to the lease file by OMAPI (dynamic host reservations). */
export interface DhcpdHost {
  name: string;
  hwAddress: string | null;
  hwType: number | null;
  clientId: string | null;
  fixedAddresses: string[];
  /** `deleted;` marks a host removed via OMAPI: it cancels earlier declarations with the same name. */
  deleted: boolean;
  line: number;
  raw: Record<string, string>;
}

export interface HostItem {
  kind: "host";
  host: DhcpdHost;
}

/**
 * A lease from ISC dhclient's own file (`lease { interface ...; fixed-address ...; option ...;
 * renew/rebind/expire ...; }`): what a client holds, not a server binding, so it is not a DhcpLease.
 */
export interface DhclientLease {
  interface: string | null;
  address: string | null;
  renew: number | null;
  rebind: number | null;
  expire: number | null;
  /** `option <name>` → value text as written. */
  options: Record<string, string>;
  line: number;
  raw: Record<string, string>;
}

export interface ClientLeaseItem {
  kind: "client-lease";
  lease: DhclientLease;
}

export type DhcpdParseItem = LeaseParseItem | HostItem | ClientLeaseItem;

export interface DhcpdParserOptions extends ParserOptions {
  /** IAID byte order when the file has no `authoring-byte-order` statement (default little-endian). */
  byteOrder?: "little-endian" | "big-endian";
}
