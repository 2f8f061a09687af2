/**
 * Kea subnet ids are 32-bit unsigned (1 … 4294967294), stored as BIGINT (PostgreSQL's INTEGER stops
 * at 2^31 - 1; NETOPS_TEST_DB=postgres runs this there, the first read through COPY). The largest
 * goes from a Kea memfile and from the Control Agent (config-get and lease pages) into DhcpLease,
 * DhcpSubnet and DhcpReservation, and back out of the API as a JSON number; 0, 4294967295 and
 * non-integers are rejected records with the reason, the rest of the source still stored.
 */
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { callAs, type DhcpFixture, dhcpFixture, KEA4_HEADER, routerFixture } from "./helpers";

const MAX = 4294967294;
const T = 1795240800; // 2026-11-21T06:00:00Z, the fixtures' clock
const END = T + 3600;

describe("a Kea memfile with subnet ids up to 4294967294, through the collector and the API", () => {
  const fx = routerFixture("dhcp-kea-subnet-id", new Date(T * 1000));
  const row = (n: number, subnet: string) =>
    `192.0.2.${n},02:00:00:00:00:${n.toString(16).padStart(2, "0")},,3600,${END},${subnet},0,0,,0,,0`;

  it("stores 4294967294 and 2^31 exactly and lists 0, 4294967295 and 1.5 as rejected", async () => {
    const file = path.join(fx.dir, "kea-leases4.csv");
    writeFileSync(
      file,
      `${[KEA4_HEADER, row(1, String(MAX)), row(2, "2147483648"), row(3, "0"), row(4, "4294967295"), row(5, "1.5")].join("\n")}\n`,
    );
    const created = await callAs(fx.services, "admin", "dhcp.createSource", {
      name: "kea4",
      kind: "kea-memfile",
      location: file,
    });
    expect(created.status).toBe(200);
    const { id } = created.data as { id: number };
    expect((await callAs(fx.services, "operator", "dhcp.pollNow", { id })).data).toMatchObject({
      ok: true,
      upserted: 2,
      errors: 3,
    });

    const page = (await callAs(fx.services, "viewer", "dhcp.leases", { limit: 50 }, "query")).data as {
      items: { id: number; address: string; subnetId: number | null }[];
    };
    expect(page.items.map((l) => [l.address, l.subnetId])).toEqual([
      ["192.0.2.1", MAX],
      ["192.0.2.2", 2147483648],
    ]);
    const detail = (
      await callAs(fx.services, "viewer", "dhcp.lease", { id: page.items[0]?.id ?? 0 }, "query")
    ).data as { lease: { subnetId: unknown } };
    expect(detail.lease.subnetId).toBe(MAX);

    const ov = (await callAs(fx.services, "admin", "dhcp.overview", undefined, "query")).data as {
      sources: { parseErrors: { line: number; field: string; reason: string }[] }[];
    };
    expect(ov.sources[0]?.parseErrors.map((e) => [e.line, e.field, e.reason])).toEqual(
      ["0", "4294967295", "1.5"].map((s, i) => [
        i + 4,
        "subnet_id",
        `invalid subnet_id "${s}" (an integer from 1 to 4294967294)`,
      ]),
    );
  });
});

describe("a Kea Control Agent with subnet id 4294967294", () => {
  let f: DhcpFixture | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    server = undefined;
    await f?.close();
    f = undefined;
  });

  /** Answers config-get with one subnet of id `subnetId` and one page of `leases`. */
  async function agent(subnetId: unknown, leases: Record<string, unknown>[]) {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        const cmd = JSON.parse(body) as { command: string; arguments?: { from: string } };
        const reply = (x: unknown) => res.end(JSON.stringify([x]));
        if (cmd.command === "config-get")
          return reply({
            result: 0,
            arguments: {
              Dhcp4: {
                subnet4: [
                  {
                    id: subnetId,
                    subnet: "192.0.2.0/24",
                    pools: [{ pool: "192.0.2.10 - 192.0.2.19" }],
                    reservations: [{ "ip-address": "192.0.2.50", "hw-address": "02:00:00:00:00:50" }],
                  },
                ],
              },
            },
          });
        if (cmd.command === "lease4-get-page")
          return reply(
            cmd.arguments?.from === "start"
              ? { result: 0, arguments: { leases, count: leases.length } }
              : { result: 3 },
          );
        reply({ result: 2, text: `'${cmd.command}' command not supported.` });
      });
    });
    await new Promise<void>((r) => server?.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    f = await dhcpFixture({ keaPageSize: 100 });
    f.dhcp.kea.policy.allow(new URL(url).host);
    return f.db.dhcpSource.create({
      data: { name: "kea", kind: "kea-api", location: url, service: "dhcp4" },
    });
  }

  const lease = (n: number, subnet: unknown) => ({
    "ip-address": `192.0.2.${n}`,
    "hw-address": `02:00:00:00:00:${n}`,
    "subnet-id": subnet,
    cltt: T,
    "valid-lft": 3600,
    state: 0,
  });

  it("mirrors the subnet and its reservation and stores the leases, rejecting bad lease subnet ids", async () => {
    const src = await agent(MAX, [
      lease(10, MAX),
      lease(11, 0),
      lease(12, 4294967295),
      lease(13, "7"),
      lease(14, 2.5),
      lease(15, 2147483648),
    ]);
    const fx = f as DhcpFixture;
    expect((await fx.dhcp.runDue()).kea).toMatchObject({ ok: true, upserted: 2, errors: 4 });
    const leases = (await fx.dhcp.leases({ sourceId: [src.id], limit: 100 })).items;
    expect(leases.map((l) => [l.address, l.subnetId])).toEqual([
      ["192.0.2.10", MAX],
      ["192.0.2.15", 2147483648],
    ]);
    // JSON as the API sends it: a plain number, not a bigint (which JSON cannot carry).
    expect(JSON.parse(JSON.stringify(leases[0])).subnetId).toBe(MAX);

    const subnet = await fx.db.dhcpSubnet.findFirstOrThrow({ where: { sourceId: src.id } });
    expect(subnet.keaId).toBe(BigInt(MAX));
    const reservation = await fx.db.dhcpReservation.findFirstOrThrow({ where: { sourceId: src.id } });
    expect(reservation.keaSubnetId).toBe(BigInt(MAX));
    expect((await fx.dhcp.lease(leases[0]?.id ?? 0))?.lease.subnetId).toBe(MAX);

    const view = (await fx.dhcp.overview("admin")).sources.find((s) => s.id === src.id);
    expect(view?.parseErrors?.map((e) => [e.line, e.reason])).toEqual([
      [1, "lease 1: subnet id 0 is not an integer from 1 to 4294967294"],
      [2, "lease 2: subnet id 4294967295 is not an integer from 1 to 4294967294"],
      [3, 'lease 3: subnet id "7" is not an integer from 1 to 4294967294'],
      [4, "lease 4: subnet id 2.5 is not an integer from 1 to 4294967294"],
    ]);
  });

  it("refuses a configuration whose subnet id is out of range, keeping nothing of it", async () => {
    const src = await agent(4294967295, [lease(10, 1)]);
    const fx = f as DhcpFixture;
    const r = (await fx.dhcp.runDue()).kea;
    expect(r).toMatchObject({
      ok: false,
      error: "config-get: subnet 192.0.2.0/24: subnet id 4294967295 is not an integer from 1 to 4294967294",
    });
    expect(await fx.db.dhcpSubnet.count({ where: { sourceId: src.id } })).toBe(0);
  });
});
