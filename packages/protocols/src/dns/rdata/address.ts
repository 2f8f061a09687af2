import { EncodeError } from "../errors";

/** Strict dotted-quad. */
export function parseIPv4(text: string, out: Uint8Array = new Uint8Array(4), at = 0): Uint8Array {
  let part = 0;
  let digits = 0;
  let idx = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || idx > 3) throw new EncodeError(`invalid IPv4 address '${text}'`);
      out[at + idx++] = part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
      if (part > 255) throw new EncodeError(`invalid IPv4 address '${text}'`);
    } else {
      throw new EncodeError(`invalid IPv4 address '${text}'`);
    }
  }
  if (idx !== 4) throw new EncodeError(`invalid IPv4 address '${text}'`);
  return out;
}

/** RFC 4291 §2.2 text forms, including `::` and a trailing dotted quad. */
export function parseIPv6(text: string): Uint8Array {
  const bad = (): never => {
    throw new EncodeError(`invalid IPv6 address '${text}'`);
  };
  const out = new Uint8Array(16);
  const dbl = text.indexOf("::");
  if (dbl >= 0 && text.indexOf("::", dbl + 1) >= 0) bad();
  const headText = dbl >= 0 ? text.slice(0, dbl) : text;
  const tailText = dbl >= 0 ? text.slice(dbl + 2) : "";
  const parse = (s: string): number[] => {
    if (s === "") return [];
    const groups = s.split(":");
    const words: number[] = [];
    for (let g = 0; g < groups.length; g++) {
      const grp = groups[g]!;
      if (g === groups.length - 1 && grp.includes(".")) {
        const v4 = parseIPv4(grp);
        words.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(grp)) bad();
      words.push(Number.parseInt(grp, 16));
    }
    return words;
  };
  const head = parse(headText);
  const tail = parse(tailText);
  if (dbl >= 0) {
    if (head.length + tail.length > 7) bad();
  } else if (head.length !== 8) {
    bad();
  }
  const words = new Array<number>(8).fill(0);
  head.forEach((w, i) => {
    words[i] = w;
  });
  tail.forEach((w, i) => {
    words[8 - tail.length + i] = w;
  });
  for (let i = 0; i < 8; i++) {
    out[2 * i] = words[i]! >> 8;
    out[2 * i + 1] = words[i]! & 0xff;
  }
  return out;
}
