/** The audit log's filters: action prefix, actor, target and a time range (the shared picker). */
import { type FormEvent, useEffect, useState } from "react";
import { FieldError } from "../../components/FieldError";
import { TimeRangePicker } from "../../components/TimeRangePicker";
import type { UrlStateIssues, UrlStateRaw } from "../../lib/urlState";
import type { AuditFilters } from "./filters";

export const AUDIT_FILTER_LABELS: Record<string, string> = {
  action: "Action starts with",
  actor: "Actor",
  target: "Target",
  from: "Time range (from)",
  to: "Time range (to)",
};

type TextKey = "action" | "actor" | "target";
const FIELDS: { k: TextKey; placeholder: string; max: number }[] = [
  { k: "action", placeholder: "e.g. alerts. or users.setRole", max: 100 },
  { k: "actor", placeholder: "username", max: 64 },
  { k: "target", placeholder: "e.g. alert 12, example.net", max: 300 },
];

export function AuditFilterForm({
  filters,
  onChange,
  issues,
  raw,
}: {
  filters: AuditFilters;
  onChange: (f: Partial<AuditFilters>) => void;
  issues: UrlStateIssues;
  raw: UrlStateRaw;
}) {
  // A field the URL got wrong shows what the URL said, with the reason under it.
  const shown = {
    action: raw.action ?? filters.action,
    actor: raw.actor ?? filters.actor,
    target: raw.target ?? filters.target,
  };
  const [draft, setDraft] = useState(shown);
  const key = JSON.stringify(shown);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for shown
  useEffect(() => setDraft(shown), [key]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange(draft);
  };
  const any = Object.values(filters).some((v) => v !== "") || Object.keys(issues).length > 0;
  return (
    <form className="filters filters-row" onSubmit={submit} aria-label="Audit filters">
      {FIELDS.map(({ k, placeholder, max }) => {
        const error = draft[k] === shown[k] ? issues[k] : undefined;
        return (
          <div className="field inline" key={k}>
            <label htmlFor={`audit-${k}`}>{AUDIT_FILTER_LABELS[k]}</label>
            <input
              id={`audit-${k}`}
              placeholder={placeholder}
              maxLength={max}
              value={draft[k]}
              onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `audit-${k}-error` : undefined}
            />
            <FieldError id={`audit-${k}-error`} message={error} />
          </div>
        );
      })}
      <TimeRangePicker
        label="Audit time"
        value={{ from: filters.from, to: filters.to }}
        onChange={(range) => onChange(range)}
        issues={{ ...(issues.from && { from: issues.from }), ...(issues.to && { to: issues.to }) }}
        raw={{
          ...(raw.from !== undefined && { from: raw.from }),
          ...(raw.to !== undefined && { to: raw.to }),
        }}
      />
      <button type="submit">Filter</button>
      {any ? (
        <button
          type="button"
          className="ghost"
          onClick={() => onChange({ action: "", actor: "", target: "", from: "", to: "" })}
        >
          Clear
        </button>
      ) : null}
    </form>
  );
}
