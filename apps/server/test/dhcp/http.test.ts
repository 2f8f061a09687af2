import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { request } from "node:http";
import path from "node:path";
import { KEA_V4_COLUMNS, keaEscape } from "@netops/protocols/dhcp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../csv";
import { Client, type Harness, startHarness } from "../harness";

// The streamed CSV export route and the DHCP router's role checks and audit entries, through a real
// console on loopback (HTTP, sessions, tokens, the SQLite file).

const EXPORT = "/api/export/dhcp/leases.csv";
const N = 2_345; // more than four of the export's 500-row pages
const TRICKY = ['a,b "c"', "line1\nline2", "=HYPERLINK(1)", 'q"', "cr\rlf"];

let h: Harness;
let admin: Client;
let oper: Client;
let viewer: Client;
let sourceId: number;
let leaseFile: string;
/** The lease-file folder the console is configured with (NETOPS_DHCP_LEASE_DIRS). */
let leaseDir: string;

function get(p: string, headers: Record<string, string> = {}) {
  return fetch(`${h.url}${p}`, { headers });
}

beforeAll(async () => {
  leaseDir = mkdtempSync(path.join(tmpdir(), "netops-leases-"));
  h = await startHarness({
    env: { NETOPS_DHCP_LEASE_DIRS: leaseDir },
    yaml: ["dhcp:", '  keaAgents: ["127.0.0.1:8000"]', '  keaSocketDirs: ["/run/kea"]'].join("\n"),
  });
  admin = new Client(h);
  await admin.login("admin", "admin-password-1");
  await admin.mutate("users.create", { username: "dview", password: "viewer-password-1", role: "viewer" });
  await admin.mutate("users.create", { username: "doper", password: "operator-password", role: "operator" });
  viewer = new Client(h);
  await viewer.login("dview", "viewer-password-1");
  oper = new Client(h);
  await oper.login("doper", "operator-password");

  const now = Math.floor(Date.now() / 1000);
  const rows = [KEA_V4_COLUMNS.join(",")];
  for (let i = 0; i < N; i++) {
    const host =
      i < TRICKY.length ? keaEscape(TRICKY[i]!).replace(/\n/g, "&#x0a").replace(/\r/g, "&#x0d") : `h${i}`;
    const state = i % 10 === 0 ? 1 : 0; // every tenth declined
    rows.push(
      `10.1.${i >> 8}.${i & 255},02:00:00:00:${(i >> 8).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")},,3600,${now + 3600},1,0,0,${host},${state},,0`,
    );
  }
  leaseFile = path.join(leaseDir, "kea-leases4.csv");
  writeFileSync(leaseFile, `${rows.join("\n")}\n`);
  const created = await admin.mutate("dhcp.createSource", {
    name: "export-kea",
    kind: "kea-memfile",
    location: leaseFile,
  });
  sourceId = (created.data as { id: number }).id;
  const polled = await oper.mutate("dhcp.pollNow", { id: sourceId });
  expect(polled.data).toMatchObject({ ok: true, upserted: N });
});
afterAll(async () => {
  await h.close();
  rmSync(leaseDir, { recursive: true, force: true });
});

describe("GET /api/export/dhcp/leases.csv", () => {
  it("needs a login: 401 without a session or token, 404 for an unknown export, 405 for POST", async () => {
    const anon = await get(EXPORT);
    expect(anon.status).toBe(401);
    expect(await anon.text()).not.toContain("10.1.");
    expect(
      (await get(`${EXPORT}?state=bound`, { authorization: "Bearer secret-token:netops_nope" })).status,
    ).toBe(401);
    expect((await get("/api/export/dhcp/nothing.csv", { cookie: viewer.cookie })).status).toBe(404);
    const post = await fetch(`${h.url}${EXPORT}`, { method: "POST", headers: { cookie: viewer.cookie } });
    expect(post.status).toBe(405);
  });

  it("streams every lease of the filter across keyset pages, in address order, with a filename", async () => {
    const r = await get(EXPORT, { cookie: viewer.cookie });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(r.headers.get("content-disposition")).toMatch(
      /^attachment; filename="dhcp-leases-\d{8}T\d{6}Z\.csv"$/,
    );
    const rows = parseCsv(await r.text());
    expect(rows[0]).toEqual([
      "address",
      "prefix_length",
      "type",
      "hw_address",
      "client_id",
      "iaid",
      "hostname",
      "state",
      "starts",
      "ends",
      "cltt",
      "subnet_id",
      "source",
    ]);
    const body = rows.slice(1);
    expect(body).toHaveLength(N);
    expect(new Set(body.map((x) => x[0])).size).toBe(N);
    // Numeric order: 10.1.0.2 before 10.1.0.10 before 10.1.1.0.
    expect(body.slice(0, 3).map((x) => x[0])).toEqual(["10.1.0.0", "10.1.0.1", "10.1.0.2"]);
    expect(body[256]![0]).toBe("10.1.1.0");
    expect(body.every((x) => x.length === 13 && x[12] === "export-kea")).toBe(true);
  });

  it("escapes commas, quotes and line breaks, and defuses spreadsheet formulas in hostnames", async () => {
    const r = await get(`${EXPORT}?cidr=10.1.0.0/29`, { cookie: viewer.cookie });
    const text = await r.text();
    expect(text).toContain('"a,b ""c"""');
    expect(text).toContain('"line1\nline2"');
    const rows = parseCsv(text).slice(1);
    expect(rows.map((x) => x[6])).toEqual([
      ...TRICKY.slice(0, 2),
      "'=HYPERLINK(1)",
      'q"',
      "cr\rlf",
      "h5",
      "h6",
      "h7",
    ]);
  });

  it("applies the page's URL filters (state, cidr, hostname, source) with an API token too", async () => {
    const tok = await admin.mutate("tokens.create", { name: "export-test" });
    const token = (tok.data as { token: string }).token;
    const auth = { authorization: `Bearer ${token}` };
    const declined = parseCsv(await (await get(`${EXPORT}?state=declined&source=${sourceId}`, auth)).text());
    expect(declined.length - 1).toBe(Math.ceil(N / 10));
    expect(declined.slice(1).every((x) => x[7] === "declined")).toBe(true);
    const hosts = parseCsv(await (await get(`${EXPORT}?hostname=H12&cidr=10.1.0.0/24`, auth)).text());
    expect(hosts.slice(1).map((x) => x[6])).toEqual([
      "h12",
      "h120",
      "h121",
      "h122",
      "h123",
      "h124",
      "h125",
      "h126",
      "h127",
      "h128",
      "h129",
    ]);
  });

  it("refuses a filter the API would refuse, naming the parameter (no silently wider export)", async () => {
    for (const [q, msg] of [
      ["state=bogus", /^state\.0: /],
      ["cidr=10.1.0.0/99", /^cidr: not an address or CIDR prefix/],
      ["source=abc", /^source\.0: /],
      ["colour=red", /^colour: unknown parameter/],
      ["mac=aa&mac=bb", /^mac: given more than once/],
    ] as const) {
      const r = await get(`${EXPORT}?${q}`, { cookie: viewer.cookie });
      expect(r.status, q).toBe(400);
      const body = (await r.json()) as { error: { issues: string[] } };
      expect(body.error.issues[0], q).toMatch(msg);
    }
  });

  it("survives a reader that pauses mid-stream and then hangs up", async () => {
    const u = new URL(h.url);
    const got = await new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      const req = request(
        { host: u.hostname, port: u.port, path: EXPORT, headers: { cookie: viewer.cookie } },
        (res) => {
          res.pause(); // read nothing: the server must wait on 'drain', not buffer the export
          let bytes = 0;
          res.once("data", (c: Buffer) => {
            bytes += c.length;
          });
          setImmediate(() => {
            res.resume();
            res.once("data", (c: Buffer) => {
              bytes += c.length;
              req.destroy();
              resolve({ status: res.statusCode ?? 0, bytes });
            });
          });
        },
      );
      req.on("error", (e) => (e.message.includes("socket hang up") ? undefined : reject(e)));
      req.end();
    });
    expect(got.status).toBe(200);
    expect(got.bytes).toBeGreaterThan(0);
    // The server is still healthy and serves the next export whole.
    const again = parseCsv(await (await get(EXPORT, { cookie: viewer.cookie })).text());
    expect(again).toHaveLength(N + 1);
  });
});

describe("DHCP router roles and audit", () => {
  it("a viewer calling any DHCP mutation gets 403, an operator gets 403 on the admin ones", async () => {
    for (const [proc, input] of [
      ["dhcp.createSource", { name: "v-src", kind: "kea-memfile", location: "/tmp/x.csv" }],
      ["dhcp.setSourceEnabled", { id: sourceId, enabled: false }],
      ["dhcp.deleteSource", { id: sourceId }],
      ["dhcp.pollNow", { id: sourceId }],
      ["dhcp.addSubnet", { sourceId, cidr: "10.1.0.0/16", pools: ["10.1.0.0-10.1.9.255"] }],
      ["dhcp.setPoolThresholds", { poolId: 1, warnPct: 50, critPct: 60 }],
    ] as const) {
      const r = await viewer.mutate(proc, input);
      expect(r.status, proc).toBe(403);
    }
    for (const [proc, input] of [
      ["dhcp.createSource", { name: "o-src", kind: "kea-memfile", location: "/tmp/x.csv" }],
      ["dhcp.setSourceEnabled", { id: sourceId, enabled: false }],
      ["dhcp.deleteSource", { id: sourceId }],
    ] as const) {
      expect((await oper.mutate(proc, input)).status, proc).toBe(403);
    }
    const src = (await viewer.query("dhcp.overview")).data as {
      sources: { name: string; enabled: boolean }[];
    };
    expect(src.sources.find((s) => s.name === "export-kea")?.enabled).toBe(true);
  });

  it("takes a Kea API source as a Control Agent URL or a control socket path, and says what else is wrong", async () => {
    for (const location of ["ftp://kea.example/", "kea.example:8000", "run/kea/kea4-ctrl-socket"]) {
      const r = await admin.mutate("dhcp.createSource", { name: "k-bad", kind: "kea-api", location });
      expect(r.status, location).toBe(400);
      expect(r.error?.data.issues).toMatchObject([
        {
          path: "location",
          message:
            "a Kea Control Agent URL (http:// or https://) or the absolute path of a Kea control socket",
        },
      ]);
    }
    for (const [name, location] of [
      ["k-agent", "http://127.0.0.1:8000/"],
      ["k-socket", "/run/kea/kea4-ctrl-socket"],
    ]) {
      const r = await admin.mutate("dhcp.createSource", {
        name,
        kind: "kea-api",
        location,
        service: "dhcp4",
      });
      expect(r.status, location).toBe(200);
      expect((await admin.mutate("dhcp.deleteSource", { id: (r.data as { id: number }).id })).status).toBe(
        200,
      );
    }
    // Only the configured agent's port and socket folder (dhcp.keaAgents, dhcp.keaSocketDirs).
    for (const [location, message] of [
      ["http://127.0.0.1:8001/", "location: 127.0.0.1:8001 is not an allowed destination (dhcp.keaAgents)"],
      ["http://0x7f000001:22/", "location: 127.0.0.1:22 is not an allowed destination (dhcp.keaAgents)"],
      [
        "/tmp/kea4-ctrl-socket",
        "location: /tmp/kea4-ctrl-socket is outside the configured Kea socket folders (dhcp.keaSocketDirs)",
      ],
    ]) {
      const r = await admin.mutate("dhcp.createSource", { name: "k-other", kind: "kea-api", location });
      expect(r.status, location).toBe(400);
      expect(r.error?.message).toBe(message);
    }
  });

  it("writes an audit entry with before/after for each DHCP change", async () => {
    const subnet = await oper.mutate("dhcp.addSubnet", {
      sourceId,
      cidr: "10.1.0.0/20",
      pools: ["10.1.0.0-10.1.9.255"],
      sharedNetwork: "campus",
    });
    expect(subnet.status).toBe(200);
    const ov = (await viewer.query("dhcp.overview")).data as { pools: { poolId: number; subnet: string }[] };
    const pool = ov.pools.find((p) => p.subnet === "10.1.0.0/20");
    expect(pool).toBeDefined();
    expect(
      (await oper.mutate("dhcp.setPoolThresholds", { poolId: pool!.poolId, warnPct: 50, critPct: 70 }))
        .status,
    ).toBe(200);
    expect((await admin.mutate("dhcp.setSourceEnabled", { id: sourceId, enabled: false })).status).toBe(200);
    const extra = await admin.mutate("dhcp.createSource", {
      name: "audit-src",
      kind: "dnsmasq-leases",
      location: path.join(leaseDir, "none.leases"),
    });
    expect((await admin.mutate("dhcp.deleteSource", { id: (extra.data as { id: number }).id })).status).toBe(
      200,
    );

    const list = (await admin.query("audit.list", { action: "dhcp." })).data as {
      items: {
        actorName: string;
        action: string;
        target: string;
        before: unknown;
        after: unknown;
        ok: boolean;
      }[];
    };
    const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);
    const find = (action: string, target?: string) =>
      list.items.find((e) => e.action === action && e.ok && (!target || e.target === target));
    expect(find("dhcp.addSubnet")).toMatchObject({
      actorName: "doper",
      target: "dhcp-subnet:export-kea:10.1.0.0/20",
    });
    expect(json(find("dhcp.addSubnet")!.after)).toMatchObject({
      cidr: "10.1.0.0/20",
      sharedNetwork: "campus",
    });
    const th = find("dhcp.setPoolThresholds")!;
    expect(th.target).toBe("dhcp-pool:10.1.0.0-10.1.9.255");
    expect(json(th.before)).toEqual({ warnPct: null, critPct: null });
    expect(json(th.after)).toEqual({ warnPct: 50, critPct: 70 });
    const en = find("dhcp.setSourceEnabled")!;
    expect(en.actorName).toBe("admin");
    expect(json(en.after)).toMatchObject({ enabled: false });
    expect(find("dhcp.createSource", "dhcp-source:audit-src")).toBeDefined();
    expect(json(find("dhcp.deleteSource", "dhcp-source:audit-src")!.before)).toMatchObject({
      kind: "dnsmasq-leases",
    });
    // Refused calls are audited too, as failures.
    const refused = (await admin.query("audit.list", { action: "dhcp.deleteSource", actor: "dview" }))
      .data as {
      items: { ok: boolean }[];
    };
    expect(refused.items.length).toBeGreaterThan(0);
    expect(refused.items.every((e) => !e.ok)).toBe(true);
  });
});
