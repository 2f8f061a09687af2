/** Strict IPv4 (dotted quad, no leading zeros) and IPv6 (RFC 4291 text forms) syntax, with RFC 5952 output. */

export function parseIPv4(s: string): number[] | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

/** Eight 16-bit groups, or null. Zone identifiers (`%eth0`) are not addresses and are refused. */
export function parseIPv6(s: string): number[] | null {
  if (s.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(s)) return null;
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (part: string, allowV4: boolean): number[] | null => {
    if (part === "") return [];
    const out: number[] = [];
    const items = part.split(":");
    for (let i = 0; i < items.length; i++) {
      const it = items[i] as string;
      if (allowV4 && i === items.length - 1 && it.includes(".")) {
        const v4 = parseIPv4(it);
        if (!v4) return null;
        out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(it)) return null;
        out.push(Number.parseInt(it, 16));
      }
    }
    return out;
  };
  if (halves.length === 1) {
    const g = groups(s, true);
    return g && g.length === 8 ? g : null;
  }
  const head = groups(halves[0] as string, false);
  const tail = groups(halves[1] as string, true);
  if (!head || !tail || head.length + tail.length > 7) return null;
  return [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail];
}

/** RFC 5952 canonical text (lower case, longest zero run compressed, first on ties, not a single group). */
export function formatIPv6(g: number[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((n) => n.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}
