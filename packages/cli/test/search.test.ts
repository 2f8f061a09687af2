/** `netops search`: the API's search service on the configured database, one JSON object per hit. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, migrateDatabase } from "@netops/db";
import { addressSortKey } from "@netops/protocols/dhcp";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

describe("netops search", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "netops-cli-search-"));
  const url = `file:${path.join(dir, "cli.db")}`;
  const env = { DATABASE_URL: url, NETOPS_CONFIG: "" };
  const run = (args: string[]) => runCli(["search", ...args], { env });

  beforeAll(async () => {
    await migrateDatabase(url);
    const db = createDb(url);
    const src = await db.dhcpSource.create({ data: { name: "lab", kind: "dnsmasq-leases", location: "/x" } });
    await db.dhcpLease.create({
      data: {
        sourceId: src.id,
        addressKey: addressSortKey("192.0.2.53"),
        address: "192.0.2.53",
        family: 4,
        prefixLength: 32,
        leaseType: "V4",
        hwAddress: "00:1a:2b:3c:4d:5e",
        hostname: "ns1",
        hostnameKey: "ns1",
        state: "bound",
        line: 1,
        updatedAt: 0,
      },
    });
    await db.$disconnect();
  });

  it("prints one JSON object per hit with --json, and the groups otherwise", async () => {
    const r = await run(["192.0.2.53", "--json"]);
    expect(r.code).toBe(0);
    const hits = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(hits[0]).toEqual({
      subsystem: "dhcp",
      kind: "lease",
      key: expect.any(String),
      label: "192.0.2.53",
      url: "/dhcp/leases/192.0.2.53",
    });
    const text = await run(["001a.2b3c.4d5e"]);
    expect(text.out).toMatch(/^DHCP\n {2}exact +lease +192\.0\.2\.53 {2}\/dhcp\/leases\/192\.0\.2\.53\n/);
  });

  it("exits 1 with 'no results' when nothing matches, and 2 for a query that cannot be searched", async () => {
    const none = await run(["198.51.100.1"]);
    expect([none.code, none.err]).toEqual([1, 'netops search: no results for "198.51.100.1"\n']);
    const ctl = await run(["a\u0007b"]);
    expect([ctl.code, ctl.err]).toEqual([
      2,
      "netops search: the query contains control character U+0007 at character 2\n",
    ]);
    // What Node makes of an argument that is not UTF-8 (e.g. the byte 0xff).
    const bad = await run([Buffer.from([0x61, 0xff]).toString("utf8")]);
    expect([bad.code, bad.err]).toEqual([
      2,
      "netops search: the query is not valid UTF-8 (an undecodable byte at character 2)\n",
    ]);
    expect((await run([])).code).toBe(2);
    const long = await run(["x".repeat(10_000)]);
    expect(long.code).toBe(2);
    for (const q of ["%", "_", "%_%", "'; DROP TABLE DhcpLease; --", ".*", "(a+)+$"]) {
      const r = await run([q]);
      expect(r.code, q).toBe(1);
    }
  });

  it("says on stderr when the text is too short for partial matches, and prints the prefix matches", async () => {
    const r = await run(["ns"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/prefix +lease +192\.0\.2\.53/);
    expect(r.err).toBe(
      "Partial matches need at least 3 characters: showing exact and prefix matches only.\n",
    );
  });
});
