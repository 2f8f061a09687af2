/**
 * rdap.next and rdap.related as a viewer, with loopback allowed the way the demo allows it (the lab
 * RDAP server's URL in the bootstrap, 127.0.0.1 private and plain-http): only the lab server's
 * port is reachable; any other loopback port, in any spelling of the address, is refused without
 * a connection and without a byte of its answer in the result.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LabRdapServer, SeededLabRdapStore, startLabRdapServer } from "@netops/labs/rdap";
import { Client, type Harness, startHarness } from "../harness";
import { labRdapYaml } from "./lab-config";

let lab: LabRdapServer;
let h: Harness;
let viewer: Client;
let secret: Server;
let secretPort = 0;
let secretHits = 0;

beforeAll(async () => {
  lab = await startLabRdapServer({ store: new SeededLabRdapStore(), pageSize: 10 });
  // Something else on loopback that answers RDAP-shaped JSON: an internal service a viewer must not read.
  secret = createServer((_req, res) => {
    secretHits++;
    res.writeHead(200, { "content-type": "application/rdap+json" });
    res.end(
      JSON.stringify({
        objectClassName: "domain",
        ldhName: "body-marker-7f3a.example",
        rdapConformance: ["rdap_level_0"],
        links: [{ rel: "related", href: "http://127.0.0.1/x", type: "application/rdap+json" }],
      }),
    );
  });
  await new Promise<void>((r) => secret.listen(0, "127.0.0.1", r));
  secretPort = (secret.address() as AddressInfo).port;
  h = await startHarness({ yaml: labRdapYaml(lab.baseUrl, ['  allowedHosts: ["127.0.0.1"]']) });
  const admin = new Client(h);
  await admin.login("admin", "admin-password-1");
  await admin.mutate("users.create", { username: "viewer1", password: "viewer-password-1", role: "viewer" });
  viewer = new Client(h);
  await viewer.login("viewer1", "viewer-password-1");
});
afterAll(async () => {
  await h?.close();
  await lab?.close();
  await new Promise((r) => secret?.close(r));
});

const FORMS = [
  "127.0.0.1",
  "127.1",
  "2130706433",
  "0x7f000001",
  "0177.0.0.1",
  "[::ffff:127.0.0.1]",
  "[::ffff:7f00:1]",
  "localhost",
];

describe("rdap.next / rdap.related as a viewer", () => {
  it("reach the lab server on its own port", async () => {
    const r = await viewer.query("rdap.next", { url: `${lab.baseUrl}domain/alpha.example` });
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ ok: true });
  });

  it.each(FORMS)("refuse %s on another loopback port, returning nothing of its answer", async (form) => {
    const url = `http://${form}:${secretPort}/domain/x.example`;
    for (const proc of ["rdap.next", "rdap.related"]) {
      const r = await viewer.query(proc, { url });
      expect(r.status).toBe(200);
      const text = JSON.stringify(r.body);
      expect(text).not.toContain("body-marker-7f3a");
      const view = (Array.isArray(r.data) ? r.data[0] : r.data) as { ok: boolean; error?: { code: string } };
      expect(view).toMatchObject({ ok: false, error: { code: "guard" } });
    }
    expect(secretHits).toBe(0);
  });
});
