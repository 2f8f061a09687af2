/**
 * RDAP's outbound policy: an allowed host is allowed on its port only, in every spelling of the
 * address; and an allowed destination that fails says the same thing whether its port is open
 * (another protocol, or silent), closed or filtered, without echoing what the peer sent.
 */
import { Bootstrap } from "@netops/protocols/rdap";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RdapClient, type RdapResult } from "../../src/features/rdap/index";
import { FILTERED, LOOPBACK_FORMS, type Peer, bannerPeer, closedPort, silentPeer } from "../outbound/peers";

let banner: Peer;
let silent: Peer;
let other: Peer;
let closed: number;
beforeAll(async () => {
  banner = await bannerPeer();
  silent = await silentPeer();
  other = await bannerPeer('{"objectClassName":"domain","ldhName":"secret.example"}');
  closed = await closedPort();
});
afterAll(async () => {
  await Promise.all([banner.close(), silent.close(), other.close()]);
});

const err = (r: RdapResult) => (r.ok ? null : r.error);
const client = () =>
  new RdapClient({
    bootstrap: new Bootstrap([], {}),
    // As the demo configures its lab server: loopback allowed (private, plain http), but only on these ports.
    allowedHosts: [
      `127.0.0.1:${banner.port}`,
      `127.0.0.1:${silent.port}`,
      `127.0.0.1:${closed}`,
      `${FILTERED}:4443`,
    ],
    privateHosts: ["127.0.0.1", FILTERED],
    httpHosts: ["127.0.0.1", FILTERED],
    timeoutMs: 400,
  });

describe("RDAP outbound", () => {
  it.each([...LOOPBACK_FORMS, "127.0.0.1."])(
    "%s on a port that is not allowed is refused without connecting",
    async (form) => {
      const r = await client().fetch(`http://${form}:${other.port}/rdap/domain/secret.example`);
      expect(err(r)).toEqual({
        code: "guard",
        message: `127.0.0.1:${other.port} is not an allowed destination (neither in the bootstrap registry nor in rdap.allowedHosts)`,
      });
      expect(other.connections).toBe(0);
    },
  );

  it("open, silent, closed and filtered ports give the same text, with nothing of the peer's bytes", async () => {
    const c = client();
    const targets: [string, number][] = [
      ["127.0.0.1", banner.port],
      ["127.0.0.1", silent.port],
      ["127.0.0.1", closed],
      [FILTERED, 4443],
    ];
    const seen = new Set<string>();
    for (const [host, port] of targets) {
      const e = err(await c.fetch(`http://${host}:${port}/rdap/domain/x.example`));
      expect(e?.code).toBe("network");
      expect(e?.message).not.toMatch(/SSH|secret|ECONN|timeout|within|Parse/i);
      seen.add((e?.message ?? "").replace(`${host}:${port}`, "HOST:PORT"));
    }
    expect([...seen]).toEqual(["could not reach HOST:PORT: connection failed"]);
    expect(banner.connections).toBeGreaterThan(0);
  });
});
