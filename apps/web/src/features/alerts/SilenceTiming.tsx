/**
 * When a silence applies: now or from a given time (Alertmanager schedules silences ahead), for a
 * duration or until a given time. Shared by the silence form, its edit mode and the bulk silence.
 */
import { useState } from "react";
import { ZoneToggle } from "../../components/ZoneToggle";
import { formatTime, fromDatetimeInputValue, toDatetimeInputValue, type ZoneMode } from "../../lib/time";
import { localZoneName, useZoneMode } from "../../lib/timeZoneMode";

export const DURATIONS: { value: string; label: string; ms: number }[] = [
  { value: "1h", label: "1 hour", ms: 3_600_000 },
  { value: "2h", label: "2 hours", ms: 7_200_000 },
  { value: "4h", label: "4 hours", ms: 14_400_000 },
  { value: "8h", label: "8 hours", ms: 28_800_000 },
  { value: "1d", label: "1 day", ms: 86_400_000 },
  { value: "3d", label: "3 days", ms: 3 * 86_400_000 },
  { value: "7d", label: "7 days", ms: 7 * 86_400_000 },
];

/**
 * Start and end are kept as instants (ISO, UTC), never as wall-clock text: the fields show and read
 * them in the console's display zone (UTC or the browser's, lib/timeZoneMode), so switching the
 * zone changes how a time is written, not when it is, and the server gets the instant meant.
 * Empty: not given; anything else that is not an instant is what was typed, refused on save.
 */
export interface SilenceTimingState {
  start: string;
  duration: string;
  end: string;
}

/** Start and end for an existing silence (edit): both as given times. */
export function timingOf(s: { startsAt: string; endsAt: string } | null): SilenceTimingState {
  if (!s) return { start: "", duration: "2h", end: "" };
  const started = Date.parse(s.startsAt) <= Date.now();
  return { start: started ? "" : s.startsAt, duration: "custom", end: s.endsAt };
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const instant = (v: string): string | null => (INSTANT.test(v) && !Number.isNaN(Date.parse(v)) ? v : null);

/** The API's startsAt/endsAt for the fields, or what is missing. */
export function resolveTiming(
  t: SilenceTimingState,
  now = Date.now(),
): { startsAt?: string; endsAt: string } | { error: string } {
  let from = now;
  let startsAt: string | undefined;
  if (t.start) {
    const s = instant(t.start);
    if (!s) return { error: "Pick a valid start time, or leave it empty to start now." };
    startsAt = s;
    from = Math.max(now, Date.parse(s));
  }
  if (t.duration === "custom") {
    const e = t.end ? instant(t.end) : null;
    if (!e) return { error: "Pick an end time." };
    if (Date.parse(e) <= from) return { error: "The end must be after the start." };
    return { ...(startsAt ? { startsAt } : {}), endsAt: e };
  }
  const d = DURATIONS.find((x) => x.value === t.duration)?.ms ?? 7_200_000;
  return { ...(startsAt ? { startsAt } : {}), endsAt: new Date(from + d).toISOString() };
}

export function useSilenceTiming(initial: SilenceTimingState) {
  return useState<SilenceTimingState>(initial);
}

/** The zone the fields are read in, as the label names it: `UTC` or `Europe/Berlin, GMT+1`. */
export function zoneLabel(mode: ZoneMode, at: number = Date.now()): string {
  if (mode === "utc") return "UTC";
  const offset = formatTime(at, "local").split(" ")[2] ?? "";
  return `${localZoneName()}${offset ? `, ${offset}` : ""}`;
}

/** One date-time field: shown and read in the display zone, kept as an instant. */
function InstantField({
  id,
  label,
  value,
  mode,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  mode: ZoneMode;
  onChange: (v: string) => void;
}) {
  const at = instant(value);
  const other: ZoneMode = mode === "utc" ? "local" : "utc";
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} <span className="zone-tag">({zoneLabel(mode, at ? Date.parse(at) : undefined)})</span>
      </label>
      <input
        id={id}
        type="datetime-local"
        value={at ? toDatetimeInputValue(at, mode) : value}
        onChange={(e) => {
          const text = e.target.value;
          onChange(text === "" ? "" : (fromDatetimeInputValue(text, mode) ?? text));
        }}
      />
      {at ? <span className="muted small">= {formatTime(at, other, { seconds: false })}</span> : null}
    </div>
  );
}

export function SilenceTimingFields({
  id,
  value,
  onChange,
}: {
  id: string;
  value: SilenceTimingState;
  onChange: (v: SilenceTimingState) => void;
}) {
  const mode = useZoneMode();
  return (
    <div className="silence-timing">
      <InstantField
        id={`${id}-start`}
        label="Starts (empty: now)"
        value={value.start}
        mode={mode}
        onChange={(start) => onChange({ ...value, start })}
      />
      <div className="field">
        <label htmlFor={`${id}-dur`}>Duration</label>
        <select
          id={`${id}-dur`}
          value={value.duration}
          onChange={(e) => onChange({ ...value, duration: e.target.value })}
        >
          {DURATIONS.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
          <option value="custom">Until a given time…</option>
        </select>
      </div>
      {value.duration === "custom" ? (
        <InstantField
          id={`${id}-end`}
          label="Ends at"
          value={value.end}
          mode={mode}
          onChange={(end) => onChange({ ...value, end })}
        />
      ) : null}
      <p className="small muted zone-note">
        Times in {mode === "utc" ? "UTC" : `your local time (${localZoneName()})`}, as everywhere in the
        console: <ZoneToggle />
      </p>
    </div>
  );
}
