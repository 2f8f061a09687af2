import { observeProcedures, RECEIVER_STATES, type Services, type SyslogStats } from "@netops/api";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { ListCache } from "./list-cache";

export interface MetricSources {
  /** The syslog receiver's counters, when one runs. */
  syslog?: () => SyslogStats | null;
  /** This replica's id: every series carries it, so one Prometheus scrapes each replica apart. */
  replica?: string;
  /** The replica's cache of list answers (list-cache.ts). */
  listCache?: ListCache;
}

/** Prometheus metrics: process, API calls per procedure, and alert counts read at scrape time. */
export function createMetrics(services: Services, sources: MetricSources = {}) {
  const registry = new Registry();
  if (sources.replica) registry.setDefaultLabels({ replica: sources.replica });
  collectDefaultMetrics({ register: registry, prefix: "netops_" });
  const calls = new Counter({
    name: "netops_api_requests_total",
    help: "API procedure calls by procedure, type and result code",
    labelNames: ["procedure", "type", "code"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "netops_api_request_duration_seconds",
    help: "API procedure latency",
    labelNames: ["procedure", "type"] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const http = new Counter({
    name: "netops_http_requests_total",
    help: "HTTP requests by route class and status",
    labelNames: ["route", "status"] as const,
    registers: [registry],
  });
  // The whole request as this replica saw it (session check, procedure, serialising the answer),
  // from its handler starting to the last byte handed to the socket; live streams are left out.
  const httpSeconds = new Histogram({
    name: "netops_http_request_duration_seconds",
    help: "HTTP request time on the server by route class (live streams excluded)",
    labelNames: ["route"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Counter({
    name: "netops_session_cache_total",
    help: "Session checks answered from this replica's cache (hit) or read from the database (miss)",
    labelNames: ["result"] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ result: "hit" }, services.auth.sessions.stats.hits);
      this.inc({ result: "miss" }, services.auth.sessions.stats.misses);
    },
  });
  const listCache = sources.listCache;
  if (listCache)
    new Counter({
      name: "netops_list_cache_total",
      help: "List answers served from this replica's cache (hit), computed (miss), computed again ahead of expiry (refresh), computed by a concurrent request (wait), kept (stored), not kept because a change came first (stale), and drops",
      labelNames: ["result"] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [result, n] of Object.entries(listCache.counts)) this.inc({ result }, n);
      },
    });
  new Counter({
    name: "netops_session_reads_total",
    help: "Sessions read from the database (checks that miss together share one read)",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(services.auth.sessions.stats.reads);
    },
  });
  new Gauge({
    name: "netops_alerts",
    help: "Open alerts by source, severity and state (firing, acknowledged, or silenced: the console's one count)",
    labelNames: ["source", "severity", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const counts = new Map<string, { source: string; severity: string; state: string; n: number }>();
      for (const a of await services.alerts.active()) {
        // The same split as alerts.counts (tallyAlerts): a silenced alert counts as silenced only.
        const state = a.silencedBy.length > 0 ? "silenced" : a.state;
        const key = `${a.source}\u0000${a.severity}\u0000${state}`;
        const c = counts.get(key) ?? { source: a.source, severity: a.severity, state, n: 0 };
        c.n++;
        counts.set(key, c);
      }
      for (const c of counts.values())
        this.set({ source: c.source, severity: c.severity, state: c.state }, c.n);
    },
  });
  new Gauge({
    name: "netops_live_subscribers",
    help: "Open live-update (SSE) subscriptions",
    registers: [registry],
    collect() {
      this.set(services.live.listenerCount());
    },
  });
  // Each webhook receiver's hold (webhooks.ts): one series per state, 1 for the one it is in.
  new Gauge({
    name: "netops_webhook_receiver_state",
    help: "Webhook receiver state: ok, failing (last attempt failed; the next is a probe) or held (nothing but a test sent until the hold ends); 1 for the current one",
    labelNames: ["receiver", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await services.webhooks.receiverStates())
        for (const state of RECEIVER_STATES) this.set({ receiver: r.name, state }, r.state === state ? 1 : 0);
    },
  });
  new Gauge({
    name: "netops_webhook_receiver_consecutive_failures",
    help: "Failed attempts to a webhook receiver since its last success",
    labelNames: ["receiver"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await services.webhooks.receiverStates()) this.set({ receiver: r.name }, r.failures);
    },
  });
  // The durable ingest queue (what collectors accepted, before it is stored): a growing backlog
  // means storing falls behind or a batch keeps failing; taken-over batches show a replica died.
  new Counter({
    name: "netops_ingest_batches_total",
    help: "Ingest batches this replica handled: submitted, duplicate (already queued), stored, taken_over (received by another replica), failed (given up)",
    labelNames: ["outcome"] as const,
    registers: [registry],
    collect() {
      this.reset();
      const s = services.ingestQueue.stats;
      this.inc({ outcome: "submitted" }, s.submitted);
      this.inc({ outcome: "duplicate" }, s.duplicates);
      this.inc({ outcome: "stored" }, s.stored);
      this.inc({ outcome: "taken_over" }, s.takenOver);
      this.inc({ outcome: "failed" }, s.failed);
    },
  });
  new Gauge({
    name: "netops_ingest_backlog_batches",
    help: "Ingest batches in the database not stored yet, over all replicas (waiting, claimed or retrying)",
    registers: [registry],
    async collect() {
      this.set(await services.ingestQueue.backlog());
    },
  });
  // Syslog counters live in the receiver; read at scrape time (reset + inc sets a counter's value).
  new Counter({
    name: "netops_syslog_lines_total",
    help: "Syslog lines received, by transport and listener",
    labelNames: ["transport", "listener"] as const,
    registers: [registry],
    collect() {
      this.reset();
      const s = sources.syslog?.();
      if (s?.udp) this.inc({ transport: "udp", listener: s.udp.listener }, s.udp.lines);
      if (s?.tcp) this.inc({ transport: "tcp", listener: s.tcp.listener }, s.tcp.lines);
    },
  });
  new Counter({
    name: "netops_syslog_udp_drops_total",
    help: "Syslog UDP lines lost: by the kernel (receive buffer full) or past the receiver's hand-over queue",
    labelNames: ["listener", "where"] as const,
    registers: [registry],
    collect() {
      this.reset();
      const udp = sources.syslog?.()?.udp;
      if (!udp) return;
      this.inc({ listener: udp.listener, where: "kernel" }, udp.drops.kernel);
      this.inc({ listener: udp.listener, where: "queue" }, udp.drops.queue);
    },
  });
  new Gauge({
    name: "netops_syslog_udp_receive_buffer_bytes",
    help: "SO_RCVBUF of the syslog UDP socket as the kernel reports it",
    labelNames: ["listener"] as const,
    registers: [registry],
    collect() {
      this.reset();
      const udp = sources.syslog?.()?.udp;
      if (udp) this.set({ listener: udp.listener }, udp.bufferBytes);
    },
  });
  const stop = observeProcedures((e) => {
    calls.inc({ procedure: e.path, type: e.type, code: e.code });
    if (e.type !== "subscription") latency.observe({ procedure: e.path, type: e.type }, e.seconds);
  });
  /** A query answered from the list cache counts as a call of each of its procedures, like a computed one. */
  const cachedAnswer = (procedures: readonly string[], seconds: number) => {
    for (const procedure of procedures) {
      calls.inc({ procedure, type: "query", code: "OK" });
      latency.observe({ procedure, type: "query" }, seconds);
    }
  };
  return { registry, http, httpSeconds, cachedAnswer, stop };
}
export type Metrics = ReturnType<typeof createMetrics>;
