// The demo console: the lab capture is imported (pools and the takeover on screen after start) and the
// lab sender's replayed announces, presences and CSP reports reach the real listeners on loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ demo: true });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe("RSerPool in the demo", () => {
  it("shows the imported pools and takeover, and hears the lab sender", async () => {
    const svc = h.app.services.rserpool;
    const o = await svc.overview();
    expect(o.pools.map((p) => p.name)).toEqual(["DiscardPool", "EchoPool"]);
    expect(o.registrars.find((r) => r.serverId === "0xaaaa0001")).toMatchObject({
      status: "taken-over",
      takenOverBy: "0xcccc0003",
    });
    expect(o.captures[0]?.name).toMatch(/^lab: /);
    expect(o.listeners.map((l) => l.channel)).toEqual(["announce", "presence", "csp"]);
    // The replay is paced as recorded: announces and CSP reports come every second.
    for (let i = 0; i < 100 && (svc.stats.announces === 0 || svc.stats.reports === 0); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(svc.stats.announces).toBeGreaterThan(0);
    expect(svc.stats.reports).toBeGreaterThan(0);
    expect(svc.stats.errors).toBe(0);
  }, 30_000);
});
