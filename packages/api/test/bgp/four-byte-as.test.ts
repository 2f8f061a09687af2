/**
 * BGP events from 4-byte AS numbers past 2^31 (RFC 6793; RFC 6996's private 4200000000 … 4294967294,
 * common at IXPs), on both engines: BgpEvent.peerAs is BIGINT, so a BMP Peer Down and a syslog
 * NOTIFICATION from such peers are stored (PostgreSQL's INTEGER refused them and failed the whole
 * batch), read back as JSON numbers, and found by the AS filter, by search and on the AS's entity page.
 */
import {
  CeaseSubcode,
  decodeBmpMessage,
  encodeShutdownNotification,
  parseLogLine,
} from "@netops/protocols/bgp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { draftFromBmp, draftFromLog } from "../../src/features/bgp/draft";
import type { Services } from "../../src/services";
import { type TestDb, testDb, testServices } from "../fixtures";
import { apiCaller } from "../search/seed";
import { shutdownDraft } from "./draft";

const PRIVATE_LOW = 4200000000;
const PRIVATE_HIGH = 4294967294;
const RECEIVED = new Date("2026-12-07T06:00:00Z");

let t: TestDb;
let services: Services;
const viewer = () => apiCaller(services, "viewer");

/** A BMP Peer Down (reason 1, local NOTIFICATION) from 192.0.2.77 in `asn`, with a shutdown communication. */
function bmpPeerDown(asn: number, text: string): Uint8Array {
  const n = encodeShutdownNotification(CeaseSubcode.AdministrativeShutdown, text);
  if (!n.ok) throw new Error("encode");
  const header = new Uint8Array(42);
  header[1] = 0x40; // post-policy, IPv4
  header.set([192, 0, 2, 77], 22);
  new DataView(header.buffer).setUint32(26, asn);
  header.set([198, 51, 100, 77], 30);
  new DataView(header.buffer).setUint32(34, 1_796_000_000);
  const body = Uint8Array.from([...header, 1, ...n.value]);
  const out = new Uint8Array(6 + body.length);
  out[0] = 3;
  new DataView(out.buffer).setUint32(1, out.length);
  out[5] = 2; // Peer Down
  out.set(body, 6);
  return out;
}

beforeAll(async () => {
  t = testDb("bgp-four-byte-as");
  services = testServices(t.db);
  const m = decodeBmpMessage(bmpPeerDown(PRIVATE_LOW, "ixp maintenance kilo"));
  if (!m.ok) throw new Error("decode");
  const fromBmp = draftFromBmp(m.value, "edge-ixp", RECEIVED);
  const line =
    "Dec  7 05:59:00 edge-jnp rpd[1868]: bgp_read_message:3047: NOTIFICATION received from 203.0.113.9 (External AS 4294967294): code 6 (Cease) subcode 2 (Administratively Shutdown), Reason: ixp maintenance lima";
  const parsed = parseLogLine(line);
  if (parsed?.kind !== "event") throw new Error(`not parsed: ${JSON.stringify(parsed)}`);
  const fromSyslog = draftFromLog(parsed, "edge-jnp", "syslog", RECEIVED);
  // One batch with an ordinary 2-byte AS event: a large AS used to fail the whole batch on PostgreSQL.
  const ordinary = shutdownDraft(1, new Date("2026-12-07T05:58:00Z"), { peerAs: 64500 });
  if (!fromBmp) throw new Error("no draft");
  expect(await services.bgp.ingest([ordinary, fromBmp, fromSyslog])).toMatchObject({ inserted: 3 });
});
afterAll(async () => {
  await services?.bgp.close();
  await (await services?.dhcp.sql())?.close();
  await t?.close();
});

describe("BGP events from 4-byte AS numbers past 2^31", () => {
  it("are stored with their AS number, from BMP and from syslog", async () => {
    const rows = await t.db.bgpEvent.findMany({
      orderBy: { id: "asc" },
      select: { peerAs: true, source: true },
    });
    expect(rows.map((r) => [r.source, Number(r.peerAs)])).toEqual([
      ["file", 64500],
      ["bmp", PRIVATE_LOW],
      ["syslog", PRIVATE_HIGH],
    ]);
  });

  it("bgp.events filters by the AS and answers it as a JSON number", async () => {
    for (const [asn, text, source] of [
      [PRIVATE_LOW, "ixp maintenance kilo", "bmp"],
      [PRIVATE_HIGH, "ixp maintenance lima", "syslog"],
    ] as const) {
      const r = await viewer().bgp.events({ peerAs: asn });
      expect(r.items.map((e) => [e.peerAs, e.text, e.source])).toEqual([[asn, text, source]]);
      expect(typeof r.items[0]?.peerAs).toBe("number");
      const one = await viewer().bgp.event({ id: r.items[0]?.id as number });
      expect(one.peerAs).toBe(asn);
      expect(JSON.parse(JSON.stringify(one)).peerAs).toBe(asn);
    }
    expect((await viewer().bgp.events({ peerAs: 64500 })).items.map((e) => e.peerAs)).toEqual([64500]);
    expect((await viewer().bgp.events({ peerAs: 4294967295 })).items).toEqual([]);
    const session = await viewer().bgp.session({ router: "edge-ixp", peer: "192.0.2.77" });
    expect(session.map((e) => e.peerAs)).toEqual([PRIVATE_LOW]);
  });

  it("search finds the AS written either way", async () => {
    for (const q of [`AS${PRIVATE_LOW}`, String(PRIVATE_LOW)]) {
      const hits = (await viewer().search.query({ q })).groups.find((g) => g.subsystem === "bgp")?.hits;
      expect(hits?.[0], q).toMatchObject({ kind: "session", rank: "exact" });
      expect(hits?.[0]?.detail, q).toContain(`AS${PRIVATE_LOW}`);
      expect(hits?.[0]?.url).toBe("/bgp/session?router=edge-ixp&peer=192.0.2.77");
    }
    const high = await viewer().search.query({ q: `AS${PRIVATE_HIGH}` });
    expect(high.groups.find((g) => g.subsystem === "bgp")?.hits[0]?.url).toBe(
      "/bgp/session?router=edge-jnp&peer=203.0.113.9",
    );
  });

  it("the AS's entity page lists its session and its shutdown event", async () => {
    const page = await viewer().entity.get({ type: "as", value: String(PRIVATE_LOW) });
    expect(page.display).toBe(`AS${PRIVATE_LOW}`);
    const bgp = page.sections.filter((s) => s.subsystem === "bgp");
    const sessions = bgp.find((s) => s.title === "BGP sessions");
    expect(sessions?.items.map((i) => i.label)).toEqual(["192.0.2.77 on edge-ixp"]);
    expect(sessions?.items[0]?.detail).toContain(`AS${PRIVATE_LOW}`);
    const events = bgp.find((s) => s.title === "Session downs and shutdown messages");
    const [event] = (await viewer().bgp.events({ peerAs: PRIVATE_LOW })).items;
    expect(events?.items.map((i) => [i.label, i.url])).toEqual([
      ["192.0.2.77 down", `/bgp/events/${event?.id}`],
    ]);
    const other = await viewer().entity.get({ type: "as", value: String(PRIVATE_HIGH) });
    expect(other.sections.find((s) => s.title === "BGP sessions")?.items.map((i) => i.label)).toEqual([
      "203.0.113.9 on edge-jnp",
    ]);
  });

  it("the timeline of the AS names it", async () => {
    const r = await viewer().timeline.list({
      entity: { type: "as", value: String(PRIVATE_LOW) },
      from: "2026-11-01T00:00:00Z",
      to: "2026-12-31T00:00:00Z",
    });
    expect(r.events.map((e) => e.detail)).toEqual([`on edge-ixp · AS${PRIVATE_LOW}`]);
  });
});
