import type { Notice } from "@netops/protocols/rdap";

/** Notices (top level) and remarks (per object): title, text, links. */
export function Notices({ items, label }: { items: Notice[]; label: string }) {
  if (!items.length) return null;
  return (
    <section aria-label={label}>
      <h3>{label}</h3>
      {items.map((n, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: server data shown in the order sent, never reordered
        <div key={`${n.title ?? ""}${i}`} className="note small">
          {n.title ? <strong>{n.title}</strong> : null}
          {n.type ? <span className="muted"> ({n.type})</span> : null}
          {n.description.map((d, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: server data shown in the order sent, never reordered
            <p key={`${j}${d.slice(0, 20)}`}>{d}</p>
          ))}
          {n.links.map((l) => (
            <p key={l.href}>
              <a href={l.href} target="_blank" rel="noreferrer noopener">
                {l.title ?? l.href}
              </a>
            </p>
          ))}
        </div>
      ))}
    </section>
  );
}
