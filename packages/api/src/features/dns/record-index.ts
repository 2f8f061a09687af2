/**
 * The searchable records of a zone's last accepted copy (DnsRecordTerm): owner names and the
 * addresses and target names in A, AAAA, NS, PTR, MX, CNAME and SRV records. Written when a copy
 * is accepted (replacing the zone's previous terms), read by search and entity pages, so a search
 * never opens a zone file or reparses a copy.
 */
import type { Db } from "@netops/db";
import { nameToText, RRType, type ZoneRecord } from "@netops/protocols/dns";
import { formatIPv6 } from "@netops/protocols/net";
import { addressSortKey } from "@netops/protocols/dhcp";

/** SRV (RFC 2782) is not in RRType's short list. */
const SRV = 33;

export interface RecordTerm {
  owner: string;
  type: string;
  value: string;
  addrKey: string | null;
  ttl: number;
}

/** At most this many terms per zone are kept (a larger zone is searchable up to them; the count is logged). */
export const MAX_TERMS_PER_ZONE = 1_000_000;

function bare(name: string): string {
  const l = name.toLowerCase();
  return l.length > 1 && l.endsWith(".") ? l.slice(0, -1) : l;
}

/** A name inside RDATA at `at` (uncompressed, canonical wire form), or null when it runs past the end. */
function rdataName(rdata: Uint8Array, at: number): string | null {
  let p = at;
  while (p < rdata.length) {
    const len = rdata[p] ?? 0;
    if (len === 0) return bare(nameToText(rdata, at));
    p += 1 + len;
  }
  return null;
}

/** The searchable term of one record, or null for types search does not look into. */
export function recordTerm(r: ZoneRecord): RecordTerm | null {
  const owner = bare(nameToText(r.owner));
  let type: string;
  let value: string | null = null;
  switch (r.type) {
    case RRType.A:
      type = "A";
      if (r.rdata.length === 4) value = Array.from(r.rdata).join(".");
      break;
    case RRType.AAAA: {
      type = "AAAA";
      if (r.rdata.length === 16) {
        const g: number[] = [];
        for (let i = 0; i < 16; i += 2) g.push(((r.rdata[i] ?? 0) << 8) | (r.rdata[i + 1] ?? 0));
        value = formatIPv6(g);
      }
      break;
    }
    case RRType.NS:
      type = "NS";
      value = rdataName(r.rdata, 0);
      break;
    case RRType.CNAME:
      type = "CNAME";
      value = rdataName(r.rdata, 0);
      break;
    case RRType.PTR:
      type = "PTR";
      value = rdataName(r.rdata, 0);
      break;
    case RRType.MX:
      type = "MX";
      value = rdataName(r.rdata, 2);
      break;
    case SRV:
      type = "SRV";
      value = rdataName(r.rdata, 6);
      break;
    default:
      return null;
  }
  if (value === null) return null;
  const addrKey = type === "A" || type === "AAAA" ? addressSortKey(value) : null;
  return { owner, type, value, addrKey, ttl: r.ttl };
}

/** Replaces a zone's terms with those of the copy just accepted (one transaction). */
export async function replaceRecordTerms(
  db: Db,
  zoneId: string,
  checkId: number,
  records: readonly ZoneRecord[],
): Promise<{ stored: number; dropped: number }> {
  const terms: RecordTerm[] = [];
  let dropped = 0;
  for (const r of records) {
    const t = recordTerm(r);
    if (!t) continue;
    if (terms.length >= MAX_TERMS_PER_ZONE) dropped++;
    else terms.push(t);
  }
  await db.$transaction(
    async (tx) => {
      await tx.dnsRecordTerm.deleteMany({ where: { zoneId } });
      for (let i = 0; i < terms.length; i += 5000)
        await tx.dnsRecordTerm.createMany({
          data: terms.slice(i, i + 5000).map((t) => ({ zoneId, checkId, ...t })),
        });
    },
    { timeout: 120_000 },
  );
  return { stored: terms.length, dropped };
}
