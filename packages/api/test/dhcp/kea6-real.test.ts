/**
 * DHCPv6 through a real Kea 2.x (Debian kea-dhcp6-server, kea-ctrl-agent) with the lease_cmds hook:
 * addresses (IA_NA) and a delegated prefix (IA_PD) created through Kea's API (lease6-add) are read
 * back through the Control Agent (lease6-get-page, paged) and by following Kea's own DHCPv6
 * memfile, and both must agree with each other and with lease6-get-all. The server opens no DHCP
 * sockets (no interfaces): only its control socket, in a temp folder.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DhcpFixture, dhcpFixture } from "./helpers";
import { type KeaLab, missingKeaParts, missingNote, Procs, startKea } from "./kea-procs";

const HOOKS = ["libdhcp_stat_cmds.so"];
const missing = missingKeaParts(6, { hooks: HOOKS });

// Not silently skipped: the reason is the test's name (install kea-dhcp6-server, .ci/apt-packages.txt).
describe.skipIf(missing.length > 0)(
  `real kea-dhcp6 with lease_cmds on loopback${missingNote(missing)}`,
  () => {
    let f: DhcpFixture;
    const procs = new Procs();
    let kea: KeaLab;
    let caUrl = "";
    let memfile = "";
    const ca = (command: string, args?: Record<string, unknown>) => kea.ca(command, args);

    beforeAll(async () => {
      f = await dhcpFixture({ keaPageSize: 2 });
      kea = await startKea(procs, {
        family: 6,
        dir: path.join(f.dir, "kea6"),
        hooks: HOOKS,
        server: {
          "interfaces-config": { interfaces: [] },
          // A fixed server DUID that is not written to /var/lib/kea.
          "server-id": { type: "EN", "enterprise-id": 2495, identifier: "0a0b0c0d", persist: false },
          "preferred-lifetime": 1800,
          "valid-lifetime": 3600,
          subnet6: [
            {
              id: 1,
              subnet: "2001:db8:1::/64",
              pools: [{ pool: "2001:db8:1::100 - 2001:db8:1::1ff" }],
              "pd-pools": [{ prefix: "2001:db8:8000::", "prefix-len": 40, "delegated-len": 56 }],
              reservations: [
                {
                  duid: "01:02:03:04:05:06",
                  "ip-addresses": ["2001:db8:1::5"],
                  hostname: "reserved6.example",
                },
              ],
            },
          ],
        },
      });
      caUrl = kea.caUrl;
      memfile = kea.memfile;
      // This Kea's agent port exactly (dhcp.keaAgents); not all of loopback.
      f.dhcp.kea.policy.allow(new URL(caUrl).host);
    });

    afterAll(async () => {
      await procs.stopAll();
      await f?.close();
    });

    it("reads leases added with lease6-add via lease6-get-page and via the memfile, identically", async () => {
      const duid = (n: number) => `00:03:00:01:0a:00:00:00:00:${n.toString(16).padStart(2, "0")}`;
      const add = [
        {
          "subnet-id": 1,
          "ip-address": "2001:db8:1::150",
          duid: duid(1),
          iaid: 1001,
          "hw-address": "0a:00:00:00:00:01",
          hostname: "six, with comma.example",
        },
        { "subnet-id": 1, "ip-address": "2001:db8:1::1a", duid: duid(2), iaid: 1002 },
        { "subnet-id": 1, "ip-address": "2001:db8:1::101", duid: duid(3), iaid: 1003, state: 1 },
        {
          "subnet-id": 1,
          type: "IA_PD",
          "ip-address": "2001:db8:8000:100::",
          "prefix-len": 56,
          duid: duid(4),
          iaid: 1004,
          hostname: "router.example",
        },
        { "subnet-id": 1, "ip-address": "2001:db8:1::ff", duid: duid(5), iaid: 1005 },
      ];
      for (const a of add) {
        const r = await ca("lease6-add", a);
        expect(r.result, r.text).toBe(0);
      }
      f.now.t = new Date();
      const api = await f.db.dhcpSource.create({
        data: { name: "kea6-api", kind: "kea-api", location: caUrl, service: "dhcp6" },
      });
      const file = await f.db.dhcpSource.create({
        data: { name: "kea6-file", kind: "kea-memfile", location: memfile },
      });
      const r = await f.dhcp.runDue();
      expect(r["kea6-api"]).toMatchObject({ ok: true, upserted: 5, errors: 0 });
      expect(r["kea6-file"]).toMatchObject({ ok: true, upserted: 5, errors: 0 });

      const truth = ((await ca("lease6-get-all")).arguments?.leases ?? []) as {
        "ip-address": string;
        "prefix-len"?: number;
        type: string;
        duid: string;
        iaid: number;
        "hw-address"?: string;
        hostname: string;
        state: number;
        cltt: number;
        "valid-lft": number;
      }[];
      expect(truth).toHaveLength(5);
      const want = truth
        .map((l) => [
          l["ip-address"],
          // lease6-get-all leaves prefix-len out for addresses.
          l["prefix-len"] ?? 128,
          l.type,
          l.duid,
          l.iaid,
          l["hw-address"] || null,
          l.hostname || null,
          l.state === 1 ? "declined" : "bound",
          new Date((l.cltt + l["valid-lft"]) * 1000).toISOString(),
        ])
        .sort();
      const seen: unknown[][][] = [];
      for (const src of [api, file]) {
        const got = (await f.dhcp.leases({ sourceId: [src.id], limit: 100 })).items;
        const rows = got.map((l) => [
          l.address,
          l.prefixLength,
          l.leaseType,
          l.clientId,
          l.iaid,
          l.hwAddress,
          l.hostname,
          l.state,
          l.ends,
        ]);
        expect(rows.slice().sort(), src.name).toEqual(want);
        seen.push(rows);
        // Numeric order of 128-bit addresses: ::1a < ::ff < ::101 < ::150 < 8000:100::.
        expect(got.map((l) => l.address)).toEqual([
          "2001:db8:1::1a",
          "2001:db8:1::ff",
          "2001:db8:1::101",
          "2001:db8:1::150",
          "2001:db8:8000:100::",
        ]);
      }
      expect(seen[0]).toEqual(seen[1]);
      // A CIDR filter over IPv6 finds the delegated prefix and nothing else.
      const pd = (await f.dhcp.leases({ sourceId: [api.id], cidr: "2001:db8:8000::/40", limit: 10 })).items;
      expect(pd.map((l) => [l.address, l.prefixLength, l.leaseType])).toEqual([
        ["2001:db8:8000:100::", 56, "IA_PD"],
      ]);
    });

    it("takes the DHCPv6 subnet, pools and reservation from config-get", async () => {
      const ov = await f.dhcp.overview("admin");
      const pools = ov.pools.filter((p) => p.sourceName === "kea6-api");
      const na = pools.find((p) => p.firstAddr === "2001:db8:1::100");
      expect(na).toMatchObject({ subnet: "2001:db8:1::/64", lastAddr: "2001:db8:1::1ff", size: 256 });
      // ::101 is declined, ::150 bound; ::1a and ::ff are outside the pool.
      expect(na).toMatchObject({ assigned: 1, declined: 1 });
      const src = await f.db.dhcpSource.findUniqueOrThrow({ where: { name: "kea6-api" } });
      const res = await f.db.dhcpReservation.findMany({ where: { sourceId: src.id } });
      expect(res.map((x) => [x.address, x.clientId, x.hostname])).toEqual([
        ["2001:db8:1::5", "01:02:03:04:05:06", "reserved6.example"],
      ]);
    });

    it("sees lease6-del in both sources", async () => {
      expect((await ca("lease6-del", { "ip-address": "2001:db8:1::ff" })).result).toBe(0);
      await f.dhcp.runDue();
      for (const name of ["kea6-api", "kea6-file"]) {
        const src = await f.db.dhcpSource.findUniqueOrThrow({ where: { name } });
        const got = (await f.dhcp.leases({ sourceId: [src.id], limit: 100 })).items.map((l) => l.address);
        expect(got, name).toEqual([
          "2001:db8:1::1a",
          "2001:db8:1::101",
          "2001:db8:1::150",
          "2001:db8:8000:100::",
        ]);
      }
    });
  },
);
