// Bounded, seeded fuzzing: random and mutated inputs must never make a public decoder throw or hang,
// and the BMP reader must never hold more than its limit.
import { describe, expect, it } from "vitest";
import {
  BmpFrameReader,
  decodeBgpMessage,
  decodeBmpMessage,
  decodeNotification,
  decodeNotificationBody,
  decodeOpen,
  decodeShutdownCommunication,
  measureShutdownCommunication,
  parseLogLine,
} from "../../src/bgp/index";
import { readTcpSegments, splitBgpMessages } from "./helpers/pcap";
import { mutate, prng, randomBytes } from "./helpers/random";
import { readVector, readVectorText, vector } from "./helpers/vectors";

const N = 2000;

const notifications = readTcpSegments(vector("peer-samples", "bgp", "notifications-only.pcap"))
  .flatMap((s) => splitBgpMessages(s.payload))
  .filter((m) => m[18] === 3);
const bmpStream = readVector("peer-samples", "bmp", "frr-bmp-stream.bin");

function bmpFrames(): Uint8Array[] {
  const out: Uint8Array[] = [];
  let p = 0;
  while (p + 6 <= bmpStream.length) {
    const len = new DataView(bmpStream.buffer, bmpStream.byteOffset + p).getUint32(1);
    out.push(bmpStream.subarray(p, p + len));
    p += len;
  }
  return out;
}

describe("fuzz (seeded, bounded)", () => {
  it("BGP header / NOTIFICATION / OPEN / shutdown decoders never throw", () => {
    const r = prng(0xb69);
    for (let i = 0; i < N; i++) {
      const base = notifications[i % notifications.length] as Uint8Array;
      for (const input of [randomBytes(r, 300), mutate(r, base)]) {
        expect(() => {
          decodeBgpMessage(input);
          const n = decodeNotification(input);
          if (n.ok) expect(typeof n.value.notification.codeName).toBe("string");
          decodeNotificationBody(input.subarray(19));
          decodeOpen(input);
          decodeShutdownCommunication(input.subarray(21));
        }).not.toThrow();
      }
    }
  });

  it("BMP message decoder never throws on random or mutated frames", () => {
    const r = prng(0xb3b);
    const frames = bmpFrames();
    for (let i = 0; i < N; i++) {
      const f = mutate(r, frames[i % frames.length] as Uint8Array);
      const rand = randomBytes(r, 200);
      rand[0] = 3;
      for (const input of [f, rand]) {
        expect(() => decodeBmpMessage(input)).not.toThrow();
      }
    }
  });

  it("BmpFrameReader never throws and never holds more than its limit", () => {
    const r = prng(0x5eed);
    const limit = 4096;
    for (let i = 0; i < N; i++) {
      const reader = new BmpFrameReader({ maxMessageSize: limit });
      const start = Math.floor(r() * (bmpStream.length - 2000));
      const input = i % 2 === 0 ? mutate(r, bmpStream.subarray(start, start + 2000)) : randomBytes(r, 3000);
      let p = 0;
      while (p < input.length) {
        const n = 1 + Math.floor(r() * 700);
        expect(() => reader.push(input.subarray(p, p + n))).not.toThrow();
        expect(reader.bufferedBytes).toBeLessThanOrEqual(limit);
        p += n;
      }
      expect(() => reader.end()).not.toThrow();
    }
  });

  it("log parsers never throw on mutated real lines or random text", () => {
    const r = prng(0x106);
    const lines = [
      "frr-bgpd-notification-lines.log",
      "gobgpd-notification-lines.log",
      "bird-a-RMT-lines.log",
      "frr-bgpd-rfc5424-notification-lines.log",
    ].flatMap((f) => readVectorText("peer-samples", "bgp", f).split("\n"));
    const alphabet = ' "\\=:/()[]%<>0123456789abcdefxXnNOTIFICATIONotificationReceived: Error: BGP -';
    for (let i = 0; i < N; i++) {
      const line = lines[i % lines.length] as string;
      const chars = [...line];
      for (let k = 0; k < 3; k++) {
        const at = Math.floor(r() * (chars.length + 1));
        const c = alphabet[Math.floor(r() * alphabet.length)] as string;
        if (r() < 0.5) chars.splice(at, 1, c);
        else chars.splice(at, Math.floor(r() * 20));
      }
      const text = Array.from(
        { length: Math.floor(r() * 80) },
        () => alphabet[Math.floor(r() * alphabet.length)],
      ).join("");
      for (const l of [chars.join(""), text, line.slice(0, Math.floor(r() * line.length))]) {
        const res = parseLogLine(l);
        if (res !== undefined) expect(["event", "unparsed"]).toContain(res.kind);
      }
      expect(() => measureShutdownCommunication(String.fromCharCode(...randomBytes(r, 40)))).not.toThrow();
    }
  });
});
