import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type Domain,
  type Entity,
  type IpNetwork,
  type ParsedRdap,
  parseRdapResponse,
  parseRdapText,
  relatedRdapLinks,
} from "../../src/rdap/index";
import { TESTDATA, icannCodes, read, readJson, walk } from "./helpers";

const RESPONSES = path.join(TESTDATA, "responses");
// jcard/ holds bare jCard arrays (tested in jcard.test.ts), not RDAP responses.
const responseFiles = walk(RESPONSES)
  .map((f) => path.relative(RESPONSES, f))
  .filter((f) => !f.startsWith("openrdap/jcard/"));

function parsed(rel: string): ParsedRdap {
  const r = parseRdapText(read(`responses/${rel}`));
  if (!r.ok) throw new Error(`${rel}: ${r.reason}`);
  return r.response;
}
const codes = (r: ParsedRdap) => r.findings.map((f) => f.code);

describe("every real response parses; non-conformance is findings", () => {
  const icann = icannCodes();
  it.each(responseFiles)("%s", (rel) => {
    const r = parsed(rel);
    expect(["object", "search", "error", "help"]).toContain(r.kind);
    for (const f of r.findings) {
      expect(["error", "warning", "info"]).toContain(f.severity);
      expect(f.path).toMatch(/^\$/);
      // Numeric codes must be ICANN's own, not invented.
      if (/^-\d+$/.test(f.code)) expect(icann, `${f.code} ${f.message}`).toContain(f.code);
    }
  });
  it("covers the sample set (42 responses)", () => expect(responseFiles).toHaveLength(42));
});

describe("objects", () => {
  it("ARIN entity: jCard decoded into a contact card", () => {
    const r = parsed("icann-rdap/common/entity_arin_hostmaster.json");
    const e = r.object as Entity;
    expect(e.handle).toBe("ARIN-HOSTMASTER");
    expect(e.contact).toMatchObject({
      kind: "group",
      fn: "Registration Services Department",
      org: ["Registration Services Department"],
      emails: [{ address: "hostmaster@arin.net", types: [] }],
      phones: [{ number: "+1-703-227-0660", types: ["work", "voice"] }],
    });
    expect(e.contact?.addresses[0]?.label).toBe("P.O. Box 232290\nCentreville\nVA\n20120\nUnited States");
  });

  it("AFNIC domain: name servers, events, and unregistered notice types as warnings", () => {
    const r = parsed("icann-rdap/common/domain_afnic_fr.json");
    const d = r.object as Domain;
    expect(d.ldhName).toBe("afnic.fr");
    expect(d.nameservers).toHaveLength(3);
    expect(d.events.map((e) => e.eventAction)).toEqual([
      "registration",
      "expiration",
      "last changed",
      "transfer",
    ]);
    expect(r.findings.filter((f) => f.code === "-10706").every((f) => f.severity === "warning")).toBe(true);
  });

  it("ARIN network with cidr0", () => {
    const n = parsed("icann-rdap/common/network_192_198_0_0.json").object as IpNetwork;
    expect(n).toMatchObject({
      handle: "NET-192-198-0-0-1",
      startAddress: "192.198.0.0",
      cidrs: ["192.198.0.0/22"],
    });
  });

  it("RIPE error and nic.fr help", () => {
    const e = parsed("icann-rdap/common/error_ripe_net.json");
    expect(e.kind).toBe("error");
    expect(e.error).toEqual({
      errorCode: 501,
      title: "501 Not Implemented",
      description: ["Nameserver not supported"],
    });
    const h = parsed("icann-rdap/common/help_nic_fr.json");
    expect(h.kind).toBe("help");
    expect(h.top.notices.length).toBeGreaterThan(0);
  });

  it("search results: 30 ARIN domains and 266 ARIN entities", () => {
    const d = parsed("icann-rdap/common/domains_ldhname_ns1_arin_net.json");
    expect([d.kind, d.searchMember, d.results?.length]).toEqual(["search", "domainSearchResults", 30]);
    const e = parsed("icann-rdap/common/entities_fn_arin.json");
    expect([e.searchMember, e.results?.length]).toEqual(["entitySearchResults", 266]);
    expect(e.results?.every((x) => x.objectClassName === "entity")).toBe(true);
  });

  it("RFC 9537 redactions at the top and in search results", () => {
    const l = parsed("icann-rdap/common/lookup_with_redaction.json");
    expect(l.top.redacted).toHaveLength(14);
    expect(l.top.redacted[0]).toHaveProperty("name");
    const s = parsed("icann-rdap/common/domain_search_with_redaction.json");
    expect((s.results ?? [])[1] as Domain).toBeDefined();
    expect(((s.results ?? [])[1] as Domain).redacted[0]).toEqual({
      name: { description: "Registry Domain ID" },
      reason: { description: "Server policy" },
      prePath: "$.domainSearchResults[1].handle",
      pathLang: "jsonpath",
      method: "removal",
    });
  });

  it("related links: only RDAP JSON, never self (Verisign thin registry → MarkMonitor)", () => {
    const d = parsed("whoisit/data_rdap_response_domain1.json").object as Domain;
    expect(relatedRdapLinks(d)).toEqual(["https://rdap.markmonitor.com/rdap/domain/GOOGLE.COM"]);
  });
});

describe("findings on real non-conformance", () => {
  it("an unregistered status value (lemonde.fr)", () => {
    const r = parsed("icann-rdap/client/lemonde.fr.json");
    expect(r.findings).toContainEqual({
      code: "-11002",
      severity: "warning",
      path: "$.status[3]",
      message: '"server recover prohibited" is not a registered status value',
    });
  });
  it("notices that are not an array and dates without a zone (Verisign Labs pilot)", () => {
    const r = parsed("openrdap/rdap/rdap-pilot.verisignlabs.com/entity-1-VRSN");
    expect(codes(r)).toEqual(expect.arrayContaining(["-10700", "-10908"]));
    expect(r.top.notices).toEqual([]);
  });
  it("missing rdapConformance (objects adapted from RFC 9083 figures)", () => {
    expect(codes(parsed("icann-rdap/srv-rfc9083/ns1_example_com.json"))).toEqual(["-10503"]);
  });
  it("cidr0 members without the cidr0 conformance identifier", () => {
    expect(codes(parsed("whoisit/data_rdap_response_entity.json"))).toContain("extension.undeclared");
  });
  it("the ICANN tool's negative fixtures", () => {
    const roles = parseRdapResponse(readJson("conformance-tool/entity/invalid-roles.json"));
    expect(roles.ok && codes(roles.response)).toContain("-11802");
    const vcard = parseRdapResponse(readJson("conformance-tool/entity/invalid-vcard.json"));
    expect(vcard.ok && vcard.response.findings.find((f) => f.code.startsWith("jcard."))?.path).toBe(
      "$.vcardArray[1]",
    );
    expect(vcard.ok && (vcard.response.object as Entity).contact).toBeUndefined();
    const links = parseRdapResponse({
      objectClassName: "domain",
      rdapConformance: ["rdap_level_0"],
      ...(readJson("conformance-tool/links/invalid_missing_rel_and_value.json") as object),
    });
    expect(links.ok && codes(links.response)).toEqual([
      "link.value-missing",
      "link.rel-missing",
      "link.value-missing",
      "link.rel-missing",
    ]);
    expect(parseRdapResponse(readJson("conformance-tool/wrong_objectClassName.json"))).toEqual({
      ok: false,
      reason: 'objectClassName "wrong" is not an RDAP object class',
    });
    const handle = parseRdapResponse({ objectClassName: "entity", handle: { key: "value" } });
    expect(handle.ok && codes(handle.response)).toContain("-12304");
    expect(parseRdapText(read("conformance-tool/help/invalid.json"))).toEqual({
      ok: false,
      reason: "empty body",
    });
  });
  it("whole responses from the ICANN tool's profile fixtures parse", () => {
    for (const f of walk(path.join(TESTDATA, "conformance-tool/profile/response_validations/vcard")).filter(
      (f) => f.includes("real_world"),
    )) {
      const r = parseRdapText(read(path.relative(TESTDATA, f)));
      expect(r.ok, f).toBe(true);
    }
  });
});

describe("what is not an RDAP response, and hostile shapes", () => {
  it.each([
    ["[]", "an RDAP response is a JSON object, this is an array"],
    ['"x"', "an RDAP response is a JSON object, this is string"],
    ["{}", "not an RDAP response: no objectClassName, search results, errorCode, rdapConformance or notices"],
    ["<html>", "not JSON: Unexpected token '<', \"<html>\" is not valid JSON"],
  ])("%s", (text, reason) => expect(parseRdapText(text)).toEqual({ ok: false, reason }));

  it("refuses deep JSON before parsing it", () => {
    expect(parseRdapText(`${"[".repeat(100000)}${"]".repeat(100000)}`)).toEqual({
      ok: false,
      reason: "JSON nested deeper than 64 levels",
    });
  });

  it("drops objects nested past the object depth limit with a finding", () => {
    let e: Record<string, unknown> = { objectClassName: "entity", handle: "leaf" };
    for (let i = 0; i < 20; i++) e = { objectClassName: "entity", handle: `e${i}`, entities: [e] };
    const r = parseRdapResponse({ ...e, rdapConformance: ["rdap_level_0"] }, { maxObjectDepth: 5 });
    expect(r.ok && r.response.findings.filter((f) => f.code === "object.depth")).toHaveLength(1);
  });

  it("keeps the findings list bounded", () => {
    const r = parseRdapResponse({
      objectClassName: "domain",
      status: Array.from({ length: 5000 }, (_, i) => `bogus ${i}`),
    });
    expect(r.ok && r.response.findings).toHaveLength(500);
  });
});
