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

async function waitFor<T>(
  what: string,
  f: () => Promise<T>,
  ok: (v: T) => boolean,
  ms = 20_000,
  everyMs = 100,
): Promise<T> {
  const end = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < end) {
    try {
      last = await f();
      if (ok(last)) return last;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
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

  // Bounded everywhere: every wait names what it waited for and fails within its own time, so a broken
  // bridge or takeover fails in seconds with the reason, not at vitest's (or undici's 300 s) timeout.
  it("splits work, survives kill -9 of one, stores every line once, and bridges live updates", async () => {
    const began = Date.now();
    const phase = (what: string) =>
      console.log(`[two-replicas] ${((Date.now() - began) / 1000).toFixed(1)} s: ${what}`);
    // Every 25th line of a's share is recent enough to raise an alert (BgpAlerting ignores events
    // older than an hour): a's storing is then slow enough that the kill lands while it still holds
    // claimed, unstored batches. The rest is old, replayed history: stored, no alerts.
    const t0 = Date.now();
    const at = (i: number) => (i < 1000 && i % 25 === 0 ? t0 - 600_000 + i : t0 - 3 * 3_600_000 + i * 1000);
    const line = (i: number) =>
      `<27>1 ${new Date(at(i)).toISOString()} rtr${i % 7}.example.net bird - - - to_p${i}: Received: Administrative shutdown: "maintenance ${i}"`;
    const lines = Array.from({ length: 2000 }, (_, i) => line(i));
    const events = () => count(`SELECT count(*) AS n FROM "BgpEvent"`);

    // A first (it migrates; B waits on the advisory lock, then finds nothing to do).
    let a = start("a", base, base + 1);
    await waitFor(
      "replica a to start",
      () => healthz(a),
      (h) => h.status === "ok",
      30_000,
    );
    const b = start("b", base + 2, base + 3);
    await waitFor(
      "replica b to start",
      () => healthz(b),
      (h) => h.status === "ok",
      30_000,
    );
    phase("both replicas up");
    const jobsOfA = (await healthz(a)).owns;
    expect(jobsOfA.length).toBeGreaterThan(3);
    expect((await healthz(b)).owns).toEqual([]); // each job runs once: all of them are a's

    // A browser on B.
    const hb = { url: b.url, origin: b.url } as unknown as Harness;
    const admin = new Client(hb);
    await admin.login("admin", "admin-password-1");
    const ac = new AbortController();
    const headersLate = setTimeout(() => ac.abort(new Error("SSE on b: no response within 10 s")), 10_000);
    const res = await fetch(`${b.url}/api/trpc/alerts.onChange`, {
      headers: { cookie: admin.cookie, accept: "text/event-stream" },
      signal: ac.signal,
    });
    clearTimeout(headersLate);
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let sse = "";
    const read = async (needle: RegExp, ms = 10_000) => {
      const end = Date.now() + ms;
      while (!needle.test(sse)) {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<never>((_, fail) => {
          timer = setTimeout(
            () => fail(new Error(`SSE on b: no ${needle} within ${ms} ms; received: ${sse.slice(-400)}`)),
            Math.max(0, end - Date.now()),
          );
        });
        try {
          const { value, done } = await Promise.race([reader.read(), late]);
          if (done) throw new Error(`SSE on b ended; received: ${sse.slice(-400)}`);
          sse += new TextDecoder().decode(value);
        } finally {
          clearTimeout(timer);
        }
      }
    };
    await read(/"hello"/);

    // An alert raised through A (its syslog, its ingest) reaches the subscriber on B. B has received
    // nothing yet, so every alert change B's subscriber sees came from A over LISTEN/NOTIFY.
    await sendLines(a, lines.slice(0, 10));
    await read(/"alertId":\d+/);
    const alertId = Number(/"alertId":(\d+)/.exec(sse)?.[1]);
    expect(await count(`SELECT count(*) AS n FROM "Alert" WHERE id = ${alertId} AND source = 'bgp'`)).toBe(1);
    phase("alert raised on a seen on b's SSE");

    // The rest of A's share; once A has accepted all of it (in its queue), kill -9 A at once.
    await sendLines(a, lines.slice(10, 1000));
    await waitFor(
      "a to accept its 1,000 lines into the queue",
      () => count(`SELECT coalesce(sum(count), 0) AS n FROM "IngestBatch" WHERE "receivedBy" = 'a'`),
      (n) => n === 1000,
      20_000,
      10,
    );
    a.proc.kill("SIGKILL");
    await new Promise((r) => a.proc.once("exit", r));
    const killedAt = Date.now();
    const unstored = await count(
      `SELECT count(*) AS n FROM "IngestBatch" WHERE "receivedBy" = 'a' AND "doneAt" IS NULL`,
    );
    phase(`a killed with ${unstored} of its batches accepted but not stored`);

    // Within the lease time B owns A's jobs.
    await waitFor(
      "b to own a's jobs",
      () => healthz(b),
      (h) => jobsOfA.every((j) => h.owns.includes(j)),
      (LEASE_SECONDS + 5) * 1000,
    );
    // The lease runs out at most LEASE_SECONDS after the kill, and B's next heartbeat (every third
    // of it) takes it; the rest is slack for a busy machine (B is storing A's batches meanwhile).
    const takeover = Date.now() - killedAt;
    expect(takeover).toBeLessThan((LEASE_SECONDS * 2 + 3) * 1000);
    phase(`b owns a's jobs, ${takeover} ms after the kill (lease ${LEASE_SECONDS} s)`);
    // A starts again meanwhile (its start takes seconds): it rejoins while B stores the rest.
    a = start("a", base, base + 1);

    // B's share, plus A's lines sent again (a router reconnecting to the survivor): natural keys.
    await sendLines(b, lines.slice(1000));
    await sendLines(b, lines.slice(0, 200));
    await waitFor(
      "2,000 events and an empty queue",
      async () => {
        const backlog = await count(`SELECT count(*) AS n FROM "IngestBatch" WHERE "doneAt" IS NULL`);
        return { events: await events(), backlog };
      },
      (v) => v.events >= 2000 && v.backlog === 0,
      60_000,
    );
    expect(await events()).toBe(2000);
    expect(
      await count(`SELECT count(*) AS n FROM (SELECT DISTINCT session, "rawLine" FROM "BgpEvent") AS d`),
    ).toBe(2000);
    // What A accepted and did not store, another replica stored after A's claims ran out: B first
    // (at once), the restarted A possibly too (batches are taken one at a time).
    const takenOverByB = await count(
      `SELECT count(*) AS n FROM "IngestBatch" WHERE "receivedBy" = 'a' AND "doneBy" = 'b'`,
    );
    expect(takenOverByB).toBeGreaterThanOrEqual(Math.min(1, unstored));
    expect(await count(`SELECT count(*) AS n FROM "IngestBatch" WHERE error IS NOT NULL`)).toBe(0);
    phase(`2,000 events stored once; b finished ${takenOverByB} of a's ${unstored} unstored batches`);
    ac.abort();

    // A rejoins (heartbeat row), and when B stops it takes the work back.
    await waitFor(
      "replica a to start again",
      () => healthz(a),
      (h) => h.status === "ok",
      30_000,
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
      (LEASE_SECONDS + 5) * 1000,
    );
    phase("a rejoined and owns the jobs again");
  }, 90_000);
});
