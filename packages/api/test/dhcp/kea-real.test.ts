/**
 * Integration with a real ISC Kea 2.x from Debian (kea-dhcp4-server, kea-ctrl-agent, and
 * perfdhcp from kea-admin) on loopback: leases are created through Kea's own API and by a real
 * DHCPv4 DORA exchange (perfdhcp acting as a relay agent), then read by the console both through
 * the Control Agent and by following the memfile Kea itself writes, and compared with what Kea
 * reports about itself (lease4-get-all, stat-lease4-get).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DhcpFixture, dhcpFixture } from "./helpers";
import { type KeaLab, missingFiles, missingKeaParts, missingNote, Procs, startKea } from "./kea-procs";

const HOOKS = ["libdhcp_stat_cmds.so"];
// Not silently skipped: the reason is in the test's name (see .ci/apt-packages.txt).
const missing = missingKeaParts(4, { hooks: HOOKS });
const noPerfdhcp = missingFiles("/usr/sbin/perfdhcp");
// Non-standard ports so nothing else on the machine is disturbed.
const DHCP_PORT = 11067;
const CLIENT_PORT = 11068;

describe.skipIf(missing.length > 0)(`real Kea 2.x on loopback${missingNote(missing)}`, () => {
  let f: DhcpFixture;
  let kea: KeaLab;
  let caUrl = "";
  let memfile = "";
  let sock = "";
  const procs = new Procs();
  const ca = async (command: string, args?: Record<string, unknown>) => kea.ca(command, args);

  beforeAll(async () => {
    f = await dhcpFixture({ keaPageSize: 2 });
    kea = await startKea(procs, {
      family: 4,
      dir: path.join(f.dir, "kea"),
      hooks: HOOKS,
      args: ["-p", String(DHCP_PORT), "-P", String(CLIENT_PORT)],
      server: {
        "interfaces-config": { interfaces: ["lo/127.0.0.1"], "dhcp-socket-type": "udp" },
        "valid-lifetime": 3600,
        subnet4: [
          {
            id: 1,
            subnet: "127.200.0.0/16",
            relay: { "ip-addresses": ["127.0.0.1"] },
            pools: [{ pool: "127.200.0.10 - 127.200.255.250" }],
          },
          {
            id: 2,
            subnet: "127.201.0.0/24",
            pools: [{ pool: "127.201.0.10 - 127.201.0.250" }],
            reservations: [
              {
                "hw-address": "0a:0b:0c:0d:0e:0f",
                "ip-address": "127.201.0.5",
                hostname: "reserved.example",
              },
            ],
          },
        ],
      },
    });
    ({ caUrl, memfile, sock } = kea);
    // This Kea's agent port and socket folder exactly (dhcp.keaAgents, dhcp.keaSocketDirs).
    f.dhcp.kea.policy.allow(new URL(caUrl).host);
    f.dhcp.kea.allowSocketDir(path.dirname(sock));
  });

  afterAll(async () => {
    await procs.stopAll();
    await f?.close();
  });

  it("reads leases added through Kea's API, via the Control Agent, the control socket and Kea's own memfile, identically", async () => {
    const add = [
      {
        "ip-address": "127.201.0.50",
        "hw-address": "1a:1b:1c:1d:1e:1f",
        hostname: "one, with comma.example",
        "client-id": "01:1a:1b:1c:1d:1e:1f",
      },
      { "ip-address": "127.201.0.9", "hw-address": "2a:2b:2c:2d:2e:2f", hostname: "two.example" },
      { "ip-address": "127.201.0.100", "hw-address": "3a:3b:3c:3d:3e:3f", state: 1 },
      { "ip-address": "127.201.0.60", "hw-address": "4a:4b:4c:4d:4e:4f" },
      { "ip-address": "127.201.0.61", "hw-address": "5a:5b:5c:5d:5e:5f" },
    ];
    for (const a of add) expect((await ca("lease4-add", a))?.result).toBe(0);
    f.now.t = new Date();
    const api = await f.db.dhcpSource.create({
      data: { name: "kea-api", kind: "kea-api", location: caUrl, service: "dhcp4" },
    });
    const file = await f.db.dhcpSource.create({
      data: { name: "kea-file", kind: "kea-memfile", location: memfile },
    });
    // The same server through its own control socket, with no Control Agent in between.
    const direct = await f.db.dhcpSource.create({
      data: { name: "kea-socket", kind: "kea-api", location: sock, service: "dhcp4" },
    });
    const r = await f.dhcp.runDue();
    expect(r["kea-api"]).toMatchObject({ ok: true, upserted: 5 });
    expect(r["kea-file"]).toMatchObject({ ok: true, upserted: 5 });
    expect(r["kea-socket"]).toMatchObject({ ok: true, upserted: 5 });

    const truth = ((await ca("lease4-get-all"))?.arguments?.leases ?? []) as {
      "ip-address": string;
      "hw-address": string;
      hostname: string;
      state: number;
    }[];
    const want = truth
      .map((l) => [
        l["ip-address"],
        l["hw-address"],
        l.hostname || null,
        l.state === 1 ? "declined" : "bound",
      ])
      .sort();
    for (const src of [api, direct, file]) {
      const got = (await f.dhcp.leases({ sourceId: [src.id], limit: 100 })).items;
      expect(got.map((l) => [l.address, l.hwAddress, l.hostname, l.state]).sort(), src.name).toEqual(want);
      // Numeric order: .9 before .50 before .60.
      expect(got.map((l) => l.address)).toEqual([
        "127.201.0.9",
        "127.201.0.50",
        "127.201.0.60",
        "127.201.0.61",
        "127.201.0.100",
      ]);
    }
  });

  it("takes subnets, pools and reservations from config-get, and agrees with stat-lease4-get", async () => {
    const ov = await f.dhcp.overview("admin");
    const pools = ov.pools.filter((p) => p.sourceName === "kea-api");
    const stats = (await ca("stat-lease4-get"))?.arguments as {
      "result-set": { columns: string[]; rows: number[][] };
    };
    const cols = stats["result-set"].columns;
    for (const row of stats["result-set"].rows) {
      const subnetId = row[cols.indexOf("subnet-id")];
      const pool = pools.find((p) => p.subnet === (subnetId === 1 ? "127.200.0.0/16" : "127.201.0.0/24"));
      expect(pool?.size).toBe(row[cols.indexOf("total-addresses")]);
      expect(pool?.assigned).toBe(
        row[cols.indexOf("assigned-addresses")]! - row[cols.indexOf("declined-addresses")]!,
      );
      expect(pool?.declined).toBe(row[cols.indexOf("declined-addresses")]);
    }
    const res = await f.db.dhcpReservation.findMany({ where: { sourceId: pools[0]?.sourceId ?? 0 } });
    expect(res.map((r) => [r.address, r.hwAddress, r.hostname])).toEqual([
      ["127.201.0.5", "0a:0b:0c:0d:0e:0f", "reserved.example"],
    ]);
  });

  it("sees a lease deleted through the API disappear from every source, with history", async () => {
    expect((await ca("lease4-del", { "ip-address": "127.201.0.61" }))?.result).toBe(0);
    await f.dhcp.runDue();
    for (const name of ["kea-api", "kea-socket", "kea-file"]) {
      const src = await f.db.dhcpSource.findUniqueOrThrow({ where: { name } });
      const got = (await f.dhcp.leases({ sourceId: [src.id], limit: 100 })).items.map((l) => l.address);
      expect(got).not.toContain("127.201.0.61");
    }
    const ev = await f.db.dhcpLeaseEvent.findMany({ where: { address: "127.201.0.61" } });
    expect(ev.map((e) => e.kind)).toEqual(["removed", "removed", "removed"]);
  });

  it.skipIf(noPerfdhcp.length > 0)(
    `reads leases that a real DORA exchange allocated (perfdhcp as relay)${missingNote(noPerfdhcp)}`,
    async () => {
      // -R 5 distinct clients, -n 5 exchanges; exit code 3 only means some packets were dropped.
      const run = spawnSync(
        "/usr/sbin/perfdhcp",
        [
          "-4",
          "-l",
          "127.0.0.1",
          "-L",
          String(CLIENT_PORT),
          "-N",
          String(DHCP_PORT),
          "-R",
          "5",
          "-n",
          "5",
          "-r",
          "5",
          // A loaded CI machine answers slowly: an ACK counts as lost only after 5 s, and perfdhcp
          // keeps listening 3 s after its last request (defaults: 1 s and 0).
          "-d",
          "5",
          "-W",
          "3000000",
          "127.0.0.1",
        ],
        {
          timeout: 20_000,
          encoding: "utf8",
        },
      );
      const acks = /REQUEST-ACK[\s\S]*?received packets: (\d+)/.exec(run.stdout ?? "")?.[1];
      expect(run.error, run.stderr).toBeUndefined();
      expect(Number(acks), run.stdout).toBeGreaterThan(0);
      await f.dhcp.runDue();
      // Kea's own list is the truth: on a loaded machine perfdhcp may give up on an ACK that Kea
      // sent after allocating the lease, so the ACK count is a lower bound, not the lease count.
      const truth = (((await ca("lease4-get-all"))?.arguments?.leases ?? []) as { "ip-address": string }[])
        .map((l) => l["ip-address"])
        .filter((a) => a.startsWith("127.200."))
        .sort();
      expect(truth.length).toBeGreaterThanOrEqual(Number(acks));
      for (const name of ["kea-api", "kea-socket", "kea-file"]) {
        const src = await f.db.dhcpSource.findUniqueOrThrow({ where: { name } });
        const got = (await f.dhcp.leases({ sourceId: [src.id], cidr: "127.200.0.0/16", limit: 100 })).items;
        expect(got.map((l) => l.address).sort(), `${name}\n${run.stdout}`).toEqual(truth);
        expect(got.every((l) => l.state === "bound" && l.hwAddress !== null)).toBe(true);
      }
    },
  );

  it("keeps the last good leases and alerts when the Control Agent stops answering", async () => {
    await kea.stopAgent();
    const src = await f.db.dhcpSource.findUniqueOrThrow({ where: { name: "kea-api" } });
    const before = (await f.dhcp.leases({ sourceId: [src.id], limit: 100 })).items.length;
    const r = await f.dhcp.runDue();
    expect(r["kea-api"]?.ok).toBe(false);
    // Refused, like silent or filtered, reads "connection failed" (the cause is for the log).
    expect(r["kea-api"]?.error).toBe(`config-get: could not reach ${new URL(caUrl).host}: connection failed`);
    // The server itself still answers on its control socket.
    expect(r["kea-socket"]?.ok).toBe(true);
    expect((await f.dhcp.leases({ sourceId: [src.id], limit: 100 })).items.length).toBe(before);
    const alert = (await f.alerts.active()).find(
      (a) => a.labels.check === "source" && a.labels.source === "kea-api",
    );
    expect(alert?.severity).toBe("critical");
    expect(alert?.summary).toMatch(/not answering/);
  });
});
