/** dhcpd lease-file values: plain decimal numbers and `yyyy/mm/dd hh:mm:ss` dates (UTC). */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(s: string, from: number, to: number): number {
  if (to <= from) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Decimal of at most 16 digits and at most `max`; -1 otherwise. */
export function uint(s: string, max: number): number {
  const v = s.length > 16 ? -1 : digits(s, 0, s.length);
  return v > max ? -1 : v;
}

/** "yyyy/mm/dd" + "hh:mm:ss" in UTC → epoch seconds; a string reason when impossible. */
export function parseDhcpdDate(date: string, time: string): number | string {
  const s1 = date.indexOf("/");
  const s2 = date.indexOf("/", s1 + 1);
  const c1 = time.indexOf(":");
  const c2 = time.indexOf(":", c1 + 1);
  if (s1 < 0 || s2 < 0 || c1 < 0 || c2 < 0) return `malformed date/time "${date} ${time}"`;
  const y = digits(date, 0, s1);
  const mo = digits(date, s1 + 1, s2);
  const d = digits(date, s2 + 1, date.length);
  const h = digits(time, 0, c1);
  const mi = digits(time, c1 + 1, c2);
  const se = digits(time, c2 + 1, time.length);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || se < 0) return `malformed date/time "${date} ${time}"`;
  if (y < 1970 || y > 9999) return `year ${y} out of range`;
  if (mo < 1 || mo > 12) return `month ${mo} does not exist`;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!;
  if (d < 1 || d > dim) return `day ${d} does not exist in ${y}/${mo}`;
  if (h > 23) return `hour ${h} out of range`;
  if (mi > 59) return `minute ${mi} out of range`;
  if (se > 59) return `second ${se} out of range`;
  return Date.UTC(y, mo - 1, d, h, mi, se) / 1000;
}
