/**
 * Issue 15 item 2: every alert count agrees. The nav badge (alerts.counts), the Overview's Alerts
 * tile and its breakdown, the per-subsystem tiles and the on-call headline all count "firing and
 * not silenced"; acknowledged and silenced alerts are counted apart, under their own names.
 */
import { isFiring } from "@netops/protocols";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Services } from "../../src/services";
import { type TestDb, testDb, testServices } from "../fixtures";

let t: TestDb;
let services: Services;

beforeEach(() => {
  t = testDb("counts");
  services = testServices(t.db);
});
afterEach(() => t.close());

async function seed() {
  const { alerts } = services;
  const raise = (
    source: "zonemd" | "dhcp" | "system",
    severity: "critical" | "warning" | "info",
    k: string,
  ) => alerts.raise({ source, severity, labels: { k }, summary: `example ${k}` });
  await raise("zonemd", "critical", "firing-critical");
  await raise("dhcp", "warning", "firing-warning");
  await raise("system", "info", "firing-info");
  const acked = await raise("zonemd", "critical", "acknowledged");
  await alerts.acknowledge(acked.alert.id, "op");
  const resolved = await raise("dhcp", "critical", "resolved");
  await alerts.resolveById(resolved.alert.id, "op");
  await raise("dhcp", "warning", "silenced-firing");
  const silencedAck = await raise("dhcp", "critical", "silenced-acked");
  await alerts.acknowledge(silencedAck.alert.id, "op");
  await alerts.createSilence(
    {
      matchers: [{ name: "k", op: "=~", value: "silenced-.*" }],
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      comment: "maintenance",
    },
    "op",
  );
}

describe("one definition of an alert count", () => {
  it("counts firing-and-not-silenced, with acknowledged and silenced apart", async () => {
    await seed();
    const c = await services.alerts.counts();
    expect(c.firing).toBe(3);
    expect(c.acknowledged).toBe(1);
    expect(c.silenced).toBe(2);
    expect(c.bySeverity).toEqual({ critical: 1, warning: 1, info: 1 });
  });

  it("gives the badge, the tiles, the Overview table and on-call the same number", async () => {
    await seed();
    const badge = (await services.alerts.counts()).firing;
    const tiles = await services.health.overview();
    const sum = (f: { critical: number; warning: number; info: number }) => f.critical + f.warning + f.info;
    const alertsTile = tiles.find((x) => x.subsystem === "alerts");
    expect(alertsTile && sum(alertsTile.firing)).toBe(badge);
    expect(alertsTile?.acknowledged).toBe(1);
    // Each alert source belongs to one tile: the feature tiles and the system tile add up to the badge.
    expect(tiles.filter((x) => x.subsystem !== "alerts").reduce((n, x) => n + sum(x.firing), 0)).toBe(badge);
    // The Overview's firing table and the on-call headline filter the active list by the same rule.
    const active = await services.alerts.active();
    expect(active.filter(isFiring)).toHaveLength(badge);
    // The Alerts list filtered to firing, hiding silenced, finds the same alerts.
    const listed = await services.alerts.list({ state: ["firing"], silenced: "exclude" });
    expect(listed.items.map((a) => a.id).sort()).toEqual(
      active
        .filter(isFiring)
        .map((a) => a.id)
        .sort(),
    );
  });

  it("keeps an acknowledged critical in the subsystem's health but not in its firing count", async () => {
    const { alerts } = services;
    const a = await alerts.raise({
      source: "system",
      severity: "critical",
      labels: { k: "x" },
      summary: "x",
    });
    await alerts.acknowledge(a.alert.id, "op");
    const system = (await services.health.overview()).find((x) => x.subsystem === "system");
    expect(system?.firing).toEqual({ critical: 0, warning: 0, info: 0 });
    expect(system?.acknowledged).toBe(1);
    expect(system?.health).toBe("failing");
    expect((await alerts.counts()).firing).toBe(0);
  });
});
