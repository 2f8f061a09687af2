import { describe, expect, it } from "vitest";
import {
  Bootstrap,
  type RegistryKind,
  parseBootstrapRegistry,
  snapshotRegistries,
} from "../../src/rdap/index";
import { read } from "./helpers";

const openrdap = (kind: RegistryKind, file: string) =>
  parseBootstrapRegistry(kind, read(`bootstrap/openrdap-testdata/${file}`));
const snapshot = new Bootstrap(snapshotRegistries());

describe("the shipped IANA snapshot", () => {
  it("has every registry with its publication date", () => {
    expect(snapshotRegistries().map((r) => [r.kind, r.publication])).toEqual([
      ["dns", "2025-06-27T17:00:02Z"],
      ["ipv4", "2019-06-07T19:00:02Z"],
      ["ipv6", "2024-11-01T22:00:01Z"],
      ["asn", "2025-01-17T20:00:02Z"],
      ["object-tags", "2022-12-29T04:00:02Z"],
    ]);
  });

  it.each([
    [{ kind: "domain", name: "google.com" }, "https://rdap.verisign.com/com/v1/"],
    [{ kind: "domain", name: "afnic.FR." }, "https://rdap.nic.fr/"],
    [{ kind: "nameserver", name: "ns2.pipni.cz" }, "https://rdap.nic.cz/"],
    [{ kind: "ip", address: "1.1.1.1" }, "https://rdap.apnic.net/"],
    // 130/8 is ARIN's in IANA's file (legacy space); ARIN redirects to RIPE for 130.59/16.
    [{ kind: "ip", address: "130.59.31.80" }, "https://rdap.arin.net/registry/"],
    [{ kind: "ip", address: "193.0.6.139" }, "https://rdap.db.ripe.net/"],
    [{ kind: "ip", address: "13.64.0.0/11" }, "https://rdap.arin.net/registry/"],
    [{ kind: "ip", address: "2001:4860::" }, "https://rdap.arin.net/registry/"],
    [{ kind: "autnum", asn: 13335 }, "https://rdap.arin.net/registry/"],
    [{ kind: "autnum", asn: 3333 }, "https://rdap.db.ripe.net/"],
    // RFC 8521 tagged handles; ARIN's own handles (ARIN-HOSTMASTER) carry no tag.
    [{ kind: "entity", handle: "ORG-RIEN1-RIPE" }, "https://rdap.db.ripe.net/"],
    [{ kind: "entity", handle: "abc123-ARIN" }, "https://rdap.arin.net/registry/"],
    [{ kind: "domains", by: "name", value: "exa*.com" }, "https://rdap.verisign.com/com/v1/"],
  ] as const)("%j → %s (https first)", (q, url) => {
    const r = snapshot.baseUrls(q);
    expect(r.ok && r.urls[0]).toBe(url);
  });

  it("says why a query has no server", () => {
    expect(snapshot.baseUrls({ kind: "domain", name: "example.invalidtld" })).toEqual({
      ok: false,
      reason:
        'no RDAP service for "example.invalidtld" in the bootstrap registry; configure a default RDAP server',
    });
    expect(snapshot.baseUrls({ kind: "entities", by: "fn", value: "x" })).toMatchObject({ ok: false });
    expect(snapshot.baseUrls({ kind: "entity", handle: "ARIN-HOSTMASTER" })).toEqual({
      ok: false,
      reason:
        'no object tag in the bootstrap registry for handle "ARIN-HOSTMASTER"; configure a default RDAP server',
    });
    expect(snapshot.baseUrls({ kind: "domains", by: "name", value: "*" })).toMatchObject({ ok: false });
    expect(snapshot.baseUrls({ kind: "ip", address: "10.0.0.1" })).toMatchObject({ ok: false });
  });

  it("lists bootstrap hosts for the outbound allow-list", () => {
    const hosts = snapshot.hosts();
    expect(hosts).toContain("rdap.verisign.com");
    expect(hosts).toContain("rdap.arin.net");
  });
});

describe("longest match and overrides", () => {
  it("picks the longest DNS suffix, with the root as last resort (openrdap bootstrap_complex)", () => {
    const r = openrdap("dns", "bootstrap_complex/dns.json");
    if (!r.ok) throw new Error(r.reason);
    const b = new Bootstrap([r.registry]);
    expect(b.baseUrls({ kind: "domain", name: "a.sub.example.com" })).toMatchObject({
      urls: ["https://example.com/sub/", "http://example.com/sub/"],
    });
    expect(b.baseUrls({ kind: "domain", name: "example.com" })).toMatchObject({
      urls: ["https://example.com/", "http://example.com/"],
    });
    expect(b.baseUrls({ kind: "domain", name: "example.net" })).toMatchObject({
      urls: ["https://example.root/", "http://example.root/"],
    });
  });

  it("picks the longest IP prefix and the narrowest AS range", () => {
    const v4 = parseBootstrapRegistry(
      "ipv4",
      JSON.stringify({
        services: [
          [["10.0.0.0/8"], ["https://wide.example/"]],
          [["10.1.0.0/16"], ["https://narrow.example/"]],
        ],
      }),
    );
    const asn = parseBootstrapRegistry(
      "asn",
      JSON.stringify({
        services: [
          [["1-1000"], ["https://wide.example/"]],
          [["500-510"], ["https://narrow.example/"]],
        ],
      }),
    );
    if (!v4.ok || !asn.ok) throw new Error("parse");
    const b = new Bootstrap([v4.registry, asn.registry]);
    expect(b.baseUrls({ kind: "ip", address: "10.1.2.3" })).toMatchObject({
      urls: ["https://narrow.example/"],
    });
    expect(b.baseUrls({ kind: "ip", address: "10.2.0.0/16" })).toMatchObject({
      urls: ["https://wide.example/"],
    });
    expect(b.baseUrls({ kind: "autnum", asn: 505 })).toMatchObject({ urls: ["https://narrow.example/"] });
  });

  it("overrides win over the registry, per TLD, prefix, AS range and tag; default covers the rest", () => {
    const b = new Bootstrap(snapshotRegistries(), {
      dns: { example: ["http://127.0.0.1:8443/rdap/"], com: ["https://rdap.lab.test/"] },
      ip: { "192.0.2.0/24": ["https://ip.lab.test/"] },
      asn: { "65541": ["https://as.lab.test/"] },
      default: ["https://default.lab.test/"],
    });
    expect(b.baseUrls({ kind: "domain", name: "foo.example" })).toEqual({
      ok: true,
      urls: ["http://127.0.0.1:8443/rdap/"],
      source: "override",
    });
    expect(b.baseUrls({ kind: "domain", name: "google.com" })).toMatchObject({
      urls: ["https://rdap.lab.test/"],
      source: "override",
    });
    expect(b.baseUrls({ kind: "ip", address: "192.0.2.7" })).toMatchObject({
      urls: ["https://ip.lab.test/"],
    });
    expect(b.baseUrls({ kind: "autnum", asn: 65541 })).toMatchObject({ urls: ["https://as.lab.test/"] });
    expect(b.baseUrls({ kind: "entities", by: "fn", value: "x" })).toEqual({
      ok: true,
      urls: ["https://default.lab.test/"],
      source: "default",
    });
    expect(() => new Bootstrap([], { ip: { nonsense: ["https://x/"] } })).toThrow(
      'bootstrap override: "nonsense" is not an IP prefix',
    );
    expect(() => new Bootstrap([], { default: ["ftp://x/"] })).toThrow(
      'bootstrap override: "ftp://x/": scheme ftp: is not http(s)',
    );
  });
});

describe("openrdap's malformed bootstrap files", () => {
  it("an empty file and a syntax error are refused with the reason", () => {
    expect(openrdap("dns", "bootstrap_malformed/dns_empty.json")).toEqual({
      ok: false,
      reason: "dns: empty file",
    });
    const syntax = openrdap("dns", "bootstrap_malformed/dns_syntax_error.json");
    expect(syntax.ok === false && syntax.reason).toMatch(/^dns: not JSON: /);
    expect(
      parseBootstrapRegistry("dns", read("bootstrap/openrdap-testdata/bootstrap_http_error/404.html")),
    ).toMatchObject({ ok: false });
  });

  it("bad services and bad URLs are dropped and named; the rest still works", () => {
    const services = openrdap("dns", "bootstrap_malformed/dns_bad_services.json");
    expect(services.ok && services.problems).toEqual(["dns: services[3] is not 2 arrays of strings"]);
    const url = openrdap("dns", "bootstrap_malformed/dns_bad_url.json");
    if (!url.ok) throw new Error(url.reason);
    expect(url.problems).toEqual([
      'dns: services[2]: "http://example.org/%%": bad percent-encoding',
      'dns: services[3]: "http://example.org/%%": bad percent-encoding',
      "dns: services[3] has no usable URL",
    ]);
    const b = new Bootstrap([url.registry]);
    // A base URL without the trailing slash RFC 9224 asks for is repaired.
    expect(b.baseUrls({ kind: "domain", name: "nic.ar" })).toMatchObject({ urls: ["https://rdap.nic.ar/"] });
    expect(b.baseUrls({ kind: "domain", name: "x.example" })).toMatchObject({ ok: false });
  });

  it("the openrdap 2015–2017 snapshots parse (object-tags has three arrays per service)", () => {
    for (const k of ["asn", "dns", "ipv4", "ipv6", "object-tags"] as const)
      expect(openrdap(k, `bootstrap/${k}.json`).ok).toBe(true);
  });
});
