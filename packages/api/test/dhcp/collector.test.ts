import { appendFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DhcpFixture, dhcpFixture, KEA4_HEADER, keaRow } from "./helpers";

// 2026-11-21T06:00:00Z; leases end an hour later, so they are bound "now".
const T = 1795240800;
const END = T + 3600;

let f: DhcpFixture;
beforeEach(async () => {
  f = await dhcpFixture();
});
afterEach(async () => {
  await f.close();
});

async function source(kind: string, file: string) {
  return f.db.dhcpSource.create({ data: { name: `test-${kind}`, kind, location: file } });
}

async function leases(filter = {}) {
  return (await f.dhcp.leases({ limit: 500, ...filter })).items;
}

describe("Kea memfile follower", () => {
  it("reads the file, then only appended lines, and keeps a partial last line for later", async () => {
    const file = path.join(f.dir, "kea-leases4.csv");
    writeFileSync(
      file,
      `${KEA4_HEADER}\n${keaRow("10.0.0.20", "00:00:00:00:00:02", END, { host: "b" })}\n${keaRow("10.0.0.3", "00:00:00:00:00:01", END, { host: "a" })}\n`,
    );
    const src = await source("kea-memfile", file);
    const first = await f.dhcp.runDue();
    expect(first[src.name]).toMatchObject({ ok: true, upserted: 2 });
    // Numeric address order: 10.0.0.3 before 10.0.0.20.
    expect((await leases()).map((l) => l.address)).toEqual(["10.0.0.3", "10.0.0.20"]);

    // A renewal (new client), a delete marker, and half of a row still being written.
    appendFileSync(
      file,
      `${keaRow("10.0.0.3", "00:00:00:00:00:09", END + 60, { host: "a2" })}\n${keaRow("10.0.0.20", "00:00:00:00:00:02", T, { valid: 0 })}\n10.0.0.4,00:00:00:00`,
    );
    const second = await f.dhcp.runDue();
    expect(second[src.name]).toMatchObject({ ok: true, upserted: 1, removed: 1 });
    expect((await leases()).map((l) => [l.address, l.hwAddress, l.hostname])).toEqual([
      ["10.0.0.3", "00:00:00:00:00:09", "a2"],
    ]);
    appendFileSync(file, `:00:04,,3600,${END},1,0,0,c,0,,0\n`);
    expect((await f.dhcp.runDue())[src.name]).toMatchObject({ upserted: 1, removed: 0 });
    expect((await leases()).map((l) => l.address)).toEqual(["10.0.0.3", "10.0.0.4"]);

    const id = (await leases()).find((l) => l.address === "10.0.0.3")?.id ?? 0;
    const detail = await f.dhcp.lease(id);
    expect(detail?.addressHistory.map((e) => [e.kind, e.hwAddress])).toEqual([
      ["changed-client", "00:00:00:00:00:09"],
    ]);
    const removed = await f.db.dhcpLeaseEvent.findMany({
      where: { address: "10.0.0.20" },
      select: { kind: true },
    });
    expect(removed).toEqual([{ kind: "removed" }]);
  });

  it("re-reads a rotated file whole and drops leases the new file no longer has", async () => {
    const file = path.join(f.dir, "kea-leases4.csv");
    writeFileSync(
      file,
      `${KEA4_HEADER}\n${keaRow("10.0.0.1", "00:00:00:00:00:01", END)}\n${keaRow("10.0.0.2", "00:00:00:00:00:02", END)}\n`,
    );
    await source("kea-memfile", file);
    await f.dhcp.runDue();
    // Kea's LFC writes the cleaned file beside the old one and renames it over: a new inode.
    writeFileSync(`${file}.new`, `${KEA4_HEADER}\n${keaRow("10.0.0.2", "00:00:00:00:00:02", END)}\n`);
    renameSync(`${file}.new`, file);
    await f.dhcp.runDue();
    expect((await leases()).map((l) => l.address)).toEqual(["10.0.0.2"]);
  });

  it("reports bad rows with line and reason, keeps the good ones, and alerts", async () => {
    const file = path.join(f.dir, "kea-leases4.csv");
    writeFileSync(
      file,
      `${KEA4_HEADER}\n${keaRow("10.0.0.1", "00:00:00:00:00:01", END)}\n10.0.0.2,00:00:00:00:00:02,,3600\n${keaRow("10.0.0.300", "00:00:00:00:00:03", END)}\n`,
    );
    const src = await source("kea-memfile", file);
    await f.dhcp.runDue();
    expect((await leases()).map((l) => l.address)).toEqual(["10.0.0.1"]);
    const ov = await f.dhcp.overview("admin");
    const s = ov.sources.find((x) => x.id === src.id);
    expect(s?.parseErrorCount).toBe(2);
    expect(s?.parseErrors?.map((e) => [e.line, e.code])).toEqual([
      [3, "column-count"],
      [4, "bad-address"],
    ]);
    const active = await f.alerts.active();
    expect(active.map((a) => [a.source, a.labels.check, a.labels.source])).toContainEqual([
      "dhcp",
      "parse",
      src.name,
    ]);
  });

  it("keeps the last good data when the file disappears, marks the source failing, and alerts", async () => {
    const file = path.join(f.dir, "kea-leases4.csv");
    writeFileSync(file, `${KEA4_HEADER}\n${keaRow("10.0.0.1", "00:00:00:00:00:01", END)}\n`);
    const src = await source("kea-memfile", file);
    await f.dhcp.runDue();
    rmSync(file);
    f.now.t = new Date(f.now.t.getTime() + 120_000);
    const r = await f.dhcp.runDue();
    expect(r[src.name]?.ok).toBe(false);
    expect(r[src.name]?.error).toMatch(/ENOENT/);
    expect((await leases()).map((l) => l.address)).toEqual(["10.0.0.1"]);
    const s = (await f.dhcp.overview("admin")).sources[0];
    expect(s).toMatchObject({ status: "failing", dataAgeSeconds: 120 });
    const alert = (await f.alerts.active()).find((a) => a.labels.check === "source");
    expect(alert?.severity).toBe("critical");
    // The file comes back: the alert resolves by itself.
    writeFileSync(file, `${KEA4_HEADER}\n${keaRow("10.0.0.1", "00:00:00:00:00:01", END)}\n`);
    await f.dhcp.runDue();
    expect((await f.alerts.active()).filter((a) => a.labels.check === "source")).toEqual([]);
  });

  it("warns when a file stops changing for longer than its source allows", async () => {
    const file = path.join(f.dir, "kea-leases4.csv");
    writeFileSync(file, `${KEA4_HEADER}\n${keaRow("10.0.0.1", "00:00:00:00:00:01", END)}\n`);
    await f.db.dhcpSource.create({
      data: { name: "quiet", kind: "kea-memfile", location: file, staleAfterSeconds: 300 },
    });
    await f.dhcp.runDue();
    f.now.t = new Date(f.now.t.getTime() + 301_000);
    await f.dhcp.runDue();
    const alert = (await f.alerts.active()).find((a) => a.labels.check === "source");
    expect(alert).toMatchObject({ severity: "warning" });
    expect(alert?.summary).toMatch(/has not changed for 5 min/);
  });
});

describe("dhcpd.leases and dnsmasq followers", () => {
  it("follows dhcpd.leases: a later block for an address replaces the earlier one", async () => {
    const file = path.join(f.dir, "dhcpd.leases");
    const block = (addr: string, mac: string, state: string) =>
      `lease ${addr} {\n  starts 6 2026/11/21 05:50:00;\n  ends 6 2026/11/21 07:00:00;\n  binding state ${state};\n  hardware ethernet ${mac};\n}\n`;
    writeFileSync(file, block("192.168.5.10", "aa:00:00:00:00:01", "active"));
    await source("dhcpd-leases", file);
    await f.dhcp.runDue();
    appendFileSync(file, block("192.168.5.10", "aa:00:00:00:00:01", "free"));
    await f.dhcp.runDue();
    expect((await leases()).map((l) => [l.address, l.state])).toEqual([["192.168.5.10", "free"]]);
  });

  it("re-reads a rewritten dnsmasq file and removes leases that left it", async () => {
    const file = path.join(f.dir, "dnsmasq.leases");
    writeFileSync(
      file,
      `${END} 16:ab:4d:46:62:09 127.77.0.130 one 01:16:ab:4d:46:62:09\n${END} 16:ab:4d:46:62:0a 127.77.0.129 two *\n`,
    );
    await source("dnsmasq-leases", file);
    await f.dhcp.runDue();
    expect((await leases()).map((l) => l.address)).toEqual(["127.77.0.129", "127.77.0.130"]);
    writeFileSync(file, `${END} 16:ab:4d:46:62:0a 127.77.0.129 two-renamed *\n`);
    await f.dhcp.runDue();
    expect((await leases()).map((l) => [l.address, l.hostname])).toEqual([["127.77.0.129", "two-renamed"]]);
  });
});

describe("pools, utilization and conflicts", () => {
  it("alerts on a pool above its threshold, counts declined apart, and follows per-pool thresholds", async () => {
    const file = path.join(f.dir, "kea-leases4.csv");
    const rows = Array.from({ length: 8 }, (_, i) =>
      keaRow(`10.9.0.${10 + i}`, `00:00:00:00:01:${10 + i}`, END),
    );
    rows.push(keaRow("10.9.0.18", "00:00:00:00:01:18", END, { state: 1 }));
    writeFileSync(file, `${KEA4_HEADER}\n${rows.join("\n")}\n`);
    const src = await source("kea-memfile", file);
    await f.dhcp.addSubnet(src.id, "10.9.0.0/24", ["10.9.0.10-10.9.0.19"], null);
    await f.dhcp.runDue();
    const pool = (await f.dhcp.overview("admin")).pools[0];
    expect(pool).toMatchObject({ size: 10, assigned: 8, declined: 1, pct: 80, level: "warning" });
    let alert = (await f.alerts.active()).find((a) => a.labels.check === "utilization");
    expect(alert?.severity).toBe("warning");
    await f.db.dhcpPool.update({ where: { id: pool?.poolId ?? 0 }, data: { warnPct: 50, critPct: 75 } });
    await f.dhcp.evaluate();
    alert = (await f.alerts.active()).find((a) => a.labels.check === "utilization");
    expect(alert?.severity).toBe("critical");
    await f.db.dhcpPool.update({ where: { id: pool?.poolId ?? 0 }, data: { warnPct: 95, critPct: 99 } });
    await f.dhcp.evaluate();
    expect((await f.alerts.active()).filter((a) => a.labels.check === "utilization")).toEqual([]);
  });

  it("rejects a pool outside its subnet", async () => {
    const src = await source("kea-memfile", "/nonexistent");
    await expect(f.dhcp.addSubnet(src.id, "10.9.0.0/24", ["10.9.1.1-10.9.1.5"], null)).rejects.toThrow(
      /outside 10.9.0.0\/24/,
    );
  });

  it("raises a conflict when two servers bind one address to different clients", async () => {
    const a = path.join(f.dir, "a.csv");
    const b = path.join(f.dir, "b.csv");
    writeFileSync(a, `${KEA4_HEADER}\n${keaRow("10.1.0.5", "00:00:00:00:00:0a", END)}\n`);
    writeFileSync(
      b,
      `${KEA4_HEADER}\n${keaRow("10.1.0.5", "00:00:00:00:00:0b", END)}\n${keaRow("10.1.0.6", "00:00:00:00:00:0a", END)}\n`,
    );
    await f.db.dhcpSource.create({ data: { name: "a", kind: "kea-memfile", location: a } });
    await f.db.dhcpSource.create({ data: { name: "b", kind: "kea-memfile", location: b } });
    await f.dhcp.runDue();
    const active = await f.alerts.active();
    expect(active.find((x) => x.labels.check === "conflict")?.labels.address).toBe("10.1.0.5");
    // 00:..:0a holds 10.1.0.5 on a and 10.1.0.6 on b.
    expect(active.find((x) => x.labels.check === "multi-server")?.labels.client).toBe("00:00:00:00:00:0a");
  });
});

describe("lease table queries", () => {
  it("pages by keyset in numeric address order and filters by CIDR, MAC, hostname and state", async () => {
    const file = path.join(f.dir, "kea-leases4.csv");
    const rows: string[] = [];
    for (let i = 0; i < 300; i++) {
      const a = `10.${i % 3}.${Math.floor(i / 3)}.${(i * 7) % 250}`;
      rows.push(
        keaRow(
          a,
          `0${i % 2}:11:22:33:${(i >> 8).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}`,
          END,
          { host: `Host-${i}`, state: i % 10 === 0 ? 1 : 0 },
        ),
      );
    }
    writeFileSync(file, `${KEA4_HEADER}\n${rows.join("\n")}\n`);
    await source("kea-memfile", file);
    await f.dhcp.runDue();
    const all: string[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < 20; n++) {
      const p = await f.dhcp.leases({ limit: 70, ...(cursor && { cursor }) });
      all.push(...p.items.map((l) => l.address));
      if (!p.nextCursor) break;
      cursor = p.nextCursor;
    }
    const num = (a: string) => a.split(".").reduce((s, o) => s * 256 + Number(o), 0);
    expect(all).toHaveLength(300);
    expect(all).toEqual([...all].sort((x, y) => num(x) - num(y)));
    expect((await leases({ cidr: "10.1.0.0/16" })).every((l) => l.address.startsWith("10.1."))).toBe(true);
    expect(await leases({ cidr: "10.1.0.0/16" })).toHaveLength(100);
    expect(await leases({ mac: "01-11-22" })).toHaveLength(150);
    expect((await leases({ mac: "0:11:22:33:00:0" })).map((l) => l.hwAddress)).toEqual(
      expect.arrayContaining(["00:11:22:33:00:00"]),
    );
    expect((await leases({ hostname: "host-29" })).map((l) => l.hostname).sort()).toEqual([
      "Host-29",
      "Host-290",
      "Host-291",
      "Host-292",
      "Host-293",
      "Host-294",
      "Host-295",
      "Host-296",
      "Host-297",
      "Host-298",
      "Host-299",
    ]);
    expect(await leases({ state: ["declined"] })).toHaveLength(30);
  });
});

describe("reads of one source at once", () => {
  it("run one after the other: a poll-now during the scheduled read fails nothing and loses nothing", async () => {
    const file = path.join(f.dir, "kea-leases4.csv");
    const rows = Array.from({ length: 400 }, (_, i) =>
      keaRow(
        `10.1.${i >> 8}.${i & 255}`,
        `00:00:00:01:${(i >> 8).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}`,
        END,
      ),
    );
    writeFileSync(file, `${KEA4_HEADER}\n${rows.join("\n")}\n`);
    const src = await source("kea-memfile", file);
    // The scheduled read and two operators' clicks, all on a source with nothing stored yet.
    const [due, one, two] = await Promise.all([
      f.dhcp.runDue(),
      f.dhcp.pollOne(src.id),
      f.dhcp.pollOne(src.id),
    ]);
    for (const r of [due[src.name], one, two]) expect(r?.ok, r?.error).toBe(true);
    // The first read stores all 400; the follower's later reads find nothing new in the file.
    expect([due[src.name]?.upserted, one.upserted, two.upserted].sort()).toEqual([0, 0, 400]);
    expect(await leases()).toHaveLength(400);
    expect(await f.db.dhcpLease.count()).toBe(400);
  });
});
