import { describe, expect, it } from "vitest";
import { ackTransition, resolveTransition, silencedFilterKeeps } from "../../src/console/alert-transitions";
import { alertTextMatches } from "../../src/console/alert-filter";

const at = new Date("2026-01-01T00:00:00Z");

describe("alert transitions", () => {
  it("acknowledges a firing alert and unacknowledges an acknowledged one", () => {
    const ack = ackTransition(1, "firing", true, "op");
    expect(ack.kind === "change" && ack.change).toBe("acknowledged");
    expect(ack.kind === "change" && ack.patch(at)).toEqual({
      state: "acknowledged",
      acknowledgedAt: at,
      acknowledgedBy: "op",
    });
    const un = ackTransition(1, "acknowledged", false, "op");
    expect(un.kind === "change" && un.patch(at)).toEqual({
      state: "firing",
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
  });

  it("changes nothing when already there, and refuses a resolved alert", () => {
    expect(ackTransition(1, "acknowledged", true, "op").kind).toBe("unchanged");
    expect(ackTransition(1, "firing", false, "op").kind).toBe("unchanged");
    expect(ackTransition(7, "resolved", true, "op")).toEqual({
      kind: "refused",
      message: "alert 7 is resolved",
    });
    expect(resolveTransition("resolved", "op").kind).toBe("unchanged");
    const r = resolveTransition("acknowledged", "op");
    expect(r.kind === "change" && r.patch(at)).toEqual({
      state: "resolved",
      resolvedAt: at,
      resolvedBy: "op",
    });
  });

  it("filters silenced alerts and searches text as SQLite LIKE does (ASCII case only)", () => {
    expect([true, false].map((s) => silencedFilterKeeps("only", s))).toEqual([true, false]);
    expect([true, false].map((s) => silencedFilterKeeps("exclude", s))).toEqual([false, true]);
    const a = { summary: "Pool Ärger FULL", details: "", labels: { pool: "p1" } };
    expect(alertTextMatches(a, "full")).toBe(true);
    expect(alertTextMatches(a, '"pool":"p1"')).toBe(true);
    expect(alertTextMatches(a, "ärger")).toBe(false);
  });
});
