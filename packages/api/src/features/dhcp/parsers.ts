import {
  type DhcpdParseItem,
  type DhcpLease,
  DhcpdLeaseParser,
  DnsmasqLeaseParser,
  KeaCsvParser,
  type KeaParseItem,
  type LeaseParseError,
} from "@netops/protocols/dhcp";

export const FILE_KINDS = ["kea-memfile", "dhcpd-leases", "dnsmasq-leases"] as const;
export const SOURCE_KINDS = ["kea-api", ...FILE_KINDS] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type FileKind = (typeof FILE_KINDS)[number];

/** What a lease-file parser hands the collector, whichever format it reads. */
export interface ParsedChunk {
  leases: DhcpLease[];
  errors: LeaseParseError[];
  /** dhcpd `host` blocks with fixed addresses (OMAPI reservations). */
  hosts: { name: string; address: string; hwAddress: string | null; clientId: string | null }[];
}

export interface FileParser {
  push(text: string): ParsedChunk;
  end(): ParsedChunk;
}

/** Kea memfile and dhcpd.leases are append-only (rewritten only on rotation); dnsmasq rewrites its file. */
export function isAppendOnly(kind: FileKind): boolean {
  return kind !== "dnsmasq-leases";
}

export function createFileParser(kind: FileKind, server: string): FileParser {
  const inner =
    kind === "kea-memfile"
      ? new KeaCsvParser({ server })
      : kind === "dhcpd-leases"
        ? new DhcpdLeaseParser({ server })
        : new DnsmasqLeaseParser({ server });
  const sort = (items: readonly (KeaParseItem | DhcpdParseItem)[]): ParsedChunk => {
    const out: ParsedChunk = { leases: [], errors: [], hosts: [] };
    for (const it of items) {
      if (it.kind === "lease") out.leases.push(it.lease);
      else if (it.kind === "error") out.errors.push(it);
      else if (it.kind === "host") {
        const h = it.host;
        if (!h.deleted)
          for (const a of h.fixedAddresses)
            out.hosts.push({ name: h.name, address: a, hwAddress: h.hwAddress, clientId: h.clientId });
      }
    }
    return out;
  };
  return {
    push: (text) => sort(inner.push(text)),
    end: () => sort(inner.end()),
  };
}
