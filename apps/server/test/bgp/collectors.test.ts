// The collectors on real loopback sockets against a real console + SQLite: recorded BMP and syslog
// output goes in, the API gives back the exact texts; replays and reconnects add nothing.
import net from "node:net";
import { appendFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labBmpFrames, labSyslogLines } from "@netops/labs/bgp/lab";
import { Client, type Harness, startHarness } from "../harness";

const CYRILLIC = "Плановые работы: замена линейной карты, окно 02:00–04:00 МСК. Тикет № 5678";

function addr(h: Harness, name: string): { host: string; port: number } {
  const d = h.app.services.bgp.collectors.get(name);
  const m = /(\S+):(\d+)$/.exec(d ?? "");
  if (!m) throw new Error(`collector ${name} not running: ${d}`);
  return { host: m[1] ?? "", port: Number(m[2]) };
}

async function sendTcp(to: { host: string; port: number }, data: Buffer[]): Promise<void> {
  const s = net.connect(to.port, to.host);
  await new Promise<void>((r, j) => s.once("connect", r).once("error", j));
  for (const d of data) s.write(d);
  await new Promise<void>((r) => s.end(r));
  await new Promise<void>((r) => s.once("close", () => r()));
}

async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await f();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  return f();
}

describe("BGP collectors", () => {
  let h: Harness;
  let c: Client;
  let logFile: string;
  beforeAll(async () => {
    const dir = path.join(process.env.TMPDIR ?? "/tmp", `bgp-file-${process.pid}`);
    await import("node:fs").then((fs) => fs.mkdirSync(dir, { recursive: true }));
    logFile = path.join(dir, "bird.log");
    writeFileSync(logFile, "");
    h = await startHarness({
      env: {
        NETOPS_BGP_BMP_LISTEN: "127.0.0.1:0",
        NETOPS_BGP_SYSLOG_UDP_LISTEN: "127.0.0.1:0",
        NETOPS_BGP_SYSLOG_TCP_LISTEN: "127.0.0.1:0",
        NETOPS_BGP_LOG_FILES: `bird-b=${logFile}`,
        NETOPS_BGP_FILE_POLL_MS: "50",
      },
    });
    c = new Client(h);
    await c.login("admin", "admin-password-1");
  });
  afterAll(async () => {
    await h?.close();
  });

  const events = async (input: Record<string, unknown> = {}) =>
    (await c.query("bgp.events", { limit: 500, ...input })).data as {
      items: {
        id: number;
        text: string | null;
        kind: string;
        router: string;
        source: string;
        textBytes: number | null;
        peer: string;
      }[];
      nextCursor: string | null;
    };

  it("stores Peer Down texts from a BMP stream exactly, and a replay adds nothing", async () => {
    const frames = labBmpFrames(new Date());
    await sendTcp(addr(h, "bmp"), frames);
    const first = await until(
      () => events({ source: "bmp" }),
      (r) => r.items.length >= 56,
    );
    // GoBGP stream: 28 Peer Up + 25 Peer Down, minus the recorded duplicates with the same stamp.
    const texts = first.items.map((e) => e.text);
    expect(texts).toContain("GoBGP maintenance: planned shutdown (ticket NET-4004)");
    expect(texts).toContain(CYRILLIC);
    const cyr = first.items.find((e) => e.text === CYRILLIC);
    expect(cyr?.textBytes).toBe(Buffer.byteLength(CYRILLIC));
    expect(cyr?.router).toBe("lab-bmp-replay (GoBGP capture)");
    const count = first.items.length;
    // Reconnect and resend the same stream: natural keys make it a no-op.
    await sendTcp(addr(h, "bmp"), frames);
    await new Promise((r) => setTimeout(r, 300));
    expect((await events({ source: "bmp" })).items.length).toBe(count);
    // ~60 events each stored with its alert in SQLite: ~15 s on a loaded 2-core runner. A time limit
    // for the test, not an assertion on speed (that lives in npm run bench:bgp).
  }, 90_000);

  it("closes a BMP connection that sends garbage, and keeps serving the others", async () => {
    const to = addr(h, "bmp");
    const good = net.connect(to.port, to.host);
    await new Promise<void>((r) => good.once("connect", r));
    const bad = net.connect(to.port, to.host);
    await new Promise<void>((r) => bad.once("connect", r));
    const closed = new Promise<void>((r) => bad.once("close", () => r()));
    bad.write(Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    await closed;
    const before = h.app.services.bgp.counters.inserted;
    const frames = labBmpFrames(new Date(Date.now() + 3_600_000));
    // The Initiation, then the first Peer Up and Peer Down (types 3 and 2), stamped an hour later.
    const updown = frames.filter((f) => f[5] === 2 || f[5] === 3).slice(0, 2);
    for (const f of [frames[0] as Buffer, ...updown]) good.write(f);
    await until(
      async () => h.app.services.bgp.counters.inserted,
      (n) => n >= before + 2,
    );
    expect(h.app.services.bgp.counters, JSON.stringify(h.app.services.bgp.counters)).toMatchObject({
      inserted: before + 2,
    });
    good.end();
  });

  it("receives syslog over UDP and over TCP with octet counting, router from the HOSTNAME", async () => {
    const lines = labSyslogLines(new Date());
    const dgram = await import("node:dgram");
    const u = dgram.createSocket("udp4");
    const to = addr(h, "syslog-udp");
    for (const l of lines)
      await new Promise<void>((r) => u.send(Buffer.from(l), to.port, to.host, () => r()));
    u.close();
    const got = await until(
      () => events({ source: "syslog" }),
      (r) => r.items.length >= 4,
    );
    expect(got.items.map((e) => e.text)).toContain(CYRILLIC);
    expect(new Set(got.items.map((e) => e.router))).toEqual(new Set(["lab-bird-c"]));
    // TCP, octet-counted (RFC 6587 §3.4.1), an RFC 5424 message from another host.
    const msg = `<27>1 ${new Date().toISOString()} rtr9.example.net bird - - - to_x: Received: Administrative shutdown: "octet counted [REF056255]"`;
    await sendTcp(addr(h, "syslog-tcp"), [Buffer.from(`${Buffer.byteLength(msg)} ${msg}`)]);
    const tcp = await until(
      () => events({ router: "rtr9.example.net" }),
      (r) => r.items.length === 1,
    );
    expect(tcp.items[0]?.text).toBe("octet counted [REF056255]");
    const ev = (await c.query("bgp.event", { id: tcp.items[0]?.id })).data as { tickets: { ref: string }[] };
    expect(ev.tickets.map((t) => t.ref)).toEqual(["REF056255"]);
  });

  it("follows a log file across rotation without duplicating lines", async () => {
    const now = new Date().toISOString().replace("T", " ").slice(0, 23);
    appendFileSync(logFile, `${now} <RMT> to_a: Received: Administrative shutdown: "file line one"\n`);
    await until(
      () => events({ source: "file" }),
      (r) => r.items.length === 1,
    );
    renameSync(logFile, `${logFile}.1`);
    writeFileSync(logFile, `${now} <RMT> to_a: Received: Administrative reset: "after rotation"\n`);
    const r = await until(
      () => events({ source: "file" }),
      (x) => x.items.length === 2,
    );
    expect(r.items.map((e) => e.text).sort()).toEqual(["after rotation", "file line one"]);
    expect(r.items.every((e) => e.router === "bird-b")).toBe(true);
  });

  it("keeps BGP-looking lines no parser understands in the database, counting repeats", async () => {
    const line =
      "Nov 21 06:00:00 edge9 vendord[1]: BGP peer 192.0.2.9 NOTIFICATION in a format nobody parses";
    appendFileSync(logFile, `${line}\n${line}\n`);
    type Unparsed = {
      items: { router: string; source: string; line: string; count: number; reason: string }[];
      total: number;
      nextCursor: number | null;
    };
    const list = async () => (await c.query("bgp.unparsed", { router: "bird-b" })).data as Unparsed;
    const r = await until(list, (x) => x.items.some((u) => u.line === line && u.count === 2));
    expect(r.items.filter((u) => u.line === line)).toEqual([
      {
        id: expect.any(Number),
        firstSeen: expect.any(String),
        lastSeen: expect.any(String),
        count: 2,
        router: "bird-b",
        source: "file",
        line,
        reason: "no parser recognises this format",
      },
    ]);
    expect(r.total).toBeGreaterThanOrEqual(1);
    // Counted as well as kept; the status shows the counter.
    const st = (await c.query("bgp.status")).data as { counters: { unparsedLines: number } };
    expect(st.counters.unparsedLines).toBeGreaterThanOrEqual(2);
    // Paged with a keyset cursor, and bad input is refused precisely.
    const one = (await c.query("bgp.unparsed", { limit: 1 })).data as Unparsed;
    expect(one.items).toHaveLength(1);
    const bad = await c.query("bgp.unparsed", { limit: 0 });
    expect(bad.status).toBe(400);
  });

  it("pages with a keyset cursor and filters", async () => {
    const all = await events();
    const p1 = await events({ limit: 5 });
    const p2 = await events({ limit: 5, cursor: p1.nextCursor });
    expect([...p1.items, ...p2.items].map((e) => e.id)).toEqual(all.items.slice(0, 10).map((e) => e.id));
    const bad = await c.query("bgp.events", { cursor: "nope" });
    expect(bad.status).toBe(400);
    expect(bad.error?.message).toMatch(/cursor/);
  });

  it("raises bgp alerts: info with the text for an administrative shutdown", async () => {
    const list = (await c.query("alerts.list", { source: ["bgp"] })).data as {
      items: { severity: string; summary: string }[];
    };
    expect(list.items.some((a) => a.severity === "info" && a.summary.includes('"after rotation"'))).toBe(
      true,
    );
  });
});
