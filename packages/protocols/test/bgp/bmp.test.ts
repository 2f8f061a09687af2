import { describe, expect, it } from "vitest";
import {
  type BmpMessage,
  BmpFrameReader,
  type BmpReadEvent,
  decodeBmpMessage,
  decodeBmpMessageAt,
  encodeNotification,
  fromHex,
} from "../../src/bgp/index";
import { readTcpSegments, tcpStreams } from "./helpers/pcap";
import { readVector, vector } from "./helpers/vectors";

function readAll(b: Uint8Array, chunk = b.length): BmpReadEvent[] {
  const r = new BmpFrameReader();
  const ev: BmpReadEvent[] = [];
  for (let i = 0; i < b.length; i += chunk) ev.push(...r.push(b.subarray(i, i + chunk)));
  ev.push(...r.end());
  return ev;
}

function messages(ev: BmpReadEvent[]): BmpMessage[] {
  return ev.flatMap((e) => (e.kind === "message" ? [e.message] : []));
}

function typeCounts(ms: BmpMessage[]): Record<number, number> {
  const c: Record<number, number> = {};
  for (const m of ms) c[m.header.type] = (c[m.header.type] ?? 0) + 1;
  return c;
}

const frr = readVector("peer-samples", "bmp", "frr-bmp-stream.bin");
const gobgp = readVector("peer-samples", "bmp", "gobgp-bmp-stream.bin");

describe("BMP streams captured from FRR 8.4.4 and GoBGP 3.10", () => {
  it("message type counts equal the ones recorded in peers.md", () => {
    const f = readAll(frr);
    expect(f.every((e) => e.kind === "message")).toBe(true);
    expect(typeCounts(messages(f))).toEqual({ 0: 3, 1: 208, 2: 15, 3: 15, 4: 1 });
    expect(typeCounts(messages(readAll(gobgp)))).toEqual({ 0: 38, 1: 69, 2: 25, 3: 26, 4: 1 });
  });

  it("the same streams reassembled from bmp.pcap are byte-identical to the .bin files", () => {
    const streams = tcpStreams(readTcpSegments(vector("peer-samples", "bmp", "bmp.pcap")));
    const toGobgp = [...streams].find(([k]) => k.endsWith(":11019"))?.[1];
    const toFrr = [...streams].find(([k]) => k.endsWith(":11020"))?.[1];
    // The pcap may stop before the daemons' last bytes; what it has must be a prefix of the .bin.
    expect(
      toGobgp && toGobgp.length > 0 && Buffer.from(gobgp.subarray(0, toGobgp.length)).equals(toGobgp),
    ).toBe(true);
    expect(toFrr && toFrr.length > 0 && Buffer.from(frr.subarray(0, toFrr.length)).equals(toFrr)).toBe(true);
  });

  it("Initiation sysDescr/sysName (peers.md: FRRouting 8.4.4 / frr-peer, GoBGP,3.10.0)", () => {
    const fi = messages(readAll(frr)).find((m) => m.kind === "initiation");
    expect(fi).toMatchObject({ sysDescr: "FRRouting 8.4.4", sysName: "frr-peer" });
    // tshark prints the TLVs in wire order: GoBGP sends sysName "GoBGP" first, then sysDescr "3.10.0".
    const gi = messages(readAll(gobgp)).find((m) => m.kind === "initiation");
    expect(gi?.kind === "initiation" && gi.tlvs.map((t) => t.text).join(",")).toBe("GoBGP,3.10.0");
    expect(gi).toMatchObject({ sysName: "GoBGP", sysDescr: "3.10.0" });
  });

  it("Peer Down rows from the tshark table in peers.md", () => {
    const pd = (ms: BmpMessage[]) => ms.flatMap((m) => (m.kind === "peer-down" ? [m] : []));
    const g = pd(messages(readAll(gobgp)));
    const row = (reason: number, text: string | undefined) =>
      g.find(
        (m) =>
          m.peer.address === "127.0.0.1" &&
          m.peer.asn === 65001 &&
          m.reason === reason &&
          m.notification?.code === 6 &&
          m.notification.subcode === 2 &&
          m.notification.shutdown?.text === text,
      );
    expect(row(1, undefined)).toBeDefined(); // GoBGP 'disable' (no text)
    expect(row(1, "GoBGP maintenance: planned shutdown (ticket NET-4004)")).toBeDefined();
    expect(row(3, "BIRD-A maintenance: planned shutdown (ticket NET-3003)")).toBeDefined();

    const f = pd(messages(readAll(frr)));
    const twice = f.filter(
      (m) => m.notification?.shutdown?.text === "BMP test: BIRD-A shuts down FRR session",
    );
    // FRR quirk: two Peer Downs, identical except BGP ID 127.0.0.1 vs 0.0.0.0.
    expect(twice.map((m) => [m.reason, m.peer.bgpId])).toEqual([
      [3, "127.0.0.1"],
      [3, "0.0.0.0"],
    ]);
    const local = f.find((m) => m.reason === 2);
    expect(local).toMatchObject({ fsmEventCode: 0, dataHex: "0000", notification: undefined });
  });

  it("Peer Up: local address/ports and both OPENs", () => {
    const pu = messages(readAll(frr)).find((m) => m.kind === "peer-up");
    if (pu?.kind !== "peer-up") throw new Error("no peer up");
    expect(pu.localAddress).toBe("127.0.0.3");
    expect(pu.sentOpen.open).toMatchObject({
      version: 4,
      asn: 65003,
      bgpId: "127.0.0.3",
      fourOctetAs: 65003,
    });
    expect(pu.receivedOpen.open).toMatchObject({ asn: 65001, holdTime: 240, bgpId: "127.0.0.1" });
    expect(pu.information.map((t) => t.text)).toEqual(["BIRD-A"]);
  });

  it("Stats Report counters are decoded by type", () => {
    const st = messages(readAll(frr)).find((m) => m.kind === "statistics-report");
    if (st?.kind !== "statistics-report") throw new Error("no stats");
    expect(st.stats.length).toBe(st.count);
    expect(st.stats.every((s) => s.value !== undefined)).toBe(true);
    expect(st.findings).toEqual([]);
  });

  it("chunking does not change the result (1, 7 and 1000 byte chunks)", () => {
    const whole = JSON.stringify(messages(readAll(gobgp)));
    for (const n of [1, 7, 1000]) expect(JSON.stringify(messages(readAll(gobgp, n)))).toBe(whole);
  });
});

function bmp(type: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(6 + body.length);
  out[0] = 3;
  new DataView(out.buffer).setUint32(1, out.length);
  out[5] = type;
  out.set(body, 6);
  return out;
}

function peerHeader(v6 = false): Uint8Array {
  const h = new Uint8Array(42);
  h[0] = 0;
  h[1] = v6 ? 0x80 : 0x40;
  if (v6) h.set(fromHex("20010db8000000000000000000000001") as Uint8Array, 10);
  else h.set([192, 0, 2, 1], 22);
  new DataView(h.buffer).setUint32(26, 64496);
  h.set([198, 51, 100, 1], 30);
  new DataView(h.buffer).setUint32(34, 1700000000);
  return h;
}

describe("BMP message decoding (hand-built)", () => {
  it("Peer Down reasons 1–6 and a v6 peer", () => {
    const n = encodeNotification({ code: 6, subcode: 4, data: fromHex("0462796521") });
    if (!n.ok) throw new Error("encode");
    const mk = (reason: number, data: Uint8Array, v6 = false) => {
      const d = decodeBmpMessage(bmp(2, Uint8Array.from([...peerHeader(v6), reason, ...data])));
      if (!d.ok || d.value.kind !== "peer-down") throw new Error("decode");
      return d.value;
    };
    expect(mk(1, n.value).notification?.shutdown?.text).toBe("bye!");
    expect(mk(3, n.value, true).peer.address).toBe("2001:db8::1");
    expect(mk(2, Uint8Array.from([0, 7])).fsmEventCode).toBe(7);
    expect(mk(4, new Uint8Array(0)).findings).toEqual([]);
    expect(mk(5, new Uint8Array(0)).reasonName).toBe("Peer de-configured");
    expect(mk(6, fromHex("0003000474657374") as Uint8Array).tlvs[0]?.text).toBe("test");
    expect(mk(3, new Uint8Array(0)).findings).toContain("peer-down-missing-data");
    expect(mk(9, new Uint8Array(0)).findings).toContain("unknown-peer-down-reason");
    const p = mk(1, n.value).peer;
    expect(p).toMatchObject({ postPolicy: true, ipv6: false, asn: 64496, bgpId: "198.51.100.1" });
    expect(p.timestampSeconds).toBe(1700000000);
  });

  it("Termination with reason TLV", () => {
    const d = decodeBmpMessage(bmp(5, fromHex("000000057465737421000100020003") as Uint8Array));
    expect(d.ok && d.value.kind === "termination" && [d.value.reason, d.value.strings]).toEqual([
      3,
      ["test!"],
    ]);
  });

  it("a message decoded in place inside a stream chunk is the one decoded alone, bounded by its length", () => {
    const n = encodeNotification({ code: 6, subcode: 2, data: fromHex("0462796521") });
    if (!n.ok) throw new Error("encode");
    const down = bmp(2, Uint8Array.from([...peerHeader(), 3, ...n.value]));
    // A Peer Down without its reason octet, followed by a message whose first octet (3) must not be
    // taken for the reason; then one whose per-peer header is cut short.
    const bare = bmp(2, peerHeader());
    const short = bmp(2, new Uint8Array(10));
    const chunk = Uint8Array.from([0xee, ...down, ...bare, ...down, ...short]);
    const at = [1, 1 + down.length, 1 + down.length + bare.length, 1 + 2 * down.length + bare.length];
    for (const start of at) {
      expect(decodeBmpMessageAt(chunk, start)).toEqual(decodeBmpMessage(chunk.subarray(start)));
    }
    const b = decodeBmpMessageAt(chunk, at[1]!);
    expect(
      b.ok && b.value.kind === "peer-down" && [b.value.reason, b.value.findings, b.value.dataHex],
    ).toEqual([0, ["peer-down-missing-data"], ""]);
    expect(decodeBmpMessageAt(chunk, at[3]!)).toMatchObject({ ok: false, error: { code: "truncated" } });
    const d = decodeBmpMessageAt(chunk, at[0]!);
    expect(d.ok && d.value.kind === "peer-down" && d.value.notification?.shutdown?.text).toBe("bye!");
    // Split across pushes, the reader decodes the same messages from its own buffer.
    expect(messages(readAll(chunk.subarray(1), 7))).toEqual(messages(readAll(chunk.subarray(1))));
  });

  it("peer addresses and BGP identifiers stay right past the address cache's bound", () => {
    const down = (a: number) => {
      const h = peerHeader();
      new DataView(h.buffer).setUint32(22, a);
      new DataView(h.buffer).setUint32(30, a ^ 0xffffffff);
      const d = decodeBmpMessage(bmp(2, Uint8Array.from([...h, 4])));
      if (!d.ok || d.value.kind !== "peer-down") throw new Error("decode");
      return [d.value.peer.address, d.value.peer.bgpId];
    };
    const text = (a: number) => [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join(".");
    for (const round of [0, 1]) {
      for (let i = 0; i < 5000; i += round === 0 ? 1 : 7) {
        const a = (0xc0000200 + i * 257) >>> 0;
        expect(down(a)).toEqual([text(a), text((a ^ 0xffffffff) >>> 0)]);
      }
    }
  });

  it("route monitoring is counted, not decoded", () => {
    const d = decodeBmpMessage(bmp(0, Uint8Array.from([...peerHeader(), 1, 2, 3])));
    expect(d.ok && d.value.kind === "route-monitoring" && d.value.bgpDataLength).toBe(3);
  });
});

describe("BmpFrameReader limits and garbage", () => {
  it("closes (fatal) on a bad version and ignores later input", () => {
    const r = new BmpFrameReader();
    const ev = r.push(Uint8Array.from([1, 0, 0, 0, 6, 4]));
    expect(ev).toMatchObject([{ kind: "error", fatal: true, error: { code: "bad-version" } }]);
    expect(r.closed).toBe(true);
    expect(r.push(gobgp)).toEqual([]);
    expect(r.bufferedBytes).toBe(0);
  });

  it("closes on length < common header and on length > limit without buffering it", () => {
    const r1 = new BmpFrameReader();
    expect(r1.push(Uint8Array.from([3, 0, 0, 0, 5, 4]))[0]).toMatchObject({
      fatal: true,
      error: { code: "bad-length" },
    });
    const r2 = new BmpFrameReader({ maxMessageSize: 1000 });
    const ev = r2.push(Uint8Array.from([3, 0, 0, 0x10, 0, 4]));
    expect(ev[0]).toMatchObject({ fatal: true, error: { code: "too-large" } });
    expect(r2.bufferedBytes).toBe(0);
  });

  it("reports a stream that ends mid-message", () => {
    const r = new BmpFrameReader();
    r.push(gobgp.subarray(0, 10));
    expect(r.bufferedBytes).toBe(10);
    expect(r.end()[0]).toMatchObject({ fatal: true, error: { code: "truncated" } });
  });

  it("an undecodable but well-framed message is a non-fatal error", () => {
    const r = new BmpFrameReader();
    const ev = r.push(Uint8Array.from([...bmp(9, new Uint8Array(3)), ...gobgp.subarray(0, 0x19)]));
    expect(ev.map((e) => e.kind)).toEqual(["error", "message"]);
    expect(ev[0]).toMatchObject({ fatal: false, error: { code: "bad-type" } });
  });
});
