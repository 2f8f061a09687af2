/** Registry inputs and poll-message decoding: precise errors, secrets never echoed. */
import { describe, expect, it } from "vitest";
import { connectionCreateSchema, decodePollMessage, hostCreateSchema } from "../../src/features/registry";

const PEM_CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
const PEM_KEY = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----";

describe("registry input schemas", () => {
  it("names the field and the rule when a host name is not RFC 1123", () => {
    const r = hostCreateSchema.safeParse({ connectionId: "c", name: "ns_1.example" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({
      path: ["name"],
      message: 'label "ns_1" may hold only letters, digits and inner hyphens',
    });
    expect(hostCreateSchema.parse({ connectionId: "c", name: " NS1.Example " }).name).toBe("ns1.example");
  });

  it("wants PEM material, an RFC 5730 password length and at least one zone", () => {
    const base = {
      name: "reg",
      host: "epp.example.net",
      clientId: "registrar",
      password: "secret-123",
      clientCert: PEM_CERT,
      clientKey: PEM_KEY,
      caCert: PEM_CERT,
      zones: ["example"],
    };
    expect(connectionCreateSchema.parse(base)).toMatchObject({ port: 700, poolSize: 2 });
    const bad = connectionCreateSchema.safeParse({
      ...base,
      password: "x".repeat(17),
      clientKey: "not a key",
      zones: [],
    });
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["password", "clientKey", "zones"]);
  });
});

describe("decodePollMessage", () => {
  const transfer = (reID: string, acID: string) => ({
    kind: "domain:trnData" as const,
    transfer: {
      name: "a.example",
      trStatus: "pending" as const,
      reID,
      reDate: "2026-01-01T00:00:00Z",
      acID,
      acDate: "2026-01-06T00:00:00Z",
    },
  });
  it("tells a transfer away (another client asks for our domain) from one we asked for", () => {
    expect(decodePollMessage([transfer("other", "us")], "us")).toMatchObject({
      kind: "transfer",
      transferAway: true,
      object: "a.example",
    });
    expect(decodePollMessage([transfer("us", "other")], "us")).toMatchObject({
      kind: "transfer",
      transferAway: false,
    });
  });
  it("decodes pending-action data and plain server messages", () => {
    const pan = {
      kind: "host:panData" as const,
      data: {
        name: "ns1.a.example",
        paResult: true,
        paTRID: { svTRID: "S1" },
        paDate: "2026-01-01T00:00:00Z",
      },
    };
    expect(decodePollMessage([pan], "us")).toMatchObject({ kind: "pending-action", object: "ns1.a.example" });
    expect(decodePollMessage([], "us")).toEqual({
      kind: "server",
      object: null,
      transferAway: false,
      data: null,
    });
  });
});
