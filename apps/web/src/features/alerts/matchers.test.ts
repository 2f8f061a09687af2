import { describe, expect, it } from "vitest";
import { formatMatchers, matchersForAlert, parseMatchers, silenceLinkForAlert } from "./matchers";

describe("matchers in the URL", () => {
  it("formats Alertmanager style", () => {
    expect(
      formatMatchers([
        { name: "source", op: "=", value: "zonemd" },
        { name: "zone", op: "=~", value: "example\\.(net|org)" },
      ]),
    ).toBe('source="zonemd",zone=~"example\\\\.(net|org)"');
  });

  it("round-trips quotes, commas and backslashes", () => {
    const ms = [
      { name: "a", op: "!=" as const, value: 'he said "hi", then\\left' },
      { name: "b_2", op: "!~" as const, value: "" },
    ];
    expect(parseMatchers(formatMatchers(ms))).toEqual({ matchers: ms, error: null });
  });

  it("accepts braces and spaces", () => {
    expect(parseMatchers('{ source = "bgp" , peer="192.0.2.1" }').matchers).toEqual([
      { name: "source", op: "=", value: "bgp" },
      { name: "peer", op: "=", value: "192.0.2.1" },
    ]);
  });

  it("reports what it cannot read", () => {
    const r = parseMatchers('source="bgp",oops');
    expect(r.matchers).toHaveLength(1);
    expect(r.error).toMatch(/oops/);
    expect(parseMatchers("").matchers).toEqual([]);
  });
});

describe("matchersForAlert", () => {
  it("matches source and every label, sorted", () => {
    expect(matchersForAlert({ source: "dhcp", labels: { pool: "p1", server: "dhcp1" } })).toEqual([
      { name: "source", op: "=", value: "dhcp" },
      { name: "pool", op: "=", value: "p1" },
      { name: "server", op: "=", value: "dhcp1" },
    ]);
  });

  it("builds the prefilled silences link", () => {
    const link = silenceLinkForAlert({ source: "bgp", labels: { peer: "192.0.2.1" } });
    expect(link.startsWith("/alerts/silences?matchers=")).toBe(true);
    const raw = new URLSearchParams(link.split("?")[1]).get("matchers") ?? "";
    expect(parseMatchers(raw).matchers).toEqual([
      { name: "source", op: "=", value: "bgp" },
      { name: "peer", op: "=", value: "192.0.2.1" },
    ]);
  });
});
