/**
 * A local HTTPS server on 127.0.0.1 (random port) for the client tests: serves the real sample
 * responses and the bad cases. Its certificate is generated per run with openssl.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const SAMPLES = path.join(import.meta.dirname, "../../../protocols/test/rdap/testdata/responses");
export const sample = (rel: string): string => readFileSync(path.join(SAMPLES, rel), "utf8");

export const NAMES = ["rdap.lab.test", "registrar.lab.test", "evil.test", "other.test"];

export function makeCert(): { key: string; cert: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "rdap-tls-"));
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=rdap.lab.test",
      "-keyout",
      key,
      "-out",
      cert,
      "-addext",
      `subjectAltName=${NAMES.map((n) => `DNS:${n}`).join(",")},IP:127.0.0.1`,
    ],
    { stdio: "ignore" },
  );
  const out = { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
  return { ...out, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

export interface TestServer {
  port: number;
  /** Every request the server received, as "host path?query". */
  log: string[];
  close: () => Promise<void>;
}

export async function startServer(tls: { key: string; cert: string }, handler: Handler): Promise<TestServer> {
  const log: string[] = [];
  const sockets = new Set<import("node:stream").Duplex>();
  const server = https.createServer(tls, (req, res) => {
    const url = new URL(req.url ?? "/", `https://${req.headers.host}`);
    log.push(`${url.hostname} ${url.pathname}${url.search}`);
    handler(req, res, url);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    log,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export const json = (
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { "content-type": "application/rdap+json", ...headers });
  res.end(body);
};
