/** Seeded randomness for the fuzz tests: a failure replays from the seed its test names. */

export type Rng = () => number;

// The PRNG the other areas' fuzz tests use too (mulberry32).
export { prng } from "../../prng";

/** An integer in [0, n). */
export const int = (r: Rng, n: number): number => Math.floor(r() * n);

/**
 * 0 to max-1 random octets. With `bias`, about 30% of them are drawn from it instead: the octets a
 * parser's framing turns on, which uniform bytes would rarely hit.
 */
export function randomBytes(r: Rng, max: number, bias?: readonly number[]): Uint8Array {
  const b = new Uint8Array(int(r, max));
  for (let i = 0; i < b.length; i++)
    b[i] = bias && r() < 0.3 ? (bias[int(r, bias.length)] as number) : int(r, 256);
  return b;
}

/** Octet values at the edges of signed and unsigned ranges. */
const EDGES = [0x00, 0x7f, 0x80, 0xff];

/**
 * A copy of `src` with 1 to 4 edits at random places: an octet overwritten (at random or with an
 * edge value), the tail cut off, octets from `noise` inserted, or a run of up to 40 octets repeated.
 * `src` itself is left as it was.
 */
export function mutate(
  r: Rng,
  src: Uint8Array,
  noise: (r: Rng) => Uint8Array = (q) => randomBytes(q, 8),
): Uint8Array {
  let out = src.slice();
  for (let k = 1 + int(r, 4); k > 0; k--) {
    const i = int(r, Math.max(1, out.length));
    const op = int(r, 5);
    if (op === 0 && out.length > 0) out[i] = int(r, 256);
    else if (op === 1 && out.length > 0) out[i] = EDGES[int(r, EDGES.length)] as number;
    else if (op === 2) out = out.slice(0, i);
    else if (op === 3) out = Uint8Array.from([...out.subarray(0, i), ...noise(r), ...out.subarray(i)]);
    else
      out = Uint8Array.from([...out.subarray(0, i), ...out.subarray(i, i + int(r, 40)), ...out.subarray(i)]);
  }
  return out;
}
