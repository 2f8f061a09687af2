import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  AxfrCollector,
  decodeMessage,
  decodeSoaRdata,
  DnsMessageError,
  encodeQuery,
  encodeResponse,
  nameFromText,
  nameToText,
  parseTsigSpec,
  parseZone,
  recordToPresentation,
  serialLessThan,
  signQuery,
  TcpFrameReader,
  tcpFrame,
  TsigResponseVerifier,
  TYPE_AXFR,
} from "../../src/dns";

const hex = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ""), "hex"));

describe("DNS messages", () => {
  it("encodes a query RFC 1035 style and decodes it back", () => {
    const q = encodeQuery({ id: 0x1234, name: "Example.COM", type: 6 });
    expect(Buffer.from(q).toString("hex")).toBe("123400000001000000000000074578616d706c6503434f4d0000060001");
    const m = decodeMessage(q);
    expect(m.header).toMatchObject({ id: 0x1234, qr: false, qdcount: 1 });
    expect(nameToText(m.questions[0]!.name)).toBe("example.com.");
  });

  it("decompresses owners and RDATA names and returns canonical records", () => {
    // Response: question example., answers NS → ns1.EXAMPLE. (pointer), MX 10 mail.<ptr>, SOA with pointers.
    const msg = hex(`
      abcd 8400 0001 0003 0000 0000
      07 6578616d706c65 00 0002 0001
      c00c 0002 0001 00000e10 0006 03 4e5331 c00c
      c00c 000f 0001 00000e10 0009 000a 04 4d61696c c00c
      c00c 0006 0001 00000e10 0023 c025 0a 686f73746d6173746572 c00c 00000007 00000e10 00000258 00093a80 0000012c`);
    const m = decodeMessage(msg);
    expect(m.answers.map(recordToPresentation)).toEqual([
      "example.\t3600\tIN\tNS\tns1.example.",
      "example.\t3600\tIN\tMX\t10 mail.example.",
      "example.\t3600\tIN\tSOA\tns1.example. hostmaster.example. 7 3600 600 604800 300",
    ]);
    expect(decodeSoaRdata(m.answers[2]!.rdata).serial).toBe(7);
  });

  it("refuses forward pointers, loops, truncation and trailing garbage with the offset", () => {
    const base = "0001 8000 0001 0000 0000 0000";
    expect(() => decodeMessage(hex(`${base} c00c 0001 0001`))).toThrow(/does not point back/);
    expect(() => decodeMessage(hex(`${base} c010 0001 0001`))).toThrow(DnsMessageError);
    expect(() => decodeMessage(hex(`${base} 07 6578616d`))).toThrow(/runs past the end/);
    expect(() => decodeMessage(hex(`${base} 00 0001 0001 ff`))).toThrow(/1 octets of trailing garbage/);
    expect(() => decodeMessage(hex("0001 80"))).toThrow(/shorter than a header/);
    expect(() => decodeMessage(hex(`${base} 40 0001 0001`))).toThrow(/unsupported label type/);
  });

  it("splits a TCP stream however it is chunked", () => {
    const a = encodeQuery({ id: 1, name: "a.example.", type: 1 });
    const b = encodeQuery({ id: 2, name: "b.example.", type: 1 });
    const stream = new Uint8Array([...tcpFrame(a), ...tcpFrame(b)]);
    for (const cut of [1, 2, 5, a.length + 2, a.length + 3]) {
      const r = new TcpFrameReader();
      const out = [...r.push(stream.subarray(0, cut)), ...r.push(stream.subarray(cut))];
      expect(out.map((m) => decodeMessage(m).header.id)).toEqual([1, 2]);
    }
    expect(() => new TcpFrameReader().push(new Uint8Array([0, 0]))).toThrow(/zero-length/);
  });

  it("compares serials with RFC 1982 arithmetic, across the wrap", () => {
    expect(serialLessThan(1, 2)).toBe(true);
    expect(serialLessThan(2, 1)).toBe(false);
    expect(serialLessThan(0xffffffff, 5)).toBe(true);
    expect(serialLessThan(5, 5)).toBe(false);
  });
});

describe("TSIG (RFC 8945) and the AXFR collector", () => {
  const key = parseTsigSpec("xfr-key:hmac-sha256:bmV0b3BzLXRlc3QtdHNpZy1rZXktMzItYnl0ZXMhIQ==");
  const zone = parseZone(`$ORIGIN t.example.
$TTL 60
@ SOA ns h 5 1 1 1 1
@ NS ns
ns A 192.0.2.1
www A 192.0.2.2
`).records;
  const apex = nameFromText("t.example.");
  const question = { name: apex, type: TYPE_AXFR, class: 1 };

  /** A server's side of RFC 8945 §5.3.1, done by hand: sign messages 1 and 3, leave 2 unsigned. */
  function signedStream(time: number, signLast = true) {
    const q = signQuery(encodeQuery({ id: 77, name: apex, type: TYPE_AXFR }), key, time);
    const msgs = [
      encodeResponse({ id: 77, question, answers: [zone[0]!, zone[1]!] }),
      encodeResponse({ id: 77, question: null, answers: [zone[2]!] }),
      encodeResponse({ id: 77, question: null, answers: [zone[3]!, zone[0]!] }),
    ];
    // Sign as a server would: reuse signQuery's wire layout, but with the response digest rules.
    const out: Uint8Array[] = [];
    let prevMac = q.mac;
    let pending: Uint8Array[] = [];
    for (let i = 0; i < msgs.length; i++) {
      const m = msgs[i]!;
      if (i === 1 || (i === 2 && !signLast)) {
        out.push(m);
        pending.push(m);
        continue;
      }
      const vars = i === 0 ? tsigVars(time) : timers(time);
      const data = Buffer.concat([u16(prevMac.length), prevMac, ...pending, m, vars]);
      const mac = new Uint8Array(createHmac("sha256", key.secret).update(data).digest());
      out.push(withTsig(m, mac, time));
      prevMac = mac;
      pending = [];
    }
    return { query: q, msgs: out };
  }
  const u16 = (v: number) => Buffer.from([v >> 8, v & 0xff]);
  const u48 = (v: number) =>
    Buffer.from([0, 0, (v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255]);
  const keyName = nameFromText("xfr-key.");
  const alg = nameFromText("hmac-sha256.");
  const tsigVars = (t: number) =>
    Buffer.concat([keyName, u16(255), Buffer.alloc(4), alg, u48(t), u16(300), u16(0), u16(0)]);
  const timers = (t: number) => Buffer.concat([u48(t), u16(300)]);
  function withTsig(m: Uint8Array, mac: Uint8Array, t: number): Uint8Array {
    const rd = Buffer.concat([alg, u48(t), u16(300), u16(mac.length), mac, u16(77), u16(0), u16(0)]);
    const out = Buffer.concat([m, keyName, u16(250), u16(255), Buffer.alloc(4), u16(rd.length), rd]);
    out.writeUInt16BE(out.readUInt16BE(10) + 1, 10);
    return new Uint8Array(out);
  }

  it("verifies a signed, partly unsigned multi-message transfer", () => {
    const t = 1_700_000_000;
    const { query, msgs } = signedStream(t);
    const c = new AxfrCollector(apex, 77, {}, new TsigResponseVerifier(key, query.mac, () => t + 10));
    expect(msgs.map((m) => c.push(m))).toEqual([false, false, true]);
    expect(c.records.map(recordToPresentation)).toHaveLength(4);
    expect(c.serial).toBe(5);
  });

  it("rejects a tampered message, a skewed clock and an unsigned last message", () => {
    const t = 1_700_000_000;
    const tampered = signedStream(t);
    const first = tampered.msgs[0]!;
    first[40] = first[40]! ^ 1;
    const c1 = new AxfrCollector(apex, 77, {}, new TsigResponseVerifier(key, tampered.query.mac, () => t));
    expect(() => c1.push(tampered.msgs[0]!)).toThrow(/bad TSIG MAC|malformed/);
    const ok = signedStream(t);
    const c2 = new AxfrCollector(apex, 77, {}, new TsigResponseVerifier(key, ok.query.mac, () => t + 301));
    expect(() => c2.push(ok.msgs[0]!)).toThrow(/more than 300 s from our clock/);
    const last = signedStream(t, false);
    const c3 = new AxfrCollector(apex, 77, {}, new TsigResponseVerifier(key, last.query.mac, () => t));
    c3.push(last.msgs[0]!);
    c3.push(last.msgs[1]!);
    expect(() => c3.push(last.msgs[2]!)).toThrow(/last message of the transfer was not signed/);
  });

  it("parses key specs and refuses unknown algorithms", () => {
    expect(parseTsigSpec("hmac-sha512:k1:AAAA")).toMatchObject({ name: "k1.", algorithm: "hmac-sha512" });
    expect(parseTsigSpec("k2:AAAA")).toMatchObject({ name: "k2.", algorithm: "hmac-sha256" });
    expect(() => parseTsigSpec("k:hmac-md5:AAAA")).toThrow(/unsupported TSIG algorithm/);
    expect(() => parseTsigSpec("nocolon")).toThrow(/name:algorithm:base64/);
  });
});
