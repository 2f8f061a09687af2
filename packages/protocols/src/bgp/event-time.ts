// Timestamps as routers write them, to one instant. Logs rarely say their zone: times without one are
// read as UTC (what the lab daemons and most router fleets log in), and that is documented in the README.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const ISO = /^(\d{4})[-/](\d\d)[-/](\d\d)[ T](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(Z|[+-]\d\d:?\d\d)?$/;
const BSD = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?$/;

/**
 * Parses ISO 8601 / "YYYY/MM/DD hh:mm:ss.mmm" / BSD "Mmm dd hh:mm:ss". BSD stamps have no year: the
 * year is chosen so the time is not more than a day in the future of `now`. undefined if not a time.
 */
export function parseLogTimestamp(ts: string | undefined, now: Date = new Date()): Date | undefined {
  if (!ts) return undefined;
  const t = ts.trim();
  const iso = ISO.exec(t);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    const ms = frac ? Number(frac.slice(0, 3).padEnd(3, "0")) : 0;
    let when = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
    if (zone && zone !== "Z") {
      const sign = zone.startsWith("-") ? -1 : 1;
      const digits = zone.slice(1).replace(":", "");
      when -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
    return Number.isFinite(when) ? new Date(when) : undefined;
  }
  const bsd = BSD.exec(t);
  if (bsd) {
    const [, mon, d, h, mi, s, frac] = bsd;
    const month = MONTHS.indexOf(mon ?? "");
    if (month < 0) return undefined;
    const ms = frac ? Number(frac.slice(0, 3).padEnd(3, "0")) : 0;
    const year = now.getUTCFullYear();
    for (const y of [year, year - 1]) {
      const when = Date.UTC(y, month, Number(d), Number(h), Number(mi), Number(s), ms);
      if (when <= now.getTime() + 86_400_000) return new Date(when);
    }
  }
  return undefined;
}
