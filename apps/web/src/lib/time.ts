/** Pure date/format helpers. Everything takes explicit inputs (no hidden "now") so it is testable. */

function toDate(v: string | number | Date): Date | null {
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** How the console shows times: in UTC, or in the browser's time zone (lib/timeZoneMode keeps the choice). */
export type ZoneMode = "utc" | "local";

/**
 * The one way the console writes an instant: `2026-11-21 07:05:09 UTC` in UTC mode,
 * `2026-11-21 08:05:09 GMT+1` in local mode (the browser's zone, or `timeZone` for tests);
 * "—" for a missing or invalid timestamp. The zone is always named, so a copied time is unambiguous.
 */
export function formatTime(
  v: string | number | Date | null | undefined,
  mode: ZoneMode = "utc",
  opts: { timeZone?: string; seconds?: boolean } = {},
): string {
  if (v === null || v === undefined) return "—";
  const d = toDate(v);
  if (!d) return "—";
  const withSeconds = opts.seconds ?? true;
  if (mode === "utc") {
    return (
      `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
      `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${withSeconds ? `:${pad(d.getUTCSeconds())}` : ""} UTC`
    );
  }
  const parts = new Intl.DateTimeFormat("en-GB", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    // "GMT+1" rather than "CET": an offset is unambiguous to anyone reading a copied time.
    timeZoneName: "shortOffset",
    ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
  }).formatToParts(d);
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? "";
  const time = `${get("hour")}:${get("minute")}${withSeconds ? `:${get("second")}` : ""}`;
  return `${get("year")}-${get("month")}-${get("day")} ${time} ${get("timeZoneName")}`;
}

/** `2026-11-21 07:05:09 UTC`; "—" for a missing or invalid timestamp. */
export function formatUtc(v: string | number | Date | null | undefined): string {
  return formatTime(v, "utc");
}

/** The same instant in the browser's time zone, e.g. `2026-11-21 08:05:09 GMT+1 (local)`. */
export function formatLocal(v: string | number | Date | null | undefined, timeZone?: string): string {
  const s = formatTime(v, "local", timeZone ? { timeZone } : {});
  return s === "—" ? "" : `${s} (local)`;
}

/**
 * Compact duration: `45s`, `5m`, `2h 5m`, `3d 4h`. Negative inputs are treated as 0.
 * With `seconds`, durations under an hour keep their seconds (`5m 07s`) for ticking clocks.
 */
export function formatDuration(ms: number, opts: { seconds?: boolean } = {}): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return opts.seconds ? `${m}m ${pad(s % 60)}s` : `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`;
}

/** `just now`, `5m ago`, `2h 5m ago`; future instants read `in 5m`. */
export function formatAge(v: string | number | Date | null | undefined, now: number | Date): string {
  if (v === null || v === undefined) return "—";
  const d = toDate(v);
  if (!d) return "—";
  const nowMs = now instanceof Date ? now.getTime() : now;
  const diff = nowMs - d.getTime();
  if (Math.abs(diff) < 5_000) return "just now";
  return diff > 0 ? `${formatDuration(diff)} ago` : `in ${formatDuration(-diff)}`;
}

const DATETIME_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** Value for an `<input type="datetime-local">` showing `d` in local time. */
export function toDatetimeLocalValue(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Parses an `<input type="datetime-local">` value (local time) to an ISO string, or null. */
export function fromDatetimeLocalValue(v: string): string | null {
  if (!DATETIME_INPUT.test(v)) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * Value for an `<input type="datetime-local">` showing the instant in the display zone: the same
 * wall-clock text the console shows elsewhere, UTC or the browser's zone (lib/timeZoneMode).
 */
export function toDatetimeInputValue(v: string | number | Date, mode: ZoneMode): string {
  const d = toDate(v);
  if (!d) return "";
  if (mode === "local") return toDatetimeLocalValue(d);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** An `<input type="datetime-local">` value read in the display zone, as an ISO instant (UTC), or null. */
export function fromDatetimeInputValue(v: string, mode: ZoneMode): string | null {
  if (mode === "local") return fromDatetimeLocalValue(v);
  if (!DATETIME_INPUT.test(v)) return null;
  const d = new Date(`${v}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Parses "try again in 42 s" out of a rate-limit message; null when absent. */
export function retryAfterSeconds(message: string): number | null {
  const m = /in (\d+) ?s\b/.exec(message);
  return m?.[1] ? Number(m[1]) : null;
}
