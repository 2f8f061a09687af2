import { describe, expect, it } from "vitest";
import { matcherSchema, severityAtLeast, silenceInputSchema, silenceMatches } from "../../src";

const alert = { source: "dhcp", severity: "warning", labels: { pool: "10.0.0.0/24", server: "kea-1" } };

describe("silence matchers (Alertmanager semantics)", () => {
  it("= and != compare the whole value", () => {
    expect(silenceMatches([{ name: "source", op: "=", value: "dhcp" }], alert)).toBe(true);
    expect(silenceMatches([{ name: "source", op: "=", value: "dhc" }], alert)).toBe(false);
    expect(silenceMatches([{ name: "server", op: "!=", value: "kea-2" }], alert)).toBe(true);
  });

  it("regex matchers are anchored at both ends", () => {
    expect(silenceMatches([{ name: "server", op: "=~", value: "kea-.*" }], alert)).toBe(true);
    expect(silenceMatches([{ name: "server", op: "=~", value: "kea" }], alert)).toBe(false);
    expect(silenceMatches([{ name: "server", op: "!~", value: "kea" }], alert)).toBe(true);
  });

  it("every matcher must match; a missing label is the empty string", () => {
    expect(
      silenceMatches(
        [
          { name: "source", op: "=", value: "dhcp" },
          { name: "pool", op: "=", value: "10.0.1.0/24" },
        ],
        alert,
      ),
    ).toBe(false);
    expect(silenceMatches([{ name: "zone", op: "=", value: "" }], alert)).toBe(true);
    expect(silenceMatches([], alert)).toBe(false);
  });

  it("rejects invalid regular expressions and silences that end before they start", () => {
    const bad = matcherSchema.safeParse({ name: "server", op: "=~", value: "kea-(" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["value"]);
    const s = silenceInputSchema.safeParse({
      matchers: [{ name: "source", op: "=", value: "dhcp" }],
      startsAt: "2026-11-21T10:00:00Z",
      endsAt: "2026-11-21T09:00:00Z",
      comment: "maintenance",
    });
    expect(s.success).toBe(false);
    expect(s.error?.issues[0]?.path).toEqual(["endsAt"]);
  });

  it("orders severities worst first", () => {
    expect(severityAtLeast("critical", "warning")).toBe(true);
    expect(severityAtLeast("info", "warning")).toBe(false);
    expect(severityAtLeast("warning", "warning")).toBe(true);
  });
});
