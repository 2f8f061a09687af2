/**
 * The alert batch checks its inputs with the schemas' rules written out (alert-batch.ts,
 * checkedInput/checkedLabels) and leaves anything unusual to zod: whatever they accept, they give
 * exactly what the schema's parse gives; whatever the schema refuses, they leave to it (null).
 */
import { alertInputSchema, labelsSchema } from "@netops/protocols";
import { describe, expect, it } from "vitest";
import { checkedInput, checkedLabels, fingerprintOf } from "../../src/services/alert-batch";

const valid = {
  source: "bgp",
  severity: "warning",
  labels: { condition: "session-down", router: "rtr1", peer: "192.0.2.1" },
  summary: "BGP session rtr1 ↔ 192.0.2.1 down",
  details: "Time: now",
  links: [
    { label: "Session timeline", href: "/bgp/session?router=rtr1" },
    { label: "Event", href: "/bgp/events/1" },
  ],
};

/** Variations of a valid input: each field missing, empty, too long, of the wrong type, odd. */
function variants(): unknown[] {
  const out: unknown[] = [valid, null, undefined, "x", 5, [], [valid]];
  const fields: Record<string, unknown[]> = {
    source: [undefined, "", "BGP", "nope", 1, "system", "dhcp"],
    severity: [undefined, "critical", "info", "bad", null],
    labels: [
      undefined,
      {},
      { a: "" },
      { _x9: "y" },
      { "9a": "y" },
      { "a-b": "y" },
      { "": "y" },
      { ["k".repeat(64)]: "v" },
      { ["k".repeat(65)]: "v" },
      { a: "v".repeat(512) },
      { a: "v".repeat(513) },
      { a: 1 },
      { a: null },
      JSON.parse('{"__proto__": "x", "a": "b"}'),
      { constructor: "c" },
      Object.assign(Object.create(null), { a: "b" }),
      { [Symbol("s")]: "x", a: "b" },
      new Map([["a", "b"]]),
      ["a"],
      "a=b",
    ],
    summary: [undefined, "", "s", "s".repeat(512), "s".repeat(513), 5],
    details: [undefined, "", "d".repeat(16_384), "d".repeat(16_385), null, 3],
    links: [
      undefined,
      [],
      null,
      {},
      Array.from({ length: 16 }, (_, i) => ({ label: `l${i}`, href: `/p/${i}` })),
      Array.from({ length: 17 }, (_, i) => ({ label: `l${i}`, href: `/p/${i}` })),
      [{ label: "", href: "/x" }],
      [{ label: "l".repeat(128), href: "/x" }],
      [{ label: "l".repeat(129), href: "/x" }],
      [{ label: "l", href: "" }],
      [{ label: "l", href: "x" }],
      [{ label: "l", href: "//evil.example" }],
      [{ label: "l", href: `/${"h".repeat(2047)}` }],
      [{ label: "l", href: `/${"h".repeat(2048)}` }],
      [{ href: "/x", label: "reordered", extra: 1 }],
      [{ label: "l" }],
      ["/x"],
      [null],
    ],
  };
  for (const [k, vs] of Object.entries(fields))
    for (const v of vs) {
      const copy: Record<string, unknown> = { ...valid };
      if (v === undefined) delete copy[k];
      else copy[k] = v;
      out.push(copy);
    }
  out.push({ ...valid, unknown: "dropped" });
  out.push(Object.assign(Object.create({ inherited: 1 }), valid));
  return out;
}

describe("checkedInput and checkedLabels", () => {
  it("give what the schemas' parse gives, key for key, or leave the value to the schema", () => {
    let checked = 0;
    for (const v of variants()) {
      const r = alertInputSchema.safeParse(v);
      const mine = checkedInput(v);
      if (mine !== null) {
        checked++;
        expect(r.success, JSON.stringify(v)).toBe(true);
        expect(JSON.stringify(mine)).toBe(JSON.stringify(r.data));
        expect(mine).toEqual(r.data);
      }
      const labels = (v as { labels?: unknown } | null)?.labels;
      const l = labelsSchema.safeParse(labels);
      const ml = checkedLabels(labels);
      if (ml !== null) {
        expect(l.success).toBe(true);
        expect(JSON.stringify(ml)).toBe(JSON.stringify(l.data));
      }
    }
    // The usual inputs take the quick path.
    expect(checked).toBeGreaterThan(20);
    expect(checkedInput(valid)).not.toBeNull();
  });

  it("leave nothing out that the schema refuses (every refusal is the schema's)", () => {
    for (const v of variants())
      if (!alertInputSchema.safeParse(v).success) expect(checkedInput(v), JSON.stringify(v)).toBeNull();
  });

  it("fingerprints stay what they were: SHA-256 of the source and the sorted labels", async () => {
    const { createHash } = await import("node:crypto");
    const labels = { router: "rtr1", condition: "session-down", peer: "192.0.2.1" };
    const h = createHash("sha256").update("bgp");
    for (const k of Object.keys(labels).sort()) h.update(`\0${k}\0${labels[k as keyof typeof labels]}`);
    const want = h.digest("hex").slice(0, 16);
    expect(fingerprintOf("bgp", labels)).toBe(want);
    // Again (from the cache) and with the keys in another order.
    expect(fingerprintOf("bgp", { peer: "192.0.2.1", condition: "session-down", router: "rtr1" })).toBe(want);
    expect(fingerprintOf("bgp", { ...labels, peer: "192.0.2.2" })).not.toBe(want);
  });
});
