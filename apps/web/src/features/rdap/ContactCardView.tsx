import type { ContactCard } from "@netops/protocols/rdap";
import { Empty } from "../../components/StateView";

/** A jCard (RFC 7095) as a person reads a business card; missing parts are simply absent. */
export function ContactCardView({ card, roles }: { card: ContactCard | undefined; roles?: string[] }) {
  if (!card) return <Empty title="No contact card (or one that could not be decoded)." />;
  const name = card.fn ?? [...(card.name?.given ?? []), ...(card.name?.family ?? [])].join(" ");
  return (
    <address className="card rdap-contact" aria-label={`Contact ${name || "without a name"}`}>
      <p>
        <strong>{name || "(no name)"}</strong>
        {card.kind ? <span className="muted small"> · {card.kind}</span> : null}
        {roles?.length ? <span className="muted small"> · {roles.join(", ")}</span> : null}
      </p>
      {card.org.length ? <p>{card.org.join(", ")}</p> : null}
      {card.title || card.role ? (
        <p className="muted">{[card.title, card.role].filter(Boolean).join(", ")}</p>
      ) : null}
      {card.addresses.map((a) => (
        <p key={`${a.label ?? ""}${a.street.join()}${a.locality ?? ""}`} className="small">
          {a.label ??
            [...a.street, a.locality, a.region, a.postalCode, a.country ?? a.countryCode]
              .filter(Boolean)
              .join(", ")}
        </p>
      ))}
      <ul className="inline-list small">
        {card.emails.map((e) => (
          <li key={e.address}>
            <a href={`mailto:${e.address}`}>{e.address}</a>
          </li>
        ))}
        {card.phones.map((p) => (
          <li key={p.number}>
            {p.types.length ? `${p.types.join("/")}: ` : ""}
            {p.number.replace(/^tel:/, "")}
            {p.extension ? ` ext. ${p.extension}` : ""}
          </li>
        ))}
        {card.urls.map((u) => (
          <li key={u}>{u}</li>
        ))}
      </ul>
    </address>
  );
}
