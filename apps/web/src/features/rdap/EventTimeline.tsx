import type { RdapEvent } from "@netops/protocols/rdap";
import { Empty } from "../../components/StateView";

/** Events (RFC 9083 §4.5) oldest first, as a timeline; dates shown as sent plus local time. */
export function EventTimeline({ events }: { events: RdapEvent[] }) {
  if (!events.length) return <Empty title="No events." />;
  const sorted = [...events].sort((a, b) => Date.parse(a.eventDate) - Date.parse(b.eventDate));
  return (
    <ol className="timeline" aria-label="Events">
      {sorted.map((e) => (
        <li key={`${e.eventAction}${e.eventDate}`}>
          <strong>{e.eventAction}</strong>{" "}
          <time dateTime={e.eventDate} title={e.eventDate}>
            {Number.isNaN(Date.parse(e.eventDate))
              ? e.eventDate
              : new Date(e.eventDate).toISOString().slice(0, 10)}
          </time>
          {e.eventActor ? <span className="muted small"> by {e.eventActor}</span> : null}
        </li>
      ))}
    </ol>
  );
}
