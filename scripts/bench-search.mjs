// npm run bench:search — global search and entity pages on the embedded database (SQLite) holding
// 1,000,000 leases, 100,000 BGP events, 1,000 zones × 1,000 records, 10,000 registry objects and
// 10,000 alerts (plus 100,000 lease events and 10,000 audit entries): p50/p95 of search.query and
// entity.get (through the API's SearchService, as admin so every provider answers) for exact,
// prefix and partial queries of every kind, and the size of every table and index (the trigram
// indexes of partial search summed per FTS5 table).
// Figures, not assertions (the machine may be shared). Targets: search p95 ≤ 50 ms, entity p95 ≤ 100 ms.
// BENCH_SEARCH_SCALE=0.1 generates a tenth of the data (the output says so).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pino from "pino";
import { tsImport } from "tsx/esm/api";

const { applyMigrations, createDb } = await tsImport("../packages/db/src/index.ts", import.meta.url);
const { createServices } = await tsImport("../packages/api/src/services/index.ts", import.meta.url);
const { SearchService } = await tsImport("../packages/api/src/search/service.ts", import.meta.url);
const { addressSortKey } = await tsImport("../packages/protocols/src/dhcp/index.ts", import.meta.url);
const { ALLOWED_WALKS, explainAll, recordPrepared } = await tsImport(
  "../packages/api/test/search/query-plans.ts",
  import.meta.url,
);

const SCALE = Number(process.env.BENCH_SEARCH_SCALE ?? 1);
const n = (x) => Math.max(1, Math.round(x * SCALE));
const LEASES = n(1_000_000);
const LEASE_EVENTS = n(100_000);
const BGP_EVENTS = n(100_000);
const ZONES = n(1_000);
const RECORDS = 1_000;
const REGISTRY = n(10_000);
const ALERTS = n(10_000);
const AUDIT = n(10_000);
const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 40);

// BENCH_SEARCH_DB=/path/file.db keeps the generated database and reuses it on the next run (the
// full scale takes minutes to generate); new migrations (indexes) are applied to it on reuse.
const KEEP = process.env.BENCH_SEARCH_DB;
const dir = KEEP ? path.dirname(path.resolve(KEEP)) : mkdtempSync(path.join(tmpdir(), "bench-search-"));
const file = KEEP ? path.resolve(KEEP) : path.join(dir, "netops.db");
const reuse = KEEP !== undefined && existsSync(file);
const url = `file:${file}`;
const hex2 = (x) => (x & 255).toString(16).padStart(2, "0");
const iso = (ms) => new Date(ms).toISOString().replace("Z", "+00:00");
const now = Date.now();
const leaseAddr = (i) => {
  const a = (Math.imul(i, 2654435761) >>> 0) & 0xffffff;
  return `10.${a >>> 16}.${(a >>> 8) & 255}.${a & 255}`;
};
const leaseMac = (i) => `02:00:${hex2(i >> 16)}:${hex2(i >> 8)}:${hex2(i)}:01`;
const peerAddr = (p) => `172.16.${p >> 8}.${p & 255}`;
const PEERS = Math.max(1, Math.round(BGP_EVENTS / 100));
const HOSTS = Math.round(REGISTRY / 2);

try {
  applyMigrations(url);
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF");
  const t0 = performance.now();
  const fill = (label, sql, count, row) => {
    const st = raw.prepare(sql);
    const start = performance.now();
    raw.transaction(() => {
      for (let i = 0; i < count; i++) st.run(...row(i));
    })();
    console.log(
      `  ${label.padEnd(28)} ${count.toLocaleString("en").padStart(10)} rows  ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
  };
  console.log(
    `${reuse ? "reusing" : "generating"} (scale ${SCALE}${SCALE !== 1 ? ": SCALED DOWN, not the issue's sizes" : ""}) ${file}`,
  );
  if (!reuse) {
    raw
      .prepare(
        "INSERT INTO DhcpSource (name, kind, location, createdAt) VALUES ('bench', 'kea-memfile', '/bench', ?)",
      )
      .run(iso(now));
    fill(
      "DhcpLease",
      "INSERT INTO DhcpLease (sourceId, addressKey, address, family, prefixLength, leaseType, hwAddress, clientId, hostname, hostnameKey, state, starts, ends, cltt, line, gen, updatedAt) VALUES (1, ?, ?, 4, 32, 'V4', ?, NULL, ?, ?, 'bound', NULL, ?, ?, ?, 0, 0)",
      LEASES,
      (i) => {
        const a = leaseAddr(i);
        const host = i % 3 === 0 ? `host-${i}.example` : null;
        return [
          addressSortKey(a),
          a,
          leaseMac(i),
          host,
          host,
          Math.floor(now / 1000) + 3600,
          Math.floor(now / 1000),
          i + 1,
        ];
      },
    );
    fill(
      "DhcpLeaseEvent",
      "INSERT INTO DhcpLeaseEvent (sourceId, addressKey, address, hwAddress, hostname, state, ends, kind, at) VALUES (1, ?, ?, ?, NULL, 'bound', NULL, 'renewed', ?)",
      LEASE_EVENTS,
      (i) => {
        const j = (i * 7) % LEASES;
        return [addressSortKey(leaseAddr(j)), leaseAddr(j), leaseMac(j), Math.floor(now / 1000) - i * 30];
      },
    );
    fill(
      "BgpEvent",
      "INSERT INTO BgpEvent (key, at, receivedAt, router, session, peerAddress, peerAddressKey, peerAs, peerName, kind, direction, text, findings, source, tickets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, '[]', 'syslog', '[]')",
      BGP_EVENTS,
      (i) => {
        const p = i % PEERS;
        const router = `edge${p % 8}`;
        const kind = i % 3 === 0 ? "down" : i % 3 === 1 ? "notification" : "up";
        const at = iso(now - (BGP_EVENTS - i) * 60_000);
        return [
          `k${i}`,
          at,
          at,
          router,
          `${router}|${peerAddr(p)}`,
          peerAddr(p),
          addressSortKey(peerAddr(p)),
          64512 + p,
          `peer-${p}.example`,
          kind,
          kind === "notification" ? `maintenance window #${i} ticket NET-${i}` : null,
        ];
      },
    );
    fill(
      "DnsZone",
      "INSERT INTO DnsZone (id, name, sourceKind, source, createdAt, updatedAt, lastGoodCheckId, lastCheckId) VALUES (?, ?, 'file', '/bench', ?, ?, ?, ?)",
      ZONES,
      (z) => [`z${z}`, `zone-${z}.example.`, iso(now), iso(now), z + 1, z + 1],
    );
    fill(
      "DnsZoneCheck",
      "INSERT INTO DnsZoneCheck (zoneId, startedAt, durationMs, trigger, source, status, reason, accepted, serial, records) VALUES (?, ?, 5, 'schedule', '/bench', 'verified', 'ok', 1, 1, 1000)",
      ZONES,
      (z) => [`z${z}`, iso(now - z * 1000)],
    );
    fill(
      "DnsRecordTerm",
      "INSERT INTO DnsRecordTerm (zoneId, checkId, owner, type, value, addrKey, ttl) VALUES (?, ?, ?, ?, ?, ?, 3600)",
      ZONES * RECORDS,
      (i) => {
        const z = Math.floor(i / RECORDS);
        const r = i % RECORDS;
        if (r < 2) return [`z${z}`, z + 1, `zone-${z}.example`, "NS", `ns${r + 1}.zone-${z}.example`, null];
        const a = leaseAddr(((z * RECORDS + r) * 13) % LEASES);
        return [`z${z}`, z + 1, `h${r}.zone-${z}.example`, "A", a, addressSortKey(a)];
      },
    );
    raw
      .prepare(
        "INSERT INTO EppRegistryConnection (id, name, host, port, clientId, passwordSealed, clientCert, clientKeySealed, caCert, createdAt, updatedAt) VALUES ('c1', 'bench', '127.0.0.1', 700, 'bench', 'x', 'x', 'x', 'x', ?, ?)",
      )
      .run(iso(now), iso(now));
    fill(
      "EppHost",
      "INSERT INTO EppHost (connectionId, name, addrs, sponsor, refreshedAt) VALUES ('c1', ?, ?, 'bench', ?)",
      HOSTS,
      (i) => [
        `ns${i}.reg-${i % 500}.example`,
        JSON.stringify([{ ip: "v4", address: `100.64.${i >> 8}.${i & 255}` }]),
        iso(now),
      ],
    );
    fill(
      "EppDomain",
      "INSERT INTO EppDomain (connectionId, name, nameServers, sponsor, refreshedAt) VALUES ('c1', ?, ?, 'bench', ?)",
      REGISTRY - HOSTS,
      (i) => [`dom-${i}.example`, JSON.stringify([`ns${i % HOSTS}.reg-${i % 500}.example`]), iso(now)],
    );
    // The rows the registry service writes beside the JSON (hosts.ts, domains.ts).
    fill("EppHostAddress", "INSERT INTO EppHostAddress (hostId, address) VALUES (?, ?)", HOSTS, (i) => [
      i + 1,
      `100.64.${i >> 8}.${i & 255}`,
    ]);
    fill(
      "EppDomainNameServer",
      "INSERT INTO EppDomainNameServer (domainId, host) VALUES (?, ?)",
      REGISTRY - HOSTS,
      (i) => [i + 1, `ns${i % HOSTS}.reg-${i % 500}.example`],
    );
    fill(
      "Alert",
      "INSERT INTO Alert (fingerprint, source, severity, state, summary, labels, firstSeenAt, lastSeenAt) VALUES (?, 'epp', 'warning', ?, ?, ?, ?, ?)",
      ALERTS,
      (i) => [
        `f${i}`,
        i % 4 === 0 ? "firing" : "resolved",
        `Host ns${i % HOSTS}.reg-${i % 500}.example glue differs from RDAP`,
        JSON.stringify({
          host: `ns${i % HOSTS}.reg-${i % 500}.example`,
          address: `100.64.${(i % HOSTS) >> 8}.${i & 255}`,
        }),
        iso(now - i * 60_000),
        iso(now - i * 30_000),
      ],
    );
    fill("AlertEvent", "INSERT INTO AlertEvent (alertId, at, kind) VALUES (?, ?, 'fired')", ALERTS, (i) => [
      i + 1,
      iso(now - i * 60_000),
    ]);
    fill(
      "AuditEntry",
      "INSERT INTO AuditEntry (at, actorName, action, target, ok) VALUES (?, 'admin', 'registry.updateHost', ?, 1)",
      AUDIT,
      (i) => [iso(now - i * 60_000), `ns${i % HOSTS}.reg-${i % 500}.example`],
    );
  }
  raw.exec("ANALYZE");
  console.log(`${reuse ? "analyzed" : "generated"} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // ---- sizes ----
  let sizes = [];
  try {
    sizes = raw
      .prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC")
      .all();
  } catch {
    console.log("(dbstat is not compiled into this SQLite: no per-index sizes)");
  }
  const pageSize = raw.pragma("page_size", { simple: true });
  const pages = raw.pragma("page_count", { simple: true });
  raw.close();

  // ---- measure ----
  // Every statement Prisma runs is captured (parameters inlined) while the plans are taken.
  const traced = [];
  let tracing = false;
  const db = createDb(url, { trace: (sql) => tracing && traced.push(String(sql)) });
  const services = createServices(db, pino({ level: "silent" }), {
    sessionTtlHours: 1,
    loginMaxFailures: 5,
    loginWindowSeconds: 60,
    secretKey: "bench-secret-key",
    publicOrigin: "http://127.0.0.1:1",
    webhook: { timeoutMs: 1000, maxAttempts: 1, backoffMs: 10 },
  });
  const search = new SearchService(services);
  recordPrepared(await services.dhcp.raw(), { push: (sql) => tracing && traced.push(sql) });
  const pct = (xs, p) =>
    xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
  const time = async (fn) => {
    for (let i = 0; i < 3; i++) await fn();
    const xs = [];
    let hits = 0;
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      hits = await fn();
      xs.push(performance.now() - s);
    }
    return { p50: pct(xs, 50), p95: pct(xs, 95), hits };
  };
  // Baseline in the same run (the machine may be shared and loaded): one trivial Prisma query (an
  // alert by primary key). Search and entity p95 are also given as multiples of its p50.
  const base = await time(async () =>
    (await db.alert.findUnique({ where: { id: 1 }, select: { id: true } })) ? 1 : 0,
  );
  console.log(
    `\nbaseline: one Prisma point query p50 ${base.p50.toFixed(2)} ms  p95 ${base.p95.toFixed(2)} ms (load average ${(await import("node:os")).loadavg()[0].toFixed(1)})`,
  );
  const x = (ms) => `${(ms / base.p50).toFixed(0).padStart(5)}× base`;
  const L = 12345 % LEASES;
  const z = Math.floor(ZONES / 2);
  const p = Math.floor(PEERS / 2);
  const octets = (a, k) => a.split(".").slice(0, k).join(".");
  // [kind, label, query]: every reading the classifier knows, exact / prefix (start) / partial.
  const searches = [
    ["exact", "ipv4 (lease, zone A)", leaseAddr(L)],
    ["exact", "ipv4 (BGP peer)", peerAddr(p)],
    ["exact", "ipv4 (registry glue)", "100.64.0.77"],
    ["prefix", "ipv4 start 'a.b.c'", octets(leaseAddr(L), 3)],
    ["prefix", "ipv4 start 'a.b.'", `${octets(leaseAddr(L), 2)}.`],
    ["exact", "bare number (AS, handle)", "10"],
    ["prefix", "ipv4 start (BGP peers)", "172.16"],
    ["prefix", "ipv4 start (glue)", "100.64.1"],
    ["prefix", "prefix /8 (all leases)", "10.0.0.0/8"],
    ["prefix", "prefix /16", `${octets(leaseAddr(L), 2)}.0.0/16`],
    ["prefix", "prefix /24", `${octets(leaseAddr(L), 3)}.0/24`],
    ["prefix", "prefix /12 (BGP peers)", "172.16.0.0/12"],
    ["exact", "ipv6 (absent)", "2001:db8::53"],
    ["prefix", "ipv6 start", "2001:db8:"],
    ["exact", "mac colon", leaseMac(L)],
    [
      "exact",
      "mac Cisco",
      leaseMac(L)
        .replaceAll(":", "")
        .replace(/(.{4})(.{4})(.{4})/, "$1.$2.$3"),
    ],
    ["exact", "mac hyphen upper", leaseMac(L).replaceAll(":", "-").toUpperCase()],
    ["prefix", "mac start", leaseMac(L).slice(0, 8)],
    ["prefix", "mac start (all leases)", "02:00"],
    ["exact", "name (zone record)", `h5.zone-${z}.example`],
    ["prefix", "name start", `h5.zone-${z}`],
    ["prefix", "name start (many)", "h"],
    ["exact", "zone name", `zone-${z}.example`],
    ["exact", "registry host name", "ns77.reg-77.example"],
    ["prefix", "registry host start", "ns7"],
    ["exact", "lease hostname", "host-3000.example"],
    ["exact", "AS", `AS${64512 + p}`],
    ["exact", "AS bare", String(64512 + p)],
    ["prefix", "handle", "peer-12"],
    ["partial", "text (shutdown message)", "maintenance window #99"],
    ["partial", "text (alert summary)", "glue differs"],
    ["partial", "text (oldest events only)", `window #${n(100)} ticket`],
    ["partial", "middle of a name", "eg-77.exam"],
    ["partial", "middle of an address", "64.0.7"],
    ["partial", "text (absent)", "no such words here"],
    ["partial", "short: hint, prefix only", "ns"],
    ["partial", "text (one common word)", "example"],
    ["partial", "hostile %_", "%_%_"],
    ["partial", "hostile regex", "(a+)+$.*[[\\"],
    ["partial", "hostile 10 KB", "x".repeat(10_240)],
  ];
  const entities = [
    ["exact", "ip (lease + zone A)", { type: "ip", value: leaseAddr(L) }],
    ["exact", "ip (BGP peer)", { type: "ip", value: peerAddr(p) }],
    ["exact", "ip (registry glue)", { type: "ip", value: "100.64.0.77" }],
    ["prefix", "prefix /24", { type: "prefix", value: `${octets(leaseAddr(L), 3)}.0/24` }],
    ["prefix", "prefix /16", { type: "prefix", value: `${octets(leaseAddr(L), 2)}.0.0/16` }],
    ["prefix", "prefix /8 (all leases)", { type: "prefix", value: "10.0.0.0/8" }],
    ["prefix", "prefix /16 (BGP peers)", { type: "prefix", value: "172.16.0.0/16" }],
    ["exact", "mac", { type: "mac", value: leaseMac(L) }],
    ["exact", "name (zone record)", { type: "name", value: `h5.zone-${z}.example` }],
    ["exact", "name (zone apex)", { type: "name", value: `zone-${z}.example` }],
    ["exact", "name (registry host)", { type: "name", value: "ns77.reg-77.example" }],
    ["exact", "name (lease hostname)", { type: "name", value: "host-3000.example" }],
    ["exact", "as", { type: "as", value: String(64512 + p) }],
  ];

  // ---- plans: every statement once, through SQLite's EXPLAIN QUERY PLAN ----
  // Statements per request (each costs the client's overhead, ~ the baseline, on top of its SQL).
  const statements = new Map();
  tracing = true;
  for (const [, label, q] of searches) {
    const n = traced.length;
    await search.search({ q, limit: 8 }, "admin");
    statements.set(`search ${label}`, traced.slice(n));
  }
  for (const [, label, ref] of entities) {
    const n = traced.length;
    await search.entity(ref, "admin");
    statements.set(`entity ${label}`, traced.slice(n));
  }
  tracing = false;
  const planDb = new Database(file, { readonly: true });
  const planned = explainAll(planDb, traced, ALLOWED_WALKS);
  // The SQL alone (no client, no load from the other requests): the best of three runs of each
  // statement, so a statement that reads many rows stands out whatever the machine's load.
  const sqlMs = new Map();
  for (const sql of new Set(traced.filter((t) => /^\s*(SELECT|WITH)\b/i.test(t)))) {
    const st = planDb.prepare(sql);
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      st.all();
      best = Math.min(best, performance.now() - t);
    }
    sqlMs.set(sql, best);
  }
  planDb.close();
  const sqlOf = (key) => (statements.get(key) ?? []).reduce((a, t) => a + (sqlMs.get(t) ?? 0), 0);
  const countOf = (key) => (statements.get(key) ?? []).length;
  const slowest = [...sqlMs].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log("\nslowest statements by their SQL alone (best of 3, ms):");
  for (const [sql, ms] of slowest)
    console.log(`  ${ms.toFixed(2).padStart(8)}  ${sql.replace(/\s+/g, " ").slice(0, 200)}`);
  const scanning = planned.filter((st) => st.scans.length);
  console.log(
    `\nquery plans: ${planned.length} distinct statements, ${scanning.length} scan a table that grows with the network`,
  );
  for (const st of process.env.BENCH_SEARCH_PLANS ? planned : scanning) {
    console.log(`  ${st.scans.length ? "SCAN " : "ok   "} ${st.sql.replace(/\s+/g, " ").slice(0, 220)}`);
    for (const step of st.plan) console.log(`          ${step}`);
  }

  const verdict = (ms, target) => (ms <= target ? "ok  " : "OVER");
  const row = (what, kind, label, shown, r, target, unit) => {
    const key = `${what} ${label}`;
    console.log(
      `  ${kind.padEnd(8)}${label.padEnd(30)}${shown.slice(0, 26).padEnd(28)}p50 ${r.p50.toFixed(1).padStart(6)}  p95 ${r.p95.toFixed(1).padStart(6)} ms ${x(r.p95)}  ${verdict(r.p95, target)} ${String(r.hits).padStart(3)} ${unit.padEnd(5)} ${String(countOf(key)).padStart(3)} stmts, SQL ${sqlOf(key).toFixed(1).padStart(5)} ms`,
    );
  };
  console.log(`\nsearch.query (${RUNS} runs each; target p95 ≤ 50 ms)`);
  const out = [];
  for (const [kind, label, q] of searches) {
    const r = await time(async () =>
      (await search.search({ q, limit: 8 }, "admin")).groups.reduce((a, g) => a + g.hits.length, 0),
    );
    out.push(["search", kind, label, r]);
    row("search", kind, label, JSON.stringify(q), r, 50, "hits");
  }
  console.log(`\nentity.get (${RUNS} runs each; target p95 ≤ 100 ms)`);
  for (const [kind, label, ref] of entities) {
    const r = await time(async () =>
      (await search.entity(ref, "admin")).sections.reduce((a, s) => a + s.items.length, 0),
    );
    out.push(["entity", kind, label, r]);
    row("entity", kind, label, JSON.stringify(ref.value), r, 100, "items");
  }
  console.log("\nworst p95 per query kind:");
  for (const what of ["search", "entity"]) {
    const target = what === "search" ? 50 : 100;
    for (const kind of ["exact", "prefix", "partial"]) {
      const mine = out.filter((o) => o[0] === what && o[1] === kind);
      if (!mine.length) continue;
      const w = mine.reduce((a, b) => (b[3].p95 > a[3].p95 ? b : a));
      console.log(
        `  ${what.padEnd(7)} ${kind.padEnd(8)} p95 ${w[3].p95.toFixed(1).padStart(6)} ms (target ${target}) ${verdict(w[3].p95, target)}  worst: ${w[2]}`,
      );
    }
  }
  console.log(
    `  baseline point query p95 ${base.p95.toFixed(2)} ms; load average ${(await import("node:os"))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );

  console.log(`\ndatabase ${((pages * pageSize) / 1e6).toFixed(0)} MB; tables and indexes (MB):`);
  for (const s of sizes.filter((s) => s.bytes > 256 * 1024))
    console.log(`  ${s.name.padEnd(48)} ${(s.bytes / 1e6).toFixed(1).padStart(8)}`);
  // Partial search's trigram indexes: each FTS5 table is its shadow tables (_data, _idx, _docsize, _config).
  const fts = new Map();
  for (const s of sizes) {
    const m = /^(\w+Fts)_(data|idx|docsize|config)$/.exec(s.name);
    if (m) fts.set(m[1], (fts.get(m[1]) ?? 0) + s.bytes);
  }
  if (fts.size) {
    console.log("trigram indexes (FTS5, all shadow tables, MB):");
    for (const [name, bytes] of fts)
      console.log(`  ${name.padEnd(48)} ${(bytes / 1e6).toFixed(1).padStart(8)}`);
  }
  await services.dhcp.close?.();
  await db.$disconnect();
} finally {
  if (!KEEP) rmSync(dir, { recursive: true, force: true });
}
