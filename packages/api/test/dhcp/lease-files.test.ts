/**
 * Lease-file sources are confined to dhcp.leaseDirs (symlinks resolved, `..` refused), when created
 * and again at every read, and a rejected record never shows its text: admins see line, field and
 * reason; everyone else only how many records were rejected.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Role } from "@netops/protocols";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Services } from "../../src";
import { type TestDb, testDb, testServices } from "../fixtures";
import { callAs, KEA4_HEADER, keaRow } from "./helpers";

const clock = { t: new Date("2026-11-21T06:00:00Z") };
const END = Math.floor(clock.t.getTime() / 1000) + 3600;
const SECRET = "hunter2-s3cr3t";

let t: TestDb;
let dir: string;
let leases: string;
let services: Services;

function start(leaseDirs: string[], maxLeaseFileBytes = 1 << 30) {
  services = testServices(t.db, { now: () => clock.t, dhcp: { leaseDirs, maxLeaseFileBytes } });
}

beforeEach(() => {
  t = testDb("dhcp-lease-files");
  dir = t.dir;
  // The data directory's own files sit beside the allowed folder, as in the demo.
  leases = path.join(dir, "dhcp-lab");
  mkdirSync(leases);
  writeFileSync(path.join(dir, "demo-credentials.txt"), `admin ${SECRET}\n`);
  writeFileSync(
    path.join(leases, "kea.csv"),
    `${KEA4_HEADER}\n${keaRow("10.0.0.1", "02:00:00:00:00:01", END)}\n`,
  );
  start([leases]);
});

afterEach(async () => {
  await services.dhcp.close();
  await t.close();
});

const call = (role: Role, proc: string, input?: unknown, kind?: "query" | "mutation") =>
  callAs(services, role, proc, input, kind);
const create = (name: string, location: string, kind = "kea-memfile") =>
  call("admin", "dhcp.createSource", { name, kind, location });
const overviewAs = async (role: Role) => (await call(role, "dhcp.overview", undefined, "query")).data;

describe("dhcp.createSource confines lease files to dhcp.leaseDirs", () => {
  it("refuses a location outside the folders, naming the field and the folders", async () => {
    const outside = `is outside the lease-file folders (dhcp.leaseDirs: ${leases})`;
    const cases: [string, string][] = [
      ["/etc/shadow", `/etc/shadow ${outside}`],
      // In the data directory, but not in the lease folder.
      [path.join(dir, "demo-credentials.txt"), `${path.join(dir, "demo-credentials.txt")} ${outside}`],
      [
        `${leases}/../demo-credentials.txt`,
        `${leases}/../demo-credentials.txt: a path with '..' is not accepted; give the folder itself`,
      ],
      ["relative/kea.csv", "an absolute path to the lease file"],
      [
        path.join(dir, "missing", "kea.csv"),
        `the folder of ${path.join(dir, "missing", "kea.csv")} cannot be resolved: ENOENT`,
      ],
    ];
    for (const [location, message] of cases) {
      const r = await create("bad", location);
      expect(r.status, location).toBe(400);
      expect(r.error?.data.issues, location).toEqual([{ path: "location", message, code: "custom" }]);
      expect(r.error?.message, location).toBe(`location: ${message}`);
    }
    expect(await t.db.dhcpSource.count()).toBe(0);
  });

  it("resolves symlinks: a link inside the folder to a file or folder outside is refused", async () => {
    symlinkSync(path.join(dir, "demo-credentials.txt"), path.join(leases, "link.csv"));
    symlinkSync("/etc", path.join(leases, "etc"));
    symlinkSync("/nonexistent/later.csv", path.join(leases, "dangling.csv"));
    for (const [location, message] of [
      [path.join(leases, "link.csv"), `${path.join(leases, "link.csv")} is outside the lease-file folders`],
      [
        path.join(leases, "etc", "shadow"),
        `${path.join(leases, "etc", "shadow")} is outside the lease-file folders`,
      ],
      [
        path.join(leases, "dangling.csv"),
        `${path.join(leases, "dangling.csv")} is a symlink to a missing file`,
      ],
    ] as const) {
      const r = await create("linked", location);
      expect(r.status, location).toBe(400);
      expect(r.error?.data.issues?.[0]?.message, location).toContain(message);
    }
    expect(await t.db.dhcpSource.count()).toBe(0);
  });

  it("refuses a FIFO or a folder in the allowed folder, and everything when no folder is configured", async () => {
    execFileSync("mkfifo", [path.join(leases, "fifo.csv")]);
    expect((await create("fifo", path.join(leases, "fifo.csv"))).error?.message).toBe(
      `location: ${path.join(leases, "fifo.csv")} is not a regular file`,
    );
    expect((await create("folder", leases)).error?.message).toBe(`location: ${leases} is not a regular file`);
    start([]);
    expect((await create("none", path.join(leases, "kea.csv"))).error?.message).toBe(
      "location: no lease-file folders are configured (dhcp.leaseDirs in netops.yaml or NETOPS_DHCP_LEASE_DIRS), so no lease file can be read",
    );
  });

  it("accepts a file inside the folder, also one not written yet (its folder exists)", async () => {
    expect((await create("kea", path.join(leases, "kea.csv"))).status).toBe(200);
    expect((await create("later", path.join(leases, "later.leases"), "dnsmasq-leases")).status).toBe(200);
    expect((await call("operator", "dhcp.pollNow", { id: 1 })).data).toMatchObject({ ok: true, upserted: 1 });
  });
});

describe("every read checks the file again", () => {
  async function polled(location: string) {
    // Inserted directly: a source from before the check, or one whose file was swapped since.
    const src = await t.db.dhcpSource.create({
      data: { name: `direct-${await t.db.dhcpSource.count()}`, kind: "dnsmasq-leases", location },
    });
    const r = (await call("operator", "dhcp.pollNow", { id: src.id })).data as { ok: boolean; error: string };
    const row = await t.db.dhcpSource.findUniqueOrThrow({ where: { id: src.id } });
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(await t.db.dhcpLease.count({ where: { sourceId: src.id } })).toBe(0);
    return r;
  }

  it("refuses a file swapped for a symlink to outside after the source was created", async () => {
    const file = path.join(leases, "dnsmasq.leases");
    writeFileSync(file, "");
    expect((await create("ok", file, "dnsmasq-leases")).status).toBe(200);
    rmSync(file);
    symlinkSync(path.join(dir, "demo-credentials.txt"), file);
    const r = (await call("operator", "dhcp.pollNow", { id: 1 })).data as { ok: boolean; error: string };
    expect(r).toMatchObject({
      ok: false,
      error: `${file} is outside the lease-file folders (dhcp.leaseDirs: ${leases})`,
    });
    expect(JSON.stringify(await t.db.dhcpSource.findMany())).not.toContain(SECRET);
    // Issue 15 item 1: the audit entry carries the source's answer; a refused read is not "ok".
    const entry = await t.db.auditEntry.findFirst({
      where: { action: "dhcp.pollNow" },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ ok: false, resultText: r.error });
  });

  it("refuses paths outside, `..`, devices and FIFOs without reading (or hanging on) them", async () => {
    expect(await polled("/etc/passwd")).toMatchObject({
      ok: false,
      error: `/etc/passwd is outside the lease-file folders (dhcp.leaseDirs: ${leases})`,
    });
    expect((await polled(`${leases}/../demo-credentials.txt`)).error).toContain(
      "a path with '..' is not accepted",
    );
    symlinkSync("/dev/zero", path.join(leases, "zero"));
    expect((await polled(path.join(leases, "zero"))).error).toContain("is outside the lease-file folders");
    execFileSync("mkfifo", [path.join(leases, "fifo")]);
    expect((await polled(path.join(leases, "fifo"))).error).toBe(
      `${path.join(leases, "fifo")} is not a regular file`,
    );
  });

  it("refuses a file larger than dhcp.maxLeaseFileBytes", async () => {
    start([leases], 1024);
    const file = path.join(leases, "big.leases");
    writeFileSync(file, "x".repeat(2048));
    expect((await polled(file)).error).toBe(
      `${file} is 2048 bytes, more than the limit of 1024 (dhcp.maxLeaseFileBytes)`,
    );
  });
});

describe("rejected records: line, field and reason for admins, the count for everyone else", () => {
  beforeEach(async () => {
    const file = path.join(leases, "kea.csv");
    writeFileSync(
      file,
      `${[
        KEA4_HEADER,
        keaRow("10.0.0.1", "02:00:00:00:00:01", END),
        // A password line (as if a shadow file had been read) and a bad address beside a secret hostname.
        `root:$6$${SECRET}$abcdef:19000:0:99999:7:::`,
        keaRow("10.0.0.300", "02:00:00:00:00:02", END, { host: `${SECRET}.example` }),
      ].join("\n")}\n`,
    );
    expect((await create("kea", file)).status).toBe(200);
    expect((await call("operator", "dhcp.pollNow", { id: 1 }, "mutation")).data).toMatchObject({
      ok: true,
      errors: 2,
    });
  });

  it("a viewer and an operator get the count only; no API output they can read holds the lines", async () => {
    for (const role of ["viewer", "operator"] as const) {
      const ov = (await overviewAs(role)) as { sources: { parseErrorCount: number; parseErrors: unknown }[] };
      expect(ov.sources[0]).toMatchObject({ parseErrorCount: 2, parseErrors: null });
      expect(JSON.stringify(ov)).not.toContain(SECRET);
      for (const proc of ["alerts.active", "alerts.list"]) {
        const r = await call(role, proc, proc === "alerts.list" ? {} : undefined, "query");
        expect(r.status, proc).toBe(200);
        expect(JSON.stringify(r.data), proc).not.toContain(SECRET);
      }
    }
    const alert = (await services.alerts.active()).find((a) => a.labels.check === "parse");
    expect(alert?.details).toBe(
      "Admins see the line numbers, fields and reasons on the DHCP page; the records' text is not kept.",
    );
  });

  it("an admin sees line, field and reason, never the rest of the line; the database keeps no more", async () => {
    const ov = (await overviewAs("admin")) as { sources: { parseErrors: unknown }[] };
    expect(ov.sources[0]?.parseErrors).toEqual([
      { line: 3, code: "column-count", field: null, reason: "expected 12 columns, got 1" },
      { line: 4, code: "bad-address", field: "address", reason: 'invalid address "10.0.0.300"' },
    ]);
    expect(JSON.stringify(ov)).not.toContain(SECRET);
    expect(JSON.stringify(await t.db.dhcpSource.findMany())).not.toContain(SECRET);
  });
});
