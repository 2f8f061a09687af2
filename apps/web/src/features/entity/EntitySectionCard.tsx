import { type EntitySection, SEARCH_SUBSYSTEM_LABELS } from "@netops/protocols";
import { Link } from "react-router";
import { Time } from "../../components/Time";
import { SeverityChip } from "../alerts/SeverityChip";

/** One subsystem's part of an entity page: what it knows, when it last looked, and where to see more. */
export function EntitySectionCard({ section: s, now }: { section: EntitySection; now?: number }) {
  const headId = `entity-section-${s.subsystem}-${s.title.replace(/[^A-Za-z0-9]+/g, "-")}`;
  return (
    <section className="card entity-section" aria-labelledby={headId} data-subsystem={s.subsystem}>
      <div className="section-head">
        <h2 id={headId}>{s.title}</h2>
        <Link to={s.url} className="small">
          {SEARCH_SUBSYSTEM_LABELS[s.subsystem]} ›
        </Link>
      </div>
      <p className="small muted entity-refreshed">
        {s.refreshedAt ? (
          <>
            Data refreshed <Time iso={s.refreshedAt} relative="only" now={now} />
          </>
        ) : (
          "When this was last refreshed is not known"
        )}
      </p>
      {s.error ? (
        <p className="error-text small" role="alert">
          Could not read this section: {s.error}
        </p>
      ) : null}
      {s.items.length === 0 && !s.error ? <p className="muted small">Nothing listed.</p> : null}
      <ul className="entity-items">
        {s.items.map((item) => (
          <li key={`${item.kind}:${item.key}`}>
            <div className="entity-item-main">
              <Link to={item.url}>{item.label}</Link>
              <span className="chip entity-kind">{item.kind}</span>
              {item.severity ? <SeverityChip severity={item.severity} /> : null}
            </div>
            {item.detail || item.at ? (
              <div className="small muted entity-item-detail">
                {item.detail}
                {item.detail && item.at ? " · " : ""}
                {item.at ? <Time iso={item.at} /> : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {s.more ? (
        <p className="small">
          <Link to={s.url}>{s.moreLabel ?? `More in ${SEARCH_SUBSYSTEM_LABELS[s.subsystem]}`}</Link>
        </p>
      ) : null}
    </section>
  );
}
