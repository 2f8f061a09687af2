import { describe, expect, it } from "vitest";
import { QueryError, classifyQuery, parseSort, queryPath, queryUrl } from "../../src/rdap/index";

describe("RFC 9082 paths", () => {
  it.each([
    [{ kind: "domain", name: "Example.COM." }, "domain/Example.COM"],
    [{ kind: "domain", name: "xn--fo-5ja.example" }, "domain/xn--fo-5ja.example"],
    [{ kind: "nameserver", name: "ns1.nic.fr" }, "nameserver/ns1.nic.fr"],
    [{ kind: "entity", handle: "ARIN-HOSTMASTER" }, "entity/ARIN-HOSTMASTER"],
    [{ kind: "entity", handle: "a/b c" }, "entity/a%2Fb%20c"],
    [{ kind: "ip", address: "192.0.2.1" }, "ip/192.0.2.1"],
    [{ kind: "ip", address: "2001:db8::/32" }, "ip/2001:db8::/32"],
    [{ kind: "autnum", asn: 4294967295 }, "autnum/4294967295"],
    [{ kind: "help" }, "help"],
    [{ kind: "domains", by: "name", value: "exa*.com" }, "domains?name=exa*.com"],
    [{ kind: "domains", by: "nsLdhName", value: "ns1.arin.net" }, "domains?nsLdhName=ns1.arin.net"],
    [{ kind: "domains", by: "nsIp", value: "192.0.2.1" }, "domains?nsIp=192.0.2.1"],
    [{ kind: "nameservers", by: "ip", value: "2001:db8::1" }, "nameservers?ip=2001%3Adb8%3A%3A1"],
    [{ kind: "entities", by: "fn", value: "Bob Smith" }, "entities?fn=Bob%20Smith"],
    [{ kind: "entities", by: "handle", value: "ARIN*" }, "entities?handle=ARIN*"],
  ] as const)("%j → %s", (q, path) => expect(queryPath(q)).toBe(path));

  it("adds RFC 8977 count/sort/cursor and RFC 8982 fieldSet to searches", () => {
    const q = { kind: "domains", by: "name", value: "*.example" } as const;
    expect(
      queryUrl("https://rdap.example/rdap", q, {
        count: true,
        sort: parseSort("registrationDate:d,name"),
        fieldSet: "id",
      }),
    ).toBe(
      "https://rdap.example/rdap/domains?name=*.example&count=true&sort=registrationDate:d,name&fieldSet=id",
    );
    expect(queryPath(q, { cursor: "wJlCDLIl6KTWypN7T6vc6nWEmEYe99Hjf1XY1xmqV-M=" })).toBe(
      "domains?name=*.example&cursor=wJlCDLIl6KTWypN7T6vc6nWEmEYe99Hjf1XY1xmqV-M%3D",
    );
  });

  it.each([
    [
      () => queryPath({ kind: "domain", name: "example.com" }, { count: true }),
      "count, sort, cursor and fieldSet apply only to searches",
    ],
    [() => queryPath({ kind: "autnum", asn: 2 ** 32 }), "4294967296 is not an AS number (0–4294967295)"],
    [() => queryPath({ kind: "ip", address: "192.0.2.0/33" }), '"192.0.2.0/33" is not an IP prefix'],
    [() => queryPath({ kind: "ip", address: "999.0.0.1" }), '"999.0.0.1" is not an IP address'],
    [() => queryPath({ kind: "entity", handle: " " }), "entity handle is empty"],
    [() => parseSort("name:x"), 'sort: "name:x" is not property[:a|d] (e.g. registrationDate:d)'],
    [
      () => queryPath({ kind: "entities", by: "fn", value: "x" }, { fieldSet: "a b" }),
      'fieldSet "a b" is not a name',
    ],
  ])("refuses bad input precisely (%#)", (f, message) => {
    expect(f).toThrow(QueryError);
    expect(f).toThrow(message);
  });
});

describe("one search box", () => {
  it.each([
    ["example.com", "domain", { kind: "domain", name: "example.com" }],
    ["Bücher.example", "domain", { kind: "domain", name: "xn--bcher-kva.example" }],
    ["192.0.2.1", "ip", { kind: "ip", address: "192.0.2.1" }],
    ["2001:db8::1", "ip", { kind: "ip", address: "2001:db8::1" }],
    ["192.0.2.0/24", "prefix", { kind: "ip", address: "192.0.2.0/24" }],
    ["2001:db8::/32", "prefix", { kind: "ip", address: "2001:db8::/32" }],
    ["AS13335", "autnum", { kind: "autnum", asn: 13335 }],
    ["as65541", "autnum", { kind: "autnum", asn: 65541 }],
    ["16509", "autnum", { kind: "autnum", asn: 16509 }],
    ["*.Example", "domains", { kind: "domains", by: "name", value: "*.example" }],
    ["ARIN-HOSTMASTER", "entity", { kind: "entity", handle: "ARIN-HOSTMASTER" }],
    ["GOVI", "entity", { kind: "entity", handle: "GOVI" }],
  ])("%s → %s", (input, type, query) =>
    expect(classifyQuery(input)).toMatchObject({ ok: true, type, query }),
  );

  it.each([
    ["", "empty query"],
    ["AS99999999999", "99999999999 is larger than the largest AS number"],
    ["10.0.0.0/99", '"10.0.0.0/99" is not an IP prefix'],
    ["hello world!", '"hello world!" is not a domain, IP address, prefix, AS number or handle'],
  ])("%j is refused: %s", (input, reason) => expect(classifyQuery(input)).toEqual({ ok: false, reason }));
});
