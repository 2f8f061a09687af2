/**
 * A real DHCPv4 DORA between two network namespaces of our own, joined by a veth pair (the recipe
 * in shared/notes/peers.md): kea-dhcp4 (raw sockets on veth-s) in one, busybox udhcpc on veth-c in
 * the other. The lease the client got must then appear in the console both through a Control
 * Agent (on the host's loopback, reaching Kea's control socket in the temp folder) and by following
 * Kea's memfile. Only 127.77.0.0/24 is used, and only inside the pair; `lo` stays down in both
 * namespaces so the 127/8 local route cannot swallow the traffic. The namespaces are created and
 * deleted here; if the kernel or a tool refuses, the test fails with that tool's own message.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DhcpFixture, dhcpFixture } from "./helpers";
import { caCommand, missingKeaParts, missingNote, Procs, startKea } from "./kea-procs";

const missing = missingKeaParts(4, { tools: ["/usr/sbin/ip", "/usr/sbin/udhcpc"] });
if (process.getuid?.() !== 0) missing.push("root (network namespaces need CAP_SYS_ADMIN)");

const NS_S = `netops-dhcps-${process.pid}`;
const NS_C = `netops-dhcpc-${process.pid}`;
const CLIENT_MAC = "02:77:00:00:00:01";

/** Runs a command (bounded); a refusal throws with the command and what it printed. */
function run(cmd: string, args: string[], timeoutMs = 10_000): string {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: timeoutMs });
  if (r.error || r.status !== 0)
    throw new Error(
      `${cmd} ${args.join(" ")} failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr || r.stdout || "").trim()}`,
    );
  return r.stdout;
}

describe.skipIf(missing.length > 0)(
  `real DORA in network namespaces (kea-dhcp4 ⇄ udhcpc)${missingNote(missing)}`,
  () => {
    let f: DhcpFixture;
    const procs = new Procs();
    let caUrl = "";
    let memfile = "";
    let dir = "";
    const made: string[] = [];

    beforeAll(async () => {
      f = await dhcpFixture();
      dir = f.dir;
      // Two namespaces, the veth pair made inside them (the host never sees it).
      for (const ns of [NS_S, NS_C]) {
        run("ip", ["netns", "add", ns]);
        made.push(ns);
      }
      run("ip", [
        "-n",
        NS_S,
        "link",
        "add",
        "veth-s",
        "type",
        "veth",
        "peer",
        "name",
        "veth-c",
        "netns",
        NS_C,
      ]);
      run("ip", ["-n", NS_C, "link", "set", "veth-c", "address", CLIENT_MAC]);
      run("ip", ["-n", NS_S, "addr", "add", "127.77.0.1/24", "dev", "veth-s"]);
      for (const [ns, dev] of [
        [NS_S, "veth-s"],
        [NS_C, "veth-c"],
      ] as const) {
        run("ip", [
          "netns",
          "exec",
          ns,
          "sysctl",
          "-q",
          "-w",
          "net.ipv4.conf.all.route_localnet=1",
          `net.ipv4.conf.${dev}.route_localnet=1`,
          "net.ipv6.conf.all.disable_ipv6=1",
          "net.ipv6.conf.default.disable_ipv6=1",
          `net.ipv6.conf.${dev}.disable_ipv6=1`,
        ]);
        run("ip", ["-n", ns, "link", "set", dev, "up"]);
      }
      // `ip netns exec` execs the daemon itself, so the PID we hold is Kea's. The agent stays on
      // the host: it listens on the host's loopback and reaches Kea by its socket file.
      const kea = await startKea(procs, {
        family: 4,
        dir,
        prefix: ["ip", "netns", "exec", NS_S],
        server: {
          "interfaces-config": { interfaces: ["veth-s"], "dhcp-socket-type": "raw" },
          "valid-lifetime": 3600,
          subnet4: [
            {
              id: 77,
              subnet: "127.77.0.0/24",
              pools: [{ pool: "127.77.0.150 - 127.77.0.199" }],
              "option-data": [{ name: "routers", data: "127.77.0.1" }],
            },
          ],
        },
      });
      caUrl = kea.caUrl;
      memfile = kea.memfile;
      // This Kea's agent port exactly (dhcp.keaAgents); not all of loopback.
      f.dhcp.kea.policy.allow(new URL(caUrl).host);
    }, 30_000);

    afterAll(async () => {
      await procs.stopAll();
      // Deleting a namespace deletes its end of the veth pair, and with it the pair.
      for (const ns of made) spawnSync("ip", ["netns", "del", ns], { timeout: 10_000 });
      await f?.close();
    });

    it("the lease udhcpc got is in the console through the Control Agent and the memfile", async () => {
      const events = path.join(dir, "client-events.txt");
      const script = path.join(dir, "client-script.sh");
      // udhcpc's hook only records what it got: nothing is configured, /etc/resolv.conf is untouched.
      writeFileSync(
        script,
        `#!/bin/sh\n{ echo "event=$1"; echo "ip=$ip"; echo "serverid=$serverid"; echo "lease=$lease"; } >> '${events}'\nexit 0\n`,
      );
      chmodSync(script, 0o755);
      // -q: quit once bound; -n: fail if no lease; 5 tries 2 s apart at most.
      const out = run(
        "ip",
        [
          "netns",
          "exec",
          NS_C,
          "udhcpc",
          "-f",
          "-q",
          "-n",
          "-t",
          "5",
          "-T",
          "2",
          "-i",
          "veth-c",
          "-x",
          "hostname:dora-client",
          "-s",
          script,
        ],
        30_000,
      );
      const got = readFileSync(events, "utf8");
      const ip = /event=bound\nip=([0-9.]+)\nserverid=([0-9.]+)\nlease=(\d+)/.exec(got);
      expect(ip, `${out}\n${got}`).not.toBeNull();
      const [, address, serverId, lease] = ip ?? [];
      expect(serverId).toBe("127.77.0.1");
      expect(lease).toBe("3600");

      f.now.t = new Date();
      await f.db.dhcpSource.create({
        data: { name: "dora-api", kind: "kea-api", location: caUrl, service: "dhcp4" },
      });
      await f.db.dhcpSource.create({ data: { name: "dora-file", kind: "kea-memfile", location: memfile } });
      const r = await f.dhcp.runDue();
      expect(r["dora-api"]).toMatchObject({ ok: true, upserted: 1 });
      expect(r["dora-file"]).toMatchObject({ ok: true, upserted: 1 });
      const views = [];
      for (const name of ["dora-api", "dora-file"]) {
        const found = (await f.dhcp.leases({ mac: CLIENT_MAC, limit: 10 })).items.filter(
          (l) => l.sourceName === name,
        );
        expect(found, name).toHaveLength(1);
        const l = found[0];
        expect(l).toMatchObject({
          address,
          hwAddress: CLIENT_MAC,
          hostname: "dora-client",
          state: "bound",
          effectiveState: "bound",
          subnetId: 77,
        });
        expect(Date.parse(l?.ends ?? "") - Date.parse(l?.cltt ?? "")).toBe(3_600_000);
        // Everything but which row and source it is.
        const { id: _id, sourceId: _sid, sourceName: _name, ...rest } = l ?? ({} as NonNullable<typeof l>);
        views.push(rest);
      }
      // The same lease, field for field, whichever way it was read.
      expect(views[0]).toEqual(views[1]);
      // And Kea agrees about whom it gave the address to.
      const k = await caCommand(caUrl, "dhcp4", "lease4-get", { "ip-address": address });
      expect(k.arguments).toMatchObject({
        "hw-address": CLIENT_MAC,
        hostname: "dora-client",
        "subnet-id": 77,
      });
      // The pool view counts it.
      const pool = (await f.dhcp.overview("admin")).pools.find((p) => p.sourceName === "dora-api");
      expect(pool).toMatchObject({ subnet: "127.77.0.0/24", size: 50, assigned: 1 });
    });
  },
);
