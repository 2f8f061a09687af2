// 10^5 mutated inputs per decoder (seeded, so a failure replays): only RserpoolDecodeError may be
// thrown, never another exception; the capture reader never throws at all and reports issues.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  CaptureDecoder,
  decodeAsap,
  decodeCapture,
  decodeCsp,
  decodeEnrp,
  RserpoolDecodeError,
} from "../../src/rserpool/index";
import { prng } from "../prng";
import { encoderCapture, encoderCases } from "./encoder-cases";

const N = 100_000;
const VEC = path.join(import.meta.dirname, "vectors");

function seeds(): { asap: Uint8Array[]; enrp: Uint8Array[]; csp: Uint8Array[] } {
  const out = { asap: [] as Uint8Array[], enrp: [] as Uint8Array[], csp: [] as Uint8Array[] };
  const { items } = decodeCapture(new Uint8Array(readFileSync(path.join(VEC, "enrp-takeover.pcapng"))), {
    keepRaw: true,
  });
  for (const i of items)
    if ((i.kind === "asap" || i.kind === "enrp") && i.raw && out[i.kind].length < 200)
      out[i.kind].push(i.raw);
  for (const c of encoderCases()) out[c.protocol].push(c.bytes);
  return out;
}

/** One mutation: flip bytes, poke a length field, truncate, extend, or splice in a duplicate range. */
function mutate(src: Uint8Array, r: () => number): Uint8Array {
  let b = src.slice();
  const pick = (n: number) => Math.floor(r() * n);
  const steps = 1 + pick(4);
  for (let s = 0; s < steps; s++) {
    const op = pick(6);
    if (b.length === 0) b = new Uint8Array(pick(8));
    const at = pick(b.length || 1);
    if (op === 0) b[at] = pick(256);
    else if (op === 1) b[at] = (b[at] ?? 0) ^ (1 << pick(8));
    else if (op === 2 && b.length > 2) {
      // 16-bit length-like fields sit at even offsets
      const o = at & ~1;
      const v = [0, 1, 3, 4, 0xffff, b.length, b.length + 4, pick(65536)][pick(8)] as number;
      b[o] = v >> 8;
      b[o + 1] = v & 0xff;
    } else if (op === 3) b = b.subarray(0, pick(b.length + 1)).slice();
    else if (op === 4) {
      const n = new Uint8Array(b.length + pick(12));
      n.set(b);
      for (let i = b.length; i < n.length; i++) n[i] = pick(256);
      b = n;
    } else {
      const from = pick(b.length);
      const dup = b.subarray(from, from + pick(Math.min(64, b.length - from + 1)));
      const n = new Uint8Array(b.length + dup.length);
      n.set(b.subarray(0, at));
      n.set(dup, at);
      n.set(b.subarray(at), at + dup.length);
      b = n;
    }
  }
  return b;
}

/** Lets the test worker answer its runner between slices of a long synchronous loop. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function run(decode: (b: Uint8Array) => unknown, pool: Uint8Array[], seed: number) {
  const r = prng(seed);
  let ok = 0;
  let rejected = 0;
  for (let i = 0; i < N; i++) {
    if (i % 2000 === 0) await breathe();
    const input = mutate(pool[Math.floor(r() * pool.length)] as Uint8Array, r);
    try {
      decode(input);
      ok++;
    } catch (e) {
      if (!(e instanceof RserpoolDecodeError) || !(e.offset >= 0))
        throw new Error(`seed ${seed} case ${i}: ${String(e)}`);
      rejected++;
    }
  }
  return { ok, rejected };
}

describe("fuzz", () => {
  const s = seeds();
  it.each([
    ["ASAP", (b: Uint8Array) => decodeAsap(b), "asap", 1],
    ["ENRP", (b: Uint8Array) => decodeEnrp(b), "enrp", 2],
    ["CSP", (b: Uint8Array) => decodeCsp(b), "csp", 3],
  ] as const)(
    "%s decoder: 10^5 mutated messages, only typed errors",
    async (_n, decode, kind, seed) => {
      const pool = kind === "csp" ? [...s.csp, ...s.csp] : s[kind];
      const res = await run(decode, pool, seed);
      expect(res.ok + res.rejected).toBe(N);
      // Both outcomes happen, so the mutations reach past the header checks.
      expect(res.ok).toBeGreaterThan(N / 50);
      expect(res.rejected).toBeGreaterThan(N / 50);
    },
    120_000,
  );

  it("capture reader: 10^5 mutated pcap files never throw; issues carry offsets", async () => {
    const file = encoderCapture(encoderCases().slice(0, 4));
    const r = prng(4);
    let issues = 0;
    let items = 0;
    let badOffsets = 0;
    for (let i = 0; i < N; i++) {
      if (i % 2000 === 0) await breathe();
      const input = mutate(file, r);
      const dec = new CaptureDecoder(() => items++);
      dec.push(input);
      dec.end();
      for (const x of [...dec.pcap.issues, ...dec.frameIssues]) {
        if (!(x.offset >= 0 && x.offset <= input.length)) badOffsets++;
        issues++;
      }
    }
    expect(badOffsets).toBe(0);
    expect(items).toBeGreaterThan(N);
    expect(issues).toBeGreaterThan(N / 100);
  }, 300_000);
});
