/** `/timeline`: every subsystem's events on one axis; the range, filters and entity live in the URL. */
import { ENTITY_TYPES } from "@netops/protocols";
import { useEffect, useState } from "react";
import { EntityLink } from "../../components/EntityLink";
import { FieldError } from "../../components/FieldError";
import { useTitle } from "../../hooks/useTitle";
import { useUrlState } from "../../lib/urlState";
import { entityParam, parseEntityParam, timelineSchema } from "./filters";
import { TimelineView } from "./TimelineView";

export function TimelinePage({ now }: { now?: number }) {
  const [state, setState, issues, raw] = useUrlState(timelineSchema);
  useTitle("Timeline");
  const entity = parseEntityParam(state.entity);
  return (
    <section className="page">
      <div className="page-head">
        <h1>Timeline</h1>
        {entity ? (
          <p className="small">
            About <EntityLink kind={entity.type} value={entity.value} />{" "}
            <button type="button" className="btn-sm ghost" onClick={() => setState({ entity: "" })}>
              Show all
            </button>
          </p>
        ) : null}
      </div>
      <EntityFilter
        value={raw.entity ?? state.entity}
        error={issues.entity}
        onChange={(entity) => setState({ entity })}
      />
      <TimelineView filters={state} onChange={setState} issues={issues} entity={entity} now={now} />
    </section>
  );
}

/** The entity filter: a type and a value, kept in the URL as `type:value`. */
function EntityFilter({
  value,
  error,
  onChange,
}: {
  value: string;
  /** What the address's `entity` got wrong (then `value` is its text, shown to be fixed). */
  error?: string | undefined;
  onChange: (v: string) => void;
}) {
  const parsed = parseEntityParam(value);
  const [type, setType] = useState<string>(parsed?.type ?? "ip");
  const [text, setText] = useState(parsed?.value ?? value);
  useEffect(() => {
    const p = parseEntityParam(value);
    setText(p?.value ?? value);
    if (p) setType(p.type);
  }, [value]);
  const shownError = error && text === (parseEntityParam(value)?.value ?? value) ? error : undefined;
  return (
    <form
      className="row wrap timeline-entity"
      aria-label="Events about one entity"
      onSubmit={(e) => {
        e.preventDefault();
        const v = text.trim();
        onChange(v ? entityParam({ type: type as (typeof ENTITY_TYPES)[number], value: v }) : "");
      }}
    >
      <label className="small" htmlFor="timeline-entity-type">
        About
      </label>
      <select id="timeline-entity-type" value={type} onChange={(e) => setType(e.target.value)}>
        {ENTITY_TYPES.map((t) => (
          <option key={t} value={t}>
            {t === "as" ? "AS" : t === "mac" ? "MAC" : t === "ip" ? "address" : t}
          </option>
        ))}
      </select>
      <input
        aria-label="Entity value"
        value={text}
        maxLength={310}
        placeholder="192.0.2.53 (empty: everything)"
        onChange={(e) => setText(e.target.value)}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={shownError ? "timeline-entity-error" : undefined}
      />
      <button type="submit" className="btn-sm">
        Filter
      </button>
      <FieldError id="timeline-entity-error" message={shownError} />
    </form>
  );
}
