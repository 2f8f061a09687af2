/**
 * The console's EPP session code against the LAB registry over real TLS on loopback: login with
 * client certificate, the RFC 5732 host rules, sponsorship, the poll queue, persistence,
 * redaction, keepalive, reconnect and backoff.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { registry } from "@netops/api";
import { NS } from "@netops/protocols/epp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLabPki } from "@netops/labs/epp/ca";
import { type LabHarness, ME, OTHER, PW, startLab } from "./lab-harness";

const { EppPool, EppSession, EppSessionError } = registry;
type Session = registry.EppSession;

async function until(fn: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (fn()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function failure(p: Promise<unknown>): Promise<InstanceType<typeof EppSessionError>> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EppSessionError);
  return e as InstanceType<typeof EppSessionError>;
}

let h: LabHarness;
let a: Session;
let b: Session;

beforeAll(async () => {
  h = await startLab();
  a = await EppSession.open(h.config(ME), h.sink);
  b = await EppSession.open(h.config(OTHER), h.sink);
  const created = await a.command({
    cmd: "domain:create",
    name: "alpha.example",
    contacts: [],
    registrant: "c-a",
    authInfo: { pw: "domain-secret-xyz" },
  });
  expect(created.code).toBe(1000);
});

afterAll(async () => {
  await a?.logout();
  await b?.logout();
  await h?.close();
});

describe("session to the lab registry", () => {
  it("logs in over TLS with the negotiated objects and reads the greeting", () => {
    expect(a.state).toBe("ready");
    expect(a.greeting.svID).toContain("LAB");
    expect(a.negotiated.objURIs).toEqual([NS.host, NS.domain, NS.contact]);
    expect(["TLSv1.2", "TLSv1.3"]).toContain(a.tlsVersion);
  });

  it("creates a host with glue under its own domain, links it, and is refused deletion with 2305", async () => {
    const c = await a.command({
      cmd: "host:create",
      name: "ns1.alpha.example",
      addrs: [
        { ip: "v4", address: "192.0.2.1" },
        { ip: "v6", address: "2001:DB8:0:0::1" },
      ],
    });
    expect(c.code).toBe(1000);
    const info = await a.command({ cmd: "host:info", name: "ns1.alpha.example" });
    const host = info.response.resData[0];
    expect(host?.kind).toBe("host:infData");
    if (host?.kind !== "host:infData") return;
    // Stored canonically (RFC 5952).
    expect(host.host.addrs).toEqual([
      { ip: "v4", address: "192.0.2.1" },
      { ip: "v6", address: "2001:db8::1" },
    ]);
    expect(host.host.statuses.map((s) => s.s)).toEqual(["ok"]);

    const upd = await a.command({
      cmd: "domain:update",
      name: "alpha.example",
      add: { ns: { hostObj: ["ns1.alpha.example"] }, contacts: [], statuses: [] },
      rem: { contacts: [], statuses: [] },
    });
    expect(upd.code).toBe(1000);
    const linked = await a.command({ cmd: "host:info", name: "ns1.alpha.example" });
    const l = linked.response.resData[0];
    expect(l?.kind === "host:infData" && l.host.statuses.map((s) => s.s)).toEqual(["ok", "linked"]);

    const del = await a.command({ cmd: "host:delete", name: "ns1.alpha.example" });
    expect(del.code).toBe(2305);
    expect(del.ok).toBe(false);
    expect(del.message).toContain("name server of alpha.example");
    expect(del.explanation).toMatch(/Other objects refer to this one/);
    expect(a.state).toBe("ready");
  });

  it("refuses glue for an external host (2306) and a host under a missing domain (2303)", async () => {
    const ext = await a.command({
      cmd: "host:create",
      name: "ns.elsewhere.net",
      addrs: [{ ip: "v4", address: "192.0.2.9" }],
    });
    expect(ext.code).toBe(2306);
    expect(ext.message).toContain("outside this registry");
    const noParent = await a.command({ cmd: "host:create", name: "ns1.nowhere.example", addrs: [] });
    expect(noParent.code).toBe(2303);
    const bad = await a.command({
      cmd: "host:create",
      name: "ns1.alpha.example",
      addrs: [{ ip: "v4", address: "192.0.2.300" }],
    });
    expect(bad.code).toBe(2005);
    const extOk = await a.command({ cmd: "host:create", name: "ns.elsewhere.net", addrs: [] });
    expect(extOk.code).toBe(1000);
  });

  it("lets only the sponsoring client change or delete a host (2201)", async () => {
    const upd = await b.command({
      cmd: "host:update",
      name: "ns.elsewhere.net",
      add: { addrs: [], statuses: [{ s: "clientDeleteProhibited" }] },
      rem: { addrs: [], statuses: [] },
    });
    expect(upd.code).toBe(2201);
    expect(upd.message).toContain(`sponsored by ${ME}`);
    const del = await b.command({ cmd: "host:delete", name: "ns.elsewhere.net" });
    expect(del.code).toBe(2201);
    const inB = await b.command({ cmd: "host:create", name: "ns2.alpha.example", addrs: [] });
    expect(inB.code).toBe(2201);
    const ok = await a.command({ cmd: "host:delete", name: "ns.elsewhere.net" });
    expect(ok.code).toBe(1000);
  });

  it("queues a transfer request for the losing registrar; poll and ack drain the queue", async () => {
    const bad = await b.command({
      cmd: "domain:transfer",
      op: "request",
      name: "alpha.example",
      authInfo: { pw: "wrong" },
    });
    expect(bad.code).toBe(2202);
    const req = await b.command({
      cmd: "domain:transfer",
      op: "request",
      name: "alpha.example",
      authInfo: { pw: "domain-secret-xyz" },
    });
    expect(req.code).toBe(1001);
    h.lab.enqueueServerMessage(ME, "maintenance on Sunday");

    const first = await a.command({ cmd: "poll", op: "req" });
    expect(first.code).toBe(1301);
    expect(first.response.msgQ?.count).toBe(2);
    expect(first.response.msgQ?.msg).toContain("requested by registrar-b");
    const trn = first.response.resData[0];
    expect(trn?.kind === "domain:trnData" && trn.transfer).toMatchObject({
      name: "alpha.example",
      trStatus: "pending",
      reID: OTHER,
      acID: ME,
    });
    const id1 = first.response.msgQ?.id ?? "";

    const ack1 = await a.command({ cmd: "poll", op: "ack", msgID: id1 });
    expect(ack1.code).toBe(1000);
    expect(ack1.response.msgQ?.count).toBe(1);
    const second = await a.command({ cmd: "poll", op: "req" });
    expect(second.response.msgQ?.msg).toBe("maintenance on Sunday");
    const again = await a.command({ cmd: "poll", op: "ack", msgID: id1 });
    expect(again.code).toBe(2303);
    await a.command({ cmd: "poll", op: "ack", msgID: second.response.msgQ?.id ?? "" });
    expect((await a.command({ cmd: "poll", op: "req" })).code).toBe(1300);

    const reject = await a.command({ cmd: "domain:transfer", op: "reject", name: "alpha.example" });
    expect(reject.code).toBe(1000);
    const toB = await b.command({ cmd: "poll", op: "req" });
    expect(toB.response.msgQ?.msg).toContain("rejected");
  });

  it("keeps passwords and authInfo out of every transcript entry", () => {
    const login = h.transcript.find((t) => t.command === "login");
    expect(login?.requestXml).toContain("[redacted]");
    expect(login?.code).toBe(1000);
    expect(login?.svTRID).toMatch(/^LAB-/);
    expect(login?.clTRID).toMatch(/^NETOPS-/);
    const all = JSON.stringify(h.transcript);
    for (const secret of [PW[ME], PW[OTHER], "domain-secret-xyz"]) expect(all).not.toContain(secret);
    const hostHistory = h.transcript
      .filter((t) => t.object === "ns1.alpha.example")
      .map((t) => `${t.command} ${t.code}`);
    expect(hostHistory).toEqual(expect.arrayContaining(["host:create 1000", "host:delete 2305"]));
  });

  it("runs concurrent commands one at a time, each answer matched to its clTRID", async () => {
    const names = ["c1", "c2", "c3", "c4", "c5"].map((n) => `${n}.alpha.example`);
    const results = await Promise.all(names.map((n) => a.command({ cmd: "host:check", names: [n] })));
    results.forEach((r, i) => {
      const d = r.response.resData[0];
      expect(d?.kind === "host:chkData" && d.items[0]?.name).toBe(names[i]);
      expect(r.response.trID.clTRID).toBe(r.transaction.clTRID);
    });
  });

  it("persists objects in its SQLite file across a restart", async () => {
    await h.restart();
    const s = await EppSession.open(h.config(ME), h.sink);
    const info = await s.command({ cmd: "host:info", name: "ns1.alpha.example" });
    expect(info.code).toBe(1000);
    await s.logout();
    // The old sessions died with the old server.
    await until(() => a.state !== "ready", "the old session to notice the restart");
    a = await EppSession.open(h.config(ME), h.sink);
    b = await EppSession.open(h.config(OTHER), h.sink);
  });
});

describe("login and TLS failures", () => {
  it("refuses a wrong password with 2200 and says so", async () => {
    const e = await failure(EppSession.open(h.config(ME, { password: "not-the-password" }), h.sink));
    expect(e.code).toBe("login");
    expect(e.message).toMatch(/2200.*wrong password/);
  });

  it("refuses another registrar's certificate for this client id", async () => {
    const other = h.lab.pki.client(OTHER);
    const e = await failure(EppSession.open(h.config(ME, { cert: other.cert, key: other.key }), h.sink));
    expect(e.code).toBe("login");
    expect(e.message).toContain("not the one registered");
  });

  it("does not trust a server certificate from another CA", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "netops-epp-ca-"));
    try {
      const otherCa = ensureLabPki(dir);
      const e = await failure(EppSession.open(h.config(ME, { ca: otherCa.caCert }), h.sink));
      expect(e.code).toBe("connect");
      // Viewers see the one "connection failed" text; the certificate problem goes to the server log.
      expect(e.message).toMatch(/^could not reach 127\.0\.0\.1:\d+: connection failed$/);
      expect(e.detail).toMatch(/certificate|UNABLE_TO_VERIFY|SELF_SIGNED/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to log in when the greeting lacks the host object", async () => {
    const lab = await startLab({ objURIs: [NS.domain, NS.contact] });
    try {
      const e = await failure(EppSession.open(lab.config(ME), lab.sink));
      expect(e.code).toBe("negotiation");
      expect(e.message).toBe(`server greeting does not offer ${NS.host}`);
      expect(lab.transcript.some((t) => t.command === "login")).toBe(false);
    } finally {
      await lab.close();
    }
  });

  it("logs in with only the objects the greeting offers", async () => {
    const s = await EppSession.open(h.config(ME, { objURIs: [NS.host, "urn:example:unknown-1.0"] }), h.sink);
    expect(s.negotiated.objURIs).toEqual([NS.host]);
    await s.logout();
    expect(s.state).toBe("closed");
  });
});

describe("keepalive, reconnect and backoff", () => {
  it("sends <hello> before the registry's idle timeout and stays up", async () => {
    const lab = await startLab({ idleTimeoutMs: 400 });
    try {
      const s = await EppSession.open(lab.config(ME, { keepaliveMs: 100 }), lab.sink);
      await until(
        () => lab.transcript.filter((t) => t.command === "hello").length >= 5,
        "five keepalive hellos",
      );
      expect(s.state).toBe("ready");
      expect((await s.command({ cmd: "host:check", names: ["x.example"] })).code).toBe(1000);
      await s.logout();
    } finally {
      await lab.close();
    }
  });

  it("reconnects through the pool after the registry dropped an idle session", async () => {
    const lab = await startLab({ idleTimeoutMs: 150 });
    try {
      const pool = new EppPool(lab.config(ME, { keepaliveMs: 3_600_000 }), lab.sink, { size: 1 });
      expect((await pool.command({ cmd: "host:check", names: ["x.example"] })).code).toBe(1000);
      await until(
        () => lab.logs.some((l) => l.includes("idle for 150 ms")),
        "the lab to close the idle session",
      );
      await until(() => pool.view().sessions.length === 0, "the pool to notice");
      expect((await pool.command({ cmd: "host:check", names: ["y.example"] })).code).toBe(1000);
      expect(lab.transcript.filter((t) => t.command === "login")).toHaveLength(2);
      await pool.close();
    } finally {
      await lab.close();
    }
  });

  it("backs off after a failed connect instead of hammering the registry", async () => {
    const lab = await startLab();
    const port = lab.lab.port;
    const cfg = lab.config(ME, { port });
    await lab.close(); // nothing listens there now
    let clock = 1_000_000;
    const pool = new EppPool(cfg, () => {}, { backoffMs: 5000, now: () => clock });
    const first = await failure(pool.command({ cmd: "host:check", names: ["a.example"] }));
    expect(first.code).toBe("connect");
    const second = await failure(pool.command({ cmd: "host:check", names: ["a.example"] }));
    expect(second.code).toBe("unavailable");
    expect(second.message).toContain("next attempt in 5 s");
    clock += 5000;
    const third = await failure(pool.command({ cmd: "host:check", names: ["a.example"] }));
    expect(third.code).toBe("connect");
    expect(pool.view().failures).toBe(2);
    clock += 9000;
    expect((await failure(pool.command({ cmd: "host:check", names: ["a.example"] }))).message).toContain(
      "next attempt in 1 s",
    );
  });
});
