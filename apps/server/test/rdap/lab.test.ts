/**
 * The lab RDAP server through the real client (guard configured to allow it) and the real
 * protocol code: lookups, searches sorted and paged twice with keyset and offset cursors, field
 * sets, the related link to the registrar's copy, RFC 9083 errors (400, 404).
 */
import { RdapService, type RdapView } from "@netops/api";
import { parseRdapText, type Domain, type Entity } from "@netops/protocols/rdap";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LabRdapServer, SeededLabRdapStore, startLabRdapServer } from "@netops/labs/rdap";
import { seededLabData } from "@netops/labs/rdap/store";

let keyset: LabRdapServer;
let offset: LabRdapServer;

const serviceFor = (s: LabRdapServer) =>
  new RdapService({
    overrides: { dns: { example: [s.baseUrl] }, default: [s.baseUrl] },
    privateHosts: [s.host],
    httpHosts: [s.host],
  });

const ok = (v: RdapView) => {
  if (!v.ok) throw new Error(`expected an answer, got ${v.error.code}: ${v.error.message}`);
  return v;
};
const names = (v: RdapView) => (ok(v).response.results ?? []).map((o) => (o as Domain).ldhName);
const byRegistration = [...seededLabData().domains]
  .sort((a, b) => (a.registered < b.registered ? 1 : -1))
  .map((d) => d.name);

beforeAll(async () => {
  keyset = await startLabRdapServer({ store: new SeededLabRdapStore(), pageSize: 10, cursorKind: "keyset" });
  offset = await startLabRdapServer({ store: new SeededLabRdapStore(), pageSize: 10, cursorKind: "offset" });
});
afterAll(async () => {
  await keyset?.close();
  await offset?.close();
});

describe("lab RDAP server", () => {
  it("refuses to listen anywhere but loopback", async () => {
    await expect(startLabRdapServer({ store: new SeededLabRdapStore(), host: "0.0.0.0" })).rejects.toThrow(
      /loopback/,
    );
  });

  it("looks up a domain with its nameservers, registrar, a redacted registrant email and a related link", async () => {
    const rdap = serviceFor(keyset);
    const { picked, result } = await rdap.query({ q: "alpha.example" });
    expect(picked).toEqual({ type: "domain", normalized: "alpha.example", search: false });
    const v = ok(result);
    expect(v.url).toBe(`${keyset.baseUrl}domain/alpha.example`);
    const d = v.response.object as Domain;
    expect(d.ldhName).toBe("alpha.example");
    expect(d.nameservers.map((n) => n.ldhName)).toEqual(["ns.alpha.example", "ns1.lab-dns.example"]);
    expect(d.entities.map((e) => e.roles[0])).toEqual(["registrar", "registrant"]);
    expect(d.entities[1]?.contact?.emails).toEqual([]);
    expect(d.redacted[0]?.name.type).toBe("Registrant Email");
    expect(v.related).toEqual([`${keyset.baseUrl}registrar/domain/alpha.example`]);
    expect(v.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(JSON.parse(v.raw).ldhName).toBe("alpha.example");

    const [registrar] = await rdap.related(v.finalUrl);
    const rd = ok(registrar as RdapView).response.object as Domain;
    expect(rd.entities[1]?.contact?.emails[0]?.address).toBe("contact1@lab.example");
  });

  it("looks up nameservers and entities, and answers 404 for what it does not hold", async () => {
    const rdap = serviceFor(keyset);
    const ns = ok((await rdap.query({ q: "ns1.lab-dns.example", type: "nameserver" })).result);
    expect(ns.response.object).toMatchObject({
      ldhName: "ns1.lab-dns.example",
      ipAddresses: { v4: ["192.0.2.53"] },
    });
    const e = ok((await rdap.query({ q: "REGISTRAR-LAB" })).result).response.object as Entity;
    expect(e.contact?.fn).toBe("NetOps Lab Registrar");
    expect(e.publicIds).toEqual([{ type: "IANA Registrar ID", identifier: "9999" }]);
    const missing = (await rdap.query({ q: "nope.example" })).result;
    expect(missing).toMatchObject({ ok: false, error: { code: "http", status: 404 } });
    if (!missing.ok) expect(missing.error.message).toContain("not in the lab registry");
  });

  for (const [kind, server] of [
    ["keyset", () => keyset],
    ["offset", () => offset],
  ] as const) {
    it(`sorts *.example by registration date descending and pages twice (${kind} cursors)`, async () => {
      const rdap = serviceFor(server());
      const first = ok((await rdap.query({ q: "*.example", sort: "registrationDate:d" })).result);
      expect(first.metadata).toMatchObject({
        currentSort: "registrationDate:d",
        totalCount: 25,
        pageSize: 10,
        pageNumber: 1,
        currentFieldSet: "full",
        resultCount: 10,
      });
      expect(first.metadata.availableSorts).toContain("expirationDate");
      expect(first.metadata.availableFieldSets).toEqual(["id", "brief", "full"]);
      expect(names(first)).toEqual(byRegistration.slice(0, 10));
      const next1 = first.metadata.pages.next as string;
      const second = ok(await rdap.follow(next1));
      expect(names(second)).toEqual(byRegistration.slice(10, 20));
      expect(second.metadata.pageNumber).toBe(2);
      const third = ok(await rdap.follow(second.metadata.pages.next as string));
      expect(names(third)).toEqual(byRegistration.slice(20));
      expect(third.metadata.pages.next).toBeUndefined();
    });
  }

  it("sorts ascending by name by default and by a second key", async () => {
    const rdap = serviceFor(keyset);
    const asc = ok((await rdap.query({ q: "*.example" })).result);
    expect(asc.metadata.currentSort).toBe("name:a");
    expect(names(asc).slice(0, 3)).toEqual(["alpha.example", "bravo.example", "charlie.example"]);
    const desc = ok((await rdap.query({ q: "*o.example", sort: "name:d" })).result);
    expect(names(desc)).toEqual([
      "tango.example",
      "romeo.example",
      "kilo.example",
      "echo.example",
      "bravo.example",
    ]);
  });

  it("cuts results to the id and brief field sets (RFC 8982)", async () => {
    const rdap = serviceFor(keyset);
    const id = ok((await rdap.query({ q: "*.example", fieldSet: "id", sort: "registrationDate:d" })).result);
    expect(id.metadata.currentFieldSet).toBe("id");
    const raw = JSON.parse(id.raw) as { domainSearchResults: Record<string, unknown>[] };
    expect(Object.keys(raw.domainSearchResults[0] ?? {}).sort()).toEqual([
      "ldhName",
      "links",
      "objectClassName",
    ]);
    expect(names(id)).toEqual(byRegistration.slice(0, 10));
    // The next link keeps the field set and the sort.
    const next = new URL(id.metadata.pages.next as string);
    expect(next.searchParams.get("fieldSet")).toBe("id");
    expect(next.searchParams.get("sort")).toBe("registrationDate:d");
    const brief = ok((await rdap.query({ q: "*.example", fieldSet: "brief" })).result);
    const b = (JSON.parse(brief.raw) as { domainSearchResults: Record<string, unknown>[] })
      .domainSearchResults[0];
    expect(b).toHaveProperty("status");
    expect(b).not.toHaveProperty("events");
  });

  it("searches nameservers by IP and entities by name, sorted by their own properties", async () => {
    const rdap = serviceFor(keyset);
    const ns = ok((await rdap.query({ q: "198.51.100.53", type: "nameservers", by: "ip" })).result);
    expect(names(ns)).toEqual(["ns2.lab-dns.example"]);
    const ents = ok((await rdap.query({ q: "*Example", type: "entities", by: "fn", sort: "city:d" })).result);
    expect((ents.response.results ?? []).map((e) => (e as Entity).handle)).toEqual([
      "C5-LAB",
      "C4-LAB",
      "C3-LAB",
      "C2-LAB",
      "C1-LAB",
    ]);
    const byNs = ok((await rdap.query({ q: "ns.alpha.example", type: "domains", by: "nsLdhName" })).result);
    expect(names(byNs)).toEqual(["alpha.example"]);
  });

  it("answers 400 with an RFC 9083 error for an unknown sort property, field set or cursor", async () => {
    for (const [query, text] of [
      ["sort=colour", 'unknown sort property "colour"'],
      ["fieldSet=everything", 'unknown field set "everything"'],
      ["cursor=not-ours", "cursor is not one this server issued"],
      ["", "exactly one of"],
    ] as const) {
      const res = await fetch(
        `${keyset.baseUrl}domains?${query.startsWith("cursor") || !query ? "" : "name=*.example&"}${query}${query.startsWith("cursor") ? "&name=*.example" : ""}`,
      );
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/rdap+json");
      const parsed = parseRdapText(await res.text(), { httpStatus: 400 });
      if (!parsed.ok) throw new Error(parsed.reason);
      expect(parsed.response.kind).toBe("error");
      expect(parsed.response.error?.errorCode).toBe(400);
      expect(parsed.response.error?.description.join(" ")).toContain(text);
    }
    // Through the client, the same refusal is one clear per-query error.
    const r = (await serviceFor(keyset).query({ q: "*.example", sort: "colour" })).result;
    expect(r).toMatchObject({ ok: false, error: { code: "http", status: 400 } });
  });

  it("is refused by the guard unless configured", async () => {
    const rdap = new RdapService({ overrides: { dns: { example: [keyset.baseUrl] } } });
    const r = (await rdap.query({ q: "alpha.example" })).result;
    expect(r).toMatchObject({ ok: false, error: { code: "guard" } });
  });
});
