import { describe, expect, it } from "vitest";
import { HttpCache, freshnessMs, retryAfterMs, specialAddress } from "../../src/features/rdap/index";

describe("outbound guard address classes", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "::ffff:127.0.0.1",
    "64:ff9b::a00:1",
    "2001:db8::1",
    "224.0.0.1",
  ])("%s is refused", (a) =>
    expect(specialAddress(a)).toBe(`${a} is a private, loopback or special-purpose address`),
  );
  it.each(["192.0.32.8", "199.43.135.53", "2001:500:8f::53", "2620:0:2d0:200::7"])("%s is public", (a) =>
    expect(specialAddress(a)).toBeNull(),
  );
});

describe("Cache-Control and Retry-After", () => {
  it.each([
    [{ "cache-control": "max-age=60" }, 60_000],
    [{ "cache-control": "public, max-age=60, s-maxage=10" }, 10_000],
    [{ "cache-control": "max-age=60", age: "50" }, 10_000],
    [{ "cache-control": "max-age=60, no-store" }, 0],
    [{ "cache-control": "no-cache, max-age=60" }, 0],
    [{ "cache-control": "private, max-age=60" }, 0],
    [{ "cache-control": "max-age=abc" }, 0],
    [{}, 0],
  ])("%j → %i ms", (h, ms) => expect(freshnessMs(h)).toBe(ms));

  it("expires and evicts entries", () => {
    let now = 0;
    const c = new HttpCache(2, () => now);
    const v = (url: string) => ({ status: 200, body: "{}", url });
    c.put("a", v("a"), { "cache-control": "max-age=10" });
    c.put("b", v("b"), { "cache-control": "max-age=10" });
    c.put("c", v("c"), { "cache-control": "max-age=10" });
    expect([c.get("a"), c.get("b")?.url, c.size]).toEqual([undefined, "b", 2]);
    now = 10_000;
    expect(c.get("b")).toBeUndefined();
  });

  it("reads delay-seconds and HTTP-dates", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Wed, 01 Jan 2025 00:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});
