/**
 * `netops zonemd verify|digest` and `netops zone axfr` with their documented exit codes, on the
 * ldns-generated demo zones (packages/labs/src/dns/demo/README.md) and a loopback AXFR server.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { decodeMessage, encodeResponse, parseZone, TcpFrameReader, tcpFrame } from "@netops/protocols/dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../run-cli";

const DEMO = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../packages/labs/src/dns/demo",
);

describe("netops zonemd", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "netops-cli-zonemd-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("verify: exit 0 when verified, with the reason", async () => {
    const a = await runCli(["zonemd", "verify", path.join(DEMO, "verified.example.zone")]);
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/VERIFIED\n\s+verified: ZONEMD 2026112101 1 1 \(line \d+\): digest matches/);
  });

  it("verify: exit 1 when not verified (digest mismatch, no ZONEMD), JSON for scripts", async () => {
    const a = await runCli(["zonemd", "verify", path.join(DEMO, "corrupt.example.zone"), "--json"]);
    expect(a.code).toBe(1);
    const v = JSON.parse(a.out);
    expect(v).toMatchObject({ status: "digest_mismatch", verified: false, origin: "corrupt.example." });
    expect(v.computedDigest).not.toBe(v.publishedDigest);
    const b = await runCli(["zonemd", "verify", path.join(DEMO, "plain.example.zone")]);
    expect(b.code).toBe(1);
    expect(b.out).toContain("NOT VERIFIED (no_zonemd)");
  });

  it("verify: exit 2 when the file cannot be read or parsed, with file:line:column", async () => {
    const a = await runCli(["zonemd", "verify", path.join(dir, "missing.zone")]);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/cannot read .*ENOENT/);
    const bad = path.join(dir, "bad.zone");
    writeFileSync(bad, "$ORIGIN bad.example.\n@ 3600 IN SOA ns h 1 2 3 4 5\nwww 3600 IN A 192.0.2.300\n");
    const b = await runCli(["zonemd", "verify", bad]);
    expect(b.code).toBe(2);
    expect(b.out).toMatch(/bad\.zone:3:\d+: .*192\.0\.2\.300/);
    expect((await runCli(["zonemd", "verify"])).code).toBe(2);
  });

  it("digest prints ZONEMD records that then verify", async () => {
    const a = await runCli([
      "zonemd",
      "digest",
      path.join(DEMO, "plain.example.zone"),
      "--hash",
      "sha384",
      "--hash",
      "sha512",
    ]);
    expect(a.code).toBe(0);
    const lines = a.out.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^plain\.example\. 3600 IN ZONEMD 2026110101 1 1 [0-9a-f]{96}$/);
    expect(lines[1]).toMatch(/^plain\.example\. 3600 IN ZONEMD 2026110101 1 2 [0-9a-f]{128}$/);
    const signed = path.join(dir, "plain-signed.zone");
    writeFileSync(signed, `${readFileSync(path.join(DEMO, "plain.example.zone"), "utf8")}${a.out}`);
    expect((await runCli(["zonemd", "verify", signed])).code).toBe(0);
    expect((await runCli(["zonemd", "digest", signed, "--hash", "md5"])).code).toBe(2);
  });
});

describe("netops zone axfr", () => {
  let server: Server;
  let port = 0;
  const records = parseZone(readFileSync(path.join(DEMO, "verified.example.zone"), "utf8")).records;
  beforeAll(async () => {
    server = createServer((sock) => {
      const frames = new TcpFrameReader();
      sock.on("data", (chunk) => {
        for (const raw of frames.push(new Uint8Array(chunk))) {
          const m = decodeMessage(raw);
          const q = m.questions[0]!;
          sock.write(
            tcpFrame(encodeResponse({ id: m.header.id, question: q, answers: [...records, records[0]!] })),
          );
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("transfers, prints the zone in presentation form and its ZONEMD verdict", async () => {
    const a = await runCli(["zone", "axfr", `127.0.0.1:${port}`, "verified.example."]);
    expect(a.code).toBe(0);
    expect(a.out).toContain(
      "verified.example.\t3600\tIN\tSOA\tns1.verified.example. hostmaster.verified.example. 2026112101",
    );
    expect(a.out).toContain("ns1.sub.verified.example.\t3600\tIN\tA\t192.0.2.153");
    expect(a.out).toMatch(/;; ZONEMD: verified/);
  });

  it("fails with exit 1 when the server refuses, 2 on bad arguments", async () => {
    const a = await runCli(["zone", "axfr", "127.0.0.1:9", "example."]);
    expect(a.code).toBe(1);
    expect(a.err).toMatch(/could not reach 127\.0\.0\.1:9: connection failed \(.*ECONNREFUSED/);
    expect((await runCli(["zone", "axfr", "127.0.0.1:99999", "example."])).code).toBe(2);
    expect((await runCli(["zone", "axfr", "127.0.0.1", "example.", "--tsig", "k:hmac-md5:AAAA"])).code).toBe(
      2,
    );
  });
});
