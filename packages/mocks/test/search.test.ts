/** The mock search, entity page and timeline: the server's classification and ranking over the mock fixtures. */
import {
  type BgpTimelineRow,
  bgpTimelineEvent,
  type EntityPage,
  type SearchResult,
  type TimelinePage,
} from "@netops/protocols";
import { describe, expect, it } from "vitest";
import { createMockApi, populatedState } from "../src";

const ctx = {
  request: new Request("http://mock/api/trpc"),
  path: "",
  type: "query" as const,
  signal: new AbortController().signal,
};

function api(user = "mock-user-admin") {
  const a = createMockApi({ state: populatedState(user) });
  const call = <T>(path: "search.query" | "entity.get" | "timeline.list", input: unknown) =>
    (a.resolvers[path] as unknown as (i: unknown, c: typeof ctx) => Promise<T>)(input, ctx);
  return { a, call };
}

describe("mock search", () => {
  it("finds the demo address as a registry host's glue, exact", async () => {
    const { call } = api();
    const r = await call<SearchResult>("search.query", { q: "192.0.2.53" });
    expect(r.classified.entity).toEqual({ type: "ip", value: "192.0.2.53" });
    expect(r.groups.find((g) => g.subsystem === "registry")?.hits[0]).toMatchObject({
      kind: "host",
      label: "ns1.shop.example",
      rank: "exact",
    });
  });

  it("ranks a name's exact hits before its prefix hits, grouped by subsystem", async () => {
    const { call } = api();
    const r = await call<SearchResult>("search.query", { q: "ns1" });
    const reg = r.groups.find((g) => g.subsystem === "registry");
    expect(reg?.hits.every((h) => h.rank === "prefix")).toBe(true);
    const exact = await call<SearchResult>("search.query", { q: "ns1.shop.example" });
    expect(exact.groups[0]?.hits[0]?.rank).toBe("exact");
  });

  it("says why a query cannot be searched, and refuses oversized input as the server does", async () => {
    const { call } = api();
    const r = await call<SearchResult>("search.query", { q: "a\u0007" });
    expect(r).toMatchObject({ classified: { kind: "invalid" }, groups: [] });
    await expect(call("search.query", { q: "x".repeat(20_000) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("shows audit entries to admins only", async () => {
    const admin = await api().call<SearchResult>("search.query", { q: "admin" });
    const viewer = await api("mock-user-viewer").call<SearchResult>("search.query", { q: "admin" });
    expect(viewer.groups.map((g) => g.subsystem)).not.toContain("audit");
    expect(admin.groups.length).toBeGreaterThanOrEqual(viewer.groups.length);
  });
});

describe("mock entity page and timeline", () => {
  it("gathers what the fixtures know of an address, canonical", async () => {
    const { call } = api();
    const page = await call<EntityPage>("entity.get", { type: "ip", value: "192.0.2.53" });
    expect(page.url).toBe("/ip/192.0.2.53");
    expect(page.sections.find((s) => s.subsystem === "registry")?.items.map((i) => i.label)).toContain(
      "ns1.shop.example",
    );
    await expect(call("entity.get", { type: "mac", value: "nope" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("lists events newest first in the range and pages by cursor", async () => {
    const { call } = api();
    const range = { from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" };
    const all = await call<TimelinePage>("timeline.list", { ...range, limit: 500 });
    expect(all.events.length).toBeGreaterThan(2);
    const times = all.events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const first = await call<TimelinePage>("timeline.list", { ...range, limit: 2 });
    const second = await call<TimelinePage>("timeline.list", {
      ...range,
      limit: 2,
      cursor: first.nextCursor,
    });
    expect([...first.events, ...second.events].map((e) => e.id)).toEqual(
      all.events.slice(0, 4).map((e) => e.id),
    );
    await expect(call("timeline.list", { from: "2026-01-01T00:00:00", to: range.to })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("gives every event its own id: one BGP event per stored event, mapped as the server maps it", async () => {
    const { a, call } = api();
    const range = { from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" };
    const all = await call<TimelinePage>("timeline.list", { ...range, limit: 500 });
    const ids = all.events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const stored = await (
      a.resolvers["bgp.events"] as unknown as (
        i: unknown,
        c: typeof ctx,
      ) => Promise<{ items: BgpTimelineRow[] }>
    )({ limit: 500 }, ctx);
    const bgp = all.events.filter((e) => e.subsystem === "bgp");
    expect(bgp.length).toBeGreaterThan(1);
    expect(bgp).toEqual(stored.items.map(bgpTimelineEvent));
  });

  it("shows pool threshold crossings and RDAP consistency changes, filtered as on the server", async () => {
    const { call } = api("mock-user-viewer");
    const range = { from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z", limit: 500 };
    const list = async (more: object) =>
      (await call<TimelinePage>("timeline.list", { ...range, ...more })).events;
    const all = await list({ subsystems: ["dhcp", "rdap"] });
    expect(all.map((e) => `${e.kind} ${e.severity}`).sort()).toEqual([
      "pool-threshold critical",
      "pool-threshold warning",
      "rdap-consistency warning",
      "rdap-consistency warning",
    ]);
    const inPool = await list({ entity: { type: "ip", value: "198.51.100.25" } });
    expect(inPool.map((e) => e.url)).toEqual(["/dhcp?pool=2", "/dhcp?pool=2"]);
    const host = await list({ entity: { type: "name", value: "ns1.shop.example" }, subsystems: ["rdap"] });
    expect(host.map((e) => e.url)).toEqual(["/registry/hosts/mock-conn-0001/ns1.shop.example"]);
    expect(await list({ severities: ["critical"], subsystems: ["dhcp"] })).toHaveLength(1);
  });
});
