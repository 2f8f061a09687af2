/**
 * The outbound policy decides on host AND port, on the canonical form of the address whatever
 * its spelling, and pins the connection to the addresses it checked.
 */
import { describe, expect, it } from "vitest";
import { canonicalHost, parseDestination } from "../../src/services/outbound/address";
import { OutboundPolicy } from "../../src/services/outbound/policy";

const ALLOWED = 8053;
const OTHER = 22;

/** Every spelling of loopback (and its neighbours) that a resolver or URL parser would accept. */
const LOOPBACK_FORMS = [
  "127.0.0.1",
  "127.1",
  "2130706433",
  "0x7f000001",
  "0177.0.0.1",
  "0x7f.0.0.1",
  "127.0.0.1.",
  "::ffff:127.0.0.1",
  "[::ffff:127.0.0.1]",
  "[::ffff:7f00:1]",
  "[0:0:0:0:0:FFFF:7F00:0001]",
];
const OTHER_LOCAL = ["0.0.0.0", "0", "[::]", "::", "[::1]", "::1", "localhost", "LOCALHOST.", "127.0.0.2"];

const policy = (publicPorts: number[] = []) =>
  new OutboundPolicy({
    service: "dns",
    configKey: "dns.allowedServers",
    defaultPort: 53,
    allow: [`127.0.0.1:${ALLOWED}`],
    publicPorts,
    // Names resolve to loopback, as a rebinding name would.
    resolve: async (h) => (h === "public.test" ? ["192.88.1.1"] : ["127.0.0.1"]),
  });

describe("canonical addresses", () => {
  it.each(LOOPBACK_FORMS)("%s is 127.0.0.1", (form) => {
    expect(canonicalHost(form)).toEqual({ kind: "ip", version: 4, text: "127.0.0.1" });
  });

  it("names lose case and the trailing dot; junk is refused", () => {
    expect(canonicalHost("NS1.Example.NET.")).toEqual({ kind: "name", text: "ns1.example.net" });
    for (const bad of ["a b", "x@127.0.0.1", "h/p", "fe80::1%eth0", "", "[", "1.2.3.256", "a..b"])
      expect(typeof canonicalHost(bad)).toBe("string");
  });

  it("parses host, host:port, [v6]:port and bare IPv6 with the default port", () => {
    expect(parseDestination("0x7f000001:53", 1)).toEqual({
      host: { kind: "ip", version: 4, text: "127.0.0.1" },
      port: 53,
    });
    expect(parseDestination("[2001:DB8::1]:8080", 1)).toMatchObject({
      host: { text: "2001:db8::1" },
      port: 8080,
    });
    expect(parseDestination("2001:db8::1", 700)).toMatchObject({ host: { text: "2001:db8::1" }, port: 700 });
    expect(parseDestination("ns.example", 53)).toMatchObject({ host: { text: "ns.example" }, port: 53 });
    expect(parseDestination("ns.example:0", 53)).toMatch(/port must be a number from 1 to 65535/);
    expect(parseDestination("ns.example:99999", 53)).toMatch(/port must be a number from 1 to 65535/);
  });
});

describe("host and port", () => {
  it.each(LOOPBACK_FORMS)(
    "%s on a port that is not listed is refused, before any connection",
    async (form) => {
      const p = policy([53]);
      expect(p.check(form, OTHER)).toMatch(/is not an allowed destination/);
      await expect(p.pin(form, OTHER)).rejects.toMatchObject({ code: "refused" });
      // On port 53 (public addresses only) loopback is still refused, in any spelling.
      await expect(p.pin(form, 53)).rejects.toMatchObject({ code: "refused" });
    },
  );

  it.each(LOOPBACK_FORMS)("%s on the listed port is the listed destination", async (form) => {
    const pinned = await policy().pin(form, ALLOWED);
    expect(pinned).toMatchObject({ label: `127.0.0.1:${ALLOWED}`, addresses: ["127.0.0.1"] });
  });

  it.each(OTHER_LOCAL)("%s is not 127.0.0.1, even on the listed port", async (form) => {
    await expect(policy([53]).pin(form, ALLOWED)).rejects.toMatchObject({ code: "refused" });
    await expect(policy([53]).pin(form, 53)).rejects.toMatchObject({ code: "refused" });
  });

  it("public addresses on a public port pass; names must resolve to public addresses only", async () => {
    const p = policy([53]);
    expect(await p.pin("192.88.1.1", 53)).toMatchObject({ addresses: ["192.88.1.1"] });
    expect(await p.pin("PUBLIC.test.", 53)).toMatchObject({
      label: "public.test:53",
      addresses: ["192.88.1.1"],
    });
    await expect(p.pin("192.88.1.1", 5353)).rejects.toThrow(
      "192.88.1.1:5353 is not an allowed destination (dns.allowedServers)",
    );
    await expect(p.pin("rebound.test", 53)).rejects.toThrow(
      "rebound.test resolves to 127.0.0.1, which is a private, loopback or special-purpose address",
    );
    for (const special of ["10.0.0.1", "169.254.169.254", "[fd00::1]", "[::127.0.0.1]", "[64:ff9b::7f00:1]"])
      await expect(p.pin(special, 53)).rejects.toMatchObject({ code: "refused" });
  });

  it("connects only to the checked addresses, whatever DNS answers later", async () => {
    let answer = ["192.88.1.1"];
    const p = new OutboundPolicy({
      service: "epp",
      configKey: "epp.allowedServers",
      defaultPort: 700,
      publicPorts: [700],
      resolve: async () => answer,
    });
    const pinned = await p.pin("registry.test");
    answer = ["127.0.0.1"];
    const got = await new Promise<string>((resolve) =>
      pinned.lookup("registry.test", {}, (_e, address) => resolve(address as string)),
    );
    expect(got).toBe("192.88.1.1");
  });

  it("runtime additions allow exactly that host:port", async () => {
    const p = policy();
    p.allow("[::1]:9000");
    expect(await p.pin("0:0:0:0:0:0:0:1", 9000)).toMatchObject({ label: "[::1]:9000" });
    await expect(p.pin("::1", 9001)).rejects.toMatchObject({ code: "refused" });
    expect(() => p.allow("nope:nope")).toThrow(/dns.allowedServers/);
  });
});
