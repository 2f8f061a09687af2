import type { Redaction } from "@netops/protocols/rdap";

/** RFC 9537 redactions: what was withheld, why and how — shown as withheld, never as empty data. */
export function Redactions({ items }: { items: Redaction[] }) {
  if (!items.length) return null;
  return (
    <section aria-label="Redactions" className="callout">
      <h3>Redacted by the server</h3>
      <ul>
        {items.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: server data shown in the order sent, never reordered
          <li key={`${r.name.type ?? r.name.description}${i}`}>
            <strong>{r.name.type ?? r.name.description ?? "unnamed field"}</strong> — {r.method}
            {r.reason ? <span className="muted">: {r.reason.type ?? r.reason.description}</span> : null}
            {(r.prePath ?? r.postPath) ? <code className="small"> {r.prePath ?? r.postPath}</code> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
