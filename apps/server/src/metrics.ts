import { observeProcedures, type Services } from "@netops/api";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Prometheus metrics: process, API calls per procedure, and alert counts read at scrape time. */
export function createMetrics(services: Services) {
  const registry = new Registry();
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
  new Gauge({
    name: "netops_alerts",
    help: "Alerts by source, severity and state",
    labelNames: ["source", "severity", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const c of await services.alerts.counts()) {
        this.set({ source: c.source, severity: c.severity, state: c.state }, c.count);
      }
    },
  });
  new Gauge({
    name: "netops_live_subscribers",
    help: "Open live-update (SSE) subscriptions",
    registers: [registry],
    collect() {
      this.set(services.bus.listenerCount());
    },
  });
  const stop = observeProcedures((e) => {
    calls.inc({ procedure: e.path, type: e.type, code: e.code });
    if (e.type !== "subscription") latency.observe({ procedure: e.path, type: e.type }, e.seconds);
  });
  return { registry, http, stop };
}
export type Metrics = ReturnType<typeof createMetrics>;
