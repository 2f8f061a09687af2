import { EncodeError } from "../errors";
import type { Encoder } from "./basic";
import type { TokenCursor } from "./cursor";

/** Decimal metres (optionally suffixed `m`) → integer centimetres, without float rounding. */
function metresToCm(text: string, allowNegative: boolean): number {
  const m = /^(-?)([0-9]+)(?:\.([0-9]{1,2}))?[mM]?$/.exec(text);
  if (!m || (m[1] === "-" && !allowNegative)) throw new EncodeError(`LOC: invalid distance '${text}'`);
  const cm = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] === "-" ? -cm : cm;
}

/** RFC 1876 size/precision byte: mantissa (high nibble) × 10^exponent (low nibble) centimetres. */
function precisionByte(cm: number): number {
  if (cm > 9_000_000_000) throw new EncodeError("LOC: size or precision too large");
  let exp = 0;
  let v = cm;
  while (v >= 10 && exp < 9) {
    v = Math.floor(v / 10);
    exp++;
  }
  return (v << 4) | exp;
}

function readCoord(c: TokenCursor, pos: string, neg: string, maxDeg: number): number {
  const deg = c.uint("degrees", maxDeg);
  let min = 0;
  let secMs = 0;
  let t = c.word("hemisphere");
  if (/^[0-9]+$/.test(t)) {
    min = Number(t);
    if (min > 59) throw new EncodeError("LOC: minutes out of range");
    t = c.word("hemisphere");
    if (/^[0-9]+(\.[0-9]{1,3})?$/.test(t)) {
      const [s, frac = ""] = t.split(".");
      secMs = Number(s) * 1000 + Number(frac.padEnd(3, "0"));
      if (secMs >= 60_000) throw new EncodeError("LOC: seconds out of range");
      t = c.word("hemisphere");
    }
  }
  const h = t.toUpperCase();
  if (h !== pos && h !== neg) {
    c.back();
    throw new EncodeError(`LOC: expected ${pos} or ${neg}, got '${t}'`);
  }
  const ms = (deg * 60 + min) * 60 * 1000 + secMs;
  if (ms > maxDeg * 3_600_000) throw new EncodeError("LOC: coordinate out of range");
  // 2^31 is the equator / prime meridian (RFC 1876 §2).
  return h === pos ? 2 ** 31 + ms : 2 ** 31 - ms;
}

export const encodeLOC: Encoder = (c, w) => {
  const lat = readCoord(c, "N", "S", 90);
  const lon = readCoord(c, "E", "W", 180);
  const dist = (what: string, fallback: number, neg = false): number => {
    if (!c.more) return fallback;
    const t = c.word(what);
    try {
      return metresToCm(t, neg);
    } catch (err) {
      c.back();
      throw err;
    }
  };
  if (!c.more) throw new EncodeError("LOC: missing altitude");
  const alt = dist("altitude", 0, true);
  // Defaults from RFC 1876 §3: size 1m, horizontal precision 10000m, vertical precision 10m.
  const size = dist("size", 100);
  const hp = dist("horizontal precision", 1_000_000);
  const vp = dist("vertical precision", 1_000);
  if (alt + 10_000_000 < 0 || alt + 10_000_000 > 0xffffffff)
    throw new EncodeError("LOC: altitude out of range");
  w.u8(0);
  w.u8(precisionByte(size));
  w.u8(precisionByte(hp));
  w.u8(precisionByte(vp));
  w.u32(lat);
  w.u32(lon);
  w.u32(alt + 10_000_000);
};
