/**
 * The mock Overview reports the fixtures' real state for every feature subsystem, worded like the
 * server's probes (no "Not built yet" placeholder tiles).
 */
import { FEATURE_SUBSYSTEMS } from "@netops/protocols";
import { describe, expect, it } from "vitest";
import { createMockApi } from "../src";

type Overview = { subsystems: { subsystem: string; health: string; summary: string }[] };

async function tiles(scenario: "populated" | "empty") {
  const api = createMockApi({ scenario });
  const fn = api.resolvers["system.overview"] as unknown as () => Promise<Overview> | Overview;
  const o = await fn();
  return Object.fromEntries(o.subsystems.map((t) => [t.subsystem, t]));
}

describe("mock overview tiles", () => {
  it("shows every feature subsystem's fixtures, none as 'Not built yet'", async () => {
    const t = await tiles("populated");
    for (const d of FEATURE_SUBSYSTEMS) {
      expect(t[d.id]?.summary, d.id).not.toMatch(/not built/i);
      expect(t[d.id]?.health, d.id).not.toBe("not_configured");
    }
    // Two sources (one stale), three pools (one at 95 %): as the DHCP probe words it.
    expect(t.dhcp).toMatchObject({
      health: "failing",
      summary: "2 source(s), 3 pool(s), 1 stale, 1 pool(s) critical",
    });
    expect(t.bgp?.summary).toMatch(/^\d+ events \(\d+ downs\) in 24 h; 1 source$/);
    expect(t.rdap?.summary).toMatch(
      /^mock RDAP server .* for \.example, IANA bootstrap snapshot elsewhere; no query yet$/,
    );
    expect(t.registry?.summary).toMatch(/registry session\(s\) up/);
  });

  it("says not configured for an empty console", async () => {
    const t = await tiles("empty");
    // RDAP needs no configuration (it is on by default, with the shipped IANA bootstrap).
    for (const d of FEATURE_SUBSYSTEMS.filter((x) => x.id !== "rdap"))
      expect(t[d.id]?.health, d.id).toBe("not_configured");
    expect(t.rdap?.health).toBe("ok");
    expect(t.dhcp?.summary).toBe("No DHCP sources configured");
    expect(t.bgp?.summary).toBe("No BMP, syslog or log file source configured");
  });
});
