/**
 * Webhooks through the running console (scheduler, API, roles): with one receiver hanging, another
 * still gets every alert; a failing receiver whose URL carries a credential (as Slack's and Teams'
 * do) is named in the system alert, and nothing of its secret path or query reaches a viewer or
 * the other receivers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AlertRow, Client, type Harness, startHarness, until } from "./harness";

const servers: Server[] = [];
async function receiver(answer: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => answer(req, res, body));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let h: Harness;
let admin: Client;
let viewer: Client;
const healthyBodies: string[] = [];
let stuckRequests = 0;

beforeAll(async () => {
  // Jobs every 100 ms; a hanging attempt lasts the whole file (60 s timeout), ended by stop().
  h = await startHarness({
    env: {
      NETOPS_JOB_INTERVAL_SECONDS: "0.1",
      NETOPS_WEBHOOK_TIMEOUT_MS: "60000",
      NETOPS_WEBHOOK_MAX_ATTEMPTS: "1",
    },
  });
  admin = new Client(h);
  await admin.login("admin", "admin-password-1");
  await admin.mutate("users.create", { username: "viewer1", password: "viewer-password-1", role: "viewer" });
  viewer = new Client(h);
  await viewer.login("viewer1", "viewer-password-1");
});
afterAll(async () => {
  await h.close();
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** Registers a receiver for every alert, as the admin. */
async function createReceiver(name: string, url: string) {
  const created = await admin.mutate("webhooks.create", {
    name,
    url,
    secret: "a-very-secret-hmac-key",
    minSeverity: "info",
    sendResolved: false,
  });
  expect(created.status).toBe(200);
}

describe("webhook receivers", () => {
  it("a receiver that hangs does not hold up another: the healthy one gets all 10 alerts, in order", async () => {
    const healthy = await receiver((_req, res, body) => {
      healthyBodies.push(body);
      res.end("ok");
    });
    const stuck = await receiver(() => {
      stuckRequests++; // never answered
    });
    await createReceiver("stuck", `${stuck}/hook`);
    await createReceiver("healthy", `${healthy}/hook`);
    // The stuck receiver is hanging on a first alert before the ten are raised.
    await h.app.services.alerts.raise({
      source: "dhcp",
      severity: "info",
      labels: { n: "0" },
      summary: "first",
    });
    await until(() => stuckRequests === 1, "the stuck receiver to hang");
    for (let i = 1; i <= 10; i++)
      await h.app.services.alerts.raise({
        source: "dhcp",
        severity: "warning",
        labels: { n: String(i) },
        summary: `alert ${i}`,
      });
    const summaries = () =>
      healthyBodies.map((b) => (JSON.parse(b) as { alert?: { summary: string } }).alert?.summary);
    await until(
      () => summaries().filter((s) => s?.startsWith("alert ")).length === 10,
      "10 alerts delivered",
    );
    expect(summaries().filter((s) => s?.startsWith("alert "))).toEqual(
      Array.from({ length: 10 }, (_, i) => `alert ${i + 1}`),
    );
    expect(stuckRequests).toBe(1);
  });

  it("the failing-receiver alert names the receiver; viewers and other receivers never see its URL's secret", async () => {
    const secrets = ["T0SECRETWS", "B0SECRETCH", "XoXoSeCrEtPaTh", "QuErYsEcReT", "uSeRsEcReT", "pAsSsEcReT"];
    const failing = await receiver((_req, res) => res.writeHead(500).end());
    // A secret in the path and query (Slack, Teams) and one in the user info (which fetch refuses,
    // with an error message that quotes the whole URL).
    await createReceiver(
      "slack-ops",
      `${failing}/services/${secrets[0]}/${secrets[1]}/${secrets[2]}?token=${secrets[3]}`,
    );
    await createReceiver("basic-ops", failing.replace("http://", `http://${secrets[4]}:${secrets[5]}@`));
    await h.app.services.alerts.raise({
      source: "rdap",
      severity: "warning",
      labels: { server: "x" },
      summary: "something for slack-ops",
    });
    const failingAlerts = await until(async () => {
      const active = (await viewer.query("alerts.active")).data as AlertRow[];
      const mine = active.filter((a) => a.labels.check === "webhook" && a.labels.receiver !== "stuck");
      return mine.length === 2 && mine;
    }, "the receiver-failing alerts");
    const summaries = failingAlerts.map((a) => a.summary).sort();
    expect(summaries[0]).toMatch(/^Webhook receiver basic-ops is failing: /);
    expect(summaries[1]).toBe("Webhook receiver slack-ops is failing: HTTP 500");
    // Everything a viewer can read about alerts, and what the healthy receiver was sent about them.
    await until(
      () => healthyBodies.filter((b) => b.includes("-ops is failing")).length === 2,
      "the failing alerts sent to the healthy receiver",
    );
    // Each alert's page lists its deliveries, with their errors: the rdap alert's include the two
    // failed ones.
    const all = (await viewer.query("alerts.active")).data as AlertRow[];
    const pages = await Promise.all(
      all.map(async (a) => (await viewer.query("alerts.get", { id: a.id })).body),
    );
    expect(JSON.stringify(pages)).toMatch(
      /"receiverName":"basic-ops".*"lastError":"URLs with credentials are not followed"/,
    );
    const seen = JSON.stringify([
      (await viewer.query("alerts.active")).body,
      (await viewer.query("alerts.list", {})).body,
      pages,
      healthyBodies,
    ]);
    expect(seen).toContain("slack-ops");
    expect(seen).toContain("basic-ops");
    for (const s of secrets) expect(seen).not.toContain(s);
    // Admins still see the URL where receivers are managed; viewers cannot list receivers.
    const list = JSON.stringify((await admin.query("webhooks.list")).data);
    for (const s of secrets) expect(list).toContain(s);
    expect((await viewer.query("webhooks.list")).status).toBe(403);
  });
});
