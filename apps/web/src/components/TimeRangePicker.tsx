/**
 * A Grafana-like time-range picker: a button that names the range ("Last 1 hour",
 * "2026-12-06 12:09 UTC → now"), opening quick relative ranges and an absolute from/to typed in
 * the console's display zone. The value is URL text (lib/timeRange): relative (`now-1h`) or a
 * zoned instant, so links mean the same in every browser. Errors (a bad URL value given as
 * `issues`, or what was typed) show on their field; nothing is applied until it is valid.
 *
 * The panel is not a <form>: pages put the picker inside their own filter form, and forms do not
 * nest. Enter in its fields applies the range (and does not submit the page's form).
 */
import { type KeyboardEvent, useEffect, useId, useState } from "react";
import {
  describeTimeRange,
  parseTimeInput,
  QUICK_RANGES,
  rangeIssue,
  type TimeRange,
  toInputText,
} from "../lib/timeRange";
import { localZoneName, useZoneMode } from "../lib/timeZoneMode";
import { FieldError } from "./FieldError";
import "./TimeRangePicker.css";

export interface TimeRangePickerProps {
  value: TimeRange;
  onChange: (range: TimeRange) => void;
  /** Problems with the URL's `from`/`to` (lib/urlState issues), shown on those fields. */
  issues?: Partial<Record<keyof TimeRange, string>>;
  /** The URL's text for an invalid end (what the page could not use), shown in its field to be fixed. */
  raw?: Partial<Record<keyof TimeRange, string>>;
  /** Accessible name of the control, e.g. "Event time". */
  label?: string;
  /** Fixed "now" for tests; otherwise the clock at apply time. */
  now?: () => number;
}

export function TimeRangePicker({
  value,
  onChange,
  issues = {},
  raw = {},
  label = "Time range",
  now = Date.now,
}: TimeRangePickerProps) {
  const mode = useZoneMode();
  const id = useId();
  const hasIssue = Boolean(issues.from || issues.to);
  const [open, setOpen] = useState(hasIssue);
  const shownFrom = raw.from ?? toInputText(value.from, mode);
  const shownTo = raw.to ?? toInputText(value.to, mode);
  const [from, setFrom] = useState(shownFrom);
  const [to, setTo] = useState(shownTo);
  const [errors, setErrors] = useState<{ from?: string; to?: string; range?: string }>({});
  // Follow the URL (and the zone toggle) when they change, not on every render.
  useEffect(() => {
    setFrom(shownFrom);
    setTo(shownTo);
    setErrors({});
  }, [shownFrom, shownTo]);
  useEffect(() => {
    if (hasIssue) setOpen(true);
  }, [hasIssue]);

  const apply = (range: TimeRange) => {
    onChange(range);
    setOpen(false);
  };
  const submit = () => {
    const f = parseTimeInput(from, mode);
    const t = parseTimeInput(to, mode);
    const next: typeof errors = {};
    if (!f.ok) next.from = f.error;
    if (!t.ok) next.to = t.error;
    if (f.ok && t.ok) {
      const whole = rangeIssue({ from: f.url, to: t.url }, now());
      if (whole) next.range = whole;
      else return apply({ from: f.url, to: t.url });
    }
    setErrors(next);
  };
  // Enter applies the range here, as a form of its own would, instead of submitting the page's form.
  const onEnter = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    submit();
  };
  const fromError = errors.from ?? (from === shownFrom ? issues.from : undefined);
  const toError = errors.to ?? (to === shownTo ? issues.to : undefined);
  const zoneName = mode === "utc" ? "UTC" : `local time, ${localZoneName()}`;
  const summary = hasIssue ? "Invalid time range" : describeTimeRange(value, mode);

  return (
    <div className="trp">
      <button
        type="button"
        className={`trp-button${hasIssue ? " is-invalid" : ""}`}
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        aria-invalid={hasIssue || undefined}
        aria-label={`${label}: ${summary}`}
        onClick={() => setOpen(!open)}
      >
        {summary} <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <fieldset id={`${id}-panel`} className="trp-panel">
          <legend className="sr-only">{label}</legend>
          <div className="trp-absolute">
            <p className="trp-head">Absolute range</p>
            <div className="field">
              <label htmlFor={`${id}-from`}>From</label>
              <input
                id={`${id}-from`}
                value={from}
                placeholder="now-1h or 2026-12-06 12:09"
                maxLength={40}
                aria-invalid={fromError ? true : undefined}
                aria-describedby={fromError ? `${id}-from-error` : undefined}
                onChange={(e) => setFrom(e.target.value)}
                onKeyDown={onEnter}
              />
              <FieldError id={`${id}-from-error`} message={fromError} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-to`}>To</label>
              <input
                id={`${id}-to`}
                value={to}
                placeholder="now"
                maxLength={40}
                aria-invalid={toError ? true : undefined}
                aria-describedby={toError ? `${id}-to-error` : undefined}
                onChange={(e) => setTo(e.target.value)}
                onKeyDown={onEnter}
              />
              <FieldError id={`${id}-to-error`} message={toError} />
            </div>
            <FieldError message={errors.range} />
            <p className="muted small">
              Times without a zone are read in {zoneName} (“Times” in the top bar switches).
            </p>
            <div className="row">
              <button type="button" onClick={submit}>
                Apply time range
              </button>
              {value.from || value.to || hasIssue ? (
                <button type="button" className="ghost" onClick={() => apply({ from: "", to: "" })}>
                  All time
                </button>
              ) : null}
            </div>
          </div>
          <div className="trp-quick">
            <p className="trp-head">Quick ranges</p>
            <ul>
              {QUICK_RANGES.map((q) => (
                <li key={q.from}>
                  <button
                    type="button"
                    className="ghost btn-sm"
                    aria-pressed={value.from === q.from && (value.to === "" || value.to === "now")}
                    onClick={() => apply({ from: q.from, to: "" })}
                  >
                    {q.label}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
