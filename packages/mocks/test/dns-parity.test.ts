/**
 * The mock API's DNS answers must be the server's: a zone file uploaded to `dns.verifyUpload` gets
 * the same verdict from the real service (node:crypto) and the mock (pure-JS hashes, as in a
 * browser), and the overview tile reads the same for the same zones.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DnsService } from "../../api/src/features/dns/service";
import { verifyUpload } from "../../api/src/features/dns/upload";
import { createDnsResolvers, dnsSampleData, dnsTile, dnsZoneFixture } from "../src/dns.mock";

const VECTORS = path.resolve(import.meta.dirname, "../../protocols/test/dns/vectors/rfc8976");
const vector = (name: string) => readFileSync(path.join(VECTORS, name), "utf8");
const encode = (text: string) => new TextEncoder().encode(text);

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/** The verdict without its timings (wall-clock, never equal). */
async function real(text: string) {
  const { timing: _t, ...v } = await verifyUpload(once(encode(text)), 1 << 30, 1_000_000);
  return v;
}

async function mock(text: string) {
  const upload = createDnsResolvers(dnsSampleData())["dns.verifyUpload"] as (i: unknown) => Promise<unknown>;
  const body = new Response(encode(text)).body;
  const { timing: _t, ...v } = (await upload(body)) as Awaited<ReturnType<typeof verifyUpload>>;
  return v;
}

const simple = vector("rfc8976-A.1-simple-example.zone");
const cases: [string, string, string][] = [
  ["RFC 8976 A.1 (simple, SHA-384)", simple, "verified"],
  ["RFC 8976 A.3 (multiple digests)", vector("rfc8976-A.3-multiple-digests-example.zone"), "verified"],
  ["RFC 8976 A.4 (uri.arpa)", vector("rfc8976-A.4-uri.arpa.zone"), "verified"],
  // One record changed after the digest was taken: the digest no longer matches.
  ["A.1 with a record changed", simple.replace("203.0.113.63", "203.0.113.99"), "digest_mismatch"],
  ["a zone without ZONEMD", simple.replace(/^.*ZONEMD[^)]*\)$/m, ""), "no_zonemd"],
];

describe("dns.verifyUpload: real API and mock agree", () => {
  for (const [what, text, status] of cases) {
    it(what, async () => {
      const r = await real(text);
      expect(r.status).toBe(status);
      expect(await mock(text)).toEqual(r);
    });
  }
});

describe("the DNS overview tile: server and mock word it alike", () => {
  const health = (zones: ReturnType<typeof dnsSampleData>["zones"]) =>
    DnsService.prototype.health.call({ list: async () => zones } as unknown as DnsService);

  it("for the sample zones (failed and unfetchable ones among them)", async () => {
    const data = dnsSampleData();
    expect(dnsTile(data)).toEqual(await health(data.zones));
    expect(dnsTile(data).health).toBe("failing");
  });

  it("for only verified and unfetchable zones, and for none", async () => {
    const zones = [dnsZoneFixture(), dnsZoneFixture({ id: "z2", status: "fetch_failed" })];
    expect(dnsTile({ zones, history: {} })).toEqual(await health(zones));
    expect(dnsTile({ zones, history: {} }).summary).toBe("1/2 zones verified, 1 unfetchable");
    expect(dnsTile({ zones: [], history: {} })).toEqual(await health([]));
  });
});
