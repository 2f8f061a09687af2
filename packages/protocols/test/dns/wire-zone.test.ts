import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { defaultHasher as browserHasher } from "../../src/dns/zonemd-hash.default";
import {
  type HasherFactory,
  WireZone,
  ZONEMD_HASH_SHA384,
  ZONEMD_HASH_SHA512,
  type ZoneRecord,
  ZoneParser,
  canonicalOrder,
  computeZoneDigests,
  parseZone,
  recordToWire,
  verifyZoneText,
  verifyZonemd,
} from "../../src/dns/index";

/** Seeded shuffle, so a failure names the same order again. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The digest the ZoneRecord implementation (canonical.ts: one sort over record objects, keys as
 * strings) gives, written out by hand: what the WireZone path must reproduce.
 */
function referenceDigest(records: readonly ZoneRecord[], alg: "sha384" | "sha512"): string {
  const apex = records.find((r) => r.type === 6)!.owner;
  const h = createHash(alg);
  const inZone = records.filter((r) => {
    const at = r.owner.length === apex.length && r.owner.every((b, i) => b === apex[i]);
    if (at && r.type === 63) return false;
    if (at && r.type === 46 && ((r.rdata[0]! << 8) | r.rdata[1]!) === 63) return false;
    return true;
  });
  for (const r of canonicalOrder(inZone).records) h.update(recordToWire(r));
  return h.digest("hex");
}

// Owners that sort differently as text and canonically, escapes that the sort key must keep in
// order (\000 and \001 are escaped in the key), upper case, an owner repeated far apart, a
// duplicate RR with another TTL, two classes, RRSIGs over ZONEMD, long TXT records.
const ZONE = `$ORIGIN example.
$TTL 300
@ SOA ns hostmaster 2026120601 7200 3600 1209600 3600
@ NS ns
@ ZONEMD 2026120601 1 1 ${"00".repeat(48)}
@ RRSIG ZONEMD 8 1 300 20270101000000 20261201000000 1 example. AAAA
@ RRSIG SOA 8 1 300 20270101000000 20261201000000 1 example. AAAA
ns A 192.0.2.1
h10 A 192.0.2.10
h2 A 192.0.2.2
H2 AAAA 2001:db8::2
\\000.z A 192.0.2.3
\\001.z A 192.0.2.4
*.z A 192.0.2.5
\\200.z A 192.0.2.6
z A 192.0.2.7
a.b.c.d TXT "${"x".repeat(250)}" "${"y".repeat(250)}"
h2 A 192.0.2.2
h2 600 A 192.0.2.2
h2 CH TXT "chaos"
deep.h10 MX 10 ns
sub ZONEMD 1 1 1 ${"11".repeat(48)}
`;

describe("WireZone: the compact zone behind ZONEMD", () => {
  const parsed = parseZone(ZONE);

  it("a parser with a sink hands over the records it would have returned", () => {
    expect(parsed.errors).toEqual([]);
    const zone = new WireZone();
    const p = new ZoneParser({ sink: zone });
    expect(p.push(ZONE)).toEqual([]);
    expect(p.end()).toEqual([]);
    expect(p.errors).toEqual([]);
    expect(zone.count).toBe(parsed.records.length);
    for (let i = 0; i < zone.count; i++) expect(zone.record(i, "<input>")).toEqual(parsed.records[i]);
  });

  it("digests any input order like the ZoneRecord sort (RFC 4034 §6.3), duplicates once", () => {
    const digests = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const records = seed === 1 ? parsed.records : shuffle(parsed.records, seed);
      const d = computeZoneDigests(records, [ZONEMD_HASH_SHA384, ZONEMD_HASH_SHA512]);
      // Per input order: of two equal RRs with different TTLs the first is kept, TTL and all.
      const want = [referenceDigest(records, "sha384"), referenceDigest(records, "sha512")];
      expect([d.digests[0]!.hex, d.digests[1]!.hex], `seed ${seed}`).toEqual(want);
      digests.add(want[0]!);
    }
    // Only the TTL kept for the duplicated h2 A RR (300 or 600) varies with the order.
    expect(digests.size).toBe(2);
    // deep.h10 and sub inherit class CH from the record before them (RFC 1035 §5.1).
    const v = verifyZonemd(shuffle(parsed.records, 7));
    expect(v.counts).toMatchObject({ duplicates: 2, excludedZonemd: 2, apexZonemd: 1, otherClass: 3 });
  });

  it("input already in canonical order digests like the ZoneRecord sort; owners are lower-cased", () => {
    const sorted = canonicalOrder(parsed.records).records;
    const want = referenceDigest(sorted, "sha384");
    expect(computeZoneDigests(sorted).digests[0]!.hex).toBe(want);
    // Owners in upper case (as a transfer may deliver them) are the same names (RFC 4034 §6.2):
    // the same digest, not records taken for out-of-zone data.
    const upper = sorted.map((r) =>
      r.type === 28 || r.type === 6
        ? { ...r, owner: r.owner.map((b) => (b >= 97 && b <= 122 ? b - 32 : b)) }
        : r,
    );
    const v = verifyZonemd(upper);
    expect(v.counts.outOfZone).toBe(0);
    expect(computeZoneDigests(upper).digests[0]!.hex).toBe(want);
  });

  it("hashes across slab boundaries and large records the same as record by record", () => {
    // ~3 MiB of wire data: the slabs (128 KiB, doubling) fill several times over.
    const lines = ["$ORIGIN big.example.", "@ SOA ns h 1 2 3 4 5"];
    for (let i = 0; i < 6000; i++)
      lines.push(`t${(i * 7919) % 6000} TXT "${"a".repeat(200 + (i % 50))}" "${i}"`);
    for (let i = 0; i < 40; i++) lines.push(`k${i} TYPE65280 \\# 20000 ${"ab".repeat(20000)}`);
    const { records, errors } = parseZone(lines.join("\n"));
    expect(errors).toEqual([]);
    const zone = WireZone.fromRecords(records);
    expect(zone.slabs.length).toBeGreaterThan(3);
    const want = referenceDigest(records, "sha384");
    expect(computeZoneDigests(zone).digests[0]!.hex).toBe(want);
    expect(computeZoneDigests(shuffle(records, 3)).digests[0]!.hex).toBe(want);
  });

  it("hashes with the hasher given, and there is no default outside Node", () => {
    let octets = 0;
    const counting: HasherFactory = (alg) => {
      const h = createHash(alg);
      return {
        update: (d: Uint8Array) => {
          octets += d.length;
          h.update(d);
        },
        digest: () => h.digest(),
      };
    };
    const v = verifyZoneText(ZONE, { hasher: counting });
    expect(v.status).toBe("digest_mismatch");
    expect(octets).toBeGreaterThan(500);
    expect(v.computedDigest).toBe(referenceDigest(parsed.records, "sha384"));
    expect(browserHasher).toBeNull();
    const throwing: HasherFactory = () => {
      throw new Error("no SHA-384 here");
    };
    expect(() => computeZoneDigests(parsed.records, [ZONEMD_HASH_SHA384], { hasher: throwing })).toThrow(
      "no SHA-384 here",
    );
  });
});
