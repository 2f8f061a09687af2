import { describe, expect, it } from "vitest";
import {
  canonicalEntity,
  classifyQuery,
  decodeTimelineCursor,
  encodeTimelineCursor,
  entityFromPath,
  entityUrl,
  groupHits,
  mergeTimeline,
  parseMac,
  parseMacPrefix,
  prefixContains,
  rankMatch,
  type SearchHit,
  searchInputSchema,
  type TimelineEvent,
  timelineInputSchema,
} from "../../src";

const kinds = (q: string) => classifyQuery(q).interpretations.map((r) => `${r.kind}:${r.value}`);

describe("classifyQuery", () => {
  it("reads IPv4 and IPv6 addresses, canonical (RFC 5952), as the ip entity", () => {
    expect(classifyQuery(" 192.0.2.53 ")).toMatchObject({
      kind: "ipv4",
      entity: { type: "ip", value: "192.0.2.53" },
    });
    expect(classifyQuery("2001:DB8:0:0::53")).toMatchObject({
      kind: "ipv6",
      entity: { type: "ip", value: "2001:db8::53" },
    });
    expect(classifyQuery("[2001:db8::1]").entity).toEqual({ type: "ip", value: "2001:db8::1" });
    expect(classifyQuery("::ffff:192.0.2.1").entity).toEqual({ type: "ip", value: "::ffff:192.0.2.1" });
    // Leading zeros are octal to some parsers and decimal to others: not an address.
    expect(classifyQuery("192.0.2.053").kind).not.toBe("ipv4");
  });

  it("reads prefixes with host bits cleared, and refuses a bad length precisely", () => {
    expect(classifyQuery("198.18.0.1/15").entity).toEqual({ type: "prefix", value: "198.18.0.0/15" });
    expect(classifyQuery("2001:DB8::/32").entity).toEqual({ type: "prefix", value: "2001:db8::/32" });
    expect(classifyQuery("192.0.2.0/33")).toMatchObject({
      kind: "invalid",
      reason: 'prefix length "33" is not 0 to 32',
    });
    expect(classifyQuery("2001:db8::/129").reason).toBe('prefix length "129" is not 0 to 128');
  });

  it("reads the start of an address", () => {
    expect(kinds("192.0.2")).toEqual(["ip-partial:192.0.2", "text:192.0.2"]);
    expect(kinds("10.")).toEqual(["ip-partial:10.", "text:10."]);
    expect(kinds("2001:db8:")).toEqual(["ip-partial:2001:db8:", "text:2001:db8:"]);
  });

  it("reads a MAC in every common notation as one canonical MAC", () => {
    for (const q of [
      "00:1a:2b:3c:4d:5e",
      "00:1A:2B:3C:4D:5E",
      "001a.2b3c.4d5e",
      "001a2b3c4d5e",
      "00-1A-2B-3C-4D-5E",
      "0:1a:2b:3c:4d:5e",
    ])
      expect(classifyQuery(q), q).toMatchObject({
        kind: "mac",
        entity: { type: "mac", value: "00:1a:2b:3c:4d:5e" },
      });
    // Mixed separators are not a MAC.
    expect(parseMac("00:1a-2b:3c:4d:5e")).toBeNull();
  });

  it("reads the start of a MAC in any notation as bare hex", () => {
    for (const q of ["00:1a:2b", "00-1A-2B", "00:1a:2b:", "001a.2b", "001a2b"])
      expect(classifyQuery(q).interpretations[0], q).toEqual({
        kind: "mac-partial",
        value: "001a2b",
        display: "00:1a:2b",
      });
    // Short hex words stay words.
    expect(parseMacPrefix("cafe")).toBeNull();
    expect(classifyQuery("cafe").kind).toBe("handle");
  });

  it("reads names in A-label and U-label form, without the trailing dot", () => {
    expect(classifyQuery("NS1.Example.")).toMatchObject({
      kind: "name",
      entity: { type: "name", value: "ns1.example" },
    });
    expect(classifyQuery("fóo.example").interpretations[0]).toEqual({
      kind: "name",
      value: "xn--fo-5ja.example",
      display: "fóo.example",
    });
    expect(classifyQuery("xn--fo-5ja.example").interpretations[0]?.display).toBe("fóo.example");
    expect(classifyQuery("bücher").interpretations[0]).toMatchObject({
      kind: "name",
      value: "xn--bcher-kva",
    });
    expect(classifyQuery("_dmarc.example").entity).toEqual({ type: "name", value: "_dmarc.example" });
  });

  it("reads AS numbers with or without AS, and refuses one too large", () => {
    expect(classifyQuery("AS64496")).toMatchObject({ kind: "as", entity: { type: "as", value: "64496" } });
    expect(classifyQuery("as 64496").entity).toEqual({ type: "as", value: "64496" });
    expect(kinds("64496")).toEqual(["as:64496", "handle:64496", "text:64496"]);
    expect(classifyQuery("AS4294967296")).toMatchObject({ kind: "invalid" });
    // A bare number too large is still text (a serial, an id).
    expect(classifyQuery("4294967296").kind).toBe("handle");
  });

  it("reads handles and free text", () => {
    expect(kinds("EXAMPLE1-REP")).toEqual(["handle:EXAMPLE1-REP", "text:example1-rep"]);
    expect(classifyQuery("link   down\tnow")).toMatchObject({ kind: "text", q: "link down now" });
  });

  it("is bounded and precise for hostile input", () => {
    expect(classifyQuery("")).toMatchObject({ kind: "empty", interpretations: [] });
    expect(classifyQuery(" \n\t ")).toMatchObject({ kind: "empty" });
    expect(classifyQuery("x".repeat(10_240))).toMatchObject({
      kind: "invalid",
      reason: "a search is at most 256 characters; this query has 10240",
      interpretations: [],
    });
    expect(classifyQuery("x".repeat(1_000_000)).reason).toBe("a search query is at most 16384 characters");
    expect(classifyQuery("a\u0000b").reason).toBe(
      "the query contains control character U+0000 at character 2",
    );
    expect(classifyQuery("a\u009bb").reason).toBe(
      "the query contains control character U+009B at character 2",
    );
    expect(classifyQuery("ab\ud800").reason).toBe(
      "the query contains a lone surrogate U+D800 at character 3 (not Unicode text)",
    );
    expect(classifyQuery("\udc00").kind).toBe("invalid");
    // A surrogate pair is fine (an emoji in an alert summary).
    expect(classifyQuery("deploy 🚀").kind).toBe("text");
    for (const q of ["%", "_", "%_", "' OR 1=1 --", ".*", "(a+)+$", "\\", "[", "a%b_c"])
      expect(classifyQuery(q).interpretations.at(-1), q).toEqual({ kind: "text", value: q.toLowerCase() });
    // Regex-hostile shapes classify at once (only anchored patterns without nested quantifiers are used).
    expect(classifyQuery(`${"0:".repeat(120)}x`).kind).toBe("handle");
    expect(classifyQuery(`${"1.".repeat(120)}`).kind).toBe("handle");
    expect(classifyQuery(`${"a.".repeat(127)}`).kind).toBe("name");
  });
});

describe("search input", () => {
  it("refuses a query over the input limit with the field and the reason", () => {
    const r = searchInputSchema.safeParse({ q: "x".repeat(16_385) });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({
      path: ["q"],
      message: "a search query is at most 16384 characters",
    });
    expect(searchInputSchema.parse({ q: "a" }).limit).toBe(8);
  });
});

describe("ranking", () => {
  it("ranks exact before prefix before contains, case-insensitively", () => {
    expect(rankMatch("ns1.example", "NS1.EXAMPLE")).toBe("exact");
    expect(rankMatch("ns1.example", "ns1")).toBe("prefix");
    expect(rankMatch("ns1.example", "example")).toBe("contains");
    expect(rankMatch("ns1.example", "ns2")).toBeNull();
    expect(rankMatch(null, "x")).toBeNull();
  });

  it("groups hits by subsystem, best rank first, deduplicated, limited", () => {
    const hit = (
      subsystem: SearchHit["subsystem"],
      key: string,
      rank: SearchHit["rank"],
      label = key,
    ): SearchHit => ({
      subsystem,
      kind: "x",
      key,
      label,
      url: `/${key}`,
      rank,
    });
    const groups = groupHits(
      [
        hit("registry", "a", "contains"),
        hit("dhcp", "b", "prefix"),
        hit("dhcp", "c", "exact"),
        hit("dhcp", "c", "contains"),
        hit("dhcp", "dd", "prefix"),
        hit("bgp", "e", "exact"),
      ],
      2,
      { dns: "dns could not be searched: boom" },
    );
    expect(
      groups.map((g) => [g.subsystem, g.hits.map((h) => `${h.key}:${h.rank}`), g.more ?? false]),
    ).toEqual([
      ["dhcp", ["c:exact", "b:prefix"], true],
      ["bgp", ["e:exact"], false],
      ["registry", ["a:contains"], false],
      ["dns", [], false],
    ]);
    expect(groups.at(-1)?.error).toBe("dns could not be searched: boom");
  });
});

describe("entities", () => {
  it("canonicalises every type and round-trips through its URL", () => {
    const cases = [
      [{ type: "ip", value: "2001:DB8::0:53" }, "/ip/2001:db8::53", "2001:db8::53"],
      [{ type: "prefix", value: "198.18.7.7/15" }, "/prefix/198.18.0.0/15", "198.18.0.0/15"],
      [{ type: "mac", value: "001A.2B3C.4D5E" }, "/mac/00:1a:2b:3c:4d:5e", "00:1a:2b:3c:4d:5e"],
      [{ type: "name", value: "Fóo.Example." }, "/name/xn--fo-5ja.example", "fóo.example"],
      [{ type: "as", value: "AS64496" }, "/as/64496", "AS64496"],
    ] as const;
    for (const [ref, url, display] of cases) {
      const c = canonicalEntity(ref);
      expect(c.ok && [entityUrl(c.entity), c.display], ref.value).toEqual([url, display]);
      expect(c.ok && entityFromPath(url)).toEqual(c.ok && c.entity);
    }
    expect(canonicalEntity({ type: "ip", value: "300.1.1.1" })).toEqual({
      ok: false,
      reason: '"300.1.1.1" is not an IP address',
    });
    expect(canonicalEntity({ type: "as", value: "AS4294967296" }).ok).toBe(false);
    expect(entityFromPath("/ip/not-an-ip")).toBeNull();
    expect(entityFromPath("/ip/%E0%A4%A")).toBeNull();
    expect(entityFromPath("/dhcp/leases/1")).toBeNull();
  });

  it("knows which addresses and prefixes lie in a prefix", () => {
    expect(prefixContains("192.0.2.0/24", "192.0.2.53")).toBe(true);
    expect(prefixContains("192.0.2.0/24", "192.0.3.1")).toBe(false);
    expect(prefixContains("192.0.2.0/24", "192.0.2.128/25")).toBe(true);
    expect(prefixContains("192.0.2.0/25", "192.0.2.0/24")).toBe(false);
    expect(prefixContains("2001:db8::/32", "192.0.2.1")).toBe(false);
  });
});

describe("timeline paging", () => {
  const ev = (id: string, at: string): TimelineEvent => ({
    id,
    at,
    subsystem: "bgp",
    kind: "bgp-down",
    severity: "warning",
    title: id,
    url: "/",
  });

  it("merges sources newest first and pages without repeats, also through equal times", () => {
    const a = [ev("bgp:event:3", "2026-12-06T12:00:00.000Z"), ev("bgp:event:1", "2026-12-06T10:00:00.000Z")];
    const b = [ev("dns:check:9", "2026-12-06T12:00:00.000Z"), ev("dns:check:2", "2026-12-06T11:00:00.000Z")];
    const seen: string[] = [];
    let after = null;
    for (let i = 0; i < 10; i++) {
      const page = mergeTimeline([a, b], 1, after);
      seen.push(...page.events.map((e) => e.id));
      if (!page.nextCursor) break;
      after = decodeTimelineCursor(page.nextCursor);
    }
    expect(seen).toEqual(["dns:check:9", "bgp:event:3", "dns:check:2", "bgp:event:1"]);
  });

  it("refuses foreign cursors and unzoned times", () => {
    expect(decodeTimelineCursor(encodeTimelineCursor(ev("bgp:event:3", "2026-12-06T12:00:00Z")))).toEqual({
      at: Date.parse("2026-12-06T12:00:00Z"),
      id: "bgp:event:3",
    });
    for (const c of ["", "x", "12~", "1~DROP TABLE", `${"9".repeat(16)}~bgp:event:1`])
      expect(decodeTimelineCursor(c), c).toBeNull();
    const r = timelineInputSchema.safeParse({ from: "2026-12-06T00:00:00", to: "2026-12-06T01:00:00Z" });
    expect(r.success).toBe(false);
    expect(
      timelineInputSchema.safeParse({ from: "2026-12-06T00:00:00+02:00", to: "2026-12-06T01:00:00Z" })
        .success,
    ).toBe(true);
  });
});
