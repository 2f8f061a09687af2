// The streaming capture reader: link types, IPv4/IPv6, UDP, native SCTP and SCTP in UDP, bundled and
// fragmented DATA chunks, retransmissions; and hostile files (wrong magic, ends mid-record, huge
// lengths), which give a precise issue with the offset while the rest is still read.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  CaptureDecoder,
  type CaptureItem,
  decodeCapture,
  encodeAsap,
  encodeEnrp,
  ipPacket,
  linkFrame,
  pcapFile,
  pcapHeader,
  pcapngFile,
  pcapRecord,
  poolHandleParam,
  sctpPacket,
  udpDatagram,
} from "../../src/rserpool/index";
import { prng } from "../prng";

const VEC = path.join(import.meta.dirname, "vectors");
const announce = encodeAsap({ type: 10, serverId: 0xaaaa0001, params: [] });
const presence = encodeEnrp({
  type: 1,
  senderId: 0xbbbb0002,
  receiverId: 0,
  params: [{ kind: "peChecksum", checksum: 0xffff }],
});
const unreachable = encodeAsap({
  type: 9,
  params: [poolHandleParam("EchoPool".repeat(40)), { kind: "peIdentifier", id: 7 }],
});
const t0 = 1_765_000_000_000;
const kinds = (items: CaptureItem[]) =>
  items.map((i) => (i.kind === "asap" || i.kind === "enrp" ? i.message.name : i.kind));

describe("link and network layers", () => {
  it.each([1, 113, 276, 101])("link type %i, IPv4 and IPv6, UDP announce and presence", (lt) => {
    const frames = [
      {
        timeMs: t0,
        data: linkFrame(lt, ipPacket("10.0.0.1", "239.0.0.50", 17, udpDatagram(3863, 3863, announce))),
      },
      {
        timeMs: t0 + 1,
        data: linkFrame(lt, ipPacket("fd00::2", "ff05::133", 17, udpDatagram(9901, 9901, presence))),
      },
    ];
    for (const file of [pcapFile(lt, frames), pcapngFile(lt, frames)]) {
      const { items, issues } = decodeCapture(file);
      expect(issues).toEqual([]);
      expect(kinds(items)).toEqual(["ASAP Server Announce", "ENRP Presence"]);
      expect(items[1]).toMatchObject({ src: "fd00::2", dst: "ff05::133", transport: "udp", frame: 2 });
      expect(items[0]?.timeMs).toBeCloseTo(t0, 3);
    }
  });

  it("native SCTP (IP protocol 132) with bundled DATA chunks, PPID and port classification", () => {
    const sctp = sctpPacket(40000, 3863, 1, [
      { tsn: 1, ppid: 11, data: announce },
      { tsn: 2, ppid: 12, data: presence },
      { tsn: 3, ppid: 0, data: new Uint8Array(0) },
    ]);
    const { items } = decodeCapture(
      pcapFile(1, [{ timeMs: t0, data: linkFrame(1, ipPacket("10.0.0.1", "10.0.0.2", 132, sctp)) }]),
    );
    expect(kinds(items)).toEqual(["ASAP Server Announce", "ENRP Presence", "empty"]);
  });

  it("reassembles a fragmented user message and drops a retransmitted TSN", () => {
    const a = unreachable.subarray(0, 100);
    const b = unreachable.subarray(100, 200);
    const c = unreachable.subarray(200);
    const pkt = (chunks: Parameters<typeof sctpPacket>[3]) =>
      linkFrame(
        1,
        ipPacket("10.0.0.9", "10.0.0.1", 17, udpDatagram(9899, 9899, sctpPacket(40000, 3863, 5, chunks))),
      );
    const frames = [
      { timeMs: t0, data: pkt([{ tsn: 10, ppid: 11, flags: 0x02, data: a }]) },
      { timeMs: t0 + 1, data: pkt([{ tsn: 12, ppid: 11, flags: 0x01, data: c }]) },
      { timeMs: t0 + 2, data: pkt([{ tsn: 11, ppid: 11, flags: 0x00, data: b }]) },
      { timeMs: t0 + 3, data: pkt([{ tsn: 11, ppid: 11, flags: 0x00, data: b }]) },
    ];
    const { items, stats } = decodeCapture(pcapFile(1, frames));
    expect(kinds(items)).toEqual(["ASAP Endpoint Unreachable"]);
    expect(items[0]).toMatchObject({ frame: 3, transport: "sctp" });
    expect(stats.retransmissions).toBe(1);
  });

  it("reads the rsplib capture the same whatever the chunk sizes it arrives in", () => {
    const bytes = new Uint8Array(readFileSync(path.join(VEC, "enrp-two-registrars.pcapng")));
    const whole = decodeCapture(bytes).items.map((i) => `${i.frame}:${i.kind}`);
    const rnd = prng(42);
    for (let run = 0; run < 5; run++) {
      const got: string[] = [];
      const dec = new CaptureDecoder((i) => got.push(`${i.frame}:${i.kind}`));
      for (let o = 0; o < bytes.length; ) {
        const n = 1 + Math.floor(rnd() * (run === 0 ? 7 : 9000));
        dec.push(bytes.subarray(o, o + n));
        o += n;
      }
      dec.end();
      expect(dec.pcap.issues).toEqual([]);
      expect(got).toEqual(whole);
    }
  });
});

describe("hostile files", () => {
  const frame = (i: number) => ({
    timeMs: t0 + i,
    data: linkFrame(1, ipPacket("10.0.0.1", "239.0.0.50", 17, udpDatagram(3863, 3863, announce))),
  });
  const good = pcapFile(1, [frame(0), frame(1), frame(2)]);

  it("wrong magic: one fatal issue at offset 0", () => {
    const bad = good.slice();
    bad[0] = 0x00;
    const { items, issues } = decodeCapture(bad);
    expect(items).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ offset: 0, field: "magic", fatal: true })]);
  });

  it("ends mid-record: the complete records are read, then the offset of the partial one", () => {
    const cut = good.subarray(0, good.length - 10);
    const { items, issues } = decodeCapture(cut);
    expect(items).toHaveLength(2);
    const recordStart = 24 + 2 * (16 + frame(0).data.length);
    expect(issues).toEqual([
      expect.objectContaining({
        offset: recordStart,
        fatal: true,
        reason: expect.stringMatching(/ends mid-record/),
      }),
    ]);
  });

  it("ends inside the file header", () => {
    expect(decodeCapture(good.subarray(0, 10)).issues[0]).toMatchObject({
      offset: 0,
      reason: expect.stringMatching(/mid-record/),
    });
  });

  it("a huge captured length is skipped without allocating it, and the next record is read", () => {
    const big = pcapRecord({ timeMs: t0, data: new Uint8Array(300_000) });
    const parts = [pcapHeader(1, 0xffffffff), pcapRecord(frame(0)), big, pcapRecord(frame(1))];
    const file = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      file.set(p, o);
      o += p.length;
    }
    const { items, issues, stats } = decodeCapture(file);
    expect(items.map((i) => i.frame)).toEqual([1, 3]);
    expect(stats.frames).toBe(3);
    expect(issues).toEqual([expect.objectContaining({ frame: 2, field: "captured length", fatal: false })]);
  });

  it("a captured length of 2^31 at the end: skipped, then reported as a file that ends short", () => {
    const rec = pcapRecord(frame(0));
    new DataView(rec.buffer).setUint32(8, 0x80000000, true);
    const file = new Uint8Array([...pcapHeader(1), ...pcapRecord(frame(0)), ...rec]);
    const { items, issues } = decodeCapture(file);
    expect(items).toHaveLength(1);
    expect(issues.map((i) => i.field)).toEqual(["captured length", "record"]);
    expect(issues[1]?.fatal).toBe(true);
  });

  it("pcapng: a block length that is not a multiple of 4 stops with its offset", () => {
    const ng = pcapngFile(1, [frame(0), frame(1)]);
    const firstEpb = 28 + 20;
    const secondEpb = firstEpb + new DataView(ng.buffer).getUint32(firstEpb + 4);
    new DataView(ng.buffer).setUint32(secondEpb + 4, 13);
    const { items, issues } = decodeCapture(ng);
    expect(items).toHaveLength(1);
    expect(issues).toEqual([
      expect.objectContaining({ offset: secondEpb + 4, field: "block length", fatal: true }),
    ]);
  });

  it("pcapng: a trailing length that does not repeat the leading one", () => {
    const ng = pcapngFile(1, [frame(0)]);
    ng[ng.length - 1] = 0x99;
    const { issues } = decodeCapture(ng);
    expect(issues[0]).toMatchObject({ field: "trailing block length", offset: ng.length - 4, fatal: true });
  });

  it("a UDP length that overruns the IP packet is a frame issue; the next frame is read", () => {
    const f0 = frame(0);
    const udpLenAt = 14 + 20 + 4;
    f0.data[udpLenAt] = 0xff;
    const { items, issues } = decodeCapture(pcapFile(1, [f0, frame(1)]));
    expect(items).toHaveLength(1);
    expect(issues).toEqual([
      expect.objectContaining({ frame: 1, offset: 24 + 16 + udpLenAt, field: "UDP length" }),
    ]);
  });

  it("a malformed ASAP message in a frame is an error item with its file offset; the rest is read", () => {
    const bad = linkFrame(
      1,
      ipPacket(
        "10.0.0.1",
        "239.0.0.50",
        17,
        udpDatagram(3863, 3863, Uint8Array.of(10, 0, 0, 99, 0, 0, 0, 1)),
      ),
    );
    const { items } = decodeCapture(pcapFile(1, [{ timeMs: t0, data: bad }, frame(1)]));
    expect(items[0]).toMatchObject({ kind: "error", protocol: "asap" });
    const e = items[0]?.kind === "error" ? items[0].error : undefined;
    expect(e?.offset).toBe(24 + 16 + 14 + 20 + 8 + 2);
    expect(items[1]?.kind).toBe("asap");
  });

  it("a CSP flood of bogus reports is refused report by report", () => {
    const csp = new Uint8Array(288);
    csp[0] = 1;
    csp[2] = 0x01;
    csp[3] = 0x20;
    csp[6] = 0x02;
    csp[286] = 0xff;
    csp[287] = 0xff;
    const f = {
      timeMs: t0,
      data: linkFrame(1, ipPacket("10.0.0.1", "10.0.0.254", 17, udpDatagram(5000, 2960, csp))),
    };
    const { items, stats } = decodeCapture(
      pcapFile(
        1,
        Array.from({ length: 500 }, () => f),
      ),
    );
    expect(stats.errors).toBe(500);
    expect(items.every((i) => i.kind === "error" && /65535 associations/.test(i.error.reason))).toBe(true);
  });
});
