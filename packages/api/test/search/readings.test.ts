/** Which readings of a query the providers look up by index (each costs a statement). */
import { classifyQuery } from "@netops/protocols";
import { describe, expect, it } from "vitest";
import { distinctReadings } from "../../src/search/recent";

const kinds = (q: string) => distinctReadings(classifyQuery(q).interpretations).map((r) => r.kind);

describe("distinctReadings", () => {
  it("drops the text reading of an address, a prefix, the start of one or a MAC", () => {
    expect(kinds("192.0.2.53")).toEqual(["ipv4"]);
    expect(kinds("2001:db8::53")).toEqual(["ipv6"]);
    expect(kinds("192.0.2.0/24")).toEqual(["prefix"]);
    expect(kinds("192.0.2")).toEqual(["ip-partial"]);
    expect(kinds("00:1a:2b:3c:4d:5e")).not.toContain("text");
  });

  it("keeps a name or handle reading beside an address-like one, and text that is only text", () => {
    // `beef.cafe` may be the start of a MAC and is a name: the name is still looked up.
    expect(kinds("beef.cafe")).toEqual(expect.arrayContaining(["mac-partial", "name"]));
    expect(kinds("001a2b")).toEqual(expect.arrayContaining(["mac-partial", "handle"]));
    expect(kinds("maintenance window")).toEqual(["text"]);
  });

  it("drops a text reading that repeats a name or handle reading", () => {
    expect(kinds("ns1")).toEqual(["handle"]);
    expect(kinds("ns1.example")).toEqual(["name"]);
  });
});
