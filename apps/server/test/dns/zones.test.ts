/**
 * DNS zones through the real server: demo zones checked by the background job (files and the
 * lab AXFR server), alerts raised and auto-resolved, the last good result kept on failure,
 * roles, the outbound guard, and the streamed ad hoc upload.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ZONE_DIR } from "@netops/labs/dns";
import { type AlertRow, Client, type Harness, startHarness, until } from "../harness";

type Zone = {
  id: string;
  name: string;
  status: string;
  lastCheck: { id: number; serial: number | null; reason: string } | null;
  lastGood: { id: number; serial: number | null } | null;
  serverStates: { label: string; serial: number | null; error: string | null }[];
};

describe("DNS zones (server)", () => {
  let h: Harness;
  let admin: Client;
  const zoneDir = mkdtempSync(path.join(tmpdir(), "netops-zones-"));
  beforeAll(async () => {
    h = await startHarness({
      demo: true,
      yaml: `jobs:\n  intervalSeconds: 0.3\ndns:\n  zoneDirs: ["${zoneDir}"]\n  httpsUrls: ["https://zones.example.net/root.zone"]\n`,
    });
    admin = new Client(h);
    await admin.login("admin", "admin-password-1");
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    rmSync(zoneDir, { recursive: true, force: true });
  });

  const zones = async () => (await admin.query("dns.list")).data as Zone[];
  const byName = async (name: string) => (await zones()).find((z) => z.name === name);

  it("checks the demo zones through the real path: files and AXFR from the lab server", async () => {
    const all = await until(async () => {
      const z = await zones();
      return z.length === 4 && z.every((x) => x.status !== "pending") && z;
    }, "demo zones checked");
    const status = Object.fromEntries(all.map((z) => [z.name, z.status]));
    expect(status).toEqual({
      "corrupt.example.": "digest_mismatch",
      "lab.example.": "verified",
      "plain.example.": "no_zonemd",
      "verified.example.": "verified",
    });
    const lab = all.find((z) => z.name === "lab.example.")!;
    expect(lab.lastCheck?.serial).toBe(2026112102);
    const labServers = await until(async () => {
      const z = await byName("lab.example.");
      return z && z.serverStates.length === 2 && z.serverStates;
    }, "lab server serials");
    expect(labServers.map((s) => [s.label, s.serial])).toEqual([
      ["lab-primary", 2026112102],
      ["lab-secondary", 2026112101],
    ]);
    // The corrupted copy is rejected (enforce): nothing good to keep yet.
    const bad = all.find((z) => z.name === "corrupt.example.")!;
    expect(bad.lastGood).toBeNull();
    expect(bad.lastCheck?.reason).toMatch(/digest does not match .* copy rejected \(enforce mode\)/);
  });

  it("raises a critical alert for the corrupted copy and a warning for the missing ZONEMD", async () => {
    const active = (await admin.query("alerts.active")).data as AlertRow[];
    const zonemd = active.filter((a) => a.source === "zonemd");
    expect(zonemd.find((a) => a.labels.zone === "corrupt.example.")).toMatchObject({
      severity: "critical",
      labels: { condition: "zonemd-failed" },
    });
    expect(zonemd.find((a) => a.labels.zone === "plain.example.")).toMatchObject({
      severity: "warning",
      labels: { condition: "zonemd-missing" },
    });
    const overview = (await admin.query("system.overview")).data as {
      subsystems: { subsystem: string; health: string; summary: string }[];
    };
    expect(overview.subsystems.find((s) => s.subsystem === "dns")).toMatchObject({
      health: "failing",
      summary: expect.stringMatching(/2\/4 zones verified, 1 failed/),
    });
  });

  it("keeps the last good result when a copy fails, and clears the alert when it is fixed", async () => {
    copyFileSync(path.join(DEMO_ZONE_DIR, "verified.example.zone"), path.join(zoneDir, "good.zone"));
    // The same zone twice: refused.
    const dup = await admin.mutate("dns.create", {
      name: "Verified.Example",
      sourceKind: "file",
      source: "x",
    });
    expect(dup.status).toBe(409);
    // A file whose SOA is not the configured zone's: malformed, with the reason.
    const other = await admin.mutate("dns.create", {
      name: "mine.example",
      sourceKind: "file",
      source: path.join(zoneDir, "good.zone"),
    });
    const otherId = (other.data as Zone).id;
    let r = await admin.mutate("dns.checkNow", { id: otherId });
    expect((r.data as { check: { status: string; reason: string } }).check).toMatchObject({
      status: "malformed",
      reason: expect.stringMatching(/no SOA at its apex mine\.example\./),
    });
    expect((await admin.mutate("dns.remove", { id: otherId })).status).toBe(200);

    const demo = (await byName("verified.example."))!;
    await admin.mutate("dns.update", { id: demo.id, source: path.join(zoneDir, "good.zone") });
    r = await admin.mutate("dns.checkNow", { id: demo.id });
    const first = (r.data as { check: { id: number; status: string } }).check;
    expect(first.status).toBe("verified");
    // Corrupt the glue: ZONEMD catches it, the copy is rejected, the previous good one stays.
    writeFileSync(
      path.join(zoneDir, "good.zone"),
      readFileSync(path.join(zoneDir, "good.zone"), "latin1").replace(/192\.0\.2\.153$/m, "192.0.2.154"),
    );
    r = await admin.mutate("dns.checkNow", { id: demo.id });
    expect((r.data as { check: { status: string } }).check.status).toBe("digest_mismatch");
    let z = (await byName("verified.example."))!;
    expect(z.status).toBe("digest_mismatch");
    expect(z.lastGood?.id).toBe(first.id);
    let active = (await admin.query("alerts.active")).data as AlertRow[];
    expect(active.some((a) => a.labels.zone === "verified.example." && a.severity === "critical")).toBe(true);
    // A file that cannot be read: unfetchable, last good still kept.
    rmSync(path.join(zoneDir, "good.zone"));
    r = await admin.mutate("dns.checkNow", { id: demo.id });
    expect((r.data as { check: { status: string; reason: string } }).check).toMatchObject({
      status: "fetch_failed",
      reason: expect.stringMatching(/cannot read .*ENOENT/),
    });
    z = (await byName("verified.example."))!;
    expect(z.lastGood?.id).toBe(first.id);
    // Fixed: verified again, both alerts resolve on their own.
    copyFileSync(path.join(DEMO_ZONE_DIR, "verified.example.zone"), path.join(zoneDir, "good.zone"));
    r = await admin.mutate("dns.checkNow", { id: demo.id });
    expect((r.data as { check: { status: string } }).check.status).toBe("verified");
    active = (await admin.query("alerts.active")).data as AlertRow[];
    expect(
      active.filter((a) => a.labels.zone === "verified.example." && a.labels.condition === "zonemd-failed"),
    ).toEqual([]);
    const history = (await admin.query("dns.get", { id: demo.id })).data as { history: { status: string }[] };
    expect(history.history.slice(0, 4).map((c) => c.status)).toEqual([
      "verified",
      "fetch_failed",
      "digest_mismatch",
      "verified",
    ]);
  });

  it("refuses paths outside the zone folders and URLs not configured", async () => {
    const demo = (await byName("plain.example."))!;
    await admin.mutate("dns.update", { id: demo.id, source: "/etc/passwd" });
    const r = await admin.mutate("dns.checkNow", { id: demo.id });
    expect((r.data as { check: { status: string; reason: string } }).check.reason).toMatch(
      /outside the configured zone folders/,
    );
    await admin.mutate("dns.update", { id: demo.id, source: path.join(DEMO_ZONE_DIR, "plain.example.zone") });
    const url = await admin.mutate("dns.create", {
      name: "root.example",
      sourceKind: "https",
      source: "https://elsewhere.example.net/zone",
    });
    expect(url.status).toBe(400);
    expect(url.error?.message).toMatch(/not in the configured list/);
  });

  it("checks roles: viewers read, operators check, admins change", async () => {
    await admin.mutate("users.create", {
      username: "dnsviewer",
      password: "viewer-password-1",
      role: "viewer",
    });
    await admin.mutate("users.create", {
      username: "dnsop",
      password: "operator-password-1",
      role: "operator",
    });
    const viewer = new Client(h);
    await viewer.login("dnsviewer", "viewer-password-1");
    const op = new Client(h);
    await op.login("dnsop", "operator-password-1");
    const z = (await byName("lab.example."))!;
    expect((await viewer.query("dns.list")).status).toBe(200);
    expect((await viewer.mutate("dns.checkNow", { id: z.id })).status).toBe(403);
    expect((await op.mutate("dns.checkNow", { id: z.id })).status).toBe(200);
    expect((await op.mutate("dns.remove", { id: z.id })).status).toBe(403);
    const anon = new Client(h);
    expect((await anon.query("dns.list")).status).toBe(401);
    const audit = (await admin.query("audit.list", { action: "dns." })).data as {
      items: { action: string }[];
    };
    expect(audit.items.map((a) => a.action)).toContain("dns.checkNow");
  });

  it("verifies an uploaded zone file, streamed, without storing it", async () => {
    const upload = async (body: string | Uint8Array) => {
      const res = await fetch(`${h.url}/api/trpc/dns.verifyUpload`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream", cookie: admin.cookie, origin: h.origin },
        body,
      });
      return {
        status: res.status,
        body: (await res.json()) as { result?: { data: Record<string, unknown> } },
      };
    };
    let r = await upload(readFileSync(path.join(DEMO_ZONE_DIR, "verified.example.zone")));
    expect(r.status).toBe(200);
    expect(r.body.result?.data).toMatchObject({
      status: "verified",
      origin: "verified.example.",
      soaSerial: 2026112101,
    });
    r = await upload(readFileSync(path.join(DEMO_ZONE_DIR, "corrupt.example.zone")));
    expect(r.body.result?.data).toMatchObject({ status: "digest_mismatch" });
    r = await upload("$ORIGIN x.example.\n@ 3600 IN SOA ns1 h 1 2 3 4 5\nbad line here\n");
    expect(r.body.result?.data).toMatchObject({ status: "malformed" });
    expect(JSON.stringify(r.body.result?.data)).toMatch(/upload:3:/);
    // Above the server's body limit (1 MiB by default): refused, not parsed.
    r = await upload(new Uint8Array(2 * 1024 * 1024).fill(59));
    expect(r.status).toBe(413);
  });
});
