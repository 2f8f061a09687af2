// The decoders build one hex string per message and slice the others from it; these check that the
// slices are exactly the hex of the parts they name, whatever the lengths.
import { describe, expect, it } from "vitest";
import {
  BmpFrameReader,
  decodeBgpMessage,
  decodeBmpMessage,
  decodeNotificationBody,
  decodeShutdownCommunication,
  encodeNotification,
  toHex,
} from "../../src/bgp/index";

// Deterministic bytes (no Math.random: failures must reproduce).
function bytes(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

describe("toHex", () => {
  it("matches Node's hex for every length up to past the scratch buffer", () => {
    for (const n of [0, 1, 7, 8, 9, 16, 255, 511, 512, 513, 1024, 3000, 4096, 4097, 5000]) {
      const b = bytes(n, n + 1);
      expect(toHex(b)).toBe(Buffer.from(b).toString("hex"));
    }
  });
});

describe("hex fields sliced from one string", () => {
  it("Shutdown Communication: raw, communication and trailing hex for every status", () => {
    for (const data of [
      new Uint8Array(0),
      Uint8Array.of(0),
      Uint8Array.of(0, 1, 2),
      Uint8Array.of(40, 0x73, 0x68),
      Uint8Array.of(3, 0x61, 0x62, 0x63, 9, 9),
      Uint8Array.of(2, 0xc3, 0x28, 0xff),
    ]) {
      const r = decodeShutdownCommunication(data);
      expect(r.rawHex).toBe(toHex(data));
      const len = data[0] ?? 0;
      const present = data.length > 0 && len <= data.length - 1;
      expect(r.communicationHex).toBe(
        data.length === 0 ? "" : toHex(data.subarray(1, present ? 1 + len : data.length)),
      );
      expect(r.trailingHex).toBe(present ? toHex(data.subarray(1 + len)) : "");
    }
  });

  it("BMP Peer Down with bytes after the NOTIFICATION: each level's hex is its own part", () => {
    const text = new TextEncoder().encode("maintenance");
    const data = Uint8Array.of(text.length, ...text, 0xaa, 0xbb);
    const pdu = encodeNotification({ code: 6, subcode: 2, data });
    if (!pdu.ok) throw new Error(pdu.error.message);
    const extra = Uint8Array.of(0xde, 0xad);
    const body = Uint8Array.of(3, ...pdu.value, ...extra);
    const msg = new Uint8Array(6 + 42 + body.length);
    msg.set([3, 0, 0, 0, msg.length, 2], 0);
    msg.set([0, 1, 0, 0xfd, 0xe8, 0, 0, 0, 7], 6 + 1); // RD type 0, 65000:7
    msg.set(body, 48);
    const d = decodeBmpMessage(msg);
    if (!d.ok || d.value.kind !== "peer-down") throw new Error("not a Peer Down");
    const m = d.value;
    expect(m.peer.distinguisherHex).toBe(toHex(msg.subarray(8, 16)));
    expect(m.dataHex).toBe(toHex(body.subarray(1)));
    const n = decodeNotificationBody(pdu.value.subarray(19));
    if (!n.ok) throw new Error(n.error.message);
    expect(m.notification).toEqual(n.value);
    expect(m.notification?.dataHex).toBe(toHex(data));
    expect(m.notification?.shutdown).toMatchObject({
      text: "maintenance",
      communicationHex: toHex(text),
      trailingHex: "aabb",
    });
  });

  it("messages framed across chunk boundaries decode the same as whole ones", () => {
    const pdu = encodeNotification({ code: 6, subcode: 4, data: Uint8Array.of(2, 0x68, 0x69) });
    if (!pdu.ok) throw new Error(pdu.error.message);
    const one = new Uint8Array(6 + 42 + 1 + pdu.value.length);
    one.set([3, 0, 0, 0, one.length, 2], 0);
    one[48] = 1;
    one.set(pdu.value, 49);
    const stream = new Uint8Array(one.length * 5);
    for (let i = 0; i < 5; i++) stream.set(one, i * one.length);
    const whole = decodeBmpMessage(one);
    const r = new BmpFrameReader();
    const got = [];
    for (let i = 0; i < stream.length; i += 7) got.push(...r.push(stream.subarray(i, i + 7)));
    expect(got).toHaveLength(5);
    for (const e of got)
      expect(e.kind === "message" && whole.ok && e.message).toEqual(whole.ok && whole.value);
  });

  it("a Peer Down's PDU is accepted exactly when decodeBgpMessage accepts a NOTIFICATION (seeded)", () => {
    const pdu = encodeNotification({ code: 6, subcode: 2, data: Uint8Array.of(2, 0x68, 0x69) });
    if (!pdu.ok) throw new Error(pdu.error.message);
    for (let seed = 1; seed <= 3000; seed++) {
      const noise = bytes(4, seed);
      const data = pdu.value.slice(0, 19 + ((noise[0] as number) % 8));
      // Corrupt the marker, the length or the type now and then; cut or extend the data.
      if ((noise[1] as number) < 40) data[(noise[2] as number) % 16] = noise[3] as number;
      if ((noise[1] as number) % 5 === 0) data[17] = noise[2] as number;
      if ((noise[1] as number) % 7 === 0) data[18] = (noise[3] as number) % 6;
      const msg = new Uint8Array(6 + 42 + 1 + data.length);
      msg.set([3, 0, 0, 0, msg.length, 2], 0);
      msg[48] = 3;
      msg.set(data, 49);
      const d = decodeBmpMessage(msg);
      if (!d.ok || d.value.kind !== "peer-down") throw new Error("not a Peer Down");
      const m = decodeBgpMessage(data, { extendedMessages: true });
      const accepted = m.ok && m.value.header.type === 3;
      expect(d.value.findings.includes("peer-down-bad-pdu") || d.value.notification === undefined).toBe(
        !accepted,
      );
    }
  });
});
