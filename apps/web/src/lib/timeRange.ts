/**
 * Time ranges as they live in the URL, Grafana-style, always explicit about their zone:
 *
 * - `now`, or `now-15m` / `now-1h` / `now-7d` (units s, m, h, d, w): relative to the moment of the query;
 * - an ISO 8601 instant WITH its zone, `2026-12-06T11:09:00Z` or `2026-12-06T12:09+01:00`.
 *
 * A zone-less time (`2026-12-06T12:09`) is refused with a message instead of being read in the
 * browser's zone: the same link must show the same events in Berlin and in UTC. The picker writes
 * absolute times in UTC (`…Z`); what the operator types is read in the console's display zone
 * (lib/timeZoneMode: UTC or the browser's local zone).
 *
 * Use in a page: spread `timeRangeShape()` into the page's URL schema (lib/urlState), give the
 * picker `{from, to}`, and turn the range into API input with `resolveTimeRange(range, now)`.
 */
import { z } from "zod";
import { type ZoneMode, formatTime } from "./time";

export interface TimeRange {
  /** URL text of the start; empty: no lower bound. */
  from: string;
  /** URL text of the end; empty or `now`: no upper bound (up to the moment of the query). */
  to: string;
}

export type TimePoint = { kind: "now" } | { kind: "ago"; ms: number } | { kind: "at"; ms: number };

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const UNIT_WORD = { s: "second", m: "minute", h: "hour", d: "day", w: "week" } as const;
/** Ten years: a range further back is a typo, and keeps the arithmetic far from Date's limits. */
const MAX_AGO_MS = 3_650 * UNIT_MS.d;

const RELATIVE = /^now(?:-(\d{1,6})([smhdw]))?$/;
/** ISO 8601 date and time with a zone designator (Z or ±hh:mm); seconds and fraction optional. */
const ZONED =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;
/** The same without a zone: what a person types, read in the display zone. */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

export const NO_ZONE_MESSAGE = "no time zone: add Z for UTC or an offset such as +01:00 (2026-12-06T12:09Z)";

export type PointResult = { ok: true; point: TimePoint } | { ok: false; error: string };

function checkFields(y: number, mo: number, d: number, h: number, mi: number, s: number): string | null {
  if (mo < 1 || mo > 12) return `month ${mo} is not 1 to 12`;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return `day ${d} is not in ${y}-${String(mo).padStart(2, "0")}`;
  if (h > 23) return `hour ${h} is not 0 to 23`;
  if (mi > 59) return `minute ${mi} is not 0 to 59`;
  if (s > 59) return `second ${s} is not 0 to 59`;
  return null;
}

/** One end of a range in URL syntax (`now`, `now-1h`, or a zoned ISO instant). */
export function parseTimePoint(text: string): PointResult {
  const t = text.trim();
  if (t === "") return { ok: false, error: "empty" };
  if (t.length > 40) return { ok: false, error: "too long for a time (at most 40 characters)" };
  const rel = RELATIVE.exec(t);
  if (rel) {
    if (!rel[1]) return { ok: true, point: { kind: "now" } };
    const ms = Number(rel[1]) * UNIT_MS[rel[2] as keyof typeof UNIT_MS];
    if (ms > MAX_AGO_MS) return { ok: false, error: "more than ten years back" };
    return { ok: true, point: { kind: "ago", ms } };
  }
  if (t.startsWith("now")) return { ok: false, error: "not a relative time (now, now-15m, now-1h, now-7d)" };
  const m = ZONED.exec(t);
  if (m) {
    const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const bad = checkFields(y, mo, d, h, mi, s);
    if (bad) return { ok: false, error: bad };
    const zone = (m[8] ?? "Z").toUpperCase();
    let offsetMin = 0;
    if (zone !== "Z") {
      const digits = zone.replace(":", "");
      const oh = Number(digits.slice(1, 3));
      const om = Number(digits.slice(3, 5));
      if (oh > 23 || om > 59) return { ok: false, error: `offset ${zone} is not a time zone offset` };
      offsetMin = (zone.startsWith("-") ? -1 : 1) * (oh * 60 + om);
    }
    const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
    const ms = Date.UTC(y, mo - 1, d, h, mi, s) + Math.floor(frac) - offsetMin * 60_000;
    return { ok: true, point: { kind: "at", ms } };
  }
  if (LOCAL.test(t)) return { ok: false, error: NO_ZONE_MESSAGE };
  return { ok: false, error: "not a time (now-1h, or 2026-12-06T12:09Z)" };
}

/** The point as epoch ms at `now`. */
export function pointMs(p: TimePoint, now: number): number {
  if (p.kind === "now") return now;
  if (p.kind === "ago") return now - p.ms;
  return p.ms;
}

/**
 * `from` and `to` for a page's URL schema. Defaults: no range (every time), or e.g.
 * `{ from: "now-24h" }` for a page that opens on the last day.
 */
export function timeRangeShape(defaults: Partial<TimeRange> = {}) {
  return {
    from: z
      .string()
      .trim()
      .max(40)
      .superRefine(pointIssue)
      .default(defaults.from ?? ""),
    to: z
      .string()
      .trim()
      .max(40)
      .superRefine(pointIssue)
      .default(defaults.to ?? ""),
  };
}

function pointIssue(s: string, ctx: z.RefinementCtx) {
  if (s === "") return;
  const r = parseTimePoint(s);
  if (!r.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: r.error });
}

/** The range as API input (ISO strings, UTC) at `now`; an open end is left out. Invalid ends are left out too (the page shows their issue and no data). */
export function resolveTimeRange(range: TimeRange, now: number): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  const f = range.from ? parseTimePoint(range.from) : null;
  const t = range.to ? parseTimePoint(range.to) : null;
  if (f?.ok) out.from = new Date(pointMs(f.point, now)).toISOString();
  // `to=now` is open-ended, so events of the last seconds are not cut off by a rounded clock.
  if (t?.ok && t.point.kind !== "now") out.to = new Date(pointMs(t.point, now)).toISOString();
  return out;
}

/** What is wrong with the range as a whole (its ends are fine each), or null. */
export function rangeIssue(range: TimeRange, now: number): string | null {
  const f = range.from ? parseTimePoint(range.from) : null;
  const t = range.to ? parseTimePoint(range.to) : null;
  if (f?.ok && t?.ok && pointMs(f.point, now) >= pointMs(t.point, now))
    return "the start is not before the end";
  return null;
}

/** Whether a range is relative (its bounds move with the clock), so a page can re-resolve it as time passes. */
export function isRelative(range: TimeRange): boolean {
  return [range.from, range.to].some((s) => {
    const r = s.trim() ? parseTimePoint(s) : null;
    return r?.ok === true && r.point.kind === "ago";
  });
}

/** Quick ranges offered by the picker (Grafana's common ones). */
export const QUICK_RANGES: readonly { from: string; label: string }[] = [
  { from: "now-5m", label: "Last 5 minutes" },
  { from: "now-15m", label: "Last 15 minutes" },
  { from: "now-1h", label: "Last 1 hour" },
  { from: "now-6h", label: "Last 6 hours" },
  { from: "now-24h", label: "Last 24 hours" },
  { from: "now-7d", label: "Last 7 days" },
  { from: "now-30d", label: "Last 30 days" },
];

function describePoint(text: string, mode: ZoneMode): string {
  const r = parseTimePoint(text);
  if (!r.ok) return text;
  if (r.point.kind === "now") return "now";
  if (r.point.kind === "ago") {
    const m = RELATIVE.exec(text.trim());
    const n = Number(m?.[1]);
    const unit = UNIT_WORD[(m?.[2] ?? "m") as keyof typeof UNIT_WORD];
    return `${n} ${unit}${n === 1 ? "" : "s"} ago`;
  }
  return formatTime(r.point.ms, mode);
}

/** `Last 1 hour`, `2026-12-06 12:09:00 UTC → now`, `All time`. */
export function describeTimeRange(range: TimeRange, mode: ZoneMode): string {
  const from = range.from.trim();
  const to = range.to.trim();
  if (!from && !to) return "All time";
  if (to === "" || to === "now") {
    const quick = QUICK_RANGES.find((q) => q.from === from);
    if (quick) return quick.label;
    const m = RELATIVE.exec(from);
    if (m?.[1]) {
      const n = Number(m[1]);
      const unit = UNIT_WORD[m[2] as keyof typeof UNIT_WORD];
      return `Last ${n} ${unit}${n === 1 ? "" : "s"}`;
    }
  }
  const a = from ? describePoint(from, mode) : "the beginning";
  const b = to ? describePoint(to, mode) : "now";
  return `${a} → ${b}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * What the operator typed in the picker, as URL text: relative and zoned times as they are (zoned
 * ones normalised to UTC), a zone-less `2026-12-06 12:09[:ss]` read in the display zone `mode`.
 */
export function parseTimeInput(
  text: string,
  mode: ZoneMode,
): { ok: true; url: string } | { ok: false; error: string } {
  const t = text.trim();
  if (t === "") return { ok: true, url: "" };
  const m = LOCAL.exec(t);
  if (m) {
    const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const bad = checkFields(y, mo, d, h, mi, s);
    if (bad) return { ok: false, error: bad };
    const ms = mode === "utc" ? Date.UTC(y, mo - 1, d, h, mi, s) : new Date(y, mo - 1, d, h, mi, s).getTime();
    return { ok: true, url: toUrlInstant(ms) };
  }
  const r = parseTimePoint(t);
  if (!r.ok) return r;
  return { ok: true, url: r.point.kind === "at" ? toUrlInstant(r.point.ms) : t.replace(/\s+/g, "") };
}

/** An instant as URL text: ISO 8601 in UTC, seconds only when set. */
export function toUrlInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  const secs = iso.slice(17, 23);
  return secs === "00.000" ? `${iso.slice(0, 16)}Z` : secs.endsWith(".000") ? `${iso.slice(0, 19)}Z` : iso;
}

/** URL text as the picker's input shows it: relative as is, an instant in the display zone without its zone (the picker names the zone). */
export function toInputText(url: string, mode: ZoneMode): string {
  const r = url.trim() ? parseTimePoint(url) : null;
  if (!r?.ok || r.point.kind !== "at") return url;
  const d = new Date(r.point.ms);
  const [y, mo, day, h, mi, s] =
    mode === "utc"
      ? [
          d.getUTCFullYear(),
          d.getUTCMonth() + 1,
          d.getUTCDate(),
          d.getUTCHours(),
          d.getUTCMinutes(),
          d.getUTCSeconds(),
        ]
      : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
  return `${y}-${pad(mo)}-${pad(day)} ${pad(h)}:${pad(mi)}${s ? `:${pad(s)}` : ""}`;
}
