/**
 * The outbound HTTP client: only allowed host:port pairs, the connection pinned to the checked
 * address, no redirect followed unless the caller takes it ("manual"), and one text for every
 * failure before an answer.
 */
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboundFetch } from "../../src/services/outbound/http";
import { OutboundPolicy } from "../../src/services/outbound/policy";
import { makeCert } from "../rdap/server";

let tls: ReturnType<typeof makeCert>;
let main: Server;
let other: Server;
let mainPort = 0;
let otherPort = 0;
let otherHits = 0;

beforeAll(async () => {
  tls = makeCert();
  other = createServer({ key: tls.key, cert: tls.cert }, (_req, res) => {
    otherHits++;
    res.end("other");
  });
  await new Promise<void>((r) => other.listen(0, "127.0.0.1", r));
  otherPort = (other.address() as AddressInfo).port;
  main = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    if (req.url === "/moved")
      return void res.writeHead(302, { location: `https://rdap.lab.test:${otherPort}/` }).end();
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(`hello ${req.method} ${req.headers["x-test"] ?? ""}`);
  });
  await new Promise<void>((r) => main.listen(0, "127.0.0.1", r));
  mainPort = (main.address() as AddressInfo).port;
});
afterAll(async () => {
  await Promise.all([new Promise((r) => main.close(r)), new Promise((r) => other.close(r))]);
  tls.cleanup();
});

const client = () =>
  outboundFetch({
    policy: new OutboundPolicy({
      service: "test",
      configKey: "test.allowed",
      defaultPort: 443,
      allow: [`rdap.lab.test:${mainPort}`],
      // The name resolves to loopback: allowed because it is listed (a configured internal server).
      resolve: async () => ["127.0.0.1"],
    }),
    ca: tls.cert,
  });

describe("outbound HTTP client", () => {
  it("fetches from a listed host:port, connecting to the checked address (the name stays for TLS)", async () => {
    const res = await client()(`https://rdap.lab.test:${mainPort}/x`, {
      method: "POST",
      headers: { "x-test": "1" },
      body: "{}",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("hello POST 1");
  });

  it("refuses other ports of the same host, and never follows a redirect", async () => {
    await expect(client()(`https://rdap.lab.test:${otherPort}/`)).rejects.toMatchObject({
      code: "refused",
      message: `rdap.lab.test:${otherPort} is not an allowed destination (test.allowed)`,
    });
    await expect(client()(`https://rdap.lab.test:${mainPort}/moved`)).rejects.toMatchObject({
      code: "protocol",
      message: `rdap.lab.test:${mainPort} answered with a redirect (HTTP 302), which is not followed`,
    });
    const manual = await client()(`https://rdap.lab.test:${mainPort}/moved`, { redirect: "manual" });
    expect(manual.status).toBe(302);
    expect(otherHits).toBe(0);
  });

  it("refuses plain http unless allowed for the host, and URLs with credentials", async () => {
    await expect(client()(`http://rdap.lab.test:${mainPort}/`)).rejects.toThrow(
      "http is not allowed (https only) for rdap.lab.test",
    );
    await expect(client()(`https://u:p@rdap.lab.test:${mainPort}/`)).rejects.toThrow(
      "URLs with credentials are not followed",
    );
  });
});
