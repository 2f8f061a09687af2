// npm run bench:scale — the replicated deployment's figures, each against a baseline measured in
// the same run (figures, not assertions):
//  1. BGP events stored with their alerts in batches (BgpService.ingest, 500 per call), on SQLite
//     and on PostgreSQL, vs a plain batched multi-row insert of exactly the rows the service stores
//     (same keys and columns, same connection settings) on the same engine.
//     Target ≥ 5,000 events/s and ≤ 3× the plain insert.
//  2. Leases ingested into PostgreSQL (LeaseWriter, first read: COPY into a staging table, then one
//     upsert per batch) vs a plain COPY of the same rows. Target ≤ 2×. BENCH_SCALE_LEASES (default
//     1,000,000). Besides wall time, the CPU seconds of this process, its children (psql) and the
//     cluster's processes: on a shared machine the wall-time ratio moves by a third between runs.
//  3. API list procedures under 50 concurrent clients against two replicas on one PostgreSQL
//     database: p95 and errors. Target p95 ≤ 50 ms, 0 errors. The clients are autocannon's (25
//     connections per replica, each sending its next call as soon as the last is answered), and
//     again a browser-like node:http client that unpacks every gzipped answer; each against the
//     floor of this machine: two bare node:http servers sending the same bytes.
//     Also per replica, from its /metrics: server time per request (handler start to last byte),
//     CPU per request, session-cache hits; and the database's commits and rows written meanwhile.
// A throw-away PostgreSQL 15 cluster is started (as the postgres user) and stopped at the end.
// BENCH_SCALE_ONLY=bgp,leases,api (or --only=api) runs only those parts (default: all three);
// BENCH_SCALE_ENGINES=sqlite (or postgres) runs the BGP part on that engine only. The PostgreSQL
// cluster is started only when a part needs it. The replicas take the environment:
// NETOPS_SESSION_CACHE_SECONDS, NETOPS_DB_POOL, …
import { spawn, spawnSync } from "node:child_process";
import autocannon from "autocannon";
import http from "node:http";
import { gunzipSync } from "node:zlib";
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { tsImport } from "tsx/esm/api";
import { bgpBenchDraft } from "./bench-bgp-draft.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const {
  createDb,
  migrateDatabase,
  startPgCluster,
  PG_BIN,
  createServices,
  EVENT_COLUMNS,
  eventKey,
  insertParams,
  openSql,
  stepRun,
  LeaseWriter,
  LEASE_COLUMNS,
  leaseRow,
  sqlOnPostgres,
} = await tsImport("./bench-scale-deps.ts", import.meta.url);

const EVENTS = Number(process.env.BENCH_SCALE_EVENTS ?? 10_000);
const LEASES = Number(process.env.BENCH_SCALE_LEASES ?? 1_000_000);
const dir = mkdtempSync(path.join(tmpdir(), "bench-scale-"));
let started = null;
const cluster = {
  createDatabase: (name) => {
    started ??= startPgCluster();
    return started.createDatabase(name);
  },
  stop: () => started?.stop(),
  /** The cluster's folder (its postmaster.pid), once started. */
  get dir() {
    return started?.dir;
  },
};
/** Lease number i of the benchmarks' data (a v4 address in 10/8, bound for an hour). */
const benchLease = (i, now) => {
  const a = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  return {
    addressKey: `4:${i.toString(16).padStart(8, "0")}`,
    address: a,
    family: 4,
    prefixLength: 32,
    leaseType: "V4",
    hwAddress: `02:00:${[16, 8, 0].map((s) => ((i >> s) & 255).toString(16).padStart(2, "0")).join(":")}:01`,
    clientId: null,
    iaid: null,
    hostname: `host-${i}`,
    state: i % 50 === 0 ? "declined" : "bound",
    starts: now - 3600,
    ends: now + 3600,
    cltt: now - 3600,
    subnetId: 1,
    line: i + 2,
    deleted: false,
  };
};
/** The bench's bare HTTP server (node -e): the answers in argv[1], by procedure, gzipped when accepted. */
const BARE_SERVER = `
const http = require("node:http");
const zlib = require("node:zlib");
const answers = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
const kept = Object.fromEntries(Object.entries(answers).map(([p, b]) => [p, { body: Buffer.from(b), gzip: zlib.gzipSync(b) }]));
http.createServer((req, res) => {
  const p = req.url.slice(10).split("?")[0];
  const a = kept[p];
  if (!a) return res.end("ready");
  const gz = /gzip/.test(req.headers["accept-encoding"] || "");
  const body = gz ? a.gzip : a.body;
  res.writeHead(200, { "content-type": "application/json", "content-length": body.length, ...(gz && { "content-encoding": "gzip" }) });
  res.end(body);
}).listen(Number(process.argv[2]), "127.0.0.1");
`;
/** CPU time (user + system) a process has used so far, in ms (Linux /proc, clock ticks of 10 ms). */
function processCpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  // After the command name: state is field 3, utime 14 and stime 15 (proc(5)).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
const logger = { info() {}, warn() {}, error() {}, debug() {}, child: () => logger };
const serviceOpts = {
  sessionTtlHours: 1,
  loginMaxFailures: 5,
  loginWindowSeconds: 60,
  secretKey: "0".repeat(64),
  publicOrigin: "http://127.0.0.1:3000",
  webhook: { timeoutMs: 1000, maxAttempts: 1, backoffMs: 1000 },
};
const onlyArg = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
const only = new Set((onlyArg ?? process.env.BENCH_SCALE_ONLY ?? "bgp,leases,api").split(","));
/**
 * CPU seconds used so far by this process and its reaped children (psql), and by the cluster: its
 * postmaster with the backends it has reaped, and its live processes (checkpointer, WAL writer…).
 */
function cpuSeconds() {
  const ticks = (pid, reaped) => {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8");
    const v = f
      .slice(f.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
    return v[11] + v[12] + (reaped ? v[13] + v[14] : 0);
  };
  const pm = Number(readFileSync(path.join(cluster.dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
  let t = ticks(process.pid, true) + ticks(pm, true);
  for (const c of readFileSync(`/proc/${pm}/task/${pm}/children`, "utf8").trim().split(" ").filter(Boolean))
    try {
      t += ticks(c, false);
    } catch {
      // exited between the listing and the read: its time is in the postmaster's reaped figure
    }
  return t / 100; // USER_HZ
}
/** Lets exited backends be reaped into the postmaster's figures before a reading. */
const settle = () => new Promise((r) => setTimeout(r, 300));
const pct = (xs, q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** Prometheus text → [{ name, labels, value }] (enough for the series this benchmark reads). */
function parseMetrics(text) {
  const out = [];
  for (const line of text.split("\n")) {
    const m = line.match(/^(\w+)(?:\{(.*)\})? (\S+)$/);
    if (!m) continue;
    const labels = Object.fromEntries(
      [...(m[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]),
    );
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}
const metricSum = (ms, name, pred = () => true) =>
  ms.filter((x) => x.name === name && pred(x.labels)).reduce((a, x) => a + x.value, 0);

/** Server-side figures of one replica between two /metrics scrapes. */
function serverSide(before, after) {
  const d = (name, pred) => metricSum(after, name, pred) - metricSum(before, name, pred);
  const api = (l) => l.route === "api";
  const n = d("netops_http_request_duration_seconds_count", api);
  // p95 from the histogram: the first bucket bound holding 95 % of the requests.
  const les = [
    ...new Set(
      after.filter((x) => x.name === "netops_http_request_duration_seconds_bucket").map((x) => x.labels.le),
    ),
  ];
  const bound = les
    .map((le) => ({ le, c: d("netops_http_request_duration_seconds_bucket", (l) => api(l) && l.le === le) }))
    .sort((a, b) => Number(a.le) - Number(b.le))
    .find((b) => b.c >= 0.95 * n);
  return {
    n,
    meanMs: (1000 * d("netops_http_request_duration_seconds_sum", api)) / n,
    p95Le: bound && bound.le !== "+Inf" ? `≤ ${Number(bound.le) * 1000} ms` : "> 5 s",
    procMs:
      (1000 * d("netops_api_request_duration_seconds_sum")) / d("netops_api_request_duration_seconds_count"),
    cpuMs: (1000 * d("netops_process_cpu_seconds_total")) / n,
    hits: d("netops_session_cache_total", (l) => l.result === "hit"),
    misses: d("netops_session_cache_total", (l) => l.result === "miss"),
    reads: d("netops_session_reads_total"),
    cacheHits: d("netops_list_cache_total", (l) => l.result === "hit"),
    cacheMisses: d("netops_list_cache_total", (l) => l.result === "miss" || l.result === "refresh"),
  };
}

try {
  // ---- 1. BGP events with alerts, batched, both engines ----
  const t0 = Date.now();
  const draft = (i) => bgpBenchDraft(t0, i);
  const engines = (process.env.BENCH_SCALE_ENGINES ?? "sqlite,postgres").split(",");
  for (const engine of only.has("bgp") ? engines : []) {
    const url = engine === "sqlite" ? `file:${path.join(dir, "bgp.db")}` : cluster.createDatabase("bgp");
    await migrateDatabase(url);
    const db = createDb(url);
    const services = createServices(db, logger, serviceOpts);
    // Baseline: a plain batched insert of exactly the rows the service stores (its SHA-256 keys,
    // tickets, all 24 columns, built by its own rowOf/insertParams before the clock starts), 500 per
    // multi-row INSERT in one transaction, into a fresh database of the same engine through the same
    // hot-path connection (openSql: the same pragmas and pool). The ratio is the service's own work:
    // keys, tickets, ON CONFLICT … RETURNING, views, alerts.
    const baseUrl =
      engine === "sqlite" ? `file:${path.join(dir, "bgp-base.db")}` : cluster.createDatabase("bgp_base");
    await migrateDatabase(baseUrl);
    const baseDb = createDb(baseUrl);
    const baseSql = await openSql(baseDb);
    const plainSql = `INSERT INTO BgpEvent (${EVENT_COLUMNS.join(", ")}) VALUES ${Array(500)
      .fill(`(${EVENT_COLUMNS.map(() => "?").join(", ")})`)
      .join(", ")}`;
    const plainParams = (batch) =>
      insertParams(
        batch.map((d) => services.bgp.rowOf(eventKey(d), d)),
        engine,
      );
    const plainInsert = (params) =>
      baseSql.steps(function* () {
        return yield* stepRun(plainSql, params);
      });
    const batchOf = (from) => Array.from({ length: 500 }, (_, k) => draft(from + k));
    // Warm-up on both sides (rows the measured ones do not repeat).
    for (let i = 0; i < 1000; i += 500) {
      await services.bgp.ingest(batchOf(EVENTS + i));
      await plainInsert(plainParams(batchOf(EVENTS + i)));
    }
    // Batch by batch, one of each in turn: the machine's load (shared runners) weighs on both alike.
    let ms = 0;
    let baseMs = 0;
    for (let i = 0; i < EVENTS; i += 500) {
      const batch = batchOf(i);
      const params = plainParams(batch);
      let t = performance.now();
      await services.bgp.ingest(batch);
      ms += performance.now() - t;
      t = performance.now();
      await plainInsert(params);
      baseMs += performance.now() - t;
    }
    const alerts = await db.alert.count({ where: { source: "bgp" } });
    await services.bgp.close();
    await db.$disconnect();
    await baseSql.close();
    await baseDb.$disconnect();
    console.log(
      `bgp ${engine}: ${EVENTS.toLocaleString("en")} events with alerts (${alerts} alerts) in batches of 500: ${Math.round(EVENTS / (ms / 1000)).toLocaleString("en")} events/s; plain batched insert of the same rows (same keys and columns, same connection settings) ${Math.round(EVENTS / (baseMs / 1000)).toLocaleString("en")} rows/s, interleaved batch by batch; ratio ${(ms / baseMs).toFixed(1)}× (targets ≥ 5,000/s, ≤ 3×)`,
    );
  }

  // ---- 2. 1,000,000 leases into PostgreSQL: LeaseWriter vs plain COPY ----
  if (only.has("leases")) {
    const now = Math.floor(Date.now() / 1000);
    const lease = (i) => benchLease(i, now);
    const prepare = async (name) => {
      const u = cluster.createDatabase(name);
      await migrateDatabase(u);
      const db = createDb(u);
      await db.dhcpSource.create({
        data: { id: 1, name: "bench", kind: "kea-memfile", location: "/dev/null" },
      });
      await db.$disconnect();
      return u;
    };
    const copyUrl = await prepare("leases_copy");
    const cols = LEASE_COLUMNS.split(",").map((c) => c.trim());
    const csv = (v) => (v === null ? "" : typeof v === "string" ? `"${v.replace(/"/g, '""')}"` : String(v));
    const u = new URL(copyUrl);
    await settle();
    let cpu = cpuSeconds();
    let t = performance.now();
    const psql = spawn(
      path.join(PG_BIN, "psql"),
      [
        "-h",
        u.hostname,
        "-p",
        u.port,
        "-U",
        "postgres",
        "-d",
        "leases_copy",
        "-qc",
        `COPY "DhcpLease" (${cols.map((c) => `"${c}"`).join(", ")}) FROM STDIN WITH (FORMAT csv)`,
      ],
      { stdio: ["pipe", "inherit", "inherit"] },
    );
    for (let i = 0; i < LEASES; i += 10_000) {
      const chunk = [];
      for (let k = i; k < Math.min(LEASES, i + 10_000); k++) {
        const row = leaseRow(1, lease(k), 1, now);
        chunk.push(row.map(csv).join(","));
      }
      if (!psql.stdin.write(`${chunk.join("\n")}\n`)) await new Promise((r) => psql.stdin.once("drain", r));
    }
    psql.stdin.end();
    await new Promise((r) => psql.once("exit", r));
    const copyMs = performance.now() - t;
    await settle();
    const copyCpu = cpuSeconds() - cpu;
    const writerUrl = await prepare("leases_writer");
    const sql = sqlOnPostgres(writerUrl);
    const writer = new LeaseWriter(sql);
    await settle();
    cpu = cpuSeconds();
    t = performance.now();
    for (let i = 0; i < LEASES; i += 20_000) {
      const batch = Array.from({ length: Math.min(20_000, LEASES - i) }, (_, k) => lease(i + k));
      await writer.apply(1, batch, 1, now, true);
    }
    const writerMs = performance.now() - t;
    await settle();
    const writerCpu = cpuSeconds() - cpu;
    const n = await writer.count(1);
    await sql.close();
    console.log(
      `leases postgres: ${n.toLocaleString("en")} via LeaseWriter in ${(writerMs / 1000).toFixed(1)} s (${Math.round(LEASES / (writerMs / 1000)).toLocaleString("en")}/s); plain COPY ${(copyMs / 1000).toFixed(1)} s; ratio ${(writerMs / copyMs).toFixed(2)}× (target ≤ 2×); CPU ${writerCpu.toFixed(1)} s vs ${copyCpu.toFixed(1)} s, ratio ${(writerCpu / copyCpu).toFixed(2)}×`,
    );
  }

  // ---- 3. API lists, 50 concurrent clients, two replicas ----
  if (only.has("api")) {
    const url = cluster.createDatabase("api");
    const dataDir = mkdtempSync(path.join(dir, "data-"));
    const base = 43_000 + (process.pid % 1000) * 2;
    const urls = [0, 1].map((k) => `http://127.0.0.1:${base + k}`);
    /** Two replicas on the database; `env` adds to (or overrides) their environment. */
    const startReplicas = async (env) => {
      const procs = [0, 1].map((k) =>
        spawn(
          process.execPath,
          [
            // BENCH_SCALE_PROFILE=<dir>: each replica writes a V8 CPU profile there when it stops.
            ...(process.env.BENCH_SCALE_PROFILE
              ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_SCALE_PROFILE}`]
              : []),
            "--import",
            "tsx",
            path.join(root, "apps/server/src/main.ts"),
          ],
          {
            cwd: root,
            env: {
              ...process.env,
              DATABASE_URL: url,
              NETOPS_DATA_DIR: dataDir,
              NETOPS_SECRET_KEY: "bench-scale-secret-key-0123456789abcdef",
              NETOPS_ADMIN_PASSWORD: "admin-password-1",
              NETOPS_HOST: "127.0.0.1",
              NETOPS_PORT: String(base + k),
              NETOPS_REPLICA_ID: `bench-${k}`,
              NETOPS_DEMO: "0",
              NETOPS_LOG_LEVEL: "error",
              ...env,
            },
            // Their log (errors only) is kept to explain a failed request.
            stdio: ["ignore", openSync(path.join(dir, `replica-${k}.log`), "a"), "inherit"],
          },
        ),
      );
      for (const u of urls)
        for (let i = 0; i < 600; i++) {
          const ok = await fetch(`${u}/healthz`).then(
            (r) => r.ok,
            () => false,
          );
          if (ok) break;
          await new Promise((r) => setTimeout(r, 100));
        }
      return async () => {
        for (const p of procs) p.kill("SIGTERM");
        await Promise.all(
          procs.map((p) => new Promise((r) => (p.exitCode !== null ? r() : p.once("exit", r)))),
        );
      };
    };
    let stop = await startReplicas({});
    try {
      // Rows to list: 2,000 BGP events with their alerts through the service, 5,000 leases.
      const db = createDb(url);
      const services = createServices(db, logger, serviceOpts);
      for (let i = 0; i < 2000; i += 500)
        await services.bgp.ingest(Array.from({ length: 500 }, (_, k) => draft(i + k)));
      await services.bgp.close();
      await db.dhcpSource.create({
        data: { id: 1, name: "bench", kind: "kea-memfile", location: "/dev/null" },
      });
      await db.$disconnect();
      const sql = sqlOnPostgres(url);
      const now = Math.floor(Date.now() / 1000);
      await new LeaseWriter(sql).apply(
        1,
        Array.from({ length: 5000 }, (_, i) => benchLease(i, now)),
        1,
        now,
        true,
      );
      await sql.close();
      // One login on replica 0; the session (in the database) works on both.
      const login = await fetch(`${urls[0]}/api/trpc/auth.login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: urls[0] },
        body: JSON.stringify({ username: "admin", password: "admin-password-1" }),
      });
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .find((c) => c.startsWith("netops_session="));
      // The client is node:http with keep-alive, not fetch: on this machine one process of fetch
      // clients tops out near 1,200 requests/s against a static answer (p95 80 ms with no server work
      // at all), node:http near 2,400; the load generator must not be what is measured.
      let agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
      const call = (u, p, input) =>
        new Promise((resolve) => {
          const target = new URL(u);
          const req = http.request(
            {
              host: target.hostname,
              port: target.port,
              path: `/api/trpc/${p}?input=${encodeURIComponent(JSON.stringify(input))}`,
              agent,
              // As a browser: gzip accepted, and unpacked (it counts in the client's time).
              headers: { cookie, "accept-encoding": "gzip" },
            },
            (res) => {
              const chunks = [];
              res.on("data", (c) => chunks.push(c));
              res.on("end", () => {
                const wire = Buffer.concat(chunks);
                const body = res.headers["content-encoding"] === "gzip" ? gunzipSync(wire) : wire;
                resolve({ status: res.statusCode, bytes: body.length, wire: wire.length });
              });
            },
          );
          req.on("error", () => resolve({ status: 0, bytes: 0, wire: 0 }));
          req.end();
        });
      const scrape = () =>
        Promise.all(
          urls.map((u) =>
            fetch(`${u}/metrics`, { headers: { cookie } })
              .then((r) => r.text())
              .then(parseMetrics),
          ),
        );
      const pgStat = async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        const r = await c.query(
          "SELECT xact_commit::int AS commits, (tup_inserted + tup_updated + tup_deleted)::int AS written FROM pg_stat_database WHERE datname = current_database()",
        );
        await c.end();
        return r.rows[0];
      };
      const os = await import("node:os");
      /** 50 clients, each sending its next call as soon as the last is answered (no think time). */
      /** `calls` calls from 50 clients, each sending its next as soon as the last is answered. */
      const drive = async (targets, procsList, calls) => {
        const times = [];
        let errors = 0;
        const errorStatuses = new Map();
        let bytes = 0;
        let wire = 0;
        let next = 0;
        const clientCpu = process.cpuUsage();
        const client = async (c) => {
          for (let i = next++; i < calls; i = next++) {
            const [p, input] = procsList[i % procsList.length];
            const u = targets[(c + i) % targets.length];
            const s = performance.now();
            const r = await call(u, p, input);
            if (r.status !== 200) {
              errors++;
              errorStatuses.set(r.status, (errorStatuses.get(r.status) ?? 0) + 1);
            }
            bytes += r.bytes;
            wire += r.wire;
            times.push(performance.now() - s);
          }
        };
        const t = performance.now();
        await Promise.all(Array.from({ length: 50 }, (_, c) => client(c)));
        const wall = performance.now() - t;
        const cc = process.cpuUsage(clientCpu);
        times.sort((a, b) => a - b);
        const summary = `p50 ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms, p99 ${pct(times, 0.99).toFixed(1)} ms, ${errors} errors${errors ? ` (HTTP status: ${[...errorStatuses].map(([k, n]) => `${k || "no answer"} × ${n}`).join(", ")})` : ""}, ${Math.round(times.length / (wall / 1000))} req/s, ${Math.round(bytes / times.length)} bytes per answer (${Math.round(wire / times.length)} sent); client CPU ${((cc.user + cc.system) / 1000 / times.length).toFixed(2)} ms per request`;
        return { times, errors, summary };
      };
      /**
       * The same calls from autocannon, the load generator Node and Fastify are benchmarked with:
       * 25 connections to each target, each sending its next call as soon as the last is answered.
       * Its client costs 0.17–0.21 ms of CPU per call here, node:http's 0.3–0.5 ms: on a machine
       * that the client shares with the servers, that difference is measured as server latency. It
       * does not unpack gzip (a browser's work, on the browser's machine).
       */
      const cannon = (targets, procsList, calls) =>
        new Promise((resolve, reject) => {
          const times = [];
          const errorStatuses = new Map();
          let bytes = 0;
          let left = targets.length;
          let errors = 0;
          const t = performance.now();
          let last = t;
          const clientCpu = process.cpuUsage();
          for (const u of targets) {
            const inst = autocannon(
              {
                url: u,
                connections: 50 / targets.length,
                amount: Math.ceil(calls / targets.length),
                timeout: 30,
                headers: { cookie, "accept-encoding": "gzip" },
                requests: procsList.map(([p, input]) => ({
                  method: "GET",
                  path: `/api/trpc/${p}?input=${encodeURIComponent(JSON.stringify(input))}`,
                })),
              },
              (err, result) => {
                if (err) return reject(err);
                errors += result.errors + result.timeouts + result.non2xx;
                if (--left > 0) return;
                // From the first call to the last answer: autocannon reports its end on a 1 s tick.
                const wall = last - t;
                const cc = process.cpuUsage(clientCpu);
                times.sort((a, b) => a - b);
                const summary = `p50 ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms, p99 ${pct(times, 0.99).toFixed(1)} ms, ${errors} errors${errorStatuses.size ? ` (HTTP status: ${[...errorStatuses].map(([k, n]) => `${k} × ${n}`).join(", ")})` : ""}, ${Math.round(times.length / (wall / 1000))} req/s, ${Math.round(bytes / times.length)} bytes per answer on the wire; client CPU ${((cc.user + cc.system) / 1000 / times.length).toFixed(2)} ms per request`;
                resolve({ times, errors, summary });
              },
            );
            inst.on("response", (_client, status, resBytes, ms) => {
              last = performance.now();
              times.push(ms);
              bytes += resBytes;
              if (status !== 200) errorStatuses.set(status, (errorStatuses.get(status) ?? 0) + 1);
            });
          }
        });
      const run = async (label, procsList, calls, driver = cannon) => {
        // Warm, as the floor is: the first calls of a procedure load and compile its code paths.
        await drive(urls, procsList, 500);
        const loadBefore = os.loadavg()[0];
        const metricsBefore = await scrape();
        const statBefore = await pgStat();
        const { times, errors, summary } = await driver(urls, procsList, calls);
        const loadAfter = os.loadavg()[0];
        const metricsAfter = await scrape();
        const statAfter = await pgStat();
        console.log(
          `api ${label}, ${driver === cannon ? "autocannon" : "browser-like node:http"} clients: 2 replicas, 50 concurrent clients, ${times.length} list calls: ${summary} (target p95 ≤ 50 ms, 0 errors); load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)} on ${os.cpus().length} cores`,
        );
        for (const [k, u] of urls.entries()) {
          const s = serverSide(metricsBefore[k], metricsAfter[k]);
          console.log(
            `  replica ${k} (${u}): ${s.n} API requests; server time mean ${s.meanMs.toFixed(1)} ms (p95 ${s.p95Le}), of which procedure ${s.procMs.toFixed(1)} ms; CPU ${s.cpuMs.toFixed(2)} ms per request; list cache ${s.cacheHits} hits, ${s.cacheMisses} computed; session cache ${s.hits} hits, ${s.misses} misses, ${s.reads} database reads`,
          );
        }
        if (errors)
          for (const k of [0, 1]) {
            const lines = readFileSync(path.join(dir, `replica-${k}.log`), "utf8")
              .trim()
              .split("\n");
            for (const l of lines.slice(-3)) console.log(`  replica ${k} log: ${l.slice(0, 400)}`);
          }
        const commits = statAfter.commits - statBefore.commits;
        const written = statAfter.written - statBefore.written;
        console.log(
          `  database during the run: ${commits} commits, ${written} rows written (${(written / times.length).toFixed(3)} per request; background jobs included)`,
        );
      };
      // The same first pages for everyone (a NOC wall, every tab refetching): the list cache answers.
      const firstPages = [
        ["alerts.list", { limit: 50 }],
        ["bgp.events", { limit: 50 }],
        ["dhcp.leases", { limit: 50 }],
      ];
      // The floor of this machine: two bare node:http processes sending the same answers (kept
      // bytes, gzipped as the cache sends them) to the same client. No server can answer faster here;
      // the console's figures are read against it.
      const answers = {};
      for (const [p, input] of firstPages) {
        const r = await fetch(`${urls[0]}/api/trpc/${p}?input=${encodeURIComponent(JSON.stringify(input))}`, {
          headers: { cookie },
        });
        answers[p] = await r.text();
      }
      writeFileSync(path.join(dir, "answers.json"), JSON.stringify(answers));
      const floorPorts = [base + 2, base + 3];
      const floor = floorPorts.map((port) =>
        spawn(process.execPath, ["-e", BARE_SERVER, path.join(dir, "answers.json"), String(port)], {
          stdio: ["ignore", "ignore", "inherit"],
        }),
      );
      try {
        const floorUrls = floorPorts.map((port) => `http://127.0.0.1:${port}`);
        for (const u of floorUrls)
          for (let i = 0; i < 100; i++) {
            if (
              await fetch(`${u}/ready`).then(
                (r) => r.ok,
                () => false,
              )
            )
              break;
            await new Promise((r) => setTimeout(r, 50));
          }
        await drive(floorUrls, firstPages, 500);
        for (const driver of [cannon, drive]) {
          const loadBefore = os.loadavg()[0];
          const cpuBefore = floor.map((p) => processCpuMs(p.pid));
          const f = await driver(floorUrls, firstPages, 4000);
          const cpuMs = floor.reduce((a, p, k) => a + processCpuMs(p.pid) - cpuBefore[k], 0);
          console.log(
            `api floor, ${driver === cannon ? "autocannon" : "browser-like node:http"} clients: 2 bare node:http processes sending the same bytes, 50 concurrent clients, 4000 calls: ${f.summary}; server CPU ${(cpuMs / f.times.length).toFixed(2)} ms per request; load average ${loadBefore.toFixed(2)} → ${os.loadavg()[0].toFixed(2)}`,
          );
        }
      } finally {
        for (const p of floor) p.kill("SIGTERM");
      }
      await run("same first pages, list cache on (the default)", firstPages, 4000);
      await run("same first pages, list cache on (the default)", firstPages, 4000, drive);
      // Every call computed: the same calls with the cache off (server.listCacheMs 0).
      await stop();
      stop = await startReplicas({ NETOPS_LIST_CACHE_MS: "0" });
      // The kept connections went to the replicas just stopped.
      agent.destroy();
      agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
      await run("same first pages, list cache off", firstPages, 2000);
    } finally {
      await stop();
    }
  }
} finally {
  cluster.stop();
  rmSync(dir, { recursive: true, force: true });
  spawnSync("true");
}
console.log(`load average at the end: ${(await import("node:os")).loadavg()[0].toFixed(2)}`);
