/**
 * When a silence applies: now or from a given time (Alertmanager schedules silences ahead), for a
 * duration or until a given time. Shared by the silence form, its edit mode and the bulk silence.
 */
import { useState } from "react";
import { formatUtc, fromDatetimeLocalValue, toDatetimeLocalValue } from "../../lib/time";

export const DURATIONS: { value: string; label: string; ms: number }[] = [
  { value: "1h", label: "1 hour", ms: 3_600_000 },
  { value: "2h", label: "2 hours", ms: 7_200_000 },
  { value: "4h", label: "4 hours", ms: 14_400_000 },
  { value: "8h", label: "8 hours", ms: 28_800_000 },
  { value: "1d", label: "1 day", ms: 86_400_000 },
  { value: "3d", label: "3 days", ms: 3 * 86_400_000 },
  { value: "7d", label: "7 days", ms: 7 * 86_400_000 },
];

export interface SilenceTimingState {
  start: string;
  duration: string;
  end: string;
}

/** Start and end for an existing silence (edit): both as given times. */
export function timingOf(s: { startsAt: string; endsAt: string } | null): SilenceTimingState {
  if (!s) return { start: "", duration: "2h", end: "" };
  const started = Date.parse(s.startsAt) <= Date.now();
  return {
    start: started ? "" : toDatetimeLocalValue(new Date(s.startsAt)),
    duration: "custom",
    end: toDatetimeLocalValue(new Date(s.endsAt)),
  };
}

/** The API's startsAt/endsAt for the fields, or what is missing. */
export function resolveTiming(
  t: SilenceTimingState,
  now = Date.now(),
): { startsAt?: string; endsAt: string } | { error: string } {
  let from = now;
  let startsAt: string | undefined;
  if (t.start) {
    const s = fromDatetimeLocalValue(t.start);
    if (!s) return { error: "Pick a valid start time, or leave it empty to start now." };
    startsAt = s;
    from = Math.max(now, Date.parse(s));
  }
  if (t.duration === "custom") {
    const e = fromDatetimeLocalValue(t.end);
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

export function SilenceTimingFields({
  id,
  value,
  onChange,
}: {
  id: string;
  value: SilenceTimingState;
  onChange: (v: SilenceTimingState) => void;
}) {
  const startIso = fromDatetimeLocalValue(value.start);
  const endIso = fromDatetimeLocalValue(value.end);
  return (
    <div className="silence-timing">
      <div className="field">
        <label htmlFor={`${id}-start`}>Starts (empty: now; your local time)</label>
        <input
          id={`${id}-start`}
          type="datetime-local"
          value={value.start}
          onChange={(e) => onChange({ ...value, start: e.target.value })}
        />
        {startIso ? <span className="muted small">= {formatUtc(startIso)}</span> : null}
      </div>
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
        <div className="field">
          <label htmlFor={`${id}-end`}>Ends at (your local time)</label>
          <input
            id={`${id}-end`}
            type="datetime-local"
            value={value.end}
            onChange={(e) => onChange({ ...value, end: e.target.value })}
          />
          {endIso ? <span className="muted small">= {formatUtc(endIso)}</span> : null}
        </div>
      ) : null}
    </div>
  );
}
