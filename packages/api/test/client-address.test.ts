// The client address behind trusted proxies (server.trustedProxies): X-Forwarded-For is read from
// the right and only as far as trusted proxies wrote it; anything a client wrote is ignored.
import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxyPrefixes } from "../src/client-address";

const lb = trustedProxyPrefixes(["10.0.0.5", "192.0.2.0/28", "2001:db8:ffff::/48"]);

describe("clientAddress", () => {
  it("is the socket's address when no proxy is trusted, whatever the header says", () => {
    expect(clientAddress("198.51.100.9", "203.0.113.1", [])).toBe("198.51.100.9");
    expect(clientAddress("198.51.100.9", "203.0.113.1", lb)).toBe("198.51.100.9"); // not a trusted proxy
    expect(clientAddress(undefined, undefined, lb)).toBe("unknown");
  });

  it("takes the address a trusted proxy forwarded", () => {
    expect(clientAddress("10.0.0.5", "203.0.113.7", lb)).toBe("203.0.113.7");
    expect(clientAddress("::ffff:10.0.0.5", "203.0.113.7", lb)).toBe("203.0.113.7"); // dual-stack socket
  });

  it("ignores what the client wrote left of the proxy's entry (spoofing the throttle key)", () => {
    expect(clientAddress("10.0.0.5", "1.2.3.4, 203.0.113.7", lb)).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.5", ["1.2.3.4", "203.0.113.7"], lb)).toBe("203.0.113.7");
  });

  it("walks through a chain of trusted proxies to the first untrusted hop", () => {
    expect(clientAddress("10.0.0.5", "203.0.113.7, 192.0.2.3, 192.0.2.9", lb)).toBe("203.0.113.7");
    // All hops trusted: the left-most is as close to the client as anyone trusted knows.
    expect(clientAddress("10.0.0.5", "192.0.2.3", lb)).toBe("192.0.2.3");
  });

  it("reads ports and brackets some proxies add, and canonicalises IPv6", () => {
    expect(clientAddress("10.0.0.5", "203.0.113.7:51234", lb)).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.5", "[2001:DB8:0:0::1]:443", lb)).toBe("2001:db8::1");
    expect(clientAddress("2001:db8:ffff::2", "2001:0db8::0001", lb)).toBe("2001:db8::1");
  });

  it("stops at the last good hop when the next one is malformed, empty or hostile", () => {
    expect(clientAddress("10.0.0.5", "", lb)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", "banana", lb)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", "203.0.113.7, 192.0.2.3, unknown", lb)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", "' OR 1=1 --, \u0000\ud800", lb)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", `${"192.0.2.3,".repeat(2000)}203.0.113.7`, lb)).toBe("203.0.113.7");
    // More than 32 trusted hops: only the last 32 are read; the answer is still a trusted hop, never the client's text.
    expect(clientAddress("10.0.0.5", `203.0.113.66,${"192.0.2.3,".repeat(40)}192.0.2.4`, lb)).toBe(
      "192.0.2.3",
    );
  });

  it("refuses a configured entry that is not an address or prefix, naming it", () => {
    expect(() => trustedProxyPrefixes(["10.0.0.0/8", "10.0.0.0/33"])).toThrow(
      'server.trustedProxies: "10.0.0.0/33" is not an address or prefix',
    );
  });
});
