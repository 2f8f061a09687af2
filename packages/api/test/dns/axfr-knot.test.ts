/**
 * AXFR against a real Knot DNS 3.2 primary on loopback (Debian's `knot`), which adds ZONEMD
 * itself (`zonemd-generate`). Our transfer must verify, match our digest of the same zone file,
 * work with TSIG hmac-sha256, and fail clearly with a wrong key.
 */
import { computeZoneDigests, parseTsigSpec, parseZone, ZONEMD_HASH_SHA384 } from "@netops/protocols/dns";
import { verifyZonemd } from "@netops/protocols/dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axfr, querySoa } from "../../src/features/dns/transport";
import { haveBinary, knotc, LAB_ZONE, type Peer, startKnot, TSIG_SECRET, waitForSoa } from "./peers";

const run = haveBinary("knotd") ? describe : describe.skip;

run("AXFR from Knot DNS", () => {
  let knot: Peer;
  beforeAll(async () => {
    knot = await startKnot([
      { name: "example.", text: LAB_ZONE },
      { name: "tsig.example.", text: LAB_ZONE.replaceAll("example.", "tsig.example."), tsigOnly: true },
    ]);
  }, 30_000);
  afterAll(async () => {
    await knot?.stop();
  });

  it("transfers the zone Knot signed with ZONEMD and verifies it", async () => {
    const r = await axfr({ host: "127.0.0.1", port: knot.port, zone: "example." });
    // Knot bumps the serial when it adds ZONEMD (serial-policy increment).
    expect(r.serial).toBe(2024010102);
    const v = verifyZonemd(r.records);
    expect(v.status).toBe("verified");
    expect(v.hashAlgorithm).toBe(ZONEMD_HASH_SHA384);
    // Same digest as our own computation over the zone file with Knot's serial.
    const file = parseZone(LAB_ZONE.replace("2024010101", "2024010102"));
    const ours = computeZoneDigests(file.records, [ZONEMD_HASH_SHA384]);
    expect(v.computedDigest).toBe(ours.digests[0]!.hex);
    // Case from the file is folded: NS2.Example. and WWW are canonical in the transfer.
    expect(r.records.length).toBe(file.records.length + 1);
  });

  it("answers SOA queries with the serial", async () => {
    const a = await querySoa({ host: "127.0.0.1", port: knot.port, zone: "example" });
    expect(a.soa.serial).toBe(2024010102);
    expect(a.soa.refresh).toBe(7200);
    expect(a.authoritative).toBe(true);
  });

  it("signs the AXFR with TSIG hmac-sha256 and verifies every signed response", async () => {
    const key = parseTsigSpec(`xfr-key:hmac-sha256:${TSIG_SECRET}`);
    const r = await axfr({ host: "127.0.0.1", port: knot.port, zone: "tsig.example.", tsig: key });
    expect(verifyZonemd(r.records).status).toBe("verified");
  });

  it("is refused without the key, and rejects a wrong key", async () => {
    await expect(axfr({ host: "127.0.0.1", port: knot.port, zone: "tsig.example." })).rejects.toThrow(
      /REFUSED|NOTAUTH/,
    );
    const wrong = parseTsigSpec(
      `xfr-key:hmac-sha256:${Buffer.from("another secret of 32 bytes.....").toString("base64")}`,
    );
    await expect(
      axfr({ host: "127.0.0.1", port: knot.port, zone: "tsig.example.", tsig: wrong }),
    ).rejects.toThrow(/TSIG|sign|NOTAUTH/);
  });

  it("reports REFUSED for a zone the server does not have", async () => {
    await expect(axfr({ host: "127.0.0.1", port: knot.port, zone: "nope.example." })).rejects.toThrow(
      /NOTAUTH|REFUSED/,
    );
  });

  it("follows a change: Knot recomputes ZONEMD for the new serial", async () => {
    knotc(knot, "zone-begin", "example.");
    knotc(knot, "zone-set", "example.", "new.example.", "3600", "A", "192.0.2.99");
    knotc(knot, "zone-commit", "example.");
    await waitForSoa(knot.port, "example.", 2024010103);
    const r = await axfr({ host: "127.0.0.1", port: knot.port, zone: "example." });
    expect(r.serial).toBe(2024010103);
    expect(verifyZonemd(r.records).status).toBe("verified");
  });
});
