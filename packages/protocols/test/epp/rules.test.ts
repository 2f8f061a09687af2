import { describe, expect, it } from "vitest";
import {
  RESULT_CODES,
  checkHostCreate,
  checkHostUpdate,
  closesSession,
  formatIPv6,
  hostNameProblem,
  negotiateLogin,
  NS,
  parseIPv6,
  resultCodeInfo,
  superordinateDomain,
  type Greeting,
} from "../../src/epp";

const ctx = {
  zones: ["example", "co.uk"],
  domainExists: (d: string) => d === "lab.example" || d === "shop.co.uk",
};

describe("RFC 5730 §3 result codes", () => {
  it("has all 34 codes with meaning and explanation", () => {
    // RFC 5730 §3 lists 5 success and 29 error codes.
    expect([...RESULT_CODES.keys()]).toEqual([
      1000, 1001, 1300, 1301, 1500, 2000, 2001, 2002, 2003, 2004, 2005, 2100, 2101, 2102, 2103, 2104, 2105,
      2106, 2200, 2201, 2202, 2300, 2301, 2302, 2303, 2304, 2305, 2306, 2307, 2308, 2400, 2500, 2501, 2502,
    ]);
    expect(resultCodeInfo(2201)).toMatchObject({ meaning: "Authorization error", success: false });
    expect(resultCodeInfo(2201)?.explanation).toMatch(/sponsoring client/);
    expect(resultCodeInfo(2305)?.meaning).toBe("Object association prohibits operation");
    expect(resultCodeInfo(1301)?.success).toBe(true);
    expect(resultCodeInfo(2999)).toBeUndefined();
    expect([1000, 1500, 2500, 2501, 2502].map(closesSession)).toEqual([false, true, true, true, true]);
  });
});

describe("RFC 5732 host rules", () => {
  it("checks RFC 1123 host names", () => {
    for (const ok of [
      "ns1.example.com",
      "a.b",
      "1ns.example",
      "xn--bcher-kva.example",
      `${"a".repeat(63)}.example`,
    ])
      expect(hostNameProblem(ok), ok).toBeNull();
    for (const bad of [
      "",
      "example",
      "-ns.example",
      "ns-.example",
      "ns_1.example",
      "ns..example",
      "ns.example.",
      `${"a".repeat(64)}.example`,
      "ns.123",
      "n s.example",
    ]) {
      expect(hostNameProblem(bad), bad).not.toBeNull();
    }
    expect(hostNameProblem(`${"abcdefghi.".repeat(26)}com`)).toMatch(/at most 253/);
  });

  it("finds the superordinate domain in the registry's zones (most specific zone wins)", () => {
    expect(superordinateDomain("ns1.lab.example", ctx.zones)).toBe("lab.example");
    expect(superordinateDomain("a.b.NS.Lab.Example", ctx.zones)).toBe("lab.example");
    expect(superordinateDomain("ns.shop.co.uk", ["uk", "co.uk"])).toBe("shop.co.uk");
    expect(superordinateDomain("ns1.example.net", ctx.zones)).toBeNull();
  });

  it("allows glue only for hosts under a domain of this registry (§3.2.1)", () => {
    expect(
      checkHostCreate({ name: "ns1.lab.example", addrs: [{ ip: "v4", address: "192.0.2.53" }] }, ctx),
    ).toEqual([]);
    expect(checkHostCreate({ name: "ns1.example.net", addrs: [] }, ctx)).toEqual([]);
    const ext = checkHostCreate(
      { name: "ns1.example.net", addrs: [{ ip: "v4", address: "192.0.2.53" }] },
      ctx,
    );
    expect(ext).toEqual([
      expect.objectContaining({
        field: "addr",
        severity: "error",
        code: 2306,
        reason: expect.stringMatching(/outside this registry.*glue/),
      }),
    ]);
    expect(
      checkHostCreate(
        { name: "ns1.example.net", addrs: [{ ip: "v4", address: "192.0.2.53" }] },
        { ...ctx, externalAddresses: "warn" },
      )[0]?.severity,
    ).toBe("warning");
    expect(checkHostCreate({ name: "ns1.missing.example", addrs: [] }, ctx)).toEqual([
      expect.objectContaining({
        code: 2303,
        reason: expect.stringMatching(/missing\.example.*does not exist/),
      }),
    ]);
  });

  it("checks address syntax and usability", () => {
    const issues = checkHostCreate(
      {
        name: "ns1.lab.example",
        addrs: [
          { ip: "v4", address: "192.0.2.300" },
          { ip: "v4", address: "2001:db8::1" },
          { ip: "v6", address: "2001:db8::1" },
          { ip: "v6", address: "2001:DB8:0::1" },
          { ip: "v4", address: "127.0.0.1" },
          { ip: "v6", address: "fe80::1" },
        ],
      },
      ctx,
    );
    expect(issues.map((i) => [i.code, i.reason])).toEqual([
      [2005, '"192.0.2.300" is not a valid IPv4 address'],
      [2005, '"2001:db8::1" is not a valid IPv4 address'],
      [2306, "2001:db8::1 is listed twice"],
      [2306, "127.0.0.1 is a loopback address; it cannot be glue"],
      [2306, "fe80::1 is link-local; it cannot be glue"],
    ]);
    expect(parseIPv6("1080:0:0:0:8:800:200C:417A")).toEqual([0x1080, 0, 0, 0, 8, 0x800, 0x200c, 0x417a]);
    expect(formatIPv6(parseIPv6("1080:0:0:0:8:800:200C:417A") as number[])).toBe("1080::8:800:200c:417a");
    // RFC 5952 §5: IPv4-mapped addresses are written in the mixed form.
    expect(formatIPv6(parseIPv6("::ffff:192.0.2.1") as number[])).toBe("::ffff:192.0.2.1");
    for (const bad of ["1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "fe80::1%eth0", ":1::"])
      expect(parseIPv6(bad), bad).toBeNull();
  });

  it("enforces sponsorship and status on update, and checks the resulting addresses", () => {
    const host = {
      name: "ns1.lab.example",
      addrs: [{ ip: "v4" as const, address: "192.0.2.1" }],
      statuses: [{ s: "ok" }],
      clID: "registrar-a",
    };
    const upd = (over: object) => ({
      cmd: "host:update" as const,
      name: host.name,
      add: { addrs: [], statuses: [] },
      rem: { addrs: [], statuses: [] },
      ...over,
    });
    expect(checkHostUpdate(host, upd({}), "registrar-b", ctx)).toEqual([
      expect.objectContaining({ code: 2201, field: "sponsor" }),
    ]);
    expect(
      checkHostUpdate(
        { ...host, statuses: [{ s: "clientUpdateProhibited" }] },
        upd({}),
        "registrar-a",
        ctx,
      )[0]?.code,
    ).toBe(2304);
    expect(
      checkHostUpdate(
        { ...host, statuses: [{ s: "clientUpdateProhibited" }] },
        upd({ rem: { addrs: [], statuses: [{ s: "clientUpdateProhibited" }] } }),
        "registrar-a",
        ctx,
      ),
    ).toEqual([]);
    expect(
      checkHostUpdate(
        host,
        upd({ add: { addrs: [], statuses: [{ s: "serverUpdateProhibited" }] } }),
        "registrar-a",
        ctx,
      )[0]?.code,
    ).toBe(2306);
    // Renaming out of the registry while keeping glue breaks the §3.2.1 rule; removing the glue as well is fine.
    expect(checkHostUpdate(host, upd({ newName: "ns1.example.net" }), "registrar-a", ctx)[0]?.code).toBe(
      2306,
    );
    expect(
      checkHostUpdate(
        host,
        upd({ newName: "ns1.example.net", rem: { addrs: host.addrs, statuses: [] } }),
        "registrar-a",
        ctx,
      ),
    ).toEqual([]);
  });
});

describe("login negotiation", () => {
  const greeting: Greeting = {
    svID: "s",
    svDate: "2026-01-01T00:00:00Z",
    versions: ["1.0"],
    langs: ["en"],
    objURIs: [NS.host, NS.domain],
    extURIs: [NS.secDNS],
    dcp: { access: "all", statements: [] },
  };
  it("logs in only with what the server offers", () => {
    const r = negotiateLogin(greeting, {
      objURIs: [NS.host, NS.domain, NS.contact],
      extURIs: [NS.secDNS, NS.rgp],
    });
    expect(r).toEqual({
      ok: true,
      value: {
        version: "1.0",
        lang: "en",
        objURIs: [NS.host, NS.domain],
        extURIs: [NS.secDNS],
        missingExtURIs: [NS.rgp],
      },
    });
  });
  it("fails clearly when the greeting lacks the host object or version 1.0", () => {
    expect(
      negotiateLogin({ ...greeting, objURIs: [NS.domain] }, { objURIs: [NS.host], extURIs: [] }),
    ).toEqual({
      ok: false,
      reason: `server greeting does not offer ${NS.host}`,
    });
    expect(
      negotiateLogin({ ...greeting, versions: ["1.1"] }, { objURIs: [NS.host], extURIs: [] }),
    ).toMatchObject({ ok: false });
  });
});
