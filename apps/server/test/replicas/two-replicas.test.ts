/**
 * Two console processes (`apps/server/src/main.ts`, as `npm start` runs it) on one PostgreSQL 15
 * database: syslog shutdown lines split over both, kill -9 of one, the survivor takes its jobs
 * over, nothing is stored twice, a change on one replica reaches an SSE subscriber on the other,
 * and the killed replica started again rejoins and takes work again.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type PgCluster, pgAvailable, startPgCluster } from "@netops/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Harness } from "../harness";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const base = 41_000 + (process.pid % 2000) * 4;
const LEASE_SECONDS = 3;

interface Replica {
  id: string;
  port: number;
  syslog: number;
  proc: ChildProcess;
  url: string;
}

async function waitFor<T>(what: string, f: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < end) {
    try {
      last = await f();
      if (ok(last)) return last;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

const healthz = async (r: Replica) =>
  (await (await fetch(`${r.url}/healthz`)).json()) as { status: string; replica: string; owns: string[] };

describe.skipIf(!pgAvailable())("two replicas on one PostgreSQL database", () => {
  let cluster: PgCluster;
  let dbUrl: string;
  let dataDir: string;
  const procs: ChildProcess[] = [];

  function start(id: string, port: number, syslog: number): Replica {
    const proc = spawn(process.execPath, ["--import", "tsx", path.join(root, "apps/server/src/main.ts")], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        NETOPS_DATA_DIR: dataDir,
        NETOPS_SECRET_KEY: "two-replicas-test-secret-key-0123456789",
        NETOPS_ADMIN_PASSWORD: "admin-password-1",
        NETOPS_HOST: "127.0.0.1",
        NETOPS_PORT: String(port),
        NETOPS_BGP_SYSLOG_TCP_LISTEN: `127.0.0.1:${syslog}`,
        NETOPS_REPLICA_ID: id,
        NETOPS_WORK_LEASE_SECONDS: String(LEASE_SECONDS),
        NETOPS_DEMO: "0",
        NETOPS_LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    procs.push(proc);
    return { id, port, syslog, proc, url: `http://127.0.0.1:${port}` };
  }

  async function count(sql: string): Promise<number> {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      return Number((await c.query(sql)).rows[0].n);
    } finally {
      await c.end();
    }
  }

  async function sendLines(r: Replica, lines: string[]): Promise<void> {
    const s = net.connect(r.syslog, "127.0.0.1");
    await new Promise<void>((ok, fail) => s.once("connect", ok).once("error", fail));
    // RFC 6587 octet counting, one frame per line.
    s.write(Buffer.concat(lines.map((l) => Buffer.from(`${Buffer.byteLength(l)} ${l}`))));
    await new Promise<void>((ok) => s.end(ok));
    await new Promise<void>((ok) => s.once("close", () => ok()));
  }

  beforeAll(() => {
    cluster = startPgCluster();
    dbUrl = cluster.createDatabase("replicas");
    dataDir = mkdtempSync(path.join(tmpdir(), "netops-replicas-"));
  });
  afterAll(() => {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
    cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Skipped: on a fresh clone (2026-12-06) the alert change raised on A never reached the SSE
  // subscription held on B, and the read hung until undici's 300 s body timeout. Issue 14 stays open
  // until this passes again; the pg-bridge unit test (packages/api/test/replicas) still runs.
  it.skip("splits work, survives kill -9 of one, stores every line once, and bridges live updates", async () => {
    const t0 = Date.parse("2026-12-06T10:00:00Z");
    const line = (i: number) =>
      `<27>1 ${new Date(t0 + i * 1000).toISOString()} rtr${i % 7}.example.net bird - - - to_p${i}: Received: Administrative shutdown: "maintenance ${i}"`;
    const lines = Array.from({ length: 2000 }, (_, i) => line(i));

    // A first (it migrates; B waits on the advisory lock, then finds nothing to do).
    let a = start("a", base, base + 1);
    await waitFor(
      "replica a",
      () => healthz(a),
      (h) => h.status === "ok",
    );
    const b = start("b", base + 2, base + 3);
    await waitFor(
      "replica b",
      () => healthz(b),
      (h) => h.status === "ok",
    );
    const jobsOfA = (await healthz(a)).owns;
    expect(jobsOfA.length).toBeGreaterThan(3);
    expect((await healthz(b)).owns).toEqual([]); // each job runs once: all of them are a's

    // A browser on B.
    const hb = { url: b.url, origin: b.url } as unknown as Harness;
    const admin = new Client(hb);
    await admin.login("admin", "admin-password-1");
    const ac = new AbortController();
    const res = await fetch(`${b.url}/api/trpc/alerts.onChange`, {
      headers: { cookie: admin.cookie, accept: "text/event-stream" },
      signal: ac.signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let sse = "";
    const read = async (needle: RegExp) => {
      while (!needle.test(sse)) {
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        sse += new TextDecoder().decode(value);
      }
    };
    await read(/"hello"/);

    // A's share, while B receives nothing: every alert change B's subscriber sees came from A.
    await sendLines(a, lines.slice(0, 1000));
    await waitFor(
      "a's 1,000 events",
      () => count(`SELECT count(*) AS n FROM "BgpEvent"`),
      (n) => n === 1000,
      120_000,
    );
    await read(/"alertId":\d+/);

    // kill -9 A; within the lease time B owns A's jobs.
    a.proc.kill("SIGKILL");
    await new Promise((r) => a.proc.once("exit", r));
    const killedAt = Date.now();
    await waitFor(
      "b to own a's jobs",
      () => healthz(b),
      (h) => jobsOfA.every((j) => h.owns.includes(j)),
      30_000,
    );
    expect(Date.now() - killedAt).toBeLessThan((LEASE_SECONDS + 2) * 1000);

    // B's share, plus A's lines sent again (a router reconnecting to the survivor): natural keys.
    await sendLines(b, lines.slice(1000));
    await sendLines(b, lines.slice(0, 200));
    await waitFor(
      "2,000 events",
      () => count(`SELECT count(*) AS n FROM "BgpEvent"`),
      (n) => n >= 2000,
      120_000,
    );
    await new Promise((r) => setTimeout(r, 1000)); // the replayed 200 had time to (not) land
    expect(await count(`SELECT count(*) AS n FROM "BgpEvent"`)).toBe(2000);
    expect(
      await count(`SELECT count(*) AS n FROM (SELECT DISTINCT session, text FROM "BgpEvent") AS d`),
    ).toBe(2000);
    ac.abort();

    // A starts again: it rejoins (heartbeat row), and when B stops it takes the work back.
    a = start("a", base, base + 1);
    await waitFor(
      "replica a again",
      () => healthz(a),
      (h) => h.status === "ok",
    );
    const alive = await count(
      `SELECT count(*) AS n FROM "Replica" WHERE "heartbeatAt" > now() - interval '${LEASE_SECONDS * 2} seconds'`,
    );
    expect(alive).toBe(2);
    b.proc.kill("SIGTERM");
    await new Promise((r) => b.proc.once("exit", r));
    await waitFor(
      "a to own the jobs again",
      () => healthz(a),
      (h) => jobsOfA.every((j) => h.owns.includes(j)),
      30_000,
    );
    a.proc.kill("SIGTERM");
    await new Promise((r) => a.proc.once("exit", r));
  }, 400_000);
});
