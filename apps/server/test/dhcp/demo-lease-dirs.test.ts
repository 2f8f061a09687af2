import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Harness, startHarness } from "../harness";

// Demo mode: the console may read the lab writer's folder (data/dhcp-lab) and nothing else of the
// data directory, where the database, the secret key and the demo credentials live.

let h: Harness;
let admin: Client;

beforeAll(async () => {
  h = await startHarness({ demo: true });
  admin = new Client(h);
  await admin.login("admin", "admin-password-1");
}, 60_000);
afterAll(() => h?.close());

describe("demo lease-file folders", () => {
  it("reads the lab lease files through the real collectors", async () => {
    const ov = (await admin.query("dhcp.overview")).data as {
      sources: { id: number; name: string; location: string }[];
    };
    const lab = ov.sources.filter((s) => s.name.startsWith("lab-"));
    expect(lab.map((s) => s.location).sort()).toEqual(
      [
        path.join(h.dir, "dhcp-lab", "lab-dhcpd.leases"),
        path.join(h.dir, "dhcp-lab", "lab-kea-leases4.csv"),
      ].sort(),
    );
    for (const s of lab) {
      const r = await admin.mutate("dhcp.pollNow", { id: s.id });
      expect(r.data, s.name).toMatchObject({ ok: true, error: null });
    }
  });

  it("refuses the demo credentials and the database beside the lab folder", async () => {
    const creds = path.join(h.dir, "demo-credentials.txt");
    expect(existsSync(creds)).toBe(true);
    for (const location of [creds, path.join(h.dir, "netops.db")]) {
      const r = await admin.mutate("dhcp.createSource", { name: "peek", kind: "dnsmasq-leases", location });
      expect(r.status, location).toBe(400);
      expect(r.error?.message, location).toBe(
        `location: ${location} is outside the lease-file folders (dhcp.leaseDirs: ${path.join(h.dir, "dhcp-lab")})`,
      );
    }
    const inLab = await admin.mutate("dhcp.createSource", {
      name: "lab-extra",
      kind: "dnsmasq-leases",
      location: path.join(h.dir, "dhcp-lab", "extra.leases"),
    });
    expect(inLab.status).toBe(200);
  });
});
