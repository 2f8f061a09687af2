import { describe, expect, it } from "vitest";
import { createMockApi } from "../src";

const ctx = {
  request: new Request("http://localhost/"),
  path: "",
  type: "query" as const,
  signal: new AbortController().signal,
};

describe("mock overview: DNS tile", () => {
  it("is derived from the mock zones, worded like the server's probe", async () => {
    const api = createMockApi();
    const zones = await api.resolvers["dns.list"](undefined, ctx);
    const overview = await api.resolvers["system.overview"](undefined, ctx);
    const tile = overview.subsystems.find((s) => s.subsystem === "dns");
    const verified = zones.filter((z) => z.status === "verified").length;
    // The sample data has a digest mismatch among its zones, so the tile is failing.
    expect(tile).toMatchObject({
      health: "failing",
      summary: expect.stringContaining(`${verified}/${zones.length} zones verified`),
    });
    expect(tile?.summary).not.toBe("Not built yet");
  });

  it("says no zones are watched in the empty scenario", async () => {
    const api = createMockApi({ scenario: "empty" });
    const overview = await api.resolvers["system.overview"](undefined, ctx);
    expect(overview.subsystems.find((s) => s.subsystem === "dns")).toMatchObject({
      health: "not_configured",
      summary: "No zones watched",
    });
  });
});
