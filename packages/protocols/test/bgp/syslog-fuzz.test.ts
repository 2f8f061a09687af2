// Bounded, seeded fuzzing of the syslog path (RFC 5424/3164 parsing, RFC 6587 TCP framing) with random
// bytes and mutations of the recorded BIRD/FRR syslog lines: nothing throws, the framer never holds
// more than its limit, and well-formed streams frame identically however the chunks fall.
import { describe, expect, it } from "vitest";
import { parseLogLine, parseSyslogMessage, SyslogStreamFramer } from "../../src/bgp/index";
import { int, mutate, prng, type Rng, randomBytes } from "./helpers/random";
import { readVectorText } from "./helpers/vectors";

const N = 1500;

// Biased towards the octets syslog framing turns on: digits, space, CR, LF, '<', '>', and NUL/0xff.
const FRAMING = [0x30, 0x31, 0x39, 0x20, 0x0d, 0x0a, 0x3c, 0x3e, 0x00, 0xff];
const noise = (r: Rng, max: number) => randomBytes(r, max, FRAMING);
const mutateSyslog = (r: Rng, src: Uint8Array) => mutate(r, src, (q) => noise(q, 12));

const enc = new TextEncoder();
const dec = new TextDecoder();
const samples = [
  ...readVectorText("peer-samples", "bgp", "bird-c.syslog.raw").split("\n"),
  ...readVectorText("peer-samples", "bgp", "frr-bgpd-rfc5424-notification-lines.log").split("\n"),
  ...readVectorText("peer-samples", "bgp", "frr-bgpd-rfc3164-notification-lines.log").split("\n"),
].filter((l) => l.length > 0);

/** Splits `stream` into chunks of random sizes (1..max) and pushes them; checks the bound after each. */
function frameAll(framer: SyslogStreamFramer, stream: Uint8Array, r: Rng, max: number) {
  const events = [];
  for (let p = 0; p < stream.length; ) {
    const n = 1 + int(r, max);
    events.push(...framer.push(stream.subarray(p, p + n)));
    expect(framer.bufferedBytes).toBeLessThanOrEqual(framer.maxMessage + 12);
    p += n;
  }
  events.push(...framer.end());
  return events;
}

describe("syslog fuzzing (seeded, bounded)", () => {
  it("has recorded samples to mutate", () => {
    expect(samples.length).toBeGreaterThan(10);
  });

  it("parseSyslogMessage and parseLogLine never throw on random or mutated lines (seed 1)", () => {
    const r = prng(1);
    for (let i = 0; i < N; i++) {
      const base = enc.encode(samples[int(r, samples.length)] as string);
      const text = dec.decode(r() < 0.5 ? mutateSyslog(r, base) : noise(r, 300));
      const m = parseSyslogMessage(text);
      if (m.ok) {
        expect(m.value.pri).toBeLessThanOrEqual(191);
        expect(m.value.message.length).toBeLessThanOrEqual(text.length);
      } else expect(m.error.message.length).toBeGreaterThan(0);
      const p = parseLogLine(text);
      if (p !== undefined) expect(["event", "unparsed"]).toContain(p.kind);
    }
  });

  it("the TCP framer survives random streams and stays within its buffer limit (seed 2)", () => {
    const r = prng(2);
    for (let i = 0; i < 300; i++) {
      const framer = new SyslogStreamFramer(r() < 0.5 ? 64 : 1024);
      const events = frameAll(framer, noise(r, 4000), r, 300);
      for (const e of events) {
        if (e.kind === "message") expect(e.bytes.length).toBeLessThanOrEqual(framer.maxMessage + 12);
        else expect(e.dropped).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it("huge counts and endless lines are dropped and reported, never buffered (seed 3)", () => {
    const r = prng(3);
    const framer = new SyslogStreamFramer(256);
    const flood = [enc.encode("999999999 "), new Uint8Array(5000).fill(0x41), enc.encode("\n")];
    const line = new Uint8Array(20_000).fill(0x42);
    const stream = Uint8Array.from([
      ...flood.flatMap((b) => [...b]),
      ...line,
      0x0a,
      ...enc.encode("5 <30>x"),
    ]);
    const events = frameAll(framer, stream, r, 700);
    expect(events.filter((e) => e.kind === "error").length).toBeGreaterThanOrEqual(1);
    expect(framer.bufferedBytes).toBe(0);
  });

  it("well-formed streams (mixed octet counting and LF) frame the same for any chunking (seed 4)", () => {
    const r = prng(4);
    for (let i = 0; i < 200; i++) {
      const msgs = Array.from({ length: 1 + int(r, 20) }, () => samples[int(r, samples.length)] as string);
      const parts = msgs.map((m) => {
        const b = enc.encode(m);
        return r() < 0.5
          ? Uint8Array.from([...enc.encode(`${b.length} `), ...b])
          : Uint8Array.from([...b, 0x0a]);
      });
      const stream = Uint8Array.from(parts.flatMap((p) => [...p]));
      const events = frameAll(new SyslogStreamFramer(), stream, r, 1 + int(r, 200));
      expect(events.map((e) => (e.kind === "message" ? dec.decode(e.bytes) : `error: ${e.reason}`))).toEqual(
        msgs,
      );
    }
  });

  it("mutated well-formed streams never throw and keep the bound (seed 5)", () => {
    const r = prng(5);
    for (let i = 0; i < 400; i++) {
      const parts = Array.from({ length: 1 + int(r, 8) }, () => {
        const b = enc.encode(samples[int(r, samples.length)] as string);
        return r() < 0.5
          ? Uint8Array.from([...enc.encode(`${b.length} `), ...b])
          : Uint8Array.from([...b, 0x0a]);
      });
      const stream = mutateSyslog(r, Uint8Array.from(parts.flatMap((p) => [...p])));
      const framer = new SyslogStreamFramer(r() < 0.3 ? 100 : 8192);
      for (const e of frameAll(framer, stream, r, 1 + int(r, 500))) {
        if (e.kind === "message") parseSyslogMessage(dec.decode(e.bytes));
      }
    }
  });
});
