/**
 * Kea Control Agent URLs reach only configured agents (dhcp.keaAgents, host AND port, any
 * spelling of the address), an answer that is not Kea's JSON is reported without its bytes, and
 * an agent that cannot be reached reads the same whether its port is open, closed or filtered.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KeaClient, KeaOutbound } from "../../src/features/dhcp/kea-api";
import { FILTERED, LOOPBACK_FORMS, type Peer, bannerPeer, closedPort, silentPeer } from "../outbound/peers";

let page: Server;
let pagePort = 0;
let pageHits = 0;
let banner: Peer;
let silent: Peer;
let closed: number;
beforeAll(async () => {
  // An HTTP service that is not Kea: its page must not reach the console's error texts.
  page = createServer((_req, res) => {
    pageHits++;
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<html>internal-admin-page token=body-marker-9c1e</html>");
  });
  await new Promise<void>((r) => page.listen(0, "127.0.0.1", r));
  pagePort = (page.address() as AddressInfo).port;
  banner = await bannerPeer();
  silent = await silentPeer();
  closed = await closedPort();
});
afterAll(async () => {
  await new Promise((r) => page.close(r));
  await Promise.all([banner.close(), silent.close()]);
});

const outbound = () =>
  new KeaOutbound({
    agents: [
      `127.0.0.1:${pagePort}`,
      `127.0.0.1:${banner.port}`,
      `127.0.0.1:${silent.port}`,
      `127.0.0.1:${closed}`,
      `${FILTERED}:8000`,
    ],
    socketDirs: [],
  });
const client = (url: string, o = outbound()) =>
  new KeaClient({ url, service: "dhcp4", timeoutMs: 400, outbound: o });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: Error) => e.message,
  );

describe("Kea Control Agent outbound", () => {
  it("an answer that is not JSON is reported without its bytes", async () => {
    const e = await failure(client(`http://127.0.0.1:${pagePort}/`).command("config-get"));
    expect(e).toBe("config-get: the answer is not Kea's JSON");
    expect(pageHits).toBe(1);
  });

  it.each([...LOOPBACK_FORMS, "localhost"])(
    "%s on a port that is not a configured agent is refused without connecting",
    async (form) => {
      const o = new KeaOutbound({ agents: [`127.0.0.1:${banner.port}`], socketDirs: [] });
      const url = `http://${form}:${pagePort}/`;
      expect(await o.locationProblem(url)).toMatch(/is not an allowed destination \(dhcp\.keaAgents\)/);
      expect(await failure(client(url, o).command("config-get"))).toMatch(
        /^config-get: (127\.0\.0\.1|localhost):\d+ is not an allowed destination \(dhcp\.keaAgents\)$/,
      );
      expect(pageHits).toBe(1);
    },
  );

  it("open (not HTTP, or silent), closed and filtered agents give the same text", async () => {
    const texts = new Set<string>();
    for (const [host, port] of [
      ["127.0.0.1", banner.port],
      ["127.0.0.1", silent.port],
      ["127.0.0.1", closed],
      [FILTERED, 8000],
    ] as const) {
      const e = await failure(client(`http://${host}:${port}/`).command("config-get"));
      expect(e).not.toMatch(/SSH|secret|ECONN|within|Parse/i);
      texts.add((e ?? "").replace(`${host}:${port}`, "AGENT"));
    }
    expect([...texts]).toEqual(["config-get: could not reach AGENT: connection failed"]);
  });
});
