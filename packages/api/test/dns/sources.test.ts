/**
 * The outbound and file-system guards of zone sources: only listed https URLs (no redirects),
 * only files inside the zone folders (symlinks and $INCLUDE included), and the size and record
 * limits while streaming.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseZone } from "@netops/protocols/dns";
import { DEFAULT_DNS_LIMITS, nsServersOf } from "../../src/features/dns/service";
import { type DnsLimits, fetchZoneUrl, readZoneFile } from "../../src/features/dns/sources";

const ZONE = `$ORIGIN s.example.
$TTL 300
@ SOA ns1 host 1 3600 600 86400 300
@ NS ns1
ns1 A 192.0.2.1
`;

describe("zone sources", () => {
  const root = mkdtempSync(path.join(tmpdir(), "netops-src-"));
  const zones = path.join(root, "zones");
  const outside = path.join(root, "outside");
  mkdirSync(zones);
  mkdirSync(outside);
  writeFileSync(path.join(zones, "s.zone"), ZONE);
  writeFileSync(path.join(outside, "secret.zone"), ZONE);
  symlinkSync(path.join(outside, "secret.zone"), path.join(zones, "link.zone"));
  writeFileSync(path.join(zones, "inc.zone"), `${ZONE}$INCLUDE ../outside/secret.zone\n`);
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const limits: DnsLimits = {
    ...DEFAULT_DNS_LIMITS,
    zoneDirs: [zones],
    httpsUrls: ["https://zones.example.net/s.zone"],
  };

  it("reads a zone file inside the folders, streaming it into the parser", async () => {
    const c = await readZoneFile(path.join(zones, "s.zone"), "s.example.", limits);
    expect(c.records).toHaveLength(3);
    expect(c.errors).toEqual([]);
  });

  it("refuses files outside the folders, also through a symlink or an $INCLUDE", async () => {
    await expect(readZoneFile(path.join(outside, "secret.zone"), "s.example.", limits)).rejects.toThrow(
      /outside the configured zone folders/,
    );
    await expect(readZoneFile(path.join(zones, "link.zone"), "s.example.", limits)).rejects.toThrow(
      /outside the configured zone folders/,
    );
    const inc = await readZoneFile(path.join(zones, "inc.zone"), "s.example.", limits);
    expect(inc.errors[0]?.message).toMatch(/inc\.zone:6:.*outside the configured zone folders/);
    await expect(
      readZoneFile(path.join(zones, "s.zone"), "s.example.", { ...limits, zoneDirs: [] }),
    ).rejects.toThrow(/no zone folders are configured/);
  });

  it("stops at the size and record limits", async () => {
    await expect(
      readZoneFile(path.join(zones, "s.zone"), "s.example.", {
        ...limits,
        maxZoneBytes: 1024,
        maxRecords: 2,
      }),
    ).rejects.toThrow(/more than 2 records/);
    writeFileSync(path.join(zones, "big.zone"), `${ZONE}${"; padding\n".repeat(300)}`);
    await expect(
      readZoneFile(path.join(zones, "big.zone"), "s.example.", { ...limits, maxZoneBytes: 1024 }),
    ).rejects.toThrow(/larger than the limit of 1024 bytes/);
  });

  it("fetches only listed https URLs, never following redirects, streaming the body", async () => {
    const seen: { url: string; redirect: RequestInit["redirect"] }[] = [];
    const fetchStub = (async (url: string | URL | Request, init?: RequestInit) => {
      seen.push({ url: String(url), redirect: init?.redirect });
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          const bytes = new TextEncoder().encode(ZONE);
          c.enqueue(bytes.subarray(0, 20));
          c.enqueue(bytes.subarray(20));
          c.close();
        },
      });
      return new Response(body, { status: 200 });
    }) as typeof fetch;
    const c = await fetchZoneUrl("https://zones.example.net/s.zone", "s.example.", limits, fetchStub);
    expect(c.records).toHaveLength(3);
    expect(seen).toEqual([{ url: "https://zones.example.net/s.zone", redirect: "error" }]);
    await expect(
      fetchZoneUrl("https://elsewhere.example.net/s.zone", "s.example.", limits, fetchStub),
    ).rejects.toThrow(/not in the configured list/);
    expect(seen).toHaveLength(1);
  });

  it("reports HTTP errors and oversized downloads", async () => {
    const status = (async () => new Response("no", { status: 503 })) as typeof fetch;
    await expect(
      fetchZoneUrl("https://zones.example.net/s.zone", "s.example.", limits, status),
    ).rejects.toThrow(/answered HTTP 503/);
    const big = (async () =>
      new Response(new Uint8Array(4096).fill(59), {
        status: 200,
        headers: { "content-length": "4096" },
      })) as typeof fetch;
    await expect(
      fetchZoneUrl("https://zones.example.net/s.zone", "s.example.", { ...limits, maxZoneBytes: 1024 }, big),
    ).rejects.toThrow(/4096 bytes, above the limit of 1024/);
    const netErr = (async () => {
      throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    }) as typeof fetch;
    await expect(
      fetchZoneUrl("https://zones.example.net/s.zone", "s.example.", limits, netErr),
    ).rejects.toThrow("cannot fetch https://zones.example.net/s.zone: connection failed");
  });

  it("derives the NS set from the zone itself: glue addresses, names without glue kept for the resolver, MNAME as primary", () => {
    const z = parseZone(`$ORIGIN n.example.
@ 300 SOA NS1 host 1 3600 600 86400 300
@ 300 NS ns1
@ 300 NS ns2
@ 300 NS ns.elsewhere.example.
ns1 300 A 192.0.2.1
ns2 300 AAAA 2001:db8::2
sub 300 NS ns1.sub
ns1.sub 300 A 192.0.2.9
`).records;
    expect(nsServersOf(z, "n.example")).toEqual([
      { label: "ns1.n.example", host: "192.0.2.1", port: 53, role: "primary" },
      { label: "ns2.n.example", host: "2001:db8:0:0:0:0:0:2", port: 53, role: "secondary" },
      // No address in the zone: kept by name, resolved through dns.resolver when polled.
      { label: "ns.elsewhere.example", host: "ns.elsewhere.example", port: 53, role: "secondary" },
    ]);
  });
});
