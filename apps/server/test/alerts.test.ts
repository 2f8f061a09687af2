import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Harness, startHarness, until } from "./harness";

/** A local webhook receiver that records requests and answers with scripted statuses. */
class Receiver {
  server: Server;
  requests: { headers: IncomingMessage["headers"]; body: string }[] = [];
  statuses: number[] = [];
  constructor() {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        this.requests.push({ headers: req.headers, body });
        res.writeHead(this.statuses.shift() ?? 200).end("ok");
      });
    });
  }
  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }
  stop() {
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

let h: Harness;
let admin: Client;
let receiver: Receiver;
let hookUrl: string;
const SECRET = "a-very-secret-hmac-key";

beforeAll(async () => {
  receiver = new Receiver();
  hookUrl = await receiver.start();
  // Jobs every 100 ms and a 10 ms backoff base keep the retry test quick without timed assertions.
  h = await startHarness({
    env: {
      NETOPS_JOB_INTERVAL_SECONDS: "0.1",
      NETOPS_WEBHOOK_BACKOFF_MS: "10",
      NETOPS_WEBHOOK_MAX_ATTEMPTS: "3",
    },
  });
  admin = new Client(h);
  await admin.login("admin", "admin-password-1");
});
afterAll(async () => {
  await h.close();
  await receiver.stop();
});

describe("alert lifecycle", () => {
  it("deduplicates repeats by fingerprint: count and last-seen bump, one alert", async () => {
    const { alerts } = h.app.services;
    const a = await alerts.raise({
      source: "dhcp",
      severity: "warning",
      labels: { pool: "p1", server: "s1" },
      summary: "pool p1 at 85%",
    });
    const b = await alerts.raise({
      source: "dhcp",
      severity: "warning",
      labels: { server: "s1", pool: "p1" },
      summary: "pool p1 at 86%",
    });
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.alert.id).toBe(a.alert.id);
    expect(b.alert.count).toBe(2);
    expect(b.alert.summary).toBe("pool p1 at 86%");
    expect(b.alert.lastSeenAt >= a.alert.lastSeenAt).toBe(true);
    const other = await alerts.raise({
      source: "dhcp",
      severity: "warning",
      labels: { pool: "p2", server: "s1" },
      summary: "p2",
    });
    expect(other.alert.id).not.toBe(a.alert.id);
  });

  it("acknowledge keeps it active; auto-resolve when the condition clears; a new occurrence is a new alert", async () => {
    const { alerts } = h.app.services;
    const labels = { zone: "example.", check: "zonemd" };
    const { alert } = await alerts.raise({
      source: "zonemd",
      severity: "critical",
      labels,
      summary: "digest mismatch",
    });
    const ack = await admin.mutate("alerts.acknowledge", { id: alert.id, note: "looking" });
    expect(ack.data).toMatchObject({ state: "acknowledged", acknowledgedBy: "admin" });
    const repeat = await alerts.raise({
      source: "zonemd",
      severity: "critical",
      labels,
      summary: "digest mismatch",
    });
    expect(repeat.alert).toMatchObject({ id: alert.id, state: "acknowledged", count: 2 });
    const cleared = await alerts.clear("zonemd", labels);
    expect(cleared).toMatchObject({ id: alert.id, state: "resolved", resolvedBy: "auto" });
    const again = await alerts.raise({
      source: "zonemd",
      severity: "critical",
      labels,
      summary: "digest mismatch",
    });
    expect(again.created).toBe(true);
    const detail = (await admin.query("alerts.get", { id: alert.id })).data as {
      events: { kind: string; actor: string | null }[];
    };
    expect(detail.events.map((e) => e.kind)).toEqual(["fired", "acknowledged", "resolved"]);
    // History is kept: resolved alerts stay listable.
    const resolved = (await admin.query("alerts.list", { state: ["resolved"], source: ["zonemd"] })).data as {
      items: { id: number }[];
    };
    expect(resolved.items.map((i) => i.id)).toContain(alert.id);
  });

  it("reconcile raises what holds and resolves what no longer does, within its scope only", async () => {
    const { alerts } = h.app.services;
    await alerts.reconcile("bgp", { router: "r1" }, [
      { source: "bgp", severity: "warning", labels: { router: "r1", peer: "a" }, summary: "a down" },
      { source: "bgp", severity: "warning", labels: { router: "r1", peer: "b" }, summary: "b down" },
    ]);
    await alerts.raise({
      source: "bgp",
      severity: "warning",
      labels: { router: "r2", peer: "a" },
      summary: "r2 a down",
    });
    await alerts.reconcile("bgp", { router: "r1" }, [
      { source: "bgp", severity: "warning", labels: { router: "r1", peer: "b" }, summary: "b down" },
    ]);
    const active = (await alerts.active())
      .filter((a) => a.source === "bgp")
      .map((a) => `${a.labels.router}/${a.labels.peer}`);
    expect(active.sort()).toEqual(["r1/b", "r2/a"]);
  });

  it("silences match on source and labels, hide alerts from on-call, and expire", async () => {
    const { alerts } = h.app.services;
    const { alert } = await alerts.raise({
      source: "dhcp",
      severity: "critical",
      labels: { pool: "lab-silenced" },
      summary: "full",
    });
    const preview = await admin.query("silences.preview", {
      matchers: [{ name: "pool", op: "=~", value: "lab-.*" }],
    });
    expect(preview.data).toContain(alert.id);
    const s = await admin.mutate("silences.create", {
      matchers: [
        { name: "source", op: "=", value: "dhcp" },
        { name: "pool", op: "=~", value: "lab-.*" },
      ],
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      comment: "lab maintenance",
    });
    expect(s.status).toBe(200);
    const sid = (s.data as { id: string }).id;
    const overview = (await admin.query("system.overview")).data as { active: { id: number }[] };
    expect(overview.active.map((a) => a.id)).not.toContain(alert.id);
    const listed = (await admin.query("alerts.list", { silenced: "only" })).data as {
      items: { id: number; silencedBy: string[] }[];
    };
    expect(listed.items.find((i) => i.id === alert.id)?.silencedBy).toEqual([sid]);
    await admin.mutate("silences.expire", { id: sid });
    const after = (await admin.query("system.overview")).data as { active: { id: number }[] };
    expect(after.active.map((a) => a.id)).toContain(alert.id);
  });

  it("refuses silences without matchers, with bad regexes, or ending in the past", async () => {
    const base = { endsAt: new Date(Date.now() + 60_000).toISOString(), comment: "x" };
    expect((await admin.mutate("silences.create", { ...base, matchers: [] })).status).toBe(400);
    const re = await admin.mutate("silences.create", {
      ...base,
      matchers: [{ name: "a", op: "=~", value: "(" }],
    });
    expect(re.status).toBe(400);
    expect(re.error?.data.issues?.[0]?.path).toBe("matchers.0.value");
    const past = await admin.mutate("silences.create", {
      ...base,
      endsAt: "2020-01-01T00:00:00Z",
      matchers: [{ name: "a", op: "=", value: "b" }],
    });
    expect(past.status).toBe(400);
  });

  it("acknowledging a resolved alert is a conflict, an unknown one is 404", async () => {
    const { alert } = await h.app.services.alerts.raise({
      source: "epp",
      severity: "info",
      labels: { t: "conflict" },
      summary: "x",
    });
    await h.app.services.alerts.clear("epp", { t: "conflict" });
    expect((await admin.mutate("alerts.acknowledge", { id: alert.id })).status).toBe(409);
    expect((await admin.mutate("alerts.acknowledge", { id: 987654 })).status).toBe(404);
  });
});

describe("webhook notifications", () => {
  it("signs deliveries with HMAC-SHA256, retries with backoff after failures, and logs each delivery", async () => {
    const created = await admin.mutate("webhooks.create", {
      name: "pager",
      url: hookUrl,
      secret: SECRET,
      minSeverity: "warning",
      sources: ["rdap"],
    });
    expect(created.status).toBe(200);
    expect(JSON.stringify(created.body)).not.toContain(SECRET);
    receiver.statuses = [503, 500];
    const before = receiver.requests.length;
    const { alert } = await h.app.services.alerts.raise({
      source: "rdap",
      severity: "critical",
      labels: { server: "lab" },
      summary: "rdap down",
    });
    await until(async () => receiver.requests.length >= before + 3, "three attempts");
    const last = receiver.requests[receiver.requests.length - 1]!;
    const sig = String(last.headers["x-netops-signature"]);
    const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig);
    expect(m).not.toBeNull();
    const expected = createHmac("sha256", SECRET).update(`${m![1]}.${last.body}`).digest("hex");
    expect(m![2]).toBe(expected);
    const payload = JSON.parse(last.body);
    expect(payload).toMatchObject({
      version: "1",
      event: "firing",
      alert: { id: alert.id, source: "rdap", severity: "critical" },
    });
    expect(payload.alert.url).toMatch(new RegExp(`/alerts/${alert.id}$`));
    const log = await until(async () => {
      const d = (await admin.query("webhooks.deliveries", {})).data as {
        alertId: number;
        status: string;
        attempts: number;
        lastStatus: number;
      }[];
      return d.find((x) => x.alertId === alert.id && x.status === "delivered");
    }, "delivered status");
    expect(log).toMatchObject({ attempts: 3, lastStatus: 200 });
  });

  it("routes by severity and source", async () => {
    const before = receiver.requests.length;
    await h.app.services.alerts.raise({
      source: "rdap",
      severity: "info",
      labels: { x: "too-low" },
      summary: "info only",
    });
    await h.app.services.alerts.raise({
      source: "dhcp",
      severity: "critical",
      labels: { x: "other-source" },
      summary: "dhcp",
    });
    // Both are filtered out at enqueue time: no delivery rows for this receiver.
    const d = (await admin.query("webhooks.deliveries", {})).data as {
      receiverName: string;
      alertId: number;
    }[];
    const pagerAlerts = new Set(d.filter((x) => x.receiverName === "pager").map((x) => x.alertId));
    const infos = (await h.app.services.alerts.list({ q: "info only" })).items.map((i) => i.id);
    expect(infos.some((id) => pagerAlerts.has(id))).toBe(false);
    expect(receiver.requests.length).toBe(before);
  });

  it("gives up after the last attempt and raises a system alert, which clears after a good delivery", async () => {
    receiver.statuses = [500, 500, 500];
    await h.app.services.alerts.raise({
      source: "rdap",
      severity: "warning",
      labels: { server: "flaky" },
      summary: "flaky",
    });
    const failing = await until(
      async () =>
        (await h.app.services.alerts.active()).find(
          (a) => a.labels.check === "webhook" && a.labels.receiver === "pager",
        ),
      "webhook failure alert",
    );
    expect(failing.source).toBe("system");
    expect(failing.summary).toMatch(/pager is failing: HTTP 500/);
    const receivers = (await admin.query("webhooks.list")).data as { id: string; name: string }[];
    const pager = receivers.find((r) => r.name === "pager")!;
    await admin.mutate("webhooks.test", { id: pager.id });
    await until(
      async () => (await h.app.services.alerts.get(failing.id))?.alert.state === "resolved",
      "auto-resolve",
    );
  });

  it("does not follow redirects and treats 4xx as permanent", async () => {
    receiver.statuses = [302];
    const receivers = (await admin.query("webhooks.list")).data as { id: string; name: string }[];
    const pager = receivers.find((r) => r.name === "pager")!;
    const before = receiver.requests.length;
    const r = await admin.mutate("webhooks.test", { id: pager.id });
    const id = (r.data as { deliveryId: number }).deliveryId;
    const d = await until(async () => {
      const list = (await admin.query("webhooks.deliveries", { receiverId: pager.id })).data as {
        id: number;
        status: string;
        lastError: string;
        attempts: number;
      }[];
      return list.find((x) => x.id === id && x.status === "failed");
    }, "failed delivery");
    expect(d.attempts).toBe(1);
    expect(d.lastError).toMatch(/redirect not followed/);
    expect(receiver.requests.length).toBe(before + 1);
    // Issue 15 item 1: the audit entry carries the receiver's answer; a refused test is not "ok".
    const entry = await h.app.services.db.auditEntry.findFirst({
      where: { action: "webhooks.test" },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ ok: false, resultCode: 302 });
    expect(entry?.resultText).toMatch(/redirect not followed/);
  });

  // Viewers read deliveries on alert pages: a refused, filtered or silent port reads the same (the
  // outbound client's text); the precise cause (ECONNREFUSED) goes to the server log.
  it("words a failed attempt like every outbound failure, without the network error", async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const created = await admin.mutate("webhooks.create", {
      name: "closed-port",
      url: `http://127.0.0.1:${port}/`,
      secret: SECRET,
      minSeverity: "info",
    });
    const id = (created.data as { id: string }).id;
    await admin.mutate("webhooks.test", { id });
    const d = await until(async () => {
      const list = (await admin.query("webhooks.deliveries", { receiverId: id })).data as {
        lastError: string | null;
      }[];
      return list[0]?.lastError ? list[0] : null;
    }, "a failed attempt");
    expect(d.lastError).toBe(`could not reach 127.0.0.1:${port}: connection failed`);
    await admin.mutate("webhooks.remove", { id });
  });

  it("refuses receiver URLs that are not http(s)", async () => {
    const r = await admin.mutate("webhooks.create", {
      name: "bad",
      url: "file:///etc/passwd",
      secret: SECRET,
    });
    expect(r.status).toBe(400);
    expect(r.error?.data.issues?.[0]?.path).toBe("url");
  });
});

describe("system alerts from background jobs", () => {
  it("a failing job raises a system alert that resolves when the job succeeds again", async () => {
    const { jobs, alerts } = h.app.services;
    const r = await jobs.run("probe", async () => {
      throw new Error("disk on fire");
    });
    expect(r).toEqual({ ok: false, error: "disk on fire" });
    const a = (await alerts.active()).find((x) => x.labels.job === "probe");
    expect(a).toMatchObject({
      source: "system",
      severity: "warning",
      summary: "Background job probe failed",
      details: "disk on fire",
    });
    await jobs.run("probe", async () => {});
    expect((await alerts.get(a!.id))?.alert.state).toBe("resolved");
    const info = (await admin.query("system.info")).data as { jobs: { job: string; ok: boolean }[] };
    expect(info.jobs.find((j) => j.job === "probe")?.ok).toBe(true);
  });
});

describe("live updates over SSE", () => {
  it("pushes an event to a subscribed browser when an alert changes", async () => {
    const ac = new AbortController();
    const res = await fetch(`${h.url}/api/trpc/alerts.onChange`, {
      headers: { cookie: admin.cookie, accept: "text/event-stream" },
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = "";
    const read = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        text += new TextDecoder().decode(value);
      }
    };
    await read('"hello"');
    const { alert } = await h.app.services.alerts.raise({
      source: "bgp",
      severity: "info",
      labels: { sse: "1" },
      summary: "sse",
    });
    await read(`"alertId":${alert.id}`);
    ac.abort();
  });

  it("refuses the subscription without a session", async () => {
    const res = await fetch(`${h.url}/api/trpc/alerts.onChange`);
    expect(res.status).toBe(401);
  });
});

describe("metrics", () => {
  it("exposes process, per-procedure and alert metrics to an authenticated scraper", async () => {
    const res = await fetch(`${h.url}/metrics`, { headers: { cookie: admin.cookie } });
    const text = await res.text();
    expect(text).toMatch(/netops_process_cpu_user_seconds_total/);
    expect(text).toMatch(
      /netops_api_requests_total\{procedure="alerts.list",type="query",code="OK",replica="[^"]+"\} \d+/,
    );
    expect(text).toMatch(
      /netops_api_request_duration_seconds_bucket\{le="0.005",replica="[^"]+",procedure="auth.login",type="mutation"\}/,
    );
    expect(text).toMatch(
      /netops_alerts\{source="dhcp",severity="warning",state="firing",replica="[^"]+"\} \d+/,
    );
  });
});
