/**
 * EPP connections go only to allowed registry servers (epp.allowedServers, or a public address on
 * port 700), whatever the spelling of the address; and a listed server that fails before the TLS
 * session says the same thing whether its port is open (not TLS, or silent), closed or filtered.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EppConnection } from "../../src/features/registry/connection";
import { EppSessionError } from "../../src/features/registry/errors";
import { DomainError } from "../../src/errors";
import type { Services } from "../../src/services";
import { type TestDb, testDb, testServices } from "../fixtures";
import { FILTERED, type Peer, bannerPeer, closedPort, silentPeer } from "../outbound/peers";
import { makeCert } from "../rdap/server";

const FORMS = [
  "127.0.0.1",
  "127.1",
  "2130706433",
  "0x7f000001",
  "0177.0.0.1",
  "::ffff:127.0.0.1",
  "::ffff:7f00:1",
  "localhost",
];

let banner: Peer;
let silent: Peer;
let other: Peer;
let closed: number;
let tls: ReturnType<typeof makeCert>;
let t: TestDb;
let services: Services;
beforeAll(async () => {
  banner = await bannerPeer();
  silent = await silentPeer();
  other = await bannerPeer();
  closed = await closedPort();
  tls = makeCert();
  t = testDb("epp-outbound");
  services = testServices(t.db, {
    registry: {
      allowedServers: [
        `127.0.0.1:${banner.port}`,
        `127.0.0.1:${silent.port}`,
        `127.0.0.1:${closed}`,
        `${FILTERED}:700`,
      ],
    },
  });
});
afterAll(async () => {
  await services.registry.close();
  await Promise.all([banner.close(), silent.close(), other.close()]);
  tls.cleanup();
  await t.close();
});

const settings = (host: string, port: number) => ({
  host,
  port,
  clientId: "me",
  password: "secret-1",
  clientCert: tls.cert,
  clientKey: tls.key,
  caCert: tls.cert,
  zones: ["example"],
});

describe("EPP outbound", () => {
  it("a connection cannot name a server that is not allowed, in any spelling", async () => {
    for (const host of FORMS) {
      const e = await services.registry
        .createConnection({ name: `x-${host.replace(/\W/g, "")}`, ...settings(host, other.port) })
        .catch((err: unknown) => err);
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).kind).toBe("invalid");
      expect((e as DomainError).message).toMatch(
        new RegExp(
          `^host: (127\\.0\\.0\\.1|localhost):${other.port} is not an allowed destination \\(epp\\.allowedServers\\)$`,
        ),
      );
    }
    // Public addresses need no listing on port 700 only; loopback on 700 still does.
    await expect(
      services.registry.createConnection({ name: "p", ...settings("127.0.0.1", 700) }),
    ).rejects.toThrow(
      /not an allowed destination: 127\.0\.0\.1 is a private, loopback or special-purpose address/,
    );
    expect(other.connections).toBe(0);
  });

  it("a stored connection that is no longer allowed is refused at connect time, without connecting", async () => {
    const c = await services.registry.createConnection({
      name: "stale",
      ...settings("127.0.0.1", banner.port),
    });
    await t.db.eppRegistryConnection.update({
      where: { id: c.id },
      data: { host: "0x7f000001", port: other.port },
    });
    await expect(services.registry.reconnect(c.id)).rejects.toThrow(
      `registry stale: 127.0.0.1:${other.port} is not an allowed destination (epp.allowedServers)`,
    );
    expect(other.connections).toBe(0);
  });

  it("open (not TLS, or silent), closed and filtered ports give the same text, the cause in detail", async () => {
    const texts = new Set<string>();
    for (const [host, port] of [
      ["127.0.0.1", banner.port],
      ["127.0.0.1", silent.port],
      ["127.0.0.1", closed],
      [FILTERED, 700],
    ] as const) {
      const e = await EppConnection.open({
        ...{ host, port, ca: tls.cert, cert: tls.cert, key: tls.key },
        connectTimeoutMs: 400,
        pin: (h, p) => services.registry.policy.pin(h, p),
      }).then(
        (conn) => {
          conn.close();
          return null;
        },
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(EppSessionError);
      expect((e as EppSessionError).detail).toBeTruthy();
      texts.add((e as Error).message.replace(`${host}:${port}`, "SERVER"));
    }
    expect([...texts]).toEqual(["could not reach SERVER: connection failed"]);
    expect(banner.connections).toBeGreaterThan(0);
  });
});
