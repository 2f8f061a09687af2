/**
 * Sources that misbehave: a Kea Control Agent that stops answering (our own slow HTTP server on
 * loopback, speaking Kea's command protocol) and a lease file renamed over while it is being read.
 * Each must give a clear per-source error or a clean re-read, never lose or duplicate leases.
 */
import { appendFileSync, renameSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LeaseWriter } from "../../src/features/dhcp/ingest";
import { type DhcpFixture, dhcpFixture, KEA4_HEADER, keaRow } from "./helpers";

const T = 1795240800; // 2026-11-21T06:00:00Z, the fixture's clock
const END = T + 3600;

let f: DhcpFixture | undefined;
let server: Server | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  if (server) {
    // Hung requests hold their sockets open: close them, or close() would wait for them.
    server.closeAllConnections();
    await new Promise((r) => server?.close(r));
    server = undefined;
  }
  await f?.close();
  f = undefined;
});

type Mode = "ok" | "hang" | "hang-after-first-page";

/** A fake Kea Control Agent: config-get, lease4-get-page (paged by address), stat unsupported. */
async function fakeAgent(leases: { "ip-address": string; "hw-address": string; hostname?: string }[]) {
  const state = { mode: "ok" as Mode, commands: [] as string[] };
  const toNum = (a: string) => a.split(".").reduce((n, o) => n * 256 + Number(o), 0);
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      const cmd = JSON.parse(body) as {
        command: string;
        service: string[];
        arguments?: { from: string; limit: number };
      };
      state.commands.push(cmd.command);
      const reply = (x: unknown) => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify([x]));
      };
      // Never answering: the request stays open until the client gives up.
      if (state.mode === "hang") return;
      if (cmd.command === "config-get")
        return reply({
          result: 0,
          arguments: {
            Dhcp4: {
              subnet4: [{ id: 1, subnet: "192.0.2.0/24", pools: [{ pool: "192.0.2.10 - 192.0.2.19" }] }],
            },
          },
        });
      if (cmd.command === "lease4-get-page") {
        const from = cmd.arguments?.from ?? "start";
        if (state.mode === "hang-after-first-page" && from !== "start") return;
        const after = from === "start" ? -1 : toNum(from);
        const page = leases
          .filter((l) => toNum(l["ip-address"]) > after)
          .sort((a, b) => toNum(a["ip-address"]) - toNum(b["ip-address"]))
          .slice(0, cmd.arguments?.limit ?? 100)
          .map((l) => ({ ...l, "subnet-id": 1, cltt: T, "valid-lft": 3600, state: 0 }));
        return reply(
          page.length ? { result: 0, arguments: { leases: page, count: page.length } } : { result: 3 },
        );
      }
      reply({ result: 2, text: `'${cmd.command}' command not supported.` });
    });
  });
  await new Promise<void>((r) => server?.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/`, state };
}

describe("a Kea Control Agent that times out", () => {
  it("gives a per-source error and an alert, and keeps the last good leases marked with their age", async () => {
    // Not tighter: a process's first fetch sets up undici (~170 ms measured on the shared 2-core
    // machine), and a first answer later than the timeout would fail the "good data" step.
    f = await dhcpFixture({ keaPageSize: 2, keaTimeoutMs: 1000 });
    const leases = [
      { "ip-address": "192.0.2.10", "hw-address": "02:00:00:00:00:10", hostname: "a.example" },
      { "ip-address": "192.0.2.11", "hw-address": "02:00:00:00:00:11" },
      { "ip-address": "192.0.2.12", "hw-address": "02:00:00:00:00:12" },
    ];
    const agent = await fakeAgent(leases);
    f.dhcp.kea.policy.allow(new URL(agent.url).host);
    // A hanging agent reads like any unreachable one (the cause is for the log, not the page).
    const hung = (cmd: string) => `${cmd}: could not reach ${new URL(agent.url).host}: connection failed`;
    const src = await f.db.dhcpSource.create({
      data: { name: "slow-kea", kind: "kea-api", location: agent.url, service: "dhcp4" },
    });
    const stored = async () =>
      (await f?.dhcp.leases({ sourceId: [src.id], limit: 100 }))?.items.map((l) => [l.address, l.hwAddress]);
    expect((await f.dhcp.runDue())["slow-kea"]).toMatchObject({ ok: true, upserted: 3 });
    const good = await stored();
    expect(good).toEqual(leases.map((l) => [l["ip-address"], l["hw-address"]]));

    // The agent answers the first page (with a change), then goes quiet mid-way through paging:
    // nothing of the half-read answer may replace what is stored.
    leases[0] = { "ip-address": "192.0.2.10", "hw-address": "02:00:00:00:00:99" };
    agent.state.mode = "hang-after-first-page";
    f.now.t = new Date(f.now.t.getTime() + 60_000);
    let r = (await f.dhcp.runDue())["slow-kea"];
    expect(r?.ok).toBe(false);
    expect(r?.error).toBe(hung("lease4-get-page"));
    expect(await stored()).toEqual(good);

    // Now it answers nothing at all, for 20 minutes.
    agent.state.mode = "hang";
    f.now.t = new Date(f.now.t.getTime() + 19 * 60_000);
    r = (await f.dhcp.runDue())["slow-kea"];
    expect(r).toMatchObject({ ok: false, error: hung("config-get") });
    expect(await stored()).toEqual(good);
    const view = (await f.dhcp.overview("admin")).sources.find((s) => s.id === src.id);
    expect(view).toMatchObject({
      status: "failing",
      dataAgeSeconds: 20 * 60,
      lastError: hung("config-get"),
      leaseCount: 3,
    });
    const alert = (await f.alerts.active()).find(
      (a) => a.labels.check === "source" && a.labels.source === "slow-kea",
    );
    expect(alert).toMatchObject({ source: "dhcp", severity: "critical" });
    expect(alert?.summary).toBe("DHCP Kea server slow-kea is not answering");
    expect(alert?.details).toContain(hung("config-get"));
    expect(alert?.details).toContain("last good data 20 min old");

    // It answers again: the new data comes in and the alert resolves by itself.
    agent.state.mode = "ok";
    expect((await f.dhcp.runDue())["slow-kea"]?.ok).toBe(true);
    expect((await stored())?.[0]).toEqual(["192.0.2.10", "02:00:00:00:00:99"]);
    expect((await f.alerts.active()).filter((a) => a.labels.check === "source")).toEqual([]);
  });
});

describe("a lease file replaced while being read", () => {
  const addr = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  const mac = (i: number) =>
    `02:00:00:${((i >> 16) & 255).toString(16).padStart(2, "0")}:${((i >> 8) & 255).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}`;
  const rows = (from: number, to: number, host = "h") =>
    Array.from({ length: to - from }, (_, k) =>
      keaRow(addr(from + k), mac(from + k), END, { host: `${host}${from + k}` }),
    );

  /** Renames `next` over `file` inside the first write of parsed leases, i.e. mid-read. */
  function renameDuringFirstApply(next: string, file: string) {
    const original = LeaseWriter.prototype.apply;
    let done = false;
    return vi.spyOn(LeaseWriter.prototype, "apply").mockImplementation(function (this: LeaseWriter, ...args) {
      if (!done) {
        done = true;
        renameSync(next, file);
      }
      return original.apply(this, args);
    });
  }

  async function snapshot(sourceId: number) {
    const all: { address: string; hwAddress: string | null; hostname: string | null }[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < 100; n++) {
      const p = await f?.dhcp.leases({ sourceId: [sourceId], limit: 500, ...(cursor && { cursor }) });
      if (!p) break;
      all.push(...p.items.map((l) => ({ address: l.address, hwAddress: l.hwAddress, hostname: l.hostname })));
      if (!p.nextCursor) break;
      cursor = p.nextCursor;
    }
    return all;
  }

  it("on the first read (several chunks): detects it, re-reads the new file, and stores exactly its leases", async () => {
    f = await dhcpFixture();
    const file = path.join(f.dir, "leases4.csv");
    // ~450 KB, so the reader is between 256 KiB chunks when the rename lands.
    writeFileSync(file, `${KEA4_HEADER}\n${rows(0, 6000).join("\n")}\n`);
    // What Kea's LFC writes: the same leases compacted, minus 0..99, plus new ones made meanwhile.
    const next = `${file}.2`;
    writeFileSync(
      next,
      `${KEA4_HEADER}\n${rows(100, 6000).join("\n")}\n${rows(7000, 7050, "new").join("\n")}\n`,
    );
    const spy = renameDuringFirstApply(next, file);
    const src = await f.db.dhcpSource.create({ data: { name: "lfc", kind: "kea-memfile", location: file } });
    const r = (await f.dhcp.runDue()).lfc;
    expect(spy).toHaveBeenCalled();
    expect(r).toMatchObject({ ok: true, rereads: 1, errors: 0 });
    const got = await snapshot(src.id);
    expect(got).toHaveLength(5950);
    expect(new Set(got.map((l) => l.address)).size).toBe(5950);
    expect(got.some((l) => l.address === addr(50))).toBe(false);
    expect(got.find((l) => l.address === addr(7049))).toEqual({
      address: addr(7049),
      hwAddress: mac(7049),
      hostname: "new7049",
    });
    const s = (await f.dhcp.overview("admin")).sources[0];
    expect(s).toMatchObject({ status: "ok", lastError: null, leaseCount: 5950 });
  });

  it("while following appended lines: history records only the real changes, once each", async () => {
    f = await dhcpFixture();
    const file = path.join(f.dir, "leases4.csv");
    writeFileSync(file, `${KEA4_HEADER}\n${rows(0, 10).join("\n")}\n`);
    const src = await f.db.dhcpSource.create({ data: { name: "lfc", kind: "kea-memfile", location: file } });
    await f.dhcp.runDue();
    // Kea appends a renewal of .3 by a new client; meanwhile LFC has produced the compacted file
    // (without .9, which expired) that is renamed over the file while the appended line is read.
    appendFileSync(file, `${keaRow(addr(3), "02:00:00:00:ff:03", END + 60, { host: "h3" })}\n`);
    const next = `${file}.2`;
    writeFileSync(
      next,
      `${KEA4_HEADER}\n${rows(0, 3).join("\n")}\n${keaRow(addr(3), "02:00:00:00:ff:03", END + 60, { host: "h3" })}\n${rows(4, 9).join("\n")}\n`,
    );
    renameDuringFirstApply(next, file);
    const r = (await f.dhcp.runDue()).lfc;
    expect(r).toMatchObject({ ok: true, rereads: 1 });
    const got = await snapshot(src.id);
    expect(got.map((l) => l.address)).toEqual(Array.from({ length: 9 }, (_, i) => addr(i)));
    expect(got[3]?.hwAddress).toBe("02:00:00:00:ff:03");
    const events = await f.db.dhcpLeaseEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.map((e) => [e.address, e.kind])).toEqual([
      [addr(3), "changed-client"],
      [addr(9), "removed"],
    ]);
  });

  it("a file replaced at every read is an error for this poll; the stored leases stay", async () => {
    f = await dhcpFixture();
    const file = path.join(f.dir, "leases4.csv");
    writeFileSync(file, `${KEA4_HEADER}\n${rows(0, 5).join("\n")}\n`);
    const src = await f.db.dhcpSource.create({ data: { name: "busy", kind: "kea-memfile", location: file } });
    await f.dhcp.runDue();
    const before = await snapshot(src.id);
    const original = LeaseWriter.prototype.apply;
    let n = 0;
    vi.spyOn(LeaseWriter.prototype, "apply").mockImplementation(function (this: LeaseWriter, ...args) {
      // A new copy of the same content, renamed over the file during every read.
      writeFileSync(`${file}.${++n}`, `${KEA4_HEADER}\n${rows(0, 5).join("\n")}\n`);
      renameSync(`${file}.${n}`, file);
      return original.apply(this, args);
    });
    writeFileSync(`${file}.0`, `${KEA4_HEADER}\n${rows(0, 5).join("\n")}\n`);
    renameSync(`${file}.0`, file);
    const r = (await f.dhcp.runDue()).busy;
    expect(r?.ok).toBe(false);
    expect(r?.error).toBe(`${file} was replaced while being read 3 times in a row; trying again next poll`);
    expect(await snapshot(src.id)).toEqual(before);
    expect((await f.dhcp.overview("admin")).sources[0]?.lastError).toBe(r?.error);
  });
});
